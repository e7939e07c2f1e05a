#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's side of the terminal and environment: which streams are terminals, the
/// terminal's width, environment variables, raw writes, the clock and the exit status.
enum Console {
    /// Whether standard output (1) or standard error (2) is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// The width of the terminal on standard output, if it is one.
    static var terminalColumns: Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The value of an environment variable, nil when unset.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Writes all of `text` to standard error (unbuffered, so it interleaves with progress lines).
    static func writeToStandardError(_ text: String) { writeAll(text, to: 2) }

    /// Writes all of `text` to standard output at once (for a line another program waits for).
    static func writeToStandardOutput(_ text: String) { writeAll(text, to: 1) }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written <= 0 { return }
            done += written
        }
    }

    /// Opens `url` in the default browser (`xdg-open`, or `open` on macOS) without waiting for it;
    /// false when neither can be started.
    static func openInBrowser(_ url: String) -> Bool {
        #if os(macOS)
        let program = "open"
        #else
        let program = "xdg-open"
        #endif
        var process = pid_t()
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(program), strdup(url), nil]
        defer { arguments.forEach { free($0) } }
        return posix_spawnp(&process, program, nil, nil, arguments, environ) == 0
    }

    /// The working folder as an absolute path (nil if it cannot be found, e.g. removed).
    static var workingFolder: String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Seconds on a monotonic clock.
    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Ends the process with `status` (standard output is flushed on the way out).
    static func exit(_ status: Int32) -> Never {
        systemExit(status)
    }
}

@inline(__always) private func systemExit(_ status: Int32) -> Never { exit(status) }
