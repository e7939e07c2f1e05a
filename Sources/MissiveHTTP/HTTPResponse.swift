/// A response: status, header fields and body. The server adds `Date`, `Content-Length`,
/// `Connection` and the security headers when it writes it.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields beyond those the server adds.
    public var headers: [(name: String, value: String)] = []
    /// The body (left out when answering HEAD).
    public var body: [UInt8] = []

    /// A response of `status` with `headers` and `body`.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page (not cached: pages change with the index).
    public static func html(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: Array(text.utf8))
    }

    /// A JSON document.
    public static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")], body: Array(text.utf8))
    }

    /// Plain text, for errors the HTTP layer answers itself.
    public static func text(_ text: String, status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((text + "\n").utf8))
    }

    /// The reason phrase of `status`.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }

    /// Headers every response carries: no sniffing, no framing, no referrer, and a content
    /// security policy that allows only this server's own script, style and images (never inline
    /// script, so a letter's text can never run as one).
    public static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// The bytes on the wire: status line, fields, blank line, and the body unless `headOnly`.
    public func serialized(headOnly: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Date: \(date)\r\nServer: missive\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        for (name, value) in Self.securityHeaders { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n" : "Connection: close\r\n"
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !headOnly && status != 304 { bytes += body }
        return bytes
    }
}
