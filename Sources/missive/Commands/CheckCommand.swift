import MissiveIndex

/// `missive check`: verifies an index, like Lucene's `CheckIndex`.
enum CheckCommand {
    static let usage = """
    Usage: missive check [--index PATH]

    Verifies the index: its manifest and deletions, and in every segment the header, format
    version, every section's checksum, and the structure of the dictionary, postings, positions,
    stored letters and sources. Exit status 1 when damaged.
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: [])
        try parsed.noPositionals("check")
        let path = parsed.options["index"] ?? MissiveCommand.defaultIndex
        let reader = try IndexReader(path: path)
        let report = IndexChecker(reader: reader).check()
        if report.problems.isEmpty {
            let segments = reader.segments.count == 1 ? "" : " in \(reader.segments.count) segments"
            print("\(path): OK (\(Terminal.count(reader.letterCount)) letters\(segments), \(Terminal.count(report.postingsChecked)) postings checked)")
            return
        }
        for problem in report.problems { Terminal.error("\(path): \(problem)") }
        let count = report.problems.count
        let rebuild = path == MissiveCommand.defaultIndex ? "missive index --rebuild" : "missive index --index \(path) --rebuild"
        throw CommandError("\(path) is damaged (\(count) problem\(count == 1 ? "" : "s") found); rebuild it with '\(rebuild)'")
    }
}
