import MissiveHTTP
import MissiveIndex
import MissiveQuery

/// Who wrote to whom, `/correspondents?q=QUERY`: each sender → recipient pair among the
/// matching letters (all letters without a query) with its count and date span, linked to the
/// pair's letters by date.
struct CorrespondentsPage {
    let site: WebSite
    let queryText: String

    init(site: WebSite, parameters: [String: String]) {
        self.site = site
        queryText = parameters["q"] ?? ""
    }

    func response() throws -> HTTPResponse {
        var query: Query?
        if queryText.contains(where: { !$0.isWhitespace }) {
            switch site.parse(queryText) {
            case .success(let parsed): query = parsed
            case .failure(let failure):
                return .html(Layout.page(title: "Correspondents", query: queryText, error: failure, main: ""))
            }
        }
        let pairs = try Searcher(index: site.reader).correspondents(query)
        var rows: HTML = ""
        for pair in pairs {
            let clauses = [Links.nameClause("from", pair.from), Links.nameClause("to", pair.to)].compactMap { $0 }
            let letters = Links.search(Links.refined(queryText, with: clauses.joined(separator: " ")), sort: "date")
            rows += """
                <tr><td>\(SearchPage.nameLink("from", pair.from))</td><td>\(SearchPage.nameLink("to", pair.to))</td>\
                <td class="number"><a href="\(letters)">\(Terminal.count(pair.letters))</a></td>\
                <td class="date">\(pair.first?.description ?? "")</td><td class="date">\(pair.last?.description ?? "")</td></tr>

                """
        }
        let scope: HTML = query == nil ? "all \(Terminal.count(site.reader.letterCount)) letters" : "the letters matching <code>\(queryText)</code>"
        return .html(Layout.page(title: "Correspondents", query: queryText, main: """
            <h1>Correspondents</h1>
            <p class="summary">\(Terminal.count(pairs.count)) sender → recipient pair\(pairs.count == 1 ? "" : "s") among \(scope), most letters first.</p>
            <table class="pairs">
            <thead><tr><th>From</th><th>To</th><th>Letters</th><th>First</th><th>Last</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            """))
    }
}
