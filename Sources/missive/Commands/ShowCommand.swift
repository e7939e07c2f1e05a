import MissiveIndex

/// `missive show`: prints a stored letter.
enum ShowCommand {
    static let usage = """
    Usage: missive show PATH [--index PATH]

    Prints a stored letter. PATH is the letter's path as search prints it: from the working
    folder, absolute, or as stored in the index (relative to the folder it was built from; a path
    with leading folders, such as Corpus/NAME.txt, is also found).
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: [])
        guard parsed.positionals.count == 1 else { throw UsageError("show takes one letter path") }
        let reader = try IndexReader(path: parsed.options["index"] ?? MissiveCommand.defaultIndex)
        var text = try reader.letter(try letterID(parsed.positionals[0], in: reader)).fileText
        if !text.hasSuffix("\n") { text += "\n" }
        print(text, terminator: "")
    }

    /// The letter a user names by path: from the working folder, absolute, or as stored (a path
    /// with leading folders, such as Corpus/NAME.txt, also found).
    static func letterID(_ wanted: String, in reader: IndexReader) throws -> LetterID {
        var candidates: [String] = LetterPaths(reader).stored(forGiven: wanted).map { [$0] } ?? []
        var parts = wanted.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while !parts.isEmpty {
            candidates.append(parts.joined(separator: "/"))
            parts.removeFirst()
        }
        for candidate in candidates {
            if let id = try reader.letterID(atPath: candidate) { return id }
        }
        throw IndexError.letterNotFound(path: wanted)
    }
}
