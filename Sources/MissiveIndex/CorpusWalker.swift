#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A letter file found under the folder being indexed.
public struct LetterFile: Hashable, Sendable {
    /// The path relative to the indexed folder, with `/` separators.
    public var relativePath: String
    /// The indexed folder (one string shared by every file of a listing).
    public var root: String
    /// The file's size when it was listed (for sharing work between threads).
    public var byteCount: Int = 0

    /// The path to open.
    public var fullPath: String { root.hasSuffix("/") ? root + relativePath : root + "/" + relativePath }

    /// A file at `relativePath` under `root`.
    public init(relativePath: String, root: String, byteCount: Int = 0) {
        self.relativePath = relativePath
        self.root = root
        self.byteCount = byteCount
    }

    /// Roughly what one listed file costs in memory (for the build's memory budget).
    static let estimatedMemory = 160
}

/// Finds the `*.txt` files under a folder, recursively, in a stable order.
///
/// Hidden entries (names starting with `.`) are passed over; symbolic links are followed, but
/// each folder is visited once, so a link loop ends. Folders that cannot be read are reported,
/// not fatal.
public enum CorpusWalker {
    /// The files found and the folders that could not be read (with the reason).
    public struct Listing: Sendable {
        /// Letter files, sorted by relative path (byte order).
        public var files: [LetterFile]
        /// Unreadable folders or entries: path and reason.
        public var problems: [(path: String, reason: String)]
    }

    /// Lists the letter files under `root`.
    public static func list(_ root: String) throws -> Listing {
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw IndexError.notAFolder(path: root)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw IndexError.notAFolder(path: root) }
        var listing = Listing(files: [], problems: [])
        var visited = Set<[UInt64]>()
        walk(root, relative: "", root: root, info: info, visited: &visited, into: &listing)
        listing.files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return listing
    }

    private static func walk(_ folder: String, relative: String, root: String, info: stat, visited: inout Set<[UInt64]>, into listing: inout Listing) {
        guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let handle = opendir(folder) else {
            listing.problems.append((folder, systemMessage(errno)))
            return
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names {
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var child = stat()
            guard stat(full, &child) == 0 else {
                // A dangling link or an entry we may not look at.
                if name.lowercased().hasSuffix(".txt") { listing.problems.append((full, systemMessage(errno))) }
                continue
            }
            switch child.st_mode & S_IFMT {
            case S_IFDIR:
                walk(full, relative: rel, root: root, info: child, visited: &visited, into: &listing)
            case S_IFREG where name.lowercased().hasSuffix(".txt"):
                listing.files.append(LetterFile(relativePath: rel, root: root, byteCount: Int(child.st_size)))
            default:
                continue
            }
        }
    }
}

/// The system's message for an `errno` value.
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Reads a whole file into memory.
func readWholeFile(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
    // One spare byte, so the read that finds the end needs no growth (the file may also grow).
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var filled = 0
    while true {
        if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
        let got = bytes.withUnsafeMutableBytes { buffer in
            read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
        }
        if got < 0 {
            if errno == EINTR { continue }
            throw IndexError.io(path: path, reason: systemMessage(errno))
        }
        if got == 0 { break }
        filled += got
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
}

extension LetterParser {
    /// Reads and parses the letter file at `file`; also returns how many bytes the file held
    /// (0 when it could not be read). A file that cannot be read is skipped as unreadable.
    public static func read(_ file: LetterFile) -> (result: LetterReadResult, byteCount: Int) {
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(file.fullPath)
        } catch let error as IndexError {
            if case .io(_, let reason) = error { return (.skipped(.unreadable(reason)), 0) }
            return (.skipped(.unreadable(error.description)), 0)
        } catch {
            return (.skipped(.unreadable("\(error)")), 0)
        }
        return (parse(bytes: bytes, path: file.relativePath), bytes.count)
    }
}
