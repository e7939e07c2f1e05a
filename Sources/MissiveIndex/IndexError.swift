/// Errors from building, opening or reading an index. Each describes the problem; what to do
/// about it is for the application to say (the `missive` command adds its advice).
public enum IndexError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Writing a new index failed (a full disk, a write error, a file-size limit); the previous
    /// index at `index`, if any, is unchanged and the build's temporary files are removed.
    case writeFailed(index: String, file: String, reason: String)
    /// The index file does not exist.
    case notFound(path: String)
    /// A file or folder could not be read or written; `reason` is the system's message.
    case io(path: String, reason: String)
    /// The file is not a Missive index.
    case notAnIndex(path: String)
    /// The index was written by an incompatible format version.
    case unsupportedVersion(found: UInt32, expected: UInt32)
    /// The index is damaged: a checksum, length, offset or count is wrong.
    case corrupt(String)
    /// The folder to index does not exist or is not a folder.
    case notAFolder(path: String)
    /// No letter in the folder could be indexed.
    case noLetters(path: String)
    /// No stored letter has this path.
    case letterNotFound(path: String)
    /// A prefix or pattern matches more terms than a query may expand to.
    case tooManyTerms(limit: Int)

    /// A one-line description.
    public var description: String {
        switch self {
        case .notFound(let path): return "no index at \(path)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .writeFailed(let index, let file, let reason):
            let place = file == index ? "" : " (writing \(file))"
            return "could not write the index \(index)\(place): \(reason); the previous index, if any, is unchanged"
        case .notAnIndex(let path): return "\(path) is not a Missive index"
        case .unsupportedVersion(let found, let expected):
            return found < expected
                ? "the index is of an older format (\(found)) than this missive reads (\(expected))"
                : "the index is of a newer format (\(found)) than this missive reads (\(expected)); use a newer missive"
        case .corrupt(let detail): return "the index is damaged: \(detail)"
        case .notAFolder(let path): return "\(path) is not a folder of letters"
        case .noLetters(let path): return "no letters could be indexed in \(path)"
        case .letterNotFound(let path): return "no letter with path \(path) in the index"
        case .tooManyTerms(let limit): return "the prefix matches more than \(limit) terms"
        }
    }
}
