import Foundation
import MissiveIndex
import MissiveQuery

/// `missive-bench historian --index PATH`: the historian's tools timed inside one process on an
/// existing index, beside a plain search: each tool's first call on a freshly opened index (what
/// a `missive` process pays after its start, checksums of the parts it touches included) and
/// the median of the calls after it (warm). Whole-process times add the start of a process
/// (`missive search` of a word no letter holds).
struct HistorianTools {
    var indexPath = ""
    var repetitions = 21
    var word = "japan"
    var variant = "independence"
    var similarPath = "dfat-dafp/v20-0117.txt"

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError("\(argument) needs a value") }
            switch argument {
            case "--index": indexPath = value
            case "--repetitions": repetitions = max(1, Int(value) ?? repetitions)
            case "--word": word = value
            case "--variant": variant = value
            case "--similar": similarPath = value
            default: throw BenchError("historian takes --index PATH, --repetitions N, --word W, --variant W, --similar PATH")
            }
        }
        guard !indexPath.isEmpty else { throw BenchError("historian needs --index PATH (an index of ../shared/corpus)") }
    }

    /// One tool: what it is called in the report, and one run of it on a reader (returning a
    /// count, so that its work cannot be left out).
    struct Tool {
        var name: String
        var run: (IndexReader) throws -> Int
    }

    func run() throws {
        let word = self.word, variant = self.variant, similarPath = self.similarPath
        let tools: [Tool] = [
            Tool(name: "search \(word) (top 10)") { try Searcher(index: $0).search(word, limit: 10).hits.count },
            Tool(name: "variants \(variant)") { try Searcher(index: $0).variants(of: variant, maxEdits: 2).count },
            Tool(name: "similar \(similarPath)") { reader in
                guard let id = try reader.letterID(atPath: similarPath) else { throw BenchError("no letter \(similarPath) in the index") }
                return try Searcher(index: reader).similar(to: id).results.hits.count
            },
            Tool(name: "1,000 stored letters (ms = µs a letter)") { reader in
                // Spread over the index, each read alone as `show` or a snippet reads it.
                let step = max(1, reader.letterCount / 1_000)
                var bytes = 0
                for number in 0..<1_000 { bytes += try reader.letter(LetterID(number * step % reader.letterCount)).body.utf8.count }
                return bytes
            },
            Tool(name: "correspondents (all letters)") { try Searcher(index: $0).correspondents().count },
            Tool(name: "concordance \(word) (lines)") { reader in
                var bytes = 0
                try Searcher(index: reader).concordance(try Query(parsing: word), width: 40, order: .date) { bytes += $0.left.utf8.count + $0.right.utf8.count }
                return bytes
            },
        ]
        print("Historian's tools on \(indexPath), in one process (ms; first call on a fresh reader, then the median of \(repetitions) warm calls)")
        print("tool".padding(toLength: 48, withPad: " ", startingAt: 0) + "   first    warm")
        for tool in tools {
            let fresh = try IndexReader(path: indexPath)
            let (firstTime, _) = try Self.timed { try tool.run(fresh) }
            var warm: [Double] = []
            for _ in 0..<repetitions { warm.append(try Self.timed { try tool.run(fresh) }.0) }
            warm.sort()
            let cells = [firstTime, warm[warm.count / 2]].map { String(format: "%7.2f", $0) }
            print(tool.name.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + cells.joined(separator: " "))
        }
    }

    /// The milliseconds `body` takes, and its result.
    private static func timed(_ body: () throws -> Int) throws -> (Double, Int) {
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        return (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15, result)
    }
}
