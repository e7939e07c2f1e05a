/// Finds the `*.txt` files under a folder, recursively, in a stable order.
///
/// Hidden entries (names starting with `.`) are passed over; symbolic links are followed, but
/// each folder is visited once, so a link loop ends. Folders that cannot be read are reported,
/// not fatal.
public enum CorpusWalker {
    /// The files found, the folders walked and the entries that could not be read (with the reason).
    public struct Listing: Sendable {
        /// Letter files, sorted by relative path (byte order).
        public var files: [LetterFile]
        /// Unreadable folders or entries: path, reason, and whether it is a folder.
        public var problems: [(path: String, reason: String, isFolder: Bool)]
        /// Every folder walked, relative to the root ("" for the root), with its modification
        /// time (nanoseconds since 1970), sorted by path.
        public var folders: [(path: String, modified: Int64)] = []
    }

    /// Lists the letter files under `root`.
    public static func list(_ root: String) throws -> Listing {
        guard let status = try? FileSystem.status(of: root), status.kind == .folder else {
            throw IndexError.notAFolder(path: root)
        }
        var listing = Listing(files: [], problems: [])
        var visited = Set<FileIdentity>()
        walk(root, relative: "", root: root, status: status, visited: &visited, into: &listing)
        listing.folders.sort { ByteComparison.precedes($0.path, $1.path) }
        return listing
    }

    private static func walk(_ folder: String, relative: String, root: String, status: FileStatus,
                             visited: inout Set<FileIdentity>, into listing: inout Listing) {
        guard visited.insert(status.identity).inserted else { return }
        listing.folders.append((relative, status.modified))
        let entries: [(name: String, status: Result<FileStatus, SystemError>)]
        do {
            // Hidden entries, and regular files that are not letters, are not looked at.
            entries = try FileSystem.entries(inFolder: folder) { name, isRegularFile in
                !name.hasPrefix(".") && (isRegularFile != true || isLetterName(name))
            }
        } catch {
            listing.problems.append((folder, error.description, true))
            return
        }
        // Visiting a folder's entries in byte order, a folder's name followed by the `/` of the
        // paths below it, lists the whole tree in path order (`a.b/x` before `a/x`).
        let keys = entries.map { entry in
            if case .success(let status) = entry.status, status.kind == .folder { entry.name + "/" } else { entry.name }
        }
        for (name, result) in keys.indices.sorted(by: { ByteComparison.precedes(keys[$0], keys[$1]) }).lazy.map({ entries[$0] }) {
            let full = { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
            let child: FileStatus
            switch result {
            case .success(let status): child = status
            case .failure(let error):
                // A dangling link or an entry we may not look at.
                if isLetterName(name) { listing.problems.append((full(), error.description, false)) }
                continue
            }
            let rel = relative.isEmpty ? name : relative + "/" + name
            switch child.kind {
            case .folder:
                walk(full(), relative: rel, root: root, status: child, visited: &visited, into: &listing)
            case .regularFile where isLetterName(name):
                listing.files.append(LetterFile(relativePath: rel, root: root, byteCount: child.size, modified: child.modified))
            default:
                continue
            }
        }
    }

    /// Whether a file name is a letter's (`*.txt`, any case).
    static func isLetterName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            let count = bytes.count
            guard count >= 4 else { return false }
            return bytes[count - 4] == UInt8(ascii: ".") && bytes[count - 3] | 0x20 == UInt8(ascii: "t")
                && bytes[count - 2] | 0x20 == UInt8(ascii: "x") && bytes[count - 1] | 0x20 == UInt8(ascii: "t")
        }
    }
}
