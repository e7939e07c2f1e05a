import MissiveIndex

/// `missive stats`: what the index holds and where it came from.
enum StatsCommand {
    static let usage = """
    Usage: missive stats [--index PATH] [--json]

    Prints the folder the index was built from and when, its letters (and those deleted since but
    not yet merged away), segments, terms and postings, and the bytes of each kind of section.
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: ["json"])
        try parsed.noPositionals("stats")
        let path = parsed.options["index"] ?? MissiveCommand.defaultIndex
        let reader = try IndexReader(path: path)
        let manifest = reader.manifest
        let terms = reader.segments.reduce(0) { $0 + $1.termCount }
        let built = Clock.utcText(nanoseconds: manifest.built)
        if parsed.flags.contains("json") {
            print(JSON.object([
                ("index", .string(path)),
                ("corpus", .string(manifest.corpus)),
                ("resolvedCorpus", .string(manifest.resolvedCorpus)),
                ("built", .string(built)),
                ("letters", .integer(reader.letterCount)),
                ("deleted", .integer(reader.deletedLetterCount)),
                ("segments", .array(manifest.segments.map {
                    .object([("name", .string($0.name)), ("letters", .integer($0.letters)), ("deleted", .integer($0.deleted))])
                })),
                ("terms", .integer(terms)),
                ("analyzer", .string(reader.analyzer.name)),
                ("postings", .integer(reader.postingsCount)),
                ("words", .integer(reader.totalTextTokens)),
                ("bytes", .integer(reader.fileSize)),
                ("sections", .object(reader.sectionBytes.map { ($0.kind.name, JSON.integer($0.bytes)) })),
            ]).text)
            return
        }
        print("index     \(path)")
        print("corpus    \(manifest.corpus)" + (manifest.corpus == manifest.resolvedCorpus ? "" : " (\(manifest.resolvedCorpus))"))
        print("built     \(built)")
        print("letters   \(Terminal.count(reader.letterCount))" + (reader.deletedLetterCount > 0 ? " (and \(Terminal.count(reader.deletedLetterCount)) deleted, dropped at the next merge)" : ""))
        print("segments  \(manifest.segments.count): " + manifest.segments.map { "\($0.name) \(Terminal.count($0.letters - $0.deleted))" }.joined(separator: ", "))
        print("terms     \(Terminal.count(terms))" + (manifest.segments.count > 1 ? " (summed over the segments)" : ""))
        print("analyzer  \(reader.analyzer.name)")
        print("postings  \(Terminal.count(reader.postingsCount))")
        print("words     \(Terminal.count(reader.totalTextTokens))")
        print("bytes     \(Terminal.count(reader.fileSize))")
        for (kind, bytes) in reader.sectionBytes {
            let share = reader.fileSize > 0 ? Double(bytes) * 100 / Double(reader.fileSize) : 0
            print("  \(kind.name.rightPadded(12)) \(Terminal.count(bytes).leftPadded(14)) bytes  \(Terminal.fixed(share, 1).leftPadded(5))%")
        }
    }
}
