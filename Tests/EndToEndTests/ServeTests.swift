import Foundation
import Testing
import MissiveTestSupport

/// `missive serve`: every page and endpoint over a real socket, the HTTP rules (methods, limits,
/// timeouts, keep-alive, saturation), and the security of a server that shows untrusted text.
@Suite("missive serve")
struct ServeTests {
    let scratch: TemporaryFolder
    let index: String

    /// The bundled corpus plus two hostile letters, indexed.
    init() throws {
        scratch = try TemporaryFolder("missive-serve")
        let letters = try copyKremlinLetters(to: scratch.appending("letters"))
        try """
        Title: <script>alert('title')</script> Evil plans
        From: "><img src=x onerror=alert(1)>
        To: W. Churchill
        Date: 1943-05-01

        The convoy note <script>alert("body")</script> and </textarea><b>bold</b> & more.
        """.write(toFile: letters + "/1943-05-01-hostile.txt", atomically: true, encoding: .utf8)
        try """
        Title: Another convoy
        From: "><img src=x onerror=alert(1)>
        To: W. Churchill
        Date: 1943-06-01

        A second convoy letter from the same hostile sender.
        """.write(toFile: letters + "/1943-06-01-hostile.txt", atomically: true, encoding: .utf8)
        index = scratch.appending("index.missive")
        let built = try missive(["index", letters, "--index", index])
        #expect(built.status == 0, "\(built.stderr)")
    }

    @Test func everyPageAndEndpointAnswers() throws {
        let server = try ServerProcess(["--index", index])
        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("Search 13 letters"))

        let results = try server.get("/?q=%22second+front%22")
        #expect(results.status == 200)
        #expect(results.text.contains("1 letter matches"))
        #expect(results.text.contains("<mark>second</mark> <mark>front</mark>"))
        #expect(results.text.contains("href=\"/letter?path=1941-09-03-stalin-to-churchill.txt&amp;q=%22second%20front%22\""))
        // Facets add from:/to: to the query; the timeline's bars add a date.
        #expect(results.text.contains("href=\"/?q=%22second%20front%22%20from%3A%22J.%20V.%20Stalin%22\""))
        #expect(results.text.contains("<svg class=\"timeline\""))
        #expect(results.text.contains("href=\"/?q=%22second%20front%22%20date%3A1941-09\""))

        // Sorting and paging: 10 per page.
        let stalin = try server.get("/?q=the&sort=date")
        let page2 = try server.get("/?q=the&sort=date&page=2")
        #expect(stalin.text.contains("<span class=\"rank\">1.</span>") && page2.text.contains("<span class=\"rank\">11.</span>"))
        #expect(stalin.text.contains("rel=\"next\"") && page2.text.contains("rel=\"prev\""))
        #expect(stalin.text.contains("<option value=\"date\" selected>"))
        #expect(try server.get("/?q=the&page=99").text.contains("There is no page 99"))

        let letter = try server.get("/letter?path=1941-09-03-stalin-to-churchill.txt&q=%22second+front%22")
        #expect(letter.status == 200)
        #expect(letter.text.contains("<mark id=\"m1\">second front</mark><a class=\"next\" href=\"#m1\""))
        #expect(letter.text.contains("<h1>Stalin asks Churchill for a second front</h1>"))
        // The next letter between Stalin and Churchill, by date.
        #expect(letter.text.contains("rel=\"next\" href=\"/letter?path=1942-02-23-churchill-to-stalin.txt"))

        let pairs = try server.get("/correspondents")
        #expect(pairs.status == 200)
        #expect(pairs.text.contains("<table class=\"pairs\">"))
        #expect(pairs.text.contains(">W. Churchill</a></td>"))

        let api = try server.get("/api/search?q=convoy&limit=2")
        #expect(api.status == 200 && api.headers["content-type"] == "application/json; charset=utf-8")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: Any])
        let cli = try missive(["search", "convoy", "--limit", "2", "--json", "--index", index])
        let cliObject = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == cliObject["total"] as? Int)
        #expect((object["hits"] as? [Any])?.count == 2)
        #expect(Set(object.keys) == Set(cliObject.keys), "the endpoint has the shape of search --json")
        #expect(try jsonPaths(Run(status: 0, stdout: api.text, stderr: "")) == jsonPaths(cli))

        let stored = try server.get("/api/letter?path=1941-09-03-stalin-to-churchill.txt")
        let storedObject = try #require(try JSONSerialization.jsonObject(with: Data(stored.body)) as? [String: Any])
        #expect(storedObject["from"] as? String == "J. V. Stalin")
        #expect((storedObject["body"] as? String)?.contains("second front") == true)
        #expect(try server.get("/api/correspondents").text.contains("\"pairs\":["))
        #expect(try server.get("/api/timeline?q=stalin&by=month").text.contains("\"by\":\"month\""))

        // Static assets revalidate with their ETag.
        let style = try server.get("/static/style.css")
        #expect(style.status == 200 && style.headers["content-type"] == "text/css; charset=utf-8")
        let etag = try #require(style.headers["etag"])
        #expect(try server.get("/static/style.css", headers: ["If-None-Match": etag]).status == 304)
        #expect(try server.get("/static/missive.js").status == 200)

        // HEAD: the same head, no body.
        let head = try server.get("/?q=stalin", method: "HEAD")
        let full = try server.get("/?q=stalin")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(full.body.count))
        #expect(try server.get("/no/such/page").status == 404)
        let post = try server.get("/", method: "POST")
        #expect(post.status == 405 && post.headers["allow"] == "GET, HEAD")
    }

    @Test func hostileLettersAndQueriesShowAsText() throws {
        let server = try ServerProcess(["--index", index])
        for target in ["/?q=convoy", "/?q=evil", "/letter?path=1943-05-01-hostile.txt&q=convoy", "/correspondents",
                       "/?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E", "/?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E+(",
                       "/letter?path=%3Cscript%3E"] {
            let page = try server.get(target)
            #expect(!page.text.contains("<script>alert"), "\(target)")
            #expect(!page.text.contains("<img src=x"), "\(target)")
            #expect(!page.text.contains("<b>bold</b>"), "\(target)")
            #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            #expect(page.headers["x-content-type-options"] == "nosniff")
        }
        let letter = try server.get("/letter?path=1943-05-01-hostile.txt")
        #expect(letter.text.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Evil plans</h1>"))
        #expect(letter.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(letter.text.contains("&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt; and &lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt; &amp; more."))
        let query = try server.get("/?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E")
        #expect(query.text.contains("value=\"&lt;script&gt;alert(9)&lt;/script&gt;\""))
    }

    @Test func lettersAreFoundInTheIndexOnly() throws {
        let server = try ServerProcess(["--index", index])
        for target in ["/letter?path=../../etc/passwd", "/letter?path=/etc/passwd", "/letter?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                       "/letter", "/api/letter?path=../../etc/passwd", "/../../etc/passwd", "/static/../../etc/passwd"] {
            let response = try server.get(target)
            #expect(response.status == 404, "\(target)")
            #expect(!response.text.contains("root:"), "\(target)")
        }
    }

    @Test func aBadQueryIsShownBesideTheBox() throws {
        let server = try ServerProcess(["--index", index])
        let page = try server.get("/?q=%22second+front%22+(convoy")
        #expect(page.status == 200)
        #expect(page.text.contains("<div class=\"error\" id=\"query-error\" role=\"alert\"><p>column 16:"), "\(page.text)")
        #expect(page.text.contains("aria-invalid=\"true\""))
        let unknownKey = try server.get("/?q=tpye:cable")
        #expect(unknownKey.text.contains("no letter has a &#39;tpye:&#39; header"))
        let api = try server.get("/api/search?q=(convoy")
        #expect(api.status == 400)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: Any])
        #expect(object["column"] as? Int == 1)
        #expect(try server.get("/api/search?q=convoy&limit=0").status == 400)
        // A misspelling links to the suggestion.
        #expect(try server.get("/?q=secnd+front").text.contains("Did you mean <a href=\"/?q=second%20front\">"))
    }

    @Test func malformedAndOversizedRequestsGetTheirStatus() throws {
        let server = try ServerProcess(["--index", index])
        func raw(_ text: String) throws -> HTTPClientResponse {
            let connection = try HTTPClientConnection(port: server.port)
            connection.send(text)
            return try connection.readResponse()
        }
        #expect(try raw("NONSENSE\r\n\r\n").status == 400)
        #expect(try raw("GET / HTTP/1.1\r\n\r\n").status == 400, "HTTP/1.1 without Host")
        #expect(try raw("GET / HTTP/2.0\r\nHost: x\r\n\r\n").status == 505)
        #expect(try raw("GET /?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n").status == 400)
        #expect(try raw("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n").status == 414)
        #expect(try raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 9000))\r\n\r\n").status == 431)
        #expect(try raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n").status == 400)
        #expect(try raw("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n").status == 405)
        // Still serving after all that.
        #expect(try server.get("/?q=stalin").status == 200)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try ServerProcess(["--index", index])
        let connection = try HTTPClientConnection(port: server.port)
        for target in ["/?q=stalin", "/static/style.css", "/api/search?q=convoy"] {
            connection.request(target)
            let response = try connection.readResponse()
            #expect(response.status == 200 && response.headers["connection"] == "keep-alive")
        }
        // Two requests sent at once (pipelined) are answered in order.
        connection.send("GET /api/search?q=stalin HTTP/1.1\r\nHost: x\r\n\r\nGET /api/search?q=convoy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try connection.readResponse().text.contains("\"query\":\"stalin\""))
        let last = try connection.readResponse()
        #expect(last.text.contains("\"query\":\"convoy\"") && last.headers["connection"] == "close")
        #expect(connection.peerCloses())
        // HTTP/1.0 closes unless asked.
        let old = try HTTPClientConnection(port: server.port)
        old.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().headers["connection"] == "close")
        #expect(old.peerCloses())
    }

    @Test func aSlowClientDoesNotHoldAWorker() throws {
        // One worker, requests must arrive within a second.
        let server = try ServerProcess(["--index", index, "--threads", "1", "--timeout", "1"])
        let slow = try HTTPClientConnection(port: server.port)
        let started = Date()
        var answered: HTTPClientResponse?
        for byte in "GET /?q=stalin HTTP/1.1\r\nHost: x\r\n".utf8 {
            guard slow.send([byte]) else { break }
            Thread.sleep(forTimeInterval: 0.1)
            if Date().timeIntervalSince(started) > 1.5 { break }
        }
        answered = try? slow.readResponse()
        #expect(answered?.status == 408)
        #expect(Date().timeIntervalSince(started) < 5)
        // The one worker is free again.
        #expect(try server.get("/?q=stalin").status == 200)
    }

    @Test func twoHundredConcurrentRequestsAreAllAnswered() throws {
        let server = try ServerProcess(["--index", index])
        let targets = ["/?q=stalin", "/?q=%22second+front%22", "/api/search?q=convoy", "/correspondents", "/letter?path=1941-09-03-stalin-to-churchill.txt"]
        // Every request is sent before any response is read: 200 in flight at once.
        var connections: [HTTPClientConnection] = []
        for number in 0..<200 {
            let connection = try HTTPClientConnection(port: server.port, timeout: 60)
            connection.request(targets[number % targets.count], close: true)
            connections.append(connection)
        }
        var statuses: [Int: Int] = [:]
        for connection in connections { statuses[try connection.readResponse().status, default: 0] += 1 }
        #expect(statuses == [200: 200])
    }

    @Test func aSaturatedServerAnswers503() throws {
        let server = try ServerProcess(["--index", index, "--threads", "1", "--queue", "1", "--timeout", "3"])
        // The worker waits on a connection that sends nothing; the next one fills the queue.
        let holding = try HTTPClientConnection(port: server.port)
        Thread.sleep(forTimeInterval: 0.3)
        let waiting = try HTTPClientConnection(port: server.port)
        waiting.request("/?q=stalin", close: true)
        Thread.sleep(forTimeInterval: 0.3)
        let refused = try HTTPClientConnection.get("/?q=stalin", port: server.port)
        #expect(refused.status == 503)
        #expect(refused.headers["retry-after"] == "1")
        // Once the idle connection times out, the waiting one is answered.
        #expect(try waiting.readResponse().status == 200)
        _ = holding
    }

    @Test func ctrlCStopsItAndLogsGoToStandardError() throws {
        let server = try ServerProcess(["--index", index, "--log"])
        #expect(try server.get("/?q=stalin").status == 200)
        let (status, stderr) = server.interrupt()
        #expect(status == 130)
        #expect(stderr.contains("\"GET /?q=stalin HTTP/1.1\" 200"), "\(stderr)")
        #expect(stderr.contains("Stopped serving http://127.0.0.1:"))
    }

    @Test func anUpdatedIndexIsServedWithinASecond() throws {
        let server = try ServerProcess(["--index", index, "--log"])
        #expect(try server.get("/?q=zeppelin").text.contains("No letters match"))
        try "Title: Airships\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1944-01-01\n\nA zeppelin was seen.\n"
            .write(toFile: scratch.appending("letters/1944-01-01-zeppelin.txt"), atomically: true, encoding: .utf8)
        #expect(try missive(["index", scratch.appending("letters"), "--index", index]).status == 0)
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try server.get("/?q=zeppelin").text.contains("1 letter matches"))
        #expect(try server.get("/letter?path=1944-01-01-zeppelin.txt").status == 200)
        let (_, stderr) = server.interrupt()
        #expect(stderr.contains("changed; now serving 14 letters"), "\(stderr)")
    }

    @Test func aRareSpellingLinksToTheCommonOne() throws {
        // 150 generated letters, 12 with "reconnaissance" and one with "reconnaisance".
        let letters = scratch.appending("spellings")
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters, count: 150)
        for number in 0..<13 {
            let word = number == 0 ? "reconnaisance" : "reconnaissance"
            try "Title: Patrol \(number)\nFrom: Admiralty\n\nThe \(word) flight returned.\n"
                .write(toFile: "\(letters)/patrol-\(number).txt", atomically: true, encoding: .utf8)
        }
        let spellings = scratch.appending("spellings.missive")
        #expect(try missive(["index", letters, "--index", spellings]).status == 0)
        let server = try ServerProcess(["--index", spellings])
        let page = try server.get("/?q=reconnaisance").text
        #expect(page.contains("Also spelled <a href=\"/?q=reconnaisance%20OR%20reconnaissance\">reconnaissance</a> (12 letters)"), "\(page)")
    }

    @Test func openStartsTheBrowserOnTheURL() throws {
        // A stand-in for xdg-open that writes down what it was asked to open.
        let bin = scratch.appending("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in ["xdg-open", "open"] {
            try "#!/bin/sh\necho \"$1\" > \(scratch.appending("opened"))\n".write(toFile: "\(bin)/\(name)", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(bin)/\(name)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--index", index, "--port", "0", "--open"]
        process.environment = ["PATH": bin + ":/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        var opened = ""
        for _ in 0..<50 where opened.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            opened = (try? String(contentsOfFile: scratch.appending("opened"), encoding: .utf8)) ?? ""
        }
        #expect(opened.hasPrefix("http://127.0.0.1:") && line.contains(opened.trimmingCharacters(in: .whitespacesAndNewlines)), "\(opened) \(line)")
    }

    @Test func otherAddressesOnlyWhenAskedWithAWarning() throws {
        let busy = try ServerProcess(["--index", index])
        let clash = try missive(["serve", "--index", index, "--port", String(busy.port)])
        #expect(clash.status == 1 && clash.stderr.contains("pick another with --port N"), "\(clash.stderr)")
        let open = try ServerProcess(["--index", index, "--bind", "0.0.0.0"])
        #expect(try open.get("/").status == 200)
        let (_, stderr) = open.interrupt()
        #expect(stderr.contains("warning: listening on 0.0.0.0: anyone who can reach this machine"))
        #expect(try missive(["serve", "--index", index, "--port", "70000"]).status == 2)
        #expect(try missive(["serve", "--index", index, "extra"]).status == 2)
    }
}
