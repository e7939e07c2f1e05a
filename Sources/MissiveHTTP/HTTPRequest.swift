/// An HTTP/1.x request head: the request line and the header fields (the server answers GET and
/// HEAD, which carry no body).
public struct HTTPRequest: Sendable {
    /// The method, as sent (`GET`, `HEAD`, …).
    public var method: String
    /// The request target as sent (`/letter?path=a.txt`).
    public var target: String
    /// The target's path, percent-decoded (`/letter`).
    public var path: String
    /// The query string's parameters, decoded (`+` is a space); the first of a repeated name wins.
    public var parameters: [String: String]
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// The header fields, names in lower case, in the order sent.
    public var headers: [(name: String, value: String)]

    /// The value of the first header field named `name` (lower case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// Whether the client wants the connection kept open after the response: HTTP/1.1 unless it
    /// says `Connection: close`, HTTP/1.0 only when it says `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// Whether a body follows the head (a GET or HEAD with one is answered, then the connection is
    /// closed rather than read in step).
    public var hasBody: Bool {
        if header("transfer-encoding") != nil { return true }
        if let length = header("content-length") { return length.trimmingCharacters(in: " \t") != "0" }
        return false
    }
}

/// Why a request head could not be read, each with the status it is answered with.
public enum HTTPRequestError: Error, Equatable, Sendable {
    /// Not HTTP/1.x as RFC 9112 writes it (400).
    case malformed(String)
    /// A request line longer than the limit (414).
    case requestLineTooLong
    /// Header fields longer than the limit in all (431).
    case headersTooLarge
    /// An HTTP version other than 1.0 and 1.1 (505).
    case unsupportedVersion

    /// The status code that answers the error.
    public var status: Int {
        switch self {
        case .malformed: return 400
        case .requestLineTooLong: return 414
        case .headersTooLarge: return 431
        case .unsupportedVersion: return 505
        }
    }

    /// A one-line explanation for the response body.
    public var message: String {
        switch self {
        case .malformed(let why): return "Bad request: \(why)."
        case .requestLineTooLong: return "The request line is longer than \(HTTPRequestHead.maximumRequestLine) bytes."
        case .headersTooLarge: return "The header fields are longer than \(HTTPRequestHead.maximumHeaderBytes) bytes in all."
        case .unsupportedVersion: return "Only HTTP/1.0 and HTTP/1.1 are spoken here."
        }
    }
}

/// Finds and parses a request head in the bytes read so far from a connection.
public enum HTTPRequestHead {
    /// The longest request line accepted (8 KB, as nginx's default large buffer).
    public static let maximumRequestLine = 8192
    /// The most header-field bytes accepted after the request line.
    public static let maximumHeaderBytes = 8192
    /// The most header fields accepted.
    public static let maximumHeaderCount = 100

    /// What the bytes read so far hold.
    public enum Scan: Equatable, Sendable {
        /// A whole head of `length` bytes (up to and including the blank line).
        case complete(length: Int)
        /// Not yet a whole head, and within the limits: read more.
        case incomplete
    }

    /// Looks for the end of a head in `buffer`, throwing when the limits are already passed.
    public static func scan(_ buffer: [UInt8]) throws(HTTPRequestError) -> Scan {
        guard let lineEnd = firstLineEnd(buffer) else {
            if buffer.count > maximumRequestLine { throw .requestLineTooLong }
            return .incomplete
        }
        if lineEnd > maximumRequestLine { throw .requestLineTooLong }
        // The blank line ending the head: "\r\n\r\n" (or "\n\n", tolerated as RFC 9112 allows).
        var index = lineEnd - 1
        while index < buffer.count {
            if buffer[index] == 0x0A {
                let next = index + 1
                var end: Int?
                if next < buffer.count, buffer[next] == 0x0A { end = next + 1 }
                if next + 1 < buffer.count, buffer[next] == 0x0D, buffer[next + 1] == 0x0A { end = next + 2 }
                if let end {
                    if end - lineEnd > maximumHeaderBytes + 4 { throw .headersTooLarge }
                    return .complete(length: end)
                }
            }
            index += 1
        }
        if buffer.count - lineEnd > maximumHeaderBytes + 4 { throw .headersTooLarge }
        return .incomplete
    }

    /// The offset just past the request line's line feed, if there is one.
    private static func firstLineEnd(_ buffer: [UInt8]) -> Int? {
        buffer.firstIndex(of: 0x0A).map { $0 + 1 }
    }

    /// Parses a complete head (as ``scan(_:)`` delimits it).
    public static func parse(_ head: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
        // Lines split on the bytes: as a String, "\r\n" is one character.
        var lines: [String] = []
        for line in head.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard let text = String(validating: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self) else { throw .malformed("the head is not UTF-8") }
            lines.append(text)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformed("no request line") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformed("the request line is not METHOD TARGET VERSION") }
        let method = String(parts[0])
        guard method.utf8.allSatisfy({ isTokenByte($0) }) else { throw .malformed("the method is not a token") }
        let version = String(parts[2])
        guard version.hasPrefix("HTTP/1.") || version.hasPrefix("HTTP/") else { throw .malformed("no HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        var target = String(parts[1])
        // The absolute form (`http://host/path`, which proxies send) names the same resource.
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            target = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0] == "?" ? "/" + rest[$0...] : String(rest[$0...]) } ?? "/"
        }
        guard target.hasPrefix("/") || target == "*" else { throw .malformed("the target is not a path") }
        guard target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .malformed("the target holds spaces or control characters") }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("a header field without a colon") }
            let name = line[..<colon]
            guard !name.isEmpty, name.utf8.allSatisfy({ isTokenByte($0) }) else { throw .malformed("a header field name is not a token") }
            guard line.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x09 }) && !line.utf8.contains(0x7F) else { throw .malformed("a header field holds control characters") }
            headers.append((name.lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: " \t")))
            guard headers.count <= maximumHeaderCount else { throw .headersTooLarge }
        }
        if version == "HTTP/1.1" {
            let hosts = headers.filter { $0.name == "host" }.count
            guard hosts == 1 else { throw .malformed(hosts == 0 ? "an HTTP/1.1 request without Host" : "more than one Host") }
        }
        let rawPath = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let rawQuery = target.contains("?") ? target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[1] : ""
        guard let path = URLEncoding.decode(rawPath, plusIsSpace: false) else { throw .malformed("the path is not percent-encoded UTF-8") }
        guard let parameters = URLEncoding.parameters(rawQuery) else { throw .malformed("the query string is not percent-encoded UTF-8") }
        return HTTPRequest(method: method, target: target, path: path, parameters: parameters, version: version, headers: headers)
    }

    /// RFC 9110's tchar.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    public func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
