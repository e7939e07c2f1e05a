import MissiveHTTP
import MissiveIndex
import MissiveQuery

/// The JSON endpoints, in the shapes of the command line's `--json`:
/// `/api/search?q=&limit=&page=&sort=` (as `search --json`), `/api/timeline?q=&by=` (as
/// `search --timeline --json`), `/api/correspondents?q=` (as `correspondents --json`) and
/// `/api/letter?path=` (`{"path", "file", "date", "dateText", "from", "to", "title", "header":
/// [{"key", "value"}], "body"}`). A bad query is a 400 with `{"error", "column"}`; an unknown
/// letter a 404 with `{"error"}`.
struct APIEndpoints {
    /// The most hits one request returns.
    static let maximumLimit = 1000

    let site: WebSite
    let parameters: [String: String]

    func response(for path: String) throws -> HTTPResponse {
        if path == "/api/letter" { return try letter() }
        let text = parameters["q"] ?? ""
        var query: Query?
        if text.contains(where: { !$0.isWhitespace }) {
            switch site.parse(text) {
            case .success(let parsed): query = parsed
            case .failure(let failure): return error(failure.message, column: failure.column, status: 400)
            }
        }
        let searcher = Searcher(index: site.reader)
        switch path {
        case "/api/correspondents":
            return .json(ResultsJSON.correspondents(try searcher.correspondents(query), queryText: text, query: query).text)
        case "/api/timeline":
            guard let period = TimelinePeriod(rawValue: parameters["by"] ?? "year") else { return error("by takes year or month", status: 400) }
            return .json(ResultsJSON.timeline(try searcher.timeline(query ?? .all, by: period), queryText: text, query: query ?? .all, period: period).text)
        default:
            guard let query else { return error("q is empty: give a query", status: 400) }
            return try search(query, text: text, searcher: searcher)
        }
    }

    /// `search --json` for one page of hits.
    private func search(_ query: Query, text: String, searcher: Searcher) throws -> HTTPResponse {
        let limit = parameters["limit"].map { Int($0) ?? 0 } ?? 10
        let page = parameters["page"].map { Int($0) ?? 0 } ?? 1
        guard (1...Self.maximumLimit).contains(limit) else { return error("limit takes 1 to \(Self.maximumLimit)", status: 400) }
        guard (1...SearchPage.lastPage).contains(page) else { return error("page takes 1 to \(SearchPage.lastPage)", status: 400) }
        guard let order = ResultOrder(rawValue: parameters["sort"] ?? "score") else { return error("sort takes score, date or -date", status: 400) }
        var results = try searcher.search(query, limit: page * limit, order: order)
        results.hits = Array(results.hits.dropFirst((page - 1) * limit))
        let suggestion = results.total == 0 ? try searcher.suggestion(for: text, query: query) : nil
        let hints = results.total > 0 || suggestion == nil ? try searcher.spellingHints(for: query) : []
        return .json(ResultsJSON.search(results, queryText: text, suggestion: suggestion, variants: hints, paths: site.paths).text)
    }

    /// One stored letter, whole.
    private func letter() throws -> HTTPResponse {
        let path = parameters["path"] ?? ""
        guard !path.isEmpty, let id = try site.reader.letterID(atPath: path) else { return error("no letter is stored at '\(path)'", status: 404) }
        let letter = try site.reader.letter(id)
        return .json(JSON.object([
            ("path", .string(letter.path)), ("file", .string(site.paths.openable(letter.path))),
            ("date", letter.date.map { .string($0.description) } ?? .null), ("dateText", .string(letter.dateText)),
            ("from", .string(letter.from)), ("to", .string(letter.to)), ("title", .string(letter.title)),
            ("header", .array(letter.header.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })),
            ("body", .string(letter.body)),
        ]).text)
    }

    private func error(_ message: String, column: Int? = nil, status: Int) -> HTTPResponse {
        .json(JSON.object([("error", .string(message)), ("column", column.map(JSON.integer) ?? .null)]).text, status: status)
    }
}
