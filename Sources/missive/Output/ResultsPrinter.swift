import MissiveQuery

/// Search results as text for a person: rank, score, date, people, title, path and passages.
enum ResultsPrinter {
    static func print(_ results: SearchResults, order: ResultOrder, paths: LetterPaths) {
        let styled = Terminal.stdoutIsStyled
        let (open, close) = styled ? ("\u{1B}[1m", "\u{1B}[0m") : ("[[", "]]")
        let dim = styled ? "\u{1B}[2m" : ""
        let reset = styled ? "\u{1B}[0m" : ""
        if results.total == 0 {
            Swift.print("No letters match.")
            return
        }
        // Filters alone (from:, date:, …) do not score: no column of zeros then.
        let scored = results.hits.contains { $0.score > 0 }
        let wrap = Terminal.stdoutIsTerminal
        for (rank, hit) in results.hits.enumerated() {
            Swift.print(headline(rank: rank, hit, scored: scored))
            printLines(styled ? "\(open)\(hit.title)\(close)" : hit.title, wrap: wrap)
            Swift.print("   \(dim)\(paths.openable(hit.path))\(reset)")
            for fragment in hit.fragments where !fragment.text.isEmpty { printLines(fragment.marked(open: open, close: close), wrap: wrap) }
            Swift.print("")
        }
        let shown = results.hits.count
        let noun = results.total == 1 ? "letter matches" : "letters match"
        let which = switch order {
        case .score: "the best"
        case .date: "the earliest"
        case .dateDescending: "the latest"
        }
        Swift.print("\(Terminal.count(results.total)) \(noun)" + (shown < results.total ? "; showing \(which) \(shown) (--limit N for more)." : "."))
    }

    /// `1. 2.620  1941-09-03  J. V. Stalin → W. Churchill`: rank, score (when `scored`), date, people.
    static func headline(rank: Int, _ hit: SearchHit, scored: Bool = true) -> String {
        let date = hit.date?.description ?? "undated"
        let people = [hit.from, hit.to].allSatisfy(\.isEmpty) ? "" : "  \(hit.from.isEmpty ? "?" : hit.from) → \(hit.to.isEmpty ? "?" : hit.to)"
        return "\(rank + 1). " + (scored ? "\(Terminal.fixed(hit.score, 3))  " : "") + date + people
    }

    /// A line indented by three spaces; on a terminal, wrapped to its width.
    private static func printLines(_ text: String, wrap: Bool) {
        guard wrap else { return Swift.print("   " + text) }
        for line in Terminal.wrapped(text, width: Terminal.columns, indent: "   ") { Swift.print(line) }
    }

    /// Senders or recipients with their counts, the counts right-aligned.
    static func printFacets(_ counts: [FacetCount]) {
        guard !counts.isEmpty else {
            Swift.print("No letters match.")
            return
        }
        let width = counts.map { Terminal.count($0.count).count }.max() ?? 1
        for facet in counts { Swift.print(Terminal.count(facet.count).leftPadded(width) + "  " + facet.value) }
    }
}
