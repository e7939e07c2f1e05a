import MissiveHTTP
import MissiveIndex
import MissiveQuery
import MissiveTokenizer

/// A letter's page, `/letter?path=PATH&q=QUERY` (the path as stored in the index: a permanent
/// address): its header with the names and date linked to searches, the whole text with the
/// query's matches marked (each mark links to the next), and the letters before and after it
/// between the same two correspondents.
struct LetterPage {
    let site: WebSite
    let path: String
    let queryText: String

    init(site: WebSite, parameters: [String: String]) {
        self.site = site
        path = parameters["path"] ?? ""
        queryText = parameters["q"] ?? ""
    }

    func response() throws -> HTTPResponse {
        // Only a path the index holds: never a file opened on a request's word.
        guard !path.isEmpty, let id = try site.reader.letterID(atPath: path) else {
            return site.notFound("No letter is stored at \(path.isEmpty ? "(no path given)" : path).")
        }
        let letter = try site.reader.letter(id)
        let searcher = Searcher(index: site.reader)
        var failure: QueryFailure?
        var marks: [Range<Int>] = []
        if queryText.contains(where: { !$0.isWhitespace }) {
            switch site.parse(queryText) {
            case .success(let query): marks = try searcher.matchRanges(of: query, in: letter.body)
            case .failure(let error): failure = error
            }
        }
        let body = HTML.marked(letter.body, marks) { number in
            let next = number + 1 < marks.count ? number + 2 : 1
            return ("<mark id=\"m\(number + 1)\">", "<a class=\"next\" href=\"#m\(next)\" title=\"Next match\" aria-label=\"Next match\">›</a>")
        }
        let count: HTML = marks.isEmpty ? "" : "<p class=\"matches\">\(marks.count) match\(marks.count == 1 ? "" : "es") for <code>\(queryText)</code> · <a href=\"#m1\">first match</a> (keys n and p move between them)</p>"
        let title = letter.title.isEmpty ? letter.path : letter.title
        return .html(Layout.page(title: title, query: queryText, error: failure, main: """
            <article class="letter">
            <h1>\(title)</h1>
            \(header(letter))
            \(count)
            <div class="letter-body">\(body)</div>
            </article>
            \(try thread(letter, id: id))
            """))
    }

    /// The header fields: names and the date linked to searches, the rest as written.
    private func header(_ letter: Letter) -> HTML {
        var rows: HTML = ""
        for field in letter.header where field.key.lowercased() != "title" {
            let key = field.key.lowercased()
            let value: HTML
            switch key {
            case "from", "to": value = SearchPage.nameLink(key, field.value)
            case "date":
                value = letter.date.map { date in
                    let period = date.month > 0 ? "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)" : String(date.year)
                    return "<a href=\"\(Links.search("date:\(period)", sort: "date"))\">\(field.value)</a>"
                } ?? "\(field.value)"
            default: value = "\(field.value)"
            }
            rows += "<dt>\(field.key)</dt><dd>\(value)</dd>"
        }
        rows += "<dt>File</dt><dd><code>\(letter.path)</code> · <a href=\"/api/letter?\(URLEncoding.query([("path", letter.path)]))\">JSON</a></dd>"
        return "<dl class=\"header\">\(rows)</dl>"
    }

    /// Links to the previous and next letters, by date, between this letter's two correspondents
    /// (in either direction).
    private func thread(_ letter: Letter, id: LetterID) throws -> HTML {
        guard let from = Links.nameClause("from", letter.from), let to = Links.nameClause("to", letter.to),
              let fromBack = Links.nameClause("from", letter.to), let toBack = Links.nameClause("to", letter.from) else { return "" }
        var searcher = Searcher(index: site.reader)
        searcher.makesSnippets = false
        let both = try searcher.search(try Query(parsing: "(\(from) \(to)) OR (\(fromBack) \(toBack))"), limit: .max, order: .date)
        // The phrase queries also match longer names ("J. V. Stalin and V. Molotov"): keep the
        // letters whose two names fold to these two.
        var tokenizer = Tokenizer()
        let pair = Set([tokenizer.terms(in: letter.from), tokenizer.terms(in: letter.to)])
        let thread = both.hits.filter { Set([tokenizer.terms(in: $0.from), tokenizer.terms(in: $0.to)]) == pair }
        guard let position = thread.firstIndex(where: { $0.id == id }), thread.count > 1 else { return "" }
        func link(_ hit: SearchHit, _ rel: String, _ arrow: String) -> HTML {
            let label = "\(hit.date?.description ?? "undated") \(hit.from) → \(hit.to)"
            return "<a rel=\"\(rel)\" href=\"\(Links.letter(hit.path, query: queryText))\">\(rel == "prev" ? arrow + " " : "")\(label)\(rel == "next" ? " " + arrow : "")</a>"
        }
        let previous: HTML = position > 0 ? link(thread[position - 1], "prev", "←") : "<span></span>"
        let next: HTML = position + 1 < thread.count ? link(thread[position + 1], "next", "→") : "<span></span>"
        let all = Links.search("(\(from) \(to)) OR (\(fromBack) \(toBack))", sort: "date")
        return """
            <nav class="thread" aria-label="Between the same correspondents">\(previous)<a href="\(all)">All \(thread.count) letters between them</a>\(next)</nav>
            """
    }
}
