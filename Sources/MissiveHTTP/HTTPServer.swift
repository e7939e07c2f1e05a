/// A small HTTP/1.1 server over POSIX sockets: one acceptor thread hands connections to a
/// bounded pool of worker threads through a bounded queue; a connection that arrives when the
/// queue is full is answered 503 at once. Each worker reads request heads under a deadline (a
/// client that trickles bytes is cut off with 408), answers GET and HEAD through `handler`, and
/// keeps the connection open between requests for a few seconds (less when others wait).
public final class HTTPServer: @unchecked Sendable {
    /// How the server runs.
    public struct Settings: Sendable {
        /// Worker threads (connections served at once).
        public var threads = 16
        /// Connections that may wait for a worker; beyond, 503.
        public var queueCapacity = 512
        /// Seconds a request head may take to arrive, from its first byte (or from the connection).
        public var requestTimeout = 10.0
        /// Seconds an idle kept-alive connection is held open for the next request.
        public var idleTimeout = 5.0
        /// Seconds one write may block.
        public var writeTimeout = 10.0
        /// Where each request's access-log line goes (nil: nowhere).
        public var log: (@Sendable (String) -> Void)?

        /// The defaults: 16 threads, 512 waiting connections, 10 s for a request, 5 s idle.
        public init() {}
    }

    private let listener: Socket
    private let settings: Settings
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let queue: BoundedQueue<(Socket, String)>

    /// A server listening on `listener`, answering with `handler`.
    public init(listener: Socket, settings: Settings, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.listener = listener
        self.settings = settings
        self.handler = handler
        queue = BoundedQueue(capacity: settings.queueCapacity)
    }

    /// Starts the workers and accepts connections until the listening socket is closed.
    public func run() {
        for _ in 0..<settings.threads {
            startThread { [self] in
                while true {
                    let (connection, peer) = queue.take()
                    serve(connection, peer: peer)
                    connection.close()
                }
            }
        }
        while let (connection, peer) = listener.accept() {
            connection.setSendTimeout(seconds: settings.writeTimeout)
            if !queue.offer((connection, peer)) {
                // Saturated: say so at once rather than let the client wait unseen.
                var response = HTTPResponse.text("The server is busy; try again in a moment.", status: 503)
                response.headers.append(("Retry-After", "1"))
                connection.send(response.serialized(headOnly: false, keepAlive: false, date: SystemClock.httpDate()))
                log(peer, "-", 503, 0, 0)
                connection.close()
            }
        }
    }

    /// Answers the requests of one connection until it closes, errs, idles or times out.
    private func serve(_ connection: Socket, peer: String) {
        var buffer: [UInt8] = []
        var first = true
        while true {
            // Wait for the next request's first byte: the request deadline for the first request,
            // the idle time for later ones.
            if buffer.isEmpty {
                let wait = first ? settings.requestTimeout : settings.idleTimeout
                guard connection.waitForInput(milliseconds: Int(wait * 1000)) == .readable,
                      connection.receive(into: &buffer, maximum: 4096) > 0 else { return }
            }
            first = false
            let started = SystemClock.monotonicSeconds()
            let deadline = started + settings.requestTimeout
            var headLength = 0
            do {
                while true {
                    if case .complete(let length) = try HTTPRequestHead.scan(buffer) {
                        headLength = length
                        break
                    }
                    let remaining = deadline - SystemClock.monotonicSeconds()
                    guard remaining > 0, connection.waitForInput(milliseconds: Int(remaining * 1000)) == .readable else {
                        reply(connection, .text("The request took too long to arrive.", status: 408), peer: peer, requestLine: "-", started: started)
                        return
                    }
                    guard connection.receive(into: &buffer, maximum: 4096) > 0 else { return }
                }
            } catch {
                reply(connection, .text(error.message, status: error.status), peer: peer, requestLine: "-", started: started)
                return
            }
            let request: HTTPRequest
            do {
                request = try HTTPRequestHead.parse(buffer[..<headLength])
            } catch {
                reply(connection, .text(error.message, status: error.status), peer: peer, requestLine: "-", started: started)
                return
            }
            buffer.removeFirst(headLength)
            let requestLine = "\(request.method) \(request.target) \(request.version)"
            guard request.method == "GET" || request.method == "HEAD" else {
                var response = HTTPResponse.text("Only GET and HEAD are answered here.", status: 405)
                response.headers.append(("Allow", "GET, HEAD"))
                reply(connection, response, peer: peer, requestLine: requestLine, started: started)
                return
            }
            let response = handler(request)
            // Keep the connection only when the client wants it, no body is pending, and no other
            // connection waits for this worker.
            let keepAlive = request.wantsKeepAlive && !request.hasBody && queue.count == 0
            guard reply(connection, response, peer: peer, requestLine: requestLine, started: started,
                        headOnly: request.method == "HEAD", keepAlive: keepAlive), keepAlive else { return }
        }
    }

    /// Logs `response`, writes it, and returns whether the write succeeded. The line is written
    /// first, so a client holding its answer can count on the line (a Ctrl-C right after it
    /// does not lose it); its time is the time to the answer being ready.
    @discardableResult
    private func reply(_ connection: Socket, _ response: HTTPResponse, peer: String, requestLine: String, started: Double,
                       headOnly: Bool = false, keepAlive: Bool = false) -> Bool {
        let bytes = response.serialized(headOnly: headOnly, keepAlive: keepAlive, date: SystemClock.httpDate())
        log(peer, requestLine, response.status, headOnly ? 0 : response.body.count, SystemClock.monotonicSeconds() - started)
        return connection.send(bytes)
    }

    /// One access-log line: peer, time, request line, status, body bytes, milliseconds.
    private func log(_ peer: String, _ requestLine: String, _ status: Int, _ bytes: Int, _ seconds: Double) {
        guard let write = settings.log else { return }
        let milliseconds = (seconds * 10_000).rounded() / 10
        write("\(peer) [\(SystemClock.httpDate())] \"\(requestLine)\" \(status) \(bytes) \(milliseconds) ms\n")
    }
}
