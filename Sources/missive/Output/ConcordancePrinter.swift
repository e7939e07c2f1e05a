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
        // Lines are gathered into one buffer written 64 KB at a time; a letter's path is made
        // openable once for all its lines.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        var lastPath = "", lastOpenable = ""
        do {
            try searcher.concordance(query, width: width, order: order) { line in
                guard printed < limit else { throw Enough() }
                printed += 1
                if line.path != lastPath { (lastPath, lastOpenable) = (line.path, paths.openable(line.path)) }
                if jsonLines {
                    out += JSON.object([
                        ("path", .string(line.path)), ("file", .string(lastOpenable)),
                        ("date", line.date.map { .string($0.description) } ?? .null),
                        ("left", .string(line.left)), ("match", .string(line.match)), ("right", .string(line.right)),
                        ("start", .integer(line.byteRange.lowerBound)), ("end", .integer(line.byteRange.upperBound)),
                    ]).text.utf8
                } else {
                    pad(&out, width - scalarCount(line.left))
                    out += line.left.utf8
                    out += "  ".utf8; out += open.utf8; out += line.match.utf8; out += close.utf8; out += "  ".utf8
                    out += line.right.utf8
                    pad(&out, width - scalarCount(line.right))
                    out += "  ".utf8
                    out += (line.date?.description ?? "undated").utf8
                    out += "  ".utf8
                    out += lastOpenable.utf8
                }
                out.append(0x0A)
                if out.count >= 1 << 16 { write(out); out.removeAll(keepingCapacity: true) }
            }
        } catch is Enough {}
        write(out)
        if printed == 0 && !jsonLines { Swift.print("No letters match.") }
    }

    /// Writes `bytes` through `print`, so that output keeps its order with other prints.
    private static func write(_ bytes: [UInt8]) {
        if !bytes.isEmpty { Swift.print(String(decoding: bytes, as: UTF8.self), terminator: "") }
    }

    /// The number of Unicode scalars in `text` (what the context width counts).
    private static func scalarCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Appends `count` spaces (none when `count` is not positive).
    private static func pad(_ out: inout [UInt8], _ count: Int) {
        if count > 0 { out.append(contentsOf: repeatElement(0x20, count: count)) }
    }
}
