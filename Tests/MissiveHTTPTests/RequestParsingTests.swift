import Testing
@testable import MissiveHTTP

/// The request-head parser and the URL encoding: what is accepted, and the status of what is not.
@Suite struct RequestParsingTests {
    func head(_ text: String) throws(HTTPRequestError) -> HTTPRequest {
        let bytes = Array(text.utf8)
        guard case .complete(let length) = try HTTPRequestHead.scan(bytes) else { throw .malformed("incomplete") }
        return try HTTPRequestHead.parse(bytes[..<length])
    }

    func error(_ text: String) -> HTTPRequestError? {
        do { _ = try head(text); return nil } catch { return error }
    }

    @Test func aRequestIsSplitIntoItsParts() throws {
        let request = try head("GET /letter?path=a%20b.txt&q=second+front&q=ignored HTTP/1.1\r\nHost: x\r\nIf-None-Match:  \"abc\" \r\n\r\n")
        #expect(request.method == "GET" && request.path == "/letter" && request.version == "HTTP/1.1")
        #expect(request.parameters == ["path": "a b.txt", "q": "second front"])
        #expect(request.header("if-none-match") == "\"abc\"")
        #expect(request.wantsKeepAlive && !request.hasBody)
        #expect(try head("GET / HTTP/1.0\r\n\r\n").wantsKeepAlive == false)
        #expect(try head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").wantsKeepAlive)
        #expect(try head("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").wantsKeepAlive == false)
        #expect(try head("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n").hasBody)
        #expect(try head("GET http://x:80/a?q=b HTTP/1.1\r\nHost: x\r\n\r\n").path == "/a")
        #expect(try head("GET http://x?q=b HTTP/1.1\r\nHost: x\r\n\r\n").parameters == ["q": "b"])
        // Bare line feeds are tolerated.
        #expect(try head("GET /a HTTP/1.1\nHost: x\n\n").path == "/a")
    }

    @Test func aHeadIsCompleteOnlyAtItsBlankLine() throws {
        #expect(try HTTPRequestHead.scan(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)) == .incomplete)
        #expect(try HTTPRequestHead.scan(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next".utf8)) == .complete(length: 27))
        #expect(try HTTPRequestHead.scan([]) == .incomplete)
    }

    @Test func limitsAndMalformedHeadsHaveTheirStatus() {
        let longLine = "GET /" + String(repeating: "a", count: 9000)
        #expect(error(longLine + " HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 414)
        #expect((try? HTTPRequestHead.scan(Array(longLine.utf8))) == nil, "a long line is refused before it ends")
        #expect(error("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "b", count: 9000))\r\n\r\n")?.status == 431)
        #expect((try? HTTPRequestHead.scan(Array("GET / HTTP/1.1\r\nX: \(String(repeating: "b", count: 9000))".utf8))) == nil)
        #expect(error("GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "A: b\r\n", count: 101) + "\r\n")?.status == 431)
        #expect(error("GET / HTTP/1.1\r\n\r\n")?.status == 400, "no Host")
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.status == 400)
        #expect(error("GET / HTTP/2.0\r\nHost: x\r\n\r\n")?.status == 505)
        #expect(error("GET /\u{7}x HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(error("GET  / HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(error("GET x/ HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(error("G(T / HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(error("GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n")?.status == 400)
        #expect(error("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(error("GET /?q=%ff HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400, "not UTF-8 once decoded")
        #expect(error("GET / HTTP/1.1\r\nHost: \u{1}\r\n\r\n")?.status == 400)
    }

    @Test func urlEncodingRoundTrips() {
        for text in ["second front", "\"second front\" from:stalin", "a&b=c?d#e/f", "Łódź — 1942", "%+~"] {
            #expect(URLEncoding.decode(URLEncoding.encode(text), plusIsSpace: true) == text)
            #expect(URLEncoding.parameters("q=" + URLEncoding.encode(text)) == ["q": text])
        }
        #expect(URLEncoding.encode("a b\"<") == "a%20b%22%3C")
        #expect(URLEncoding.query([("q", "x y"), ("page", ""), ("sort", "date")]) == "q=x%20y&sort=date")
        #expect(URLEncoding.decode("%4", plusIsSpace: false) == nil)
        #expect(URLEncoding.decode("a+b", plusIsSpace: false) == "a+b")
    }

    @Test func aResponseIsWrittenWithItsLengthAndSecurityHeaders() {
        let response = HTTPResponse.text("hello", status: 404)
        let text = String(decoding: response.serialized(headOnly: false, keepAlive: true, date: "D"), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\nDate: D\r\n"))
        #expect(text.contains("Content-Length: 6\r\n") && text.contains("Connection: keep-alive\r\n"))
        #expect(text.contains("Content-Security-Policy: default-src 'none'; script-src 'self'"))
        #expect(text.hasSuffix("\r\n\r\nhello\n"))
        let head = String(decoding: response.serialized(headOnly: true, keepAlive: false, date: "D"), as: UTF8.self)
        #expect(head.hasSuffix("Content-Length: 6\r\nConnection: close\r\n\r\n"))
        #expect(SystemClock.httpDate().hasSuffix(" GMT") && SystemClock.httpDate().count == 29)
    }
}
