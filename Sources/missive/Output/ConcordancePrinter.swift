import MissiveQuery

/// `search --kwic`: one line per occurrence, the match in a column between its left and right
/// context, then date and path; or one JSON object per line with the match's byte range.
enum ConcordancePrinter {
    /// Ends the walk once `--limit` lines are out.
    private struct Enough: Error {}

    static func print(_ searcher: Searcher, _ query: Query, width: Int, order: ConcordanceOrder, limit: Int,
                      jsonLines: Bool, paths: LetterPaths) throws {
        let styled = Terminal.stdoutIsStyled
        let (open, close) = styled ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
        var printed = 0
        do {
            try searcher.concordance(query, width: width, order: order) { line in
                guard printed < limit else { throw Enough() }
                printed += 1
                if jsonLines {
                    Swift.print(JSON.object([
                        ("path", .string(line.path)), ("file", .string(paths.openable(line.path))),
                        ("date", line.date.map { .string($0.description) } ?? .null),
                        ("left", .string(line.left)), ("match", .string(line.match)), ("right", .string(line.right)),
                        ("start", .integer(line.byteRange.lowerBound)), ("end", .integer(line.byteRange.upperBound)),
                    ]).text)
                } else {
                    let date = line.date?.description ?? "undated"
                    Swift.print(line.left.leftPadded(width) + "  " + open + line.match + close + "  " + line.right.rightPadded(width)
                                + "  " + date + "  " + paths.openable(line.path))
                }
            }
        } catch is Enough {}
        if printed == 0 && !jsonLines { Swift.print("No letters match.") }
    }
}
