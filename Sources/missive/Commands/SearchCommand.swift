import MissiveIndex
import MissiveQuery

/// `missive search`: finds letters, or charts or counts them.
enum SearchCommand {
    static let usage = """
    Usage: missive search QUERY... [--index PATH] [--limit N|all] [--sort score|date|-date] [--fragments N]
                         [--json | --json-lines | --paths] [--timeline [--by year|month]] [--facets from|to]

    Finds the letters matching QUERY, best first (BM25), with a snippet of each.
      --index PATH         the index to search (default .missive; built from Corpus if missing)
      --limit N|all        how many letters (or senders/recipients with --facets) to show (default 10)
      --sort ORDER         score (default), date (earliest first) or -date (latest first)
      --json               print one JSON object: {"query", "parsed", "total", "hits": [...]}
      --json-lines         print one JSON object per hit, one per line (for jq)
      --paths              print only the paths of the hits, one per line (for xargs)
      --timeline           chart how many matching letters fall in each year (--by month: month)
      --facets from|to     list the senders or recipients of the matching letters, with counts
      --fragments N        show up to N passages of each letter (default 1)

    Words may be fuzzy: recd~ matches words one edit away (received, recd, read…), genl~2 two.
    When nothing matches, a corrected query is suggested on stderr ("suggestion" in --json).

    Examples:
      missive search second front
      missive search '"second front"'
      missive search 'from:roosevelt bern'
      missive search 'convoy* -murmansk date:1942..1943'
      missive search '"second front"' --timeline --by month
      missive search convoy --facets from
      missive search poland --sort date --paths --limit all
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "limit", "sort", "by", "facets", "fragments"],
                                   switches: ["json", "json-lines", "paths", "timeline"])
        let limit = parsed.options["limit"] == "all" ? Int.max : try parsed.positiveInteger("limit", default: 10)
        let queryText = parsed.positionals.joined(separator: " ")
        guard queryText.contains(where: { !$0.isWhitespace }) else { throw UsageError("search needs a query") }
        let sortText = parsed.options["sort"] ?? "score"
        guard let order = ResultOrder(rawValue: sortText) else { throw UsageError("--sort takes score, date or -date, not '\(sortText)'") }
        let byText = parsed.options["by"] ?? "year"
        guard let period = TimelinePeriod(rawValue: byText) else { throw UsageError("--by takes year or month, not '\(byText)'") }
        let outputs = ["json", "json-lines", "paths"].filter { parsed.flags.contains($0) }
        guard outputs.count <= 1 else { throw UsageError("choose one of --json, --json-lines and --paths") }
        let reader = try openIndex(explicit: parsed.options["index"])
        var searcher = Searcher(index: reader)
        searcher.fragments = try parsed.positiveInteger("fragments", default: 1)
        guard searcher.fragments <= 100 else { throw UsageError("--fragments must be at most 100") }
        let query = try Query(parsing: queryText)
        let json = parsed.flags.contains("json")

        if parsed.flags.contains("timeline") {
            let timeline = try searcher.timeline(query, by: period)
            if json {
                print(ResultsJSON.timeline(timeline, queryText: queryText, query: query, period: period).text)
            } else {
                TimelineChart.print(timeline)
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
        let results = try searcher.search(query, limit: limit, order: order)
        let suggestion = results.total == 0 ? try searcher.suggestion(for: queryText, query: query) : nil
        if let suggestion, !json { Terminal.error("Did you mean: \(suggestion)") }
        if json {
            print(ResultsJSON.search(results, queryText: queryText, suggestion: suggestion).text)
        } else if parsed.flags.contains("json-lines") {
            for hit in results.hits { print(ResultsJSON.hit(hit).text) }
        } else if parsed.flags.contains("paths") {
            for hit in results.hits { print(hit.path) }
        } else {
            ResultsPrinter.print(results)
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
