import MissiveIndex
import MissiveQuery

/// `missive correspondents`: who wrote to whom, how often, from when to when.
enum CorrespondentsCommand {
    static let usage = """
    Usage: missive correspondents [QUERY...] [--index PATH] [--limit N|all] [--json | --csv]

    Lists each sender → recipient pair among the letters matching QUERY (every letter without
    one), with its number of letters and the first and last date, most letters first. Names are
    grouped as from: and to: match them (case, accents and punctuation aside) and shown as most
    of the pair's letters write them.
      --index PATH     the index (default .missive; built from Corpus if missing)
      --limit N|all    how many pairs to show (default all)
      --json           {"query", "parsed", "pairs": [{"from", "to", "letters", "first", "last"}]}
      --csv            from, to, letters, first, last as CSV (RFC 4180)

    Examples:
      missive correspondents --limit 5
      missive correspondents 'japan*' --csv
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "limit"], switches: ["json", "csv"])
        try parsed.exclusive(["json", "csv"])
        // Every pair by default, as `--limit all`.
        let limit = (parsed.options["limit"] ?? "all") == "all" ? Int.max : try parsed.positiveInteger("limit", default: 10)
        let queryText = parsed.positionals.joined(separator: " ")
        let reader = try SearchCommand.openIndex(explicit: parsed.options["index"])
        let searcher = Searcher(index: reader)
        let query = queryText.contains(where: { !$0.isWhitespace }) ? try Query(parsing: queryText) : nil
        let pairs = Array(try searcher.correspondents(query).prefix(limit))
        func date(_ value: LetterDate?) -> String { value?.description ?? "" }
        if parsed.flags.contains("json") {
            print(ResultsJSON.correspondents(pairs, queryText: queryText, query: query).text)
            return
        }
        if parsed.flags.contains("csv") {
            print(CSV.row(["from", "to", "letters", "first", "last"]) + pairs.map {
                CSV.row([$0.from, $0.to, String($0.letters), date($0.first), date($0.last)])
            }.joined(), terminator: "")
            return
        }
        guard !pairs.isEmpty else { return print("No letters match.") }
        let width = pairs.map { Terminal.count($0.letters).count }.max() ?? 1
        // One write for the whole listing (thousands of lines for a large archive).
        var out = ""
        for pair in pairs {
            let span = Terminal.dateSpan(pair.first, pair.last)
            out += Terminal.count(pair.letters).leftPadded(width) + "  " + "\(pair.from.isEmpty ? "?" : pair.from) → \(pair.to.isEmpty ? "?" : pair.to)" + "  (\(span))\n"
        }
        print(out, terminator: "")
    }
}
