import MissiveQuery

/// Comma-separated values as RFC 4180 has them: a header row, CRLF line ends, and a field
/// quoted (its quotes doubled) when it holds a comma, a quote or a line end.
enum CSV {
    /// One record.
    static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        var out = "\""
        for character in field {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out + "\""
    }

    /// `search --csv`: path (as stored), date, from, to, title, score, file (as it opens from here).
    static func printHits(_ hits: [SearchHit], paths: LetterPaths) {
        var out = row(["path", "date", "from", "to", "title", "score", "file"])
        for hit in hits {
            out += row([hit.path, hit.date?.description ?? "", hit.from, hit.to, hit.title, "\(hit.score)", paths.openable(hit.path)])
        }
        print(out, terminator: "")
    }
}
