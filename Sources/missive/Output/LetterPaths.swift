import MissiveIndex

/// Letter paths as a user can open them. The index stores each letter's path relative to the
/// folder it was built from; printed, a path is relative to the working folder when the letter
/// lies under it and absolute otherwise, so `--paths | xargs cat` works from anywhere.
struct LetterPaths {
    /// The corpus folder as resolved when the index was built (absolute).
    let corpus: String
    /// The working folder (absolute), when it can be found.
    let workingFolder: String?

    init(_ reader: IndexReader) {
        corpus = reader.manifest.resolvedCorpus
        workingFolder = Console.workingFolder
    }

    /// The file of the letter stored as `stored`, as a path that opens from the working folder.
    func openable(_ stored: String) -> String {
        let absolute = Self.joined(corpus, stored)
        if let workingFolder, workingFolder != "/" {
            let base = workingFolder.hasSuffix("/") ? workingFolder : workingFolder + "/"
            if absolute.hasPrefix(base) { return String(absolute.dropFirst(base.count)) }
        }
        return absolute
    }

    /// The stored path of a file given as a path from the working folder or an absolute path,
    /// when that file lies in the corpus folder.
    func stored(forGiven given: String) -> String? {
        let absolute = given.hasPrefix("/") ? given : workingFolder.map { Self.joined($0, given) } ?? given
        let normalised = Self.normalised(absolute)
        let base = corpus.hasSuffix("/") ? corpus : corpus + "/"
        return normalised.hasPrefix(base) ? String(normalised.dropFirst(base.count)) : nil
    }

    private static func joined(_ folder: String, _ path: String) -> String {
        folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// An absolute path with `.` and `..` resolved and repeated slashes dropped (lexically).
    private static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
