import MissiveHTTP

/// The frame every page shares: head, the site's header with the search box, and the footer.
enum Layout {
    /// A whole page titled `title`, with `query` in the header's search box (and `error`, a
    /// query error, beside it), `main` as its content.
    static func page(title: String, query: String = "", sort: String = "score", error: QueryFailure? = nil, main: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — Missive</title>
        <link rel="stylesheet" href="\(Assets.style.url)">
        <link rel="icon" href="\(Assets.icon.url)" type="image/svg+xml">
        <script src="\(Assets.script.url)" defer></script>
        </head>
        <body>
        <header class="site">
        <a class="brand" href="/">Missive</a>
        <form class="search" action="/" method="get" role="search">
        <input type="search" name="q" value="\(query)" placeholder="second front, &quot;second front&quot;, from:stalin date:1942" aria-label="Query" autocomplete="off" spellcheck="false"\(error == nil ? "" : HTML(" aria-invalid=\"true\" aria-describedby=\"query-error\""))>
        <select name="sort" aria-label="Order">\(sortOptions(sort))</select>
        <button type="submit">Search</button>
        </form>
        <nav><a href="/correspondents">Correspondents</a></nav>
        </header>
        \(error.map(errorBlock) ?? "")
        <details class="syntax"><summary>Query syntax</summary><pre>\(QueryHelp.text)</pre></details>
        <main>
        \(main)
        </main>
        <footer>Missive · <a href="/api/search?q=\(URLEncoding.encode(query))">this search as JSON</a></footer>
        </body>
        </html>

        """
    }

    /// The order choices, `selected` marked.
    private static func sortOptions(_ selected: String) -> HTML {
        let choices = [("score", "Best first"), ("date", "Earliest first"), ("-date", "Latest first")]
        return HTML(joining: choices.map { value, label in
            "<option value=\"\(value)\"\(value == selected ? HTML(" selected") : "")>\(label)</option>"
        })
    }

    /// A query error beside the box, with a caret under the column it points at.
    private static func errorBlock(_ failure: QueryFailure) -> HTML {
        var caret: HTML = ""
        if let column = failure.column {
            caret = "<pre class=\"caret\" aria-hidden=\"true\">\(failure.query)\n\(String(repeating: " ", count: max(0, column - 1)))^</pre>"
        }
        return "<div class=\"error\" id=\"query-error\" role=\"alert\"><p>\(failure.description)</p>\(caret)</div>"
    }
}

/// A query that could not be run, as the page shows it.
struct QueryFailure: Error, Sendable {
    /// The query as typed.
    var query: String
    /// What is wrong.
    var message: String
    /// The 1-based column it points at.
    var column: Int?

    /// `column N: message`, or the message alone.
    var description: String { column.map { "column \($0): \(message)" } ?? message }
}
