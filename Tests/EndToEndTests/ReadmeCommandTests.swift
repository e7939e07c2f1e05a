import Foundation
import Testing
import MissiveTestSupport

/// Every command in the README's `console` blocks, run on a copy of the bundled corpus in the
/// order shown: each must end with the status it states (`# exit status N`, else 0) and print
/// the lines shown after it (standard output, then standard error), up to a line `…`; a line
/// ending in `…` need only begin the same way (a CSV line's CR is not compared).
@Suite("The README's commands, run as shown")
struct ReadmeCommandTests {
    struct Example {
        var command: String
        var status: Int32
        var expected: [String]
        var line: Int
    }

    /// The commands of the README's console blocks (`$ ` lines) and what follows each.
    static func examples(in readme: String) -> [Example] {
        var examples: [Example] = []
        var inConsole = false
        for (number, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                inConsole = !inConsole && line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                var command = String(line.dropFirst(2))
                var status: Int32 = 0
                if let comment = command.range(of: "  # exit status ") {
                    status = Int32(command[comment.upperBound...]) ?? -1
                    command = String(command[..<comment.lowerBound])
                }
                if command.hasPrefix("swift run -c release missive ") { command = "missive " + command.dropFirst("swift run -c release missive ".count) }
                examples.append(Example(command: command, status: status, expected: [], line: number + 1))
            } else if !examples.isEmpty {
                examples[examples.count - 1].expected.append(String(line))
            }
        }
        return examples
    }

    @Test func everyConsoleCommandRunsAsShown() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let examples = Self.examples(in: readme)
        #expect(examples.count >= 15, "the README shows its commands in console blocks")
        let work = try TemporaryFolder("missive-readme")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Corpus", toPath: work.appending("Corpus"))
        let path = (binary as NSString).deletingLastPathComponent + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for example in examples {
            #expect(example.command.hasPrefix("missive "), "README line \(example.line): \(example.command)")
            let run = try run("/bin/sh", ["-c", example.command], in: work.path,
                              environment: ["PATH": path, "NO_COLOR": nil, "COLUMNS": "80", "TERM": "dumb"])
            #expect(run.status == example.status, "README line \(example.line): \(example.command)\n\(run.stderr)")
            // CSV ends its lines with CRLF; the README shows lines.
            let printed = (run.stdout + run.stderr).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
            for (index, expected) in example.expected.enumerated() {
                if expected == "…" { break }
                let actual = index < printed.count ? printed[index] : "(nothing)"
                let matches = expected.hasSuffix("…") ? actual.hasPrefix(String(expected.dropLast())) : actual == expected
                #expect(matches, "README line \(example.line + 1 + index): \(example.command)\nexpected: \(expected)\nprinted:  \(actual)")
                if !matches { break }
            }
        }
    }
}
