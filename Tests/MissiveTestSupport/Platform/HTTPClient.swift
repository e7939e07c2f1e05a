#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response as a test reads it.
public struct HTTPClientResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields, names in lower case (the last of a repeated name).
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a test's HTTP exchange failed.
public struct HTTPClientError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A blocking HTTP/1.1 client connection on loopback, for tests and the load benchmark: it can
/// send well-formed requests or arbitrary bytes, and read a response (by `Content-Length`).
public final class HTTPClientConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to `127.0.0.1:port`; reads wait at most `timeout` seconds.
    public init(port: Int, timeout: Double = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HTTPClientError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            _ = systemClose(descriptor)
            throw HTTPClientError("cannot connect to port \(port): \(String(cString: strerror(errno)))")
        }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { _ = systemClose(descriptor) }

    /// Sends `bytes` as they are; false when the peer has closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { systemSend(descriptor, $0.baseAddress! + done, $0.count - done) }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    /// Sends `text` as it is.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Sends a GET (or `method`) for `target` with `headers`, keeping the connection open unless
    /// `close`.
    public func request(_ target: String, method: String = "GET", headers: [String: String] = [:], close: Bool = false) {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if close { head += "Connection: close\r\n" }
        send(head + "\r\n")
    }

    /// Reads one response; `headOnly` for the answer to a HEAD (no body follows).
    public func readResponse(headOnly: Bool = false) throws -> HTTPClientResponse {
        var headEnd: Int?
        while headEnd == nil {
            if let end = Self.find([13, 10, 13, 10], in: buffer) { headEnd = end + 4; break }
            guard try fill() else { throw HTTPClientError("the connection closed before a response head (\(buffer.count) bytes)") }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd!)
        let lines = head.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1."), let status = Int(statusLine.split(separator: " ")[1]) else {
            throw HTTPClientError("not an HTTP status line: \(lines.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).drop(while: { $0 == " " }).description
        }
        let length = headOnly || status == 304 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard try fill() else { throw HTTPClientError("the connection closed inside a body") }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return HTTPClientResponse(status: status, headers: headers, body: body)
    }

    /// Whether the peer closes the connection (a read finds its end) within the read timeout.
    public func peerCloses() -> Bool {
        (try? fill()) == false
    }

    /// Reads more bytes; false at the end of the stream. Throws on a timeout.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET { return false }
            throw HTTPClientError("read failed or timed out: \(String(cString: strerror(errno)))")
        }
        if count == 0 { return false }
        buffer += chunk[..<count]
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }

    /// One GET on a new connection, closed after.
    public static func get(_ target: String, port: Int, headers: [String: String] = [:], method: String = "GET") throws -> HTTPClientResponse {
        let connection = try HTTPClientConnection(port: port)
        connection.request(target, method: method, headers: headers, close: true)
        return try connection.readResponse(headOnly: method == "HEAD")
    }
}

@inline(__always) private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
@inline(__always) private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes, count, 0)
    #endif
}
