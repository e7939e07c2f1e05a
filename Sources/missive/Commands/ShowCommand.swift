import MissiveIndex

/// `missive show`: prints a stored letter.
enum ShowCommand {
    static let usage = """
    Usage: missive show PATH [--index PATH]

    Prints a stored letter. PATH is the letter's path as search prints it (a path with leading
    folders, such as Corpus/NAME.txt, is also found).
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: [])
        guard parsed.positionals.count == 1 else { throw UsageError("show takes one letter path") }
        let reader = try IndexReader(path: parsed.options["index"] ?? MissiveCommand.defaultIndex)
        let wanted = parsed.positionals[0]
        var parts = wanted.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while !parts.isEmpty {
            if let id = try reader.letterID(atPath: parts.joined(separator: "/")) {
                var text = try reader.letter(id).fileText
                if !text.hasSuffix("\n") { text += "\n" }
                print(text, terminator: "")
                return
            }
            parts.removeFirst()
        }
        throw IndexError.letterNotFound(path: wanted)
    }
}
