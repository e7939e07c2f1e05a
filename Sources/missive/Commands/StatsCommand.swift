import MissiveIndex

/// `missive stats`: what the index holds.
enum StatsCommand {
    static let usage = """
    Usage: missive stats [--index PATH] [--json]

    Prints the number of letters, terms and postings, and the bytes of each index section.
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: ["json"])
        let path = parsed.options["index"] ?? MissiveCommand.defaultIndex
        let reader = try IndexReader(path: path)
        if parsed.flags.contains("json") {
            print(JSON.object([
                ("index", .string(path)),
                ("letters", .integer(reader.letterCount)),
                ("terms", .integer(reader.termCount)),
                ("analyzer", .string(reader.analyzer.name)),
                ("postings", .integer(reader.postingsCount)),
                ("words", .integer(reader.totalTextTokens)),
                ("bytes", .integer(reader.fileSize)),
                ("sections", .object(reader.sections.map { ($0.kind.name, JSON.integer($0.length)) })),
            ]).text)
            return
        }
        print("index     \(path)")
        print("letters   \(Terminal.count(reader.letterCount))")
        print("terms     \(Terminal.count(reader.termCount))")
        print("analyzer  \(reader.analyzer.name)")
        print("postings  \(Terminal.count(reader.postingsCount))")
        print("words     \(Terminal.count(reader.totalTextTokens))")
        print("bytes     \(Terminal.count(reader.fileSize))")
        for section in reader.sections {
            let share = reader.fileSize > 0 ? Double(section.length) * 100 / Double(reader.fileSize) : 0
            print("  \(section.kind.name.rightPadded(12)) \(Terminal.count(section.length).leftPadded(14)) bytes  \(Terminal.fixed(share, 1).leftPadded(5))%")
        }
    }
}
