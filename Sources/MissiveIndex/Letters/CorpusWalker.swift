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
        /// Unreadable folders or entries: path and reason.
        public var problems: [(path: String, reason: String)]
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
        listing.folders.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        listing.files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return listing
    }

    private static func walk(_ folder: String, relative: String, root: String, status: FileStatus,
                             visited: inout Set<FileIdentity>, into listing: inout Listing) {
        guard visited.insert(status.identity).inserted else { return }
        listing.folders.append((relative, status.modified))
        let names: [String]
        do {
            names = try FileSystem.names(inFolder: folder)
        } catch {
            listing.problems.append((folder, error.description))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            let child: FileStatus
            do {
                child = try FileSystem.status(of: full)
            } catch {
                // A dangling link or an entry we may not look at.
                if isLetterName(name) { listing.problems.append((full, error.description)) }
                continue
            }
            switch child.kind {
            case .folder:
                walk(full, relative: rel, root: root, status: child, visited: &visited, into: &listing)
            case .regularFile where isLetterName(name):
                listing.files.append(LetterFile(relativePath: rel, root: root, byteCount: child.size, modified: child.modified))
            default:
                continue
            }
        }
    }

    /// Whether a file name is a letter's (`*.txt`, any case).
    static func isLetterName(_ name: String) -> Bool { name.lowercased().hasSuffix(".txt") }
}
