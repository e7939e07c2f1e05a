#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MissiveIndex
import MissiveQuery

/// The subcommands. Each parses its arguments, calls the library and prints.
enum Commands {
    static let defaultIndex = ".missive"
    static let defaultCorpus = "Corpus"

    static let usage = """
    missive — full-text search for collections of letters

    Usage:
      missive search QUERY... [--index PATH] [--limit N] [--sort ORDER] [--json|--json-lines|--paths]
                              [--timeline [--by year|month]] [--facets from|to]
      missive index [DIR] [--index PATH] [--stem] [--memory MB] [--threads N]
      missive show PATH [--index PATH]
      missive stats [--index PATH] [--json]
      missive check [--index PATH]

    Run 'missive COMMAND --help' for a command's options. The index defaults to .missive and
    the folder to Corpus; 'search' builds the index from Corpus when it is missing.

    Query syntax: words are ANDed; OR; -word or NOT word; "exact phrase"; word* prefix;
    ( ) to group; from:NAME, to:NAME; date:1942, date:1942-03, date:1942-01..1942-06.
    """

    static func run(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw UsageError("no command given") }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h", "help":
            print(usage)
        case "--version":
            print("missive 0.2.0 (index format \(IndexReader.formatVersion))")
        case "search": try search(rest)
        case "index": try index(rest)
        case "show": try show(rest)
        case "stats": try stats(rest)
        case "check": try check(rest)
        default: throw UsageError("unknown command '\(command)'")
        }
    }

    static func wantsHelp(_ arguments: [String], _ text: String) -> Bool {
        guard arguments.contains("--help") || arguments.contains("-h") else { return false }
        print(text)
        return true
    }

    // MARK: search

    static let searchUsage = """
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

    static func search(_ arguments: [String]) throws {
        if wantsHelp(arguments, searchUsage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "limit", "sort", "by", "facets", "fragments"],
                                   switches: ["json", "json-lines", "paths", "timeline"])
        let limit = parsed.options["limit"] == "all" ? Int.max : try parsed.positiveInteger("limit", default: 10)
        let queryText = parsed.positionals.joined(separator: " ")
        guard !queryText.trimmingCharacters(in: .whitespaces).isEmpty else { throw UsageError("search needs a query") }
        let sortText = parsed.options["sort"] ?? "score"
        guard let sort = SortOrder(rawValue: sortText) else { throw UsageError("--sort takes score, date or -date, not '\(sortText)'") }
        let byText = parsed.options["by"] ?? "year"
        guard let period = TimelinePeriod(rawValue: byText) else { throw UsageError("--by takes year or month, not '\(byText)'") }
        let outputs = ["json", "json-lines", "paths"].filter { parsed.flags.contains($0) }
        guard outputs.count <= 1 else { throw UsageError("choose one of --json, --json-lines and --paths") }
        let indexPath = parsed.options["index"] ?? defaultIndex
        let reader = try openOrBuild(indexPath)
        var searcher = Searcher(index: reader)
        searcher.fragments = try parsed.positiveInteger("fragments", default: 1)
        guard searcher.fragments <= 100 else { throw UsageError("--fragments must be at most 100") }
        var queryParser = QueryParser()
        let query = try queryParser.parse(queryText)

        if parsed.flags.contains("timeline") {
            let timeline = try searcher.timeline(query, by: period)
            if parsed.flags.contains("json") {
                print(JSON.object([
                    ("query", .string(queryText)), ("parsed", .string(query.description)),
                    ("by", .string(period.rawValue)), ("undated", .integer(timeline.undated)),
                    ("timeline", .array(timeline.buckets.map { .object([("period", .string($0.period)), ("count", .integer($0.count))]) })),
                ]).text)
            } else {
                printTimeline(timeline)
            }
            return
        }
        if let facetText = parsed.options["facets"] {
            guard let field = ["from": IndexField.from, "to": IndexField.to][facetText] else {
                throw UsageError("--facets takes from or to, not '\(facetText)'")
            }
            let counts = try searcher.facets(query, field: field, limit: limit)
            if parsed.flags.contains("json") {
                print(JSON.object([
                    ("query", .string(queryText)), ("parsed", .string(query.description)), ("field", .string(facetText)),
                    ("facets", .array(counts.map { .object([("value", .string($0.value)), ("count", .integer($0.count))]) })),
                ]).text)
            } else if counts.isEmpty {
                print("No letters match.")
            } else {
                let width = counts.map { Terminal.count($0.count).count }.max() ?? 1
                for facet in counts {
                    let number = Terminal.count(facet.count)
                    print(String(repeating: " ", count: width - number.count) + number + "  " + facet.value)
                }
            }
            return
        }
        let results = try searcher.search(query, limit: limit, sort: sort)
        let suggestion = results.total == 0 ? try didYouMean(queryText, query: query, searcher: searcher) : nil
        if let suggestion, !parsed.flags.contains("json") { Terminal.error("Did you mean: \(suggestion)") }
        if parsed.flags.contains("json") {
            var object = searchJSON(queryText, results)
            if case .object(var members) = object {
                members.append(("suggestion", suggestion.map(JSON.string) ?? .null))
                object = .object(members)
            }
            print(object.text)
        } else if parsed.flags.contains("json-lines") {
            for hit in results.hits { print(hitJSON(hit).text) }
        } else if parsed.flags.contains("paths") {
            for hit in results.hits { print(hit.path) }
        } else {
            printResults(results)
        }
    }

    /// The query text with each word the index lacks replaced by the nearest word it holds,
    /// when that query matches something; nil otherwise.
    static func didYouMean(_ text: String, query: Query, searcher: Searcher) throws -> String? {
        let corrections = try searcher.corrections(for: query)
        guard !corrections.isEmpty else { return nil }
        var wordParser = QueryParser()
        // Replace whole words of the text (keeping quotes, signs and field prefixes around them).
        var output = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                let terms = (try? wordParser.parse(word)).flatMap { parsed -> String? in
                    if case .term(.text, let term) = parsed { return term }
                    return nil
                }
                output += terms.flatMap { corrections[$0] } ?? word
                word = ""
            }
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        var parser = QueryParser()
        guard output != text, let corrected = try? parser.parse(output), try searcher.search(corrected, limit: 1).total > 0 else { return nil }
        return output
    }

    /// A horizontal bar chart: one row per period, bars of Unicode blocks scaled to the width.
    static func printTimeline(_ timeline: Timeline) {
        guard !timeline.buckets.isEmpty || timeline.undated > 0 else {
            print("No letters match.")
            return
        }
        let largest = max(timeline.buckets.map(\.count).max() ?? 0, 1)
        let labelWidth = timeline.buckets.map(\.period.count).max() ?? 4
        let countWidth = Terminal.count(largest).count
        let barWidth = max(10, Terminal.columns - labelWidth - countWidth - 4)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for bucket in timeline.buckets {
            let units = bucket.count * barWidth * 8 / largest
            let bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            let label = bucket.period + String(repeating: " ", count: labelWidth - bucket.period.count)
            let number = Terminal.count(bucket.count)
            print(label + "  " + String(repeating: " ", count: countWidth - number.count) + number + "  " + bar)
        }
        let total = timeline.buckets.reduce(0) { $0 + $1.count }
        print("\(Terminal.count(total)) dated letter\(total == 1 ? "" : "s")" + (timeline.undated > 0 ? ", \(Terminal.count(timeline.undated)) undated." : "."))
    }

    /// Opens the index; when it is missing and the default corpus exists, builds it first.
    static func openOrBuild(_ indexPath: String) throws -> IndexReader {
        do {
            return try IndexReader(path: indexPath)
        } catch IndexError.notFound {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: defaultCorpus, isDirectory: &isFolder), isFolder.boolValue else {
                throw IndexError.notFound(path: indexPath)
            }
            Terminal.error("No index at \(indexPath); building it from \(defaultCorpus)/ first.")
            let summary = try IndexBuilder().build(folder: defaultCorpus, indexPath: indexPath, progress: progressReporter())
            printSummary(summary, indexPath: indexPath, to: .standardError)
            return try IndexReader(path: indexPath)
        }
    }

    static func printResults(_ results: SearchResults) {
        let styled = Terminal.stdoutIsStyled
        let (open, close) = styled ? ("\u{1B}[1m", "\u{1B}[0m") : ("[[", "]]")
        let dim = styled ? "\u{1B}[2m" : ""
        let reset = styled ? "\u{1B}[0m" : ""
        if results.total == 0 {
            print("No letters match.")
            return
        }
        for (rank, hit) in results.hits.enumerated() {
            let date = hit.date.isEmpty ? "undated" : hit.date
            let people = [hit.from, hit.to].allSatisfy(\.isEmpty) ? "" : "  \(hit.from.isEmpty ? "?" : hit.from) → \(hit.to.isEmpty ? "?" : hit.to)"
            print("\(rank + 1). \(Terminal.fixed(hit.score, 3))  \(date)\(people)")
            print(styled ? "   \(open)\(hit.title)\(close)" : "   \(hit.title)")
            print("   \(dim)\(hit.path)\(reset)")
            for fragment in hit.fragments where !fragment.text.isEmpty { print("   " + fragment.marked(open: open, close: close)) }
            print("")
        }
        let shown = results.hits.count
        let noun = results.total == 1 ? "letter matches" : "letters match"
        print("\(Terminal.count(results.total)) \(noun)" + (shown < results.total ? "; showing the best \(shown) (--limit N for more)." : "."))
    }

    static func searchJSON(_ queryText: String, _ results: SearchResults) -> JSON {
        .object([
            ("query", .string(queryText)),
            ("parsed", .string(results.query.description)),
            ("total", .integer(results.total)),
            ("hits", .array(results.hits.map(hitJSON))),
        ])
    }

    /// One hit as a JSON object (also one line of `--json-lines`).
    static func hitJSON(_ hit: SearchHit) -> JSON {
        .object([
            ("path", .string(hit.path)),
            ("score", .number(hit.score)),
            ("date", .string(hit.date)),
            ("from", .string(hit.from)),
            ("to", .string(hit.to)),
            ("title", .string(hit.title)),
            ("snippet", .string(hit.snippet.marked(open: "[[", close: "]]"))),
            // Plain passages with the matched words as UTF-8 byte ranges [start, end).
            ("fragments", .array(hit.fragments.map { fragment in
                .object([
                    ("text", .string(fragment.text)),
                    ("highlights", .array(fragment.highlights.map { .array([.integer($0.lowerBound), .integer($0.upperBound)]) })),
                ])
            })),
        ])
    }

    // MARK: index

    static let indexUsage = """
    Usage: missive index [DIR] [--index PATH] [--stem] [--memory MB] [--threads N]

    Indexes every *.txt letter under DIR (default Corpus) into the index file PATH (default
    .missive). The index is written under a temporary name and replaces the old one only when
    complete. Files that cannot be read are skipped with a warning and counted in the summary.
      --memory MB    memory for the in-memory word lists before they are flushed to sorted
                     segments on disk and merged at the end (default 256)
      --threads N    threads tokenizing letters in parallel (default: one per core)
      --stem         index English stems (Porter2): negotiation then finds negotiations and
                     negotiated; searches use the index's choice automatically
    """

    static func index(_ arguments: [String]) throws {
        if wantsHelp(arguments, indexUsage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "memory", "threads"], switches: ["stem"])
        guard parsed.positionals.count <= 1 else { throw UsageError("index takes one folder, not \(parsed.positionals.count)") }
        let folder = parsed.positionals.first ?? defaultCorpus
        let indexPath = parsed.options["index"] ?? defaultIndex
        var builder = IndexBuilder()
        builder.stemming = parsed.flags.contains("stem")
        if parsed.options["memory"] != nil {
            let megabytes = try parsed.positiveInteger("memory", default: 256)
            guard megabytes <= 1 << 20 else { throw UsageError("--memory is in megabytes; \(megabytes) is too many") }
            builder.memoryBudget = megabytes << 20
        }
        if parsed.options["threads"] != nil {
            let threads = try parsed.positiveInteger("threads", default: 1)
            guard threads <= 256 else { throw UsageError("--threads must be at most 256") }
            builder.threads = threads
        }
        let summary = try builder.build(folder: folder, indexPath: indexPath, progress: progressReporter())
        printSummary(summary, indexPath: indexPath, to: .standardOutput)
    }

    enum Stream { case standardOutput, standardError }

    /// A progress callback drawing one line on standard error when it is a terminal.
    static func progressReporter() -> ((IndexBuildProgress) -> Void)? {
        guard Terminal.stderrIsTerminal else { return nil }
        var lastDrawn = 0.0
        return { progress in
            let now = Date().timeIntervalSinceReferenceDate
            guard now - lastDrawn > 0.1 || progress.filesDone == progress.filesTotal else { return }
            lastDrawn = now
            Terminal.raw("\rindexing \(Terminal.count(progress.filesDone))/\(Terminal.count(progress.filesTotal)) files, \(Terminal.megabytes(progress.bytesRead))\u{1B}[K")
            if progress.filesDone == progress.filesTotal { Terminal.raw("\r\u{1B}[K") }
        }
    }

    static func printSummary(_ summary: IndexBuildSummary, indexPath: String, to stream: Stream) {
        let emit: (String) -> Void = stream == .standardOutput ? { print($0) } : { Terminal.error($0) }
        for warning in summary.warnings.prefix(20) { Terminal.error("warning: \(warning.path): \(warning.message)") }
        if summary.warnings.count > 20 { Terminal.error("warning: … and \(summary.warnings.count - 20) more") }
        for skipped in summary.skipped.prefix(20) { Terminal.error("skipped: \(skipped.path): \(skipped.reason)") }
        if summary.skipped.count > 20 { Terminal.error("skipped: … and \(summary.skipped.count - 20) more") }
        let rate = summary.seconds > 0 ? Double(summary.bytesIndexed) / 1_000_000 / summary.seconds : 0
        emit("Indexed \(Terminal.count(summary.lettersIndexed)) letter\(summary.lettersIndexed == 1 ? "" : "s") (\(Terminal.megabytes(summary.bytesIndexed))) in \(Terminal.fixed(summary.seconds, 2)) s, \(Terminal.fixed(rate, 1)) MB/s; index \(Terminal.megabytes(summary.indexBytes)) at \(indexPath).")
        if !summary.skipped.isEmpty {
            let reasons = summary.skippedByReason.map { "\($0.count) \($0.category)" }.joined(separator: ", ")
            emit("Skipped \(Terminal.count(summary.skipped.count)) file\(summary.skipped.count == 1 ? "" : "s"): \(reasons).")
        }
        if !summary.warnings.isEmpty {
            emit("\(Terminal.count(summary.warnings.count)) warnings (see above).")
        }
    }

    // MARK: show

    static let showUsage = """
    Usage: missive show PATH [--index PATH]

    Prints a stored letter. PATH is the letter's path as search prints it (a path with leading
    folders, such as Corpus/NAME.txt, is also found).
    """

    static func show(_ arguments: [String]) throws {
        if wantsHelp(arguments, showUsage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: [])
        guard parsed.positionals.count == 1 else { throw UsageError("show takes one letter path") }
        let reader = try IndexReader(path: parsed.options["index"] ?? defaultIndex)
        let wanted = parsed.positionals[0]
        var parts = wanted.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while !parts.isEmpty {
            if let doc = try reader.document(atPath: parts.joined(separator: "/")) {
                let letter = try reader.letter(doc)
                var text = letter.fileText
                if !text.hasSuffix("\n") { text += "\n" }
                print(text, terminator: "")
                return
            }
            parts.removeFirst()
        }
        throw IndexError.letterNotFound(path: wanted)
    }

    // MARK: stats

    static let statsUsage = """
    Usage: missive stats [--index PATH] [--json]

    Prints the number of letters, terms and postings, and the bytes of each index section.
    """

    static func stats(_ arguments: [String]) throws {
        if wantsHelp(arguments, statsUsage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: ["json"])
        let path = parsed.options["index"] ?? defaultIndex
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
            let name = section.kind.name.padding(toLength: 11, withPad: " ", startingAt: 0)
            let share = reader.fileSize > 0 ? Double(section.length) * 100 / Double(reader.fileSize) : 0
            print("  \(name) \(Terminal.count(section.length).leftPadded(14)) bytes  \(Terminal.fixed(share, 1).leftPadded(5))%")
        }
    }

    // MARK: check

    static let checkUsage = """
    Usage: missive check [--index PATH]

    Verifies the index: header, format version, every section's checksum, and the structure of
    the dictionary, postings, positions and stored letters. Exit status 1 when damaged.
    """

    static func check(_ arguments: [String]) throws {
        if wantsHelp(arguments, checkUsage) { return }
        let parsed = try Arguments(arguments, valued: ["index"], switches: [])
        let path = parsed.options["index"] ?? defaultIndex
        let reader = try IndexReader(path: path)
        let report = IndexChecker(reader: reader).check()
        if report.problems.isEmpty {
            print("\(path): OK (\(Terminal.count(reader.letterCount)) letters, \(Terminal.count(reader.termCount)) terms, \(Terminal.count(report.postingsChecked)) postings checked)")
            return
        }
        for problem in report.problems { Terminal.error("\(path): \(problem)") }
        throw IndexError.corrupt("\(report.problems.count) problem(s) found")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
