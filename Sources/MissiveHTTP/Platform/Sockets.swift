#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a socket call, with the call and the system's reason.
public struct SocketError: Error, CustomStringConvertible {
    public var description: String

    /// The error of the call `call` that just failed (from `errno`).
    init(_ call: String) {
        description = "\(call): \(String(cString: strerror(errno)))"
    }

    init(message: String) { description = message }
}

/// A TCP socket on IPv4 or IPv6: the system calls the web server makes, in one place. A value
/// owns its descriptor until ``close()``.
public struct Socket: Sendable {
    /// The descriptor.
    public let descriptor: Int32

    /// A listening socket bound to `address` (a numeric IPv4 or IPv6 address) and `port` (0: any
    /// free port), with address reuse on.
    public static func listening(address: String, port: Int, backlog: Int32 = 1024) throws -> Socket {
        // The address is parsed with inet_pton, not getaddrinfo: the binary is linked statically,
        // and getaddrinfo would need the C library's shared name-service modules at run time.
        guard (0...65535).contains(port) else { throw SocketError(message: "port \(port) is out of range") }
        let storage: sockaddr_storage, family: Int32, length: Int
        if let ipv4 = parse(address, family: AF_INET, as: in_addr.self) {
            var socketAddress = sockaddr_in()
            (socketAddress.sin_family, socketAddress.sin_port, socketAddress.sin_addr) = (sa_family_t(AF_INET), UInt16(port).bigEndian, ipv4)
            (storage, family, length) = (stored(socketAddress), AF_INET, MemoryLayout<sockaddr_in>.size)
        } else if let ipv6 = parse(address, family: AF_INET6, as: in6_addr.self) {
            var socketAddress = sockaddr_in6()
            (socketAddress.sin6_family, socketAddress.sin6_port, socketAddress.sin6_addr) = (sa_family_t(AF_INET6), UInt16(port).bigEndian, ipv6)
            (storage, family, length) = (stored(socketAddress), AF_INET6, MemoryLayout<sockaddr_in6>.size)
        } else {
            throw SocketError(message: "'\(address)' is not a numeric IPv4 or IPv6 address")
        }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var bindable = storage
        let bound = withUnsafePointer(to: &bindable) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) == 0 }
        }
        guard bound else {
            let error = SocketError("bind to \(address) port \(port)")
            _ = systemClose(descriptor)
            throw error
        }
        guard listen(descriptor, backlog) == 0 else {
            let error = SocketError("listen")
            _ = systemClose(descriptor)
            throw error
        }
        return Socket(descriptor: descriptor)
    }

    /// `address` (a `sockaddr_in` or `sockaddr_in6`) in a `sockaddr_storage`.
    private static func stored<Address>(_ address: Address) -> sockaddr_storage {
        var storage = sockaddr_storage()
        withUnsafeBytes(of: address) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
        return storage
    }

    /// `address` as a numeric address of `family` (inet_pton), nil when it is not one.
    private static func parse<Address>(_ address: String, family: Int32, as type: Address.Type) -> Address? {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<in6_addr>.size, alignment: 8)
        defer { storage.deallocate() }
        guard inet_pton(family, address, storage) == 1 else { return nil }
        return storage.load(as: type)
    }

    /// The port the socket is bound to.
    public var localPort: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
        }
        guard ok else { return 0 }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// Waits for and accepts a connection, returning it and the peer's address as text; nil when
    /// the listening socket was closed.
    func accept() -> (Socket, String)? {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let connection = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemAccept(descriptor, $0, &length) }
            }
            if connection >= 0 {
                var on: Int32 = 1
                setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                return (Socket(descriptor: connection), Self.peerName(&storage))
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors for now: wait a moment rather than spin.
                usleep(10_000)
                continue
            default: return nil
            }
        }
    }

    /// Sets how long one `send` may block (seconds) before it fails.
    func setSendTimeout(seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// What a wait for input found.
    enum Readiness { case readable, timedOut, failed }

    /// Waits up to `milliseconds` for input (or the peer closing).
    func waitForInput(milliseconds: Int) -> Readiness {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, Int32(max(0, milliseconds)))
            if result > 0 { return .readable }
            if result == 0 { return .timedOut }
            if errno != EINTR { return .failed }
        }
    }

    /// Reads what is available into `buffer` (at most its free capacity, appended); returns the
    /// number of bytes read, 0 at the end of the stream, -1 on an error.
    func receive(into buffer: inout [UInt8], maximum: Int) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: maximum))
        var count = -1
        while true {
            count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + start, maximum, 0) }
            if count >= 0 || errno != EINTR { break }
        }
        buffer.removeLast(maximum - max(count, 0))
        return count
    }

    /// Writes all of `bytes`; false when the peer is gone or a write timed out.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { systemSend(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    /// Closes the descriptor.
    func close() { _ = systemClose(descriptor) }

    /// The numeric address of a peer.
    private static func peerName(_ storage: inout sockaddr_storage) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let family = storage.ss_family
        let length = socklen_t(family == sa_family_t(AF_INET6) ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) }
        }
        return status == 0 ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }
}

// The C library's functions under names the methods above do not shadow.
@inline(__always) private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
@inline(__always) private func systemAccept(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: inout socklen_t) -> Int32 {
    accept(descriptor, address, &length)
}
@inline(__always) private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes, count, 0)
    #endif
}
