import MissiveQuery

/// Search results as text for a person: rank, score, date, people, title, path and passages.
enum ResultsPrinter {
    static func print(_ results: SearchResults) {
        let styled = Terminal.stdoutIsStyled
        let (open, close) = styled ? ("\u{1B}[1m", "\u{1B}[0m") : ("[[", "]]")
        let dim = styled ? "\u{1B}[2m" : ""
        let reset = styled ? "\u{1B}[0m" : ""
        if results.total == 0 {
            Swift.print("No letters match.")
            return
        }
        for (rank, hit) in results.hits.enumerated() {
            let date = hit.date?.description ?? "undated"
            let people = [hit.from, hit.to].allSatisfy(\.isEmpty) ? "" : "  \(hit.from.isEmpty ? "?" : hit.from) → \(hit.to.isEmpty ? "?" : hit.to)"
            Swift.print("\(rank + 1). \(Terminal.fixed(hit.score, 3))  \(date)\(people)")
            Swift.print(styled ? "   \(open)\(hit.title)\(close)" : "   \(hit.title)")
            Swift.print("   \(dim)\(hit.path)\(reset)")
            for fragment in hit.fragments where !fragment.text.isEmpty { Swift.print("   " + fragment.marked(open: open, close: close)) }
            Swift.print("")
        }
        let shown = results.hits.count
        let noun = results.total == 1 ? "letter matches" : "letters match"
        Swift.print("\(Terminal.count(results.total)) \(noun)" + (shown < results.total ? "; showing the best \(shown) (--limit N for more)." : "."))
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
