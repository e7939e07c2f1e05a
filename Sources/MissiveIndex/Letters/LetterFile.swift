/// A letter file found under the folder being indexed.
public struct LetterFile: Hashable, Sendable {
    /// The path relative to the indexed folder, with `/` separators.
    public var relativePath: String
    /// The indexed folder (one string shared by every file of a listing).
    public var root: String
    /// The file's size when it was listed.
    public var byteCount: Int = 0
    /// The file's modification time when it was listed, nanoseconds since 1970.
    public var modified: Int64 = 0

    /// The path to open.
    public var fullPath: String { root.hasSuffix("/") ? root + relativePath : root + "/" + relativePath }

    /// A file at `relativePath` under `root`.
    public init(relativePath: String, root: String, byteCount: Int = 0, modified: Int64 = 0) {
        self.relativePath = relativePath
        self.root = root
        self.byteCount = byteCount
        self.modified = modified
    }
}
