import MissiveIndex
import MissiveQuery

/// `missive search`: finds letters, or charts or counts them.
enum SearchCommand {
    static let usage = """
    Usage: missive search QUERY... [--index PATH] [--limit N|all] [--sort score|date|-date] [--fragments N]
                         [--json | --json-lines | --paths | --csv] [--timeline [--by year|month] [--share]]
                         [--facets from|to] [--kwic [--width N]] [--color auto|always|never]

    Finds the letters matching QUERY, best first (BM25), with a snippet of each.
      --index PATH         the index to search (default .missive; built from Corpus if missing)
      --limit N|all        how many letters (or senders/recipients with --facets) to show (default 10)
      --sort ORDER         score (default), date (earliest first) or -date (latest first)
      --fragments N        show up to N passages of each letter (default 1)
      --json               print one JSON object: {"query", "parsed", "total", "hits": [...]}
      --json-lines         print one JSON object per hit, one per line (for jq)
      --paths              print only the hits' file paths, one per line (for xargs)
      --csv                print path, date, from, to, title, score and file as CSV (RFC 4180)
      --timeline           chart how many matching letters fall in each year, and their share of
                           all the year's letters (with --json: as JSON)
      --by year|month      the timeline's periods (with --timeline only)
      --share              draw the timeline's bars by share rather than by count
      --kwic               a concordance: every occurrence of the query's words and phrases, one per
                           line, the match in a column with its context, then date and path; --sort
                           date (default), path or next (the word after the match); --limit N lines;
                           --json-lines gives each match's byte range in the letter's body
      --width N            characters of context either side with --kwic (default 40)
      --facets from|to     list the senders or recipients of the matching letters, with counts
                           (with --limit and --json only)
      --color WHEN         bold matches: auto (default: on a terminal, unless NO_COLOR is set or
                           TERM=dumb), always (e.g. for less -R) or never

    Paths print relative to the working folder when the letter lies under it, else absolute.
    When nothing matches, a corrected query is suggested on stderr ("suggestion" in --json).

    Examples:
      missive search second front
      missive search '"second front"'
      missive search 'from:roosevelt bern'
      missive search 'convoy* -murmansk date:1942..1943'
      missive search 'japan OR japanese' --timeline --share
      missive search 'type:cablegram' --csv --limit all > cables.csv
      missive search '"second front"' --kwic --sort next
      missive search 'type:cablegram' --facets from
      missive search poland --sort date --paths --limit all

    """ + QueryHelp.text

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "limit", "sort", "by", "facets", "fragments", "color", "width"],
                                   switches: ["json", "json-lines", "paths", "timeline", "share", "csv", "kwic"])
        let limit = parsed.options["limit"] == "all" ? Int.max : try parsed.positiveInteger("limit", default: 10)
        let queryText = parsed.positionals.joined(separator: " ")
        guard queryText.contains(where: { !$0.isWhitespace }) else { throw UsageError("search needs a query") }
        let kwic = parsed.flags.contains("kwic")
        let sortText = parsed.options["sort"] ?? (kwic ? "date" : "score")
        let order = ResultOrder(rawValue: sortText) ?? .score
        let concordanceOrder = ConcordanceOrder(rawValue: sortText) ?? .date
        if kwic {
            guard ConcordanceOrder(rawValue: sortText) != nil else { throw UsageError("--sort takes date, path or next with --kwic, not '\(sortText)'") }
        } else {
            guard ResultOrder(rawValue: sortText) != nil else { throw UsageError("--sort takes score, date or -date, not '\(sortText)'") }
        }
        let byText = parsed.options["by"] ?? "year"
        guard let period = TimelinePeriod(rawValue: byText) else { throw UsageError("--by takes year or month, not '\(byText)'") }
        let colorText = parsed.options["color"] ?? "auto"
        guard let color = Terminal.ColorChoice(rawValue: colorText) else { throw UsageError("--color takes auto, always or never, not '\(colorText)'") }
        Terminal.colorChoice = color
        try checkCombinations(parsed)
        let reader = try openIndex(explicit: parsed.options["index"])
        var searcher = Searcher(index: reader)
        searcher.fragments = try parsed.positiveInteger("fragments", default: 1)
        guard searcher.fragments <= 100 else { throw UsageError("--fragments must be at most 100") }
        let query = try Query(parsing: queryText)
        try checkHeaderKeys(of: query, with: searcher)
        let json = parsed.flags.contains("json")
        let paths = LetterPaths(reader)
        if kwic {
            let width = try parsed.positiveInteger("width", default: 40)
            guard width <= 1000 else { throw UsageError("--width must be at most 1000") }
            return try ConcordancePrinter.print(searcher, query, width: width, order: concordanceOrder, limit: parsed.options["limit"] == nil ? .max : limit,
                                                jsonLines: parsed.flags.contains("json-lines"), paths: paths)
        }

        if parsed.flags.contains("timeline") {
            let timeline = try searcher.timeline(query, by: period)
            if json {
                print(ResultsJSON.timeline(timeline, queryText: queryText, query: query, period: period).text)
            } else {
                TimelineChart.print(timeline, byShare: parsed.flags.contains("share"))
            }
            return
        }
        if let facetText = parsed.options["facets"] {
            guard let field = FacetField(rawValue: facetText) else { throw UsageError("--facets takes from or to, not '\(facetText)'") }
            let counts = try searcher.facets(query, field: field, limit: limit)
            if json {
                print(ResultsJSON.facets(counts, queryText: queryText, query: query, field: field).text)
            } else {
                ResultsPrinter.printFacets(counts)
            }
            return
        }
        if parsed.flags.contains("paths") {
            // Paths alone: no stored letter is read, no snippet made.
            let found = try searcher.paths(query, limit: limit, order: order)
            for path in found.paths { print(paths.openable(path)) }
            if found.total == 0, let suggestion = try searcher.suggestion(for: queryText, query: query) {
                Terminal.error("Did you mean: \(suggestion)")
            }
            return
        }
        if parsed.flags.contains("csv") {
            searcher.makesSnippets = false
            let results = try searcher.search(query, limit: limit, order: order)
            CSV.printHits(results.hits, paths: paths)
            return
        }
        let results = try searcher.search(query, limit: limit, order: order)
        let suggestion = results.total == 0 ? try searcher.suggestion(for: queryText, query: query) : nil
        if let suggestion, !json { Terminal.error("Did you mean: \(suggestion)") }
        let hints = results.total > 0 || suggestion == nil ? try searcher.spellingHints(for: query) : []
        if json {
            print(ResultsJSON.search(results, queryText: queryText, suggestion: suggestion, variants: hints, paths: paths).text)
        } else if parsed.flags.contains("json-lines") {
            for hit in results.hits { print(ResultsJSON.hit(hit, paths: paths).text) }
        } else {
            ResultsPrinter.print(results, order: order, paths: paths)
            for hint in hints {
                print("Also spelled: \(hint.variant) (\(Terminal.count(hint.variantLetters)) letter\(hint.variantLetters == 1 ? "" : "s")) — search '\(hint.word) OR \(hint.variant)'")
            }
        }
    }

    /// Throws a query error when `query` names a header key no letter has (`tpye:cable`).
    static func checkHeaderKeys(of query: Query, with searcher: Searcher) throws {
        let unknown = try searcher.unknownHeaderKeys(in: query)
        guard !unknown.isEmpty else { return }
        let keys = try searcher.headerKeys()
        let known = keys.isEmpty ? "the letters have no other headers" : "the headers are " + keys.map { $0 + ":" }.joined(separator: ", ")
        throw QueryError("no letter has a '\(unknown[0]):' header (from:, to:, title:, date:, and \(known))")
    }

    /// Options that would do nothing together are usage errors, never ignored.
    static func checkCombinations(_ parsed: Arguments) throws {
        try parsed.exclusive(["json", "json-lines", "paths", "csv"])
        if parsed.given("share"), parsed.given("json") { throw UsageError("--share does not apply to --json (which gives every period's share)") }
        try parsed.exclusive(["timeline", "facets"], " (run one, then the other)")
        try parsed.require("timeline", for: ["by", "share"])
        try parsed.require("kwic", for: ["width"])
        if parsed.given("kwic"), let stray = ["json", "paths", "csv", "timeline", "facets", "fragments"].first(where: parsed.given) {
            throw UsageError("--\(stray) does not apply to --kwic" + (stray == "json" ? " (use --json-lines)" : ""))
        }
        for summary in ["timeline", "facets"] where parsed.given(summary) {
            if let stray = ["json-lines", "paths", "csv", "sort", "fragments"].first(where: parsed.given) {
                throw UsageError("--\(stray) does not apply to --\(summary)" + (stray == "json-lines" ? " (use --json)" : ""))
            }
        }
        if parsed.given("timeline"), parsed.given("limit") { throw UsageError("--limit does not apply to --timeline (every period is shown)") }
        if parsed.given("fragments"), let stray = ["paths", "csv"].first(where: parsed.given) {
            throw UsageError("--fragments does not apply to --\(stray)")
        }
    }

    /// Opens the index to search. The default index (no `--index`) is built from `Corpus/` when
    /// missing and brought up to date first when its folder has changed; an index named with
    /// `--index` is only opened (a mistyped path is an error, never a new index), with a warning
    /// when its folder has changed since.
    static func openIndex(explicit: String?) throws -> IndexReader {
        guard let path = explicit else { return try openDefault(MissiveCommand.defaultIndex) }
        let reader = try IndexReader(path: path)
        if !IndexFreshness.isFresh(reader.manifest), let changes = try? IndexFreshness.changes(of: reader) {
            let count = changes.added + changes.changed + changes.removed
            if count > 0 {
                Terminal.error("warning: the index is older than \(reader.manifest.corpus)/ (\(Terminal.count(count)) letter\(count == 1 ? "" : "s") changed); run 'missive index --index \(path)' to update")
            }
        }
        return reader
    }

    /// The default index, built or brought up to date first when it needs to be.
    static func openDefault(_ path: String) throws -> IndexReader {
        let corpus = MissiveCommand.defaultCorpus
        let reader: IndexReader
        do {
            reader = try IndexReader(path: path)
        } catch IndexError.notFound {
            guard Console.isFolder(corpus) else { throw IndexError.notFound(path: path) }
            try IndexCommand.refreshDefault(at: path, reason: "No index at \(path); building it from \(corpus)/ first.")
            return try IndexReader(path: path)
        } catch IndexError.unsupportedVersion where Console.isFolder(corpus) {
            try IndexCommand.refreshDefault(at: path, reason: "The index at \(path) is of an earlier format; rebuilding it from \(corpus)/ first.")
            return try IndexReader(path: path)
        }
        guard !IndexFreshness.isFresh(reader.manifest) else { return reader }
        try IndexCommand.refreshDefault(at: path, reason: "\(reader.manifest.corpus)/ has changed; updating the index first.")
        return try IndexReader(path: path)
    }
}
