import MissiveHTTP
import MissiveIndex
import MissiveQuery

/// The search page, `/?q=QUERY&sort=score|date|-date&page=N`: the hits with their snippets,
/// paging, the senders and recipients as facets, the timeline, and the spelling links.
struct SearchPage {
    /// Hits per page.
    static let perPage = 10
    /// The last page that can be asked for.
    static let lastPage = 1000

    let site: WebSite
    let queryText: String
    let sort: ResultOrder
    let page: Int

    init(site: WebSite, parameters: [String: String]) {
        self.site = site
        queryText = parameters["q"] ?? ""
        sort = ResultOrder(rawValue: parameters["sort"] ?? "") ?? .score
        page = min(max(Int(parameters["page"] ?? "") ?? 1, 1), Self.lastPage)
    }

    func response() throws -> HTTPResponse {
        guard queryText.contains(where: { !$0.isWhitespace }) else { return .html(try welcome()) }
        switch site.parse(queryText) {
        case .failure(let failure):
            return .html(Layout.page(title: "Query error", query: queryText, sort: sort.rawValue, error: failure, main: ""))
        case .success(let query):
            return .html(try results(query))
        }
    }

    /// The page with no query: what the index holds and a few searches to start from.
    private func welcome() throws -> HTML {
        let examples = ["\"second front\"", "convoy* murmansk", "from:roosevelt poland", "japan OR japanese", "NEAR(stalin churchill, 5)"]
        let links = HTML(joining: examples.map { "<li><a href=\"\(Links.search($0))\">\($0)</a></li>" })
        let searcher = Searcher(index: site.reader)
        let timeline = try searcher.timeline(.all, by: .year)
        return Layout.page(title: "Search", main: """
            <h1>Search \(Terminal.count(site.reader.letterCount)) letters</h1>
            <p>Type words, an exact phrase in quotes, or a sender with <code>from:</code>. Try:</p>
            <ul>\(links)</ul>
            <p><a href="/correspondents">Who wrote to whom</a></p>
            \(TimelineSVG.chart(timeline, period: .year, query: ""))
            """)
    }

    /// The hits of `query` on this page, beside its facets and timeline.
    private func results(_ query: Query) throws -> HTML {
        let searcher = Searcher(index: site.reader)
        let found = try searcher.search(query, limit: page * Self.perPage, order: sort)
        let hits = found.hits.dropFirst((page - 1) * Self.perPage)
        var notes: HTML = ""
        if found.total == 0, let suggestion = try searcher.suggestion(for: queryText, query: query) {
            notes += "<p class=\"hint\">Did you mean <a href=\"\(Links.search(suggestion, sort: sort.rawValue))\">\(suggestion)</a>?</p>"
        }
        for hint in found.total > 0 ? try searcher.spellingHints(for: query) : [] {
            let both = Links.search("\(hint.word) OR \(hint.variant)", sort: sort.rawValue)
            notes += "<p class=\"hint\">Also spelled <a href=\"\(both)\">\(hint.variant)</a> (\(Terminal.count(hint.variantLetters)) letters)</p>"
        }
        let summary: HTML = found.total == 0
            ? "<p class=\"summary\">No letters match <code>\(queryText)</code>.</p>"
            : "<p class=\"summary\">\(Terminal.count(found.total)) \(found.total == 1 ? "letter matches" : "letters match") <code>\(queryText)</code>\(found.total > Self.perPage ? HTML(" · page \(page) of \(pageCount(found.total))") : "").</p>"
        var list: HTML = ""
        for (offset, hit) in hits.enumerated() {
            list += hitItem(hit, rank: (page - 1) * Self.perPage + offset + 1)
        }
        if hits.isEmpty && found.total > 0 {
            notes += "<p class=\"hint\">There is no page \(page): <a href=\"\(Links.search(queryText, sort: sort.rawValue))\">the first page</a>.</p>"
        }
        let aside = found.total == 0 ? "" : try sidebar(query, searcher: searcher)
        return Layout.page(title: queryText, query: queryText, sort: sort.rawValue, main: """
            \(summary)\(notes)
            <div class="results">
            <section aria-label="Letters"><ol class="hits">\(list)</ol>\(pager(found.total))</section>
            <aside>\(aside)</aside>
            </div>
            """)
    }

    /// One hit: rank, title (to the letter), date, sender → recipient (to their letters), snippet.
    private func hitItem(_ hit: SearchHit, rank: Int) -> HTML {
        let title = hit.title.isEmpty ? hit.path : hit.title
        return """
            <li class="hit"><span class="rank">\(rank).</span><a class="title" href="\(Links.letter(hit.path, query: queryText))">\(title)</a>
            <div class="meta">\(Self.dateHTML(hit.date, hit.dateText)) · \(Self.nameLink("from", hit.from)) → \(Self.nameLink("to", hit.to))</div>
            <p class="snippet">\(HTML.marked(hit.snippet.text, hit.snippet.highlights))</p></li>

            """
    }

    /// Previous and next page links.
    private func pager(_ total: Int) -> HTML {
        guard total > Self.perPage else { return "" }
        var links: HTML = ""
        if page > 1 { links += "<a rel=\"prev\" href=\"\(Links.search(queryText, sort: sort.rawValue, page: page - 1))\">← Previous</a>" }
        links += "<span>Page \(page) of \(pageCount(total))</span>"
        if page < pageCount(total) { links += "<a rel=\"next\" href=\"\(Links.search(queryText, sort: sort.rawValue, page: page + 1))\">Next →</a>" }
        return "<nav class=\"pages\" aria-label=\"Pages\">\(links)</nav>"
    }

    private func pageCount(_ total: Int) -> Int { min((total + Self.perPage - 1) / Self.perPage, Self.lastPage) }

    /// The timeline and the senders and recipients of the matching letters, each a narrower search.
    private func sidebar(_ query: Query, searcher: Searcher) throws -> HTML {
        var byYear = try searcher.timeline(query, by: .year)
        var period = TimelinePeriod.year
        if byYear.buckets.count <= 6, !byYear.buckets.isEmpty {
            byYear = try searcher.timeline(query, by: .month)
            period = .month
        }
        var html: HTML = "<h2>When</h2>\(TimelineSVG.chart(byYear, period: period, query: queryText))"
        for (field, heading) in [(FacetField.from, "Senders"), (.to, "Recipients")] {
            let counts = try searcher.facets(query, field: field, limit: 10)
            guard !counts.isEmpty else { continue }
            let items = HTML(joining: counts.map { count -> HTML in
                guard let clause = Links.nameClause(field.rawValue, count.value) else { return "<li><span>\(count.value)</span><span class=\"count\">\(count.count)</span></li>" }
                return "<li><a href=\"\(Links.search(Links.refined(queryText, with: clause), sort: sort.rawValue))\">\(count.value)</a><span class=\"count\">\(count.count)</span></li>"
            })
            html += "<h2>\(heading)</h2><ul class=\"facet\">\(items)</ul>"
        }
        return html
    }

    /// A date as written, in a `<time>` element when it parses.
    static func dateHTML(_ date: LetterDate?, _ text: String) -> HTML {
        guard let date else { return text.isEmpty ? "undated" : "\(text)" }
        return "<time datetime=\"\(date.description)\">\(date.description)</time>"
    }

    /// A sender or recipient, linked to a search for their letters by date.
    static func nameLink(_ key: String, _ name: String) -> HTML {
        guard let clause = Links.nameClause(key, name) else { return name.isEmpty ? "?" : "\(name)" }
        return "<a href=\"\(Links.search(clause, sort: "date"))\">\(name)</a>"
    }
}
