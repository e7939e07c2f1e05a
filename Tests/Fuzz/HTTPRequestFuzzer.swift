// libFuzzer entry point: bytes from a connection → the request-head scanner and parser, the
// query-string decoder, and the percent-encoding round trip. Any input must be either refused
// with an error (and its status) or parsed into a request that keeps the parser's promises.
import MissiveHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        if case .complete(let length) = try HTTPRequestHead.scan(bytes) {
            precondition(length > 0 && length <= bytes.count)
            let request = try HTTPRequestHead.parse(bytes[..<length])
            precondition(request.method == "GET" || !request.method.isEmpty)
            precondition(request.version == "HTTP/1.1" || request.version == "HTTP/1.0")
            precondition(request.target.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F })
            precondition(request.headers.count <= HTTPRequestHead.maximumHeaderCount)
            _ = request.wantsKeepAlive
            _ = request.hasBody
            for (_, value) in request.parameters {
                precondition(URLEncoding.decode(URLEncoding.encode(value), plusIsSpace: true) == value)
            }
        }
    } catch {
        precondition([400, 414, 431, 505].contains(error.status))
        _ = error.message
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = URLEncoding.parameters(text)
        precondition(URLEncoding.decode(URLEncoding.encode(text), plusIsSpace: false) == text)
    }
    return 0
}
