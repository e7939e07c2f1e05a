import MissiveHTTP
import MissiveIndex
import MissiveQuery

/// What `missive serve` answers: the pages, the JSON endpoints and the static assets, all read
/// from one index. Letters are addressed by their path in the index only; nothing a request
/// names is opened from the file system, and nothing is written.
struct WebSite: Sendable {
    /// The index served.
    let reader: IndexReader
    /// How letter paths print (the `file` of the JSON shapes).
    let paths: LetterPaths

    init(reader: IndexReader) {
        self.reader = reader
        paths = LetterPaths(reader)
    }

    /// The response to `request` (GET or HEAD).
    func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            switch request.path {
            case "/": return try SearchPage(site: self, parameters: request.parameters).response()
            case "/letter": return try LetterPage(site: self, parameters: request.parameters).response()
            case "/correspondents": return try CorrespondentsPage(site: self, parameters: request.parameters).response()
            case "/api/search", "/api/letter", "/api/correspondents", "/api/timeline":
                return try APIEndpoints(site: self, parameters: request.parameters).response(for: request.path)
            case "/favicon.ico": return Assets.icon.response(to: request)
            default:
                if let asset = Assets.byPath[request.path] { return asset.response(to: request) }
                return notFound("There is no page at \(request.path).")
            }
        } catch let error as IndexError {
            return .html(Layout.page(title: "Index error", main: "<h1>The index cannot be read</h1><p>\(error.description)</p>"), status: 500)
        } catch {
            return .html(Layout.page(title: "Error", main: "<h1>Something went wrong</h1><p>\(String(describing: error))</p>"), status: 500)
        }
    }

    /// A 404 page saying `message`.
    func notFound(_ message: String) -> HTTPResponse {
        .html(Layout.page(title: "Not found", main: "<h1>Not found</h1><p>\(message)</p><p><a href=\"/\">Search the letters</a></p>"), status: 404)
    }

    /// `query` parsed and checked as `missive search` checks it (header keys the letters have).
    func parse(_ text: String) -> Result<Query, QueryFailure> {
        do {
            let query = try Query(parsing: text)
            try SearchCommand.checkHeaderKeys(of: query, with: Searcher(index: reader))
            return .success(query)
        } catch let error as QueryError {
            return .failure(QueryFailure(query: text, message: error.message, column: error.column))
        } catch {
            return .failure(QueryFailure(query: text, message: String(describing: error), column: nil))
        }
    }
}

/// Links between the pages: a search, a narrower search, a letter.
enum Links {
    /// The search page for `query` in `sort` order at `page`.
    static func search(_ query: String, sort: String = "score", page: Int = 1) -> String {
        let rest = URLEncoding.query([("q", query), ("sort", sort == "score" ? "" : sort), ("page", page == 1 ? "" : String(page))])
        return rest.isEmpty ? "/" : "/?" + rest
    }

    /// The page of the letter stored at `path`, its matches for `query` marked.
    static func letter(_ path: String, query: String = "") -> String {
        "/letter?" + URLEncoding.query([("path", path), ("q", query)])
    }

    /// `query` narrowed by `clause`: ANDed on, the query grouped first when it has an OR.
    static func refined(_ query: String, with clause: String) -> String {
        let trimmed = query.trimmingCharacters(in: " \t\n")
        guard !trimmed.isEmpty else { return clause }
        let hasOr = trimmed.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" }).contains("OR")
        return hasOr ? "(\(trimmed)) \(clause)" : "\(trimmed) \(clause)"
    }

    /// A `from:` or `to:` clause for a name as written (`from:"J. V. Stalin"`), nil when the name
    /// has no word to match.
    static func nameClause(_ key: String, _ name: String) -> String? {
        let words = name.filter { $0 != "\"" }
        guard words.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return "\(key):\"\(words)\""
    }
}

extension HTTPResponse {
    /// A page.
    static func html(_ page: HTML, status: Int = 200) -> HTTPResponse {
        .html(page.text, status: status)
    }
}
