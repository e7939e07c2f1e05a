import MissiveIndex

/// Where output goes and how it may be decorated, and the number formats the CLI prints.
enum Terminal {
    /// When output is styled (`--color`): `auto` styles a terminal unless `NO_COLOR` is set to
    /// something or `TERM` is `dumb` (the conventions ripgrep and fd follow).
    enum ColorChoice: String { case auto, always, never }

    /// The `--color` choice of this run.
    nonisolated(unsafe) static var colorChoice = ColorChoice.auto

    /// Whether matched words are bold and paths dim on standard output.
    static var stdoutIsStyled: Bool {
        switch colorChoice {
        case .always: return true
        case .never: return false
        case .auto:
            return Console.isTerminal(1) && (Console.environment("NO_COLOR") ?? "").isEmpty && Console.environment("TERM") != "dumb"
        }
    }

    /// Whether standard output is a terminal (long passages are then wrapped to its width).
    static var stdoutIsTerminal: Bool { Console.isTerminal(1) }
    /// Whether standard error is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { Console.isTerminal(2) }

    /// The width to draw charts in: the terminal's, else `COLUMNS`, else 80.
    static var columns: Int {
        if let width = Console.terminalColumns { return width }
        if let text = Console.environment("COLUMNS"), let value = Int(text), value > 0 { return min(value, 1000) }
        return 80
    }

    /// Writes `text` to standard error, ending the line.
    static func error(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") && !line.hasSuffix("\r") { line += "\n" }
        raw(line)
    }

    /// Writes `text` to standard error as is.
    static func raw(_ text: String) { Console.writeToStandardError(text) }

    /// `text` cut into lines of at most `width` visible characters at spaces, each after
    /// `indent` (terminal escape sequences take no width).
    static func wrapped(_ text: String, width: Int, indent: String) -> [String] {
        let room = max(20, width - indent.count)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = visibleWidth(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth > room {
                lines.append(indent + line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 || !line.isEmpty { line += " "; lineWidth += 1 }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(indent + line) }
        return lines
    }

    /// Characters that take a column: escape sequences (`ESC [ … m`) left out.
    private static func visibleWidth(_ text: Substring) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += 1
        }
        return width
    }

    /// `1942-03-01 – 1943-05-01`, one date when both are the same, `undated` without dates.
    static func dateSpan(_ first: LetterDate?, _ last: LetterDate?) -> String {
        guard let first else { return "undated" }
        guard let last, last != first else { return first.description }
        return "\(first) – \(last)"
    }

    /// Formats a count with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        if value >= 0 && value < 1000 { return digits }
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

extension String {
    /// The string with spaces before it, to `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// The string with spaces after it, to `width` characters.
    func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
