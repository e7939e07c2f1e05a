#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where output goes and how it may be decorated.
enum Terminal {
    /// Whether standard output is a terminal and `NO_COLOR` is unset: matched words in bold.
    static var stdoutIsStyled: Bool { isatty(1) == 1 && getenv("NO_COLOR") == nil }
    /// Whether standard error is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// The width to draw charts in: the terminal's, else `COLUMNS`, else 80.
    static var columns: Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = getenv("COLUMNS"), let value = Int(String(cString: text)), value > 0 { return min(value, 1000) }
        return 80
    }

    /// Writes `text` to standard error.
    static func error(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") && !line.hasSuffix("\r") { line += "\n" }
        raw(line)
    }

    /// Writes `text` to standard error as is.
    static func raw(_ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + done, $0.count - done) }
            if written <= 0 { return }
            done += written
        }
    }

    /// Formats a count with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return String(out.reversed())
    }

    /// Formats a number with `places` decimals.
    static func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if places == 0 { text = String(text[..<dot]) } else if decimals < places { text += String(repeating: "0", count: places - decimals) }
        } else if places > 0 {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }

    /// Bytes as MB with one decimal.
    static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_000_000, 1) + " MB" }
}
