import MissiveHTTP

/// The static files the pages use, served from memory with an ETag so a browser revalidates
/// them cheaply (`If-None-Match` → 304).
struct Asset: Sendable {
    /// The path it is served at.
    let url: String
    /// Its `Content-Type`.
    let contentType: String
    /// Its bytes.
    let body: [UInt8]
    /// A strong validator: the FNV-1a hash of the bytes.
    let etag: String

    init(url: String, contentType: String, text: String) {
        self.url = url
        self.contentType = contentType
        body = Array(text.utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        etag = "\"" + String(hash, radix: 16) + "\""
    }

    /// The response to a request for it: 304 when the client's `If-None-Match` names its ETag.
    func response(to request: HTTPRequest) -> HTTPResponse {
        let headers = [("Content-Type", contentType), ("ETag", etag), ("Cache-Control", "no-cache")]
        if let tags = request.header("if-none-match"), tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: " \t") == etag }) {
            return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
        }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }
}

/// The site's stylesheet, script and icon.
enum Assets {
    static let style = Asset(url: "/static/style.css", contentType: "text/css; charset=utf-8", text: Stylesheet.text)
    static let script = Asset(url: "/static/missive.js", contentType: "text/javascript; charset=utf-8", text: PageScript.text)
    static let icon = Asset(url: "/static/icon.svg", contentType: "image/svg+xml; charset=utf-8", text: """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="3" width="14" height="10" rx="1" fill="#f5efe0" stroke="#6b4f2a"/><path d="M1 4l7 5 7-5" fill="none" stroke="#6b4f2a"/></svg>
        """)

    /// Every asset by its path.
    static let byPath: [String: Asset] = [style.url: style, script.url: script, icon.url: icon]
}

/// What the pages' script does, none of which they need: keys to move between matches in a
/// letter (n, p) and to focus the search box (/); it marks the page `js` when it has run.
enum PageScript {
    static let text = """
    "use strict";
    document.documentElement.classList.add("js");
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/") {
        var box = document.querySelector("header.site input[name=q]");
        if (box) { event.preventDefault(); box.focus(); box.select(); }
        return;
      }
      if (event.key !== "n" && event.key !== "p") return;
      var marks = Array.prototype.slice.call(document.querySelectorAll(".letter-body mark"));
      if (marks.length === 0) return;
      var current = marks.findIndex(function (mark) { return mark.classList.contains("current"); });
      var next = event.key === "n" ? (current + 1) % marks.length : (current <= 0 ? marks.length - 1 : current - 1);
      marks.forEach(function (mark) { mark.classList.remove("current"); });
      marks[next].classList.add("current");
      marks[next].scrollIntoView({ block: "center" });
      history.replaceState(null, "", "#" + marks[next].id);
    });

    """
}
