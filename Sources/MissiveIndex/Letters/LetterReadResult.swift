/// Why a file was not indexed.
public enum SkipReason: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file has no bytes, or only white space.
    case empty
    /// The file holds NUL bytes: it is not text.
    case binary
    /// The file or folder could not be read; the system's message.
    case unreadable(String)

    /// A short phrase for summaries ("empty", "binary", "unreadable").
    public var category: String {
        switch self {
        case .empty: return "empty"
        case .binary: return "binary"
        case .unreadable: return "unreadable"
        }
    }

    /// A description for warnings.
    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file (contains NUL bytes)"
        case .unreadable(let reason): return "unreadable: \(reason)"
        }
    }
}

/// The outcome of reading one letter file.
public enum LetterReadResult: Sendable {
    /// The letter, with any warnings about how it was read (encoding, header).
    case letter(Letter, warnings: [String])
    /// The file was not indexed.
    case skipped(SkipReason)
}
