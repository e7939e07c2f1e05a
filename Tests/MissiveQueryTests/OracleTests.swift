import Foundation
import Testing
import MissiveTestSupport
import MissiveIndex
import MissiveTokenizer
@testable import MissiveQuery

/// A generated corpus of 2,000 letters and 300 generated queries: every answer must equal a
/// brute-force scan of the same tokenised text, scores included.
@Suite("Oracle: index equals a naive scan", .serialized)
struct OracleTests {
    static let names = ["J. V. Stalin", "W. Churchill", "F. D. Roosevelt", "V. M. Molotov", "A. Eden", "Harry Hopkins", "Ivan Maisky", ""]
    static let special = ["second", "front", "Bénes", "anti-Hitler", "Churchill's", "convoy", "convoys", "Convoy", "ШТАБ", "Overlord"]

    /// Builds the letters into `folder`; returns the vocabulary used.
    static func generateCorpus(in folder: String, letters: Int, seed: UInt64) throws -> [String] {
        var random = SeededGenerator(seed: seed)
        let syllables = ["ka", "lo", "mi", "ter", "an", "ro", "vi", "se", "du", "pol", "gra", "ne", "sto", "ri", "fa"]
        var vocabulary: [String] = special
        while vocabulary.count < 600 {
            let parts = Int.random(in: 1...3, using: &random)
            vocabulary.append((0..<parts).map { _ in syllables.randomElement(using: &random)! }.joined())
        }
        func zipfWord() -> String {
            let rank = Int(exp(Double.random(in: 0..<log(Double(vocabulary.count)), using: &random)))
            return vocabulary[min(rank, vocabulary.count - 1)]
        }
        let punctuation = [" ", " ", " ", " ", ", ", ". ", "; ", " — ", "\n", "-", " (", ") "]
        for number in 0..<letters {
            var text = ""
            let hasHeader = Int.random(in: 0..<20, using: &random) != 0
            if hasHeader {
                let title = (0..<Int.random(in: 2...6, using: &random)).map { _ in zipfWord() }.joined(separator: " ")
                text += "Title: \(title.prefix(1).uppercased() + title.dropFirst())\n"
                text += "From: \(names.randomElement(using: &random)!)\n"
                text += "To: \(names.randomElement(using: &random)!)\n"
                let year = Int.random(in: 1941...1945, using: &random)
                let month = Int.random(in: 1...12, using: &random)
                let day = Int.random(in: 1...28, using: &random)
                switch Int.random(in: 0..<20, using: &random) {
                case 0: break
                case 1, 2: text += "Date: \(year)\n"
                case 3, 4, 5: text += "Date: \(year)-\(month < 10 ? "0" : "")\(month)\n"
                default: text += "Date: \(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)\n"
                }
                text += "Type: \(["Letter", "Cablegram", "Memorandum note"][number % 3])\n\n"
            }
            let words = Int.random(in: 5...250, using: &random)
            for index in 0..<words {
                if Int.random(in: 0..<60, using: &random) == 0 { text += "second front " }
                let word = zipfWord()
                text += Int.random(in: 0..<8, using: &random) == 0 ? word.capitalized : word
                text += index == words - 1 ? "." : punctuation.randomElement(using: &random)!
            }
            let shard = number % 7
            try write(text, to: "\(folder)/shard\(shard)/letter-\(number).txt")
        }
        return vocabulary
    }

    /// Queries of every kind, drawn from the letters' own words so that most of them match.
    static func generateQueries(_ naive: NaiveIndex, count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(seed: seed)
        func word() -> String {
            let doc = naive.documents.randomElement(using: &random)!
            return doc.text.compactMap { $0 }.randomElement(using: &random) ?? "missing"
        }
        func phrase() -> String {
            let doc = naive.documents.randomElement(using: &random)!
            let length = Int.random(in: 2...3, using: &random)
            guard doc.text.count > length else { return "\"\(word()) \(word())\"" }
            let start = Int.random(in: 0...(doc.text.count - length), using: &random)
            return "\"" + doc.text[start..<(start + length)].map { $0 ?? "x" }.joined(separator: " ") + "\""
        }
        func prefix() -> String {
            let whole = word()
            return String(whole.prefix(Int.random(in: 1...3, using: &random))) + "*"
        }
        func name() -> String {
            let person = names.filter { !$0.isEmpty }.randomElement(using: &random)!
            return person.split(separator: " ").last!.lowercased()
        }
        func date() -> String {
            let year = Int.random(in: 1941...1945, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return "date:\(year)"
            case 1: return "date:\(year)-0\(Int.random(in: 1...9, using: &random))"
            default: return "date:\(year)-03..\(year + 1)-06"
            }
        }
        var queries: [String] = ["second front", "\"second front\"", "churchill", "benes", "\"anti hitler\"", "anti-Hitler",
                                 "convoy*", "штаб", "from:stalin second", "to:churchill -front", "date:1942 overlord",
                                 "type:cablegram", "type:memo* second", "type:\"memorandum note\" front", "front -type:letter"]
        while queries.count < count {
            switch queries.count % 12 {
            case 0: queries.append(word())
            case 1: queries.append("\(word()) \(word())")
            case 2: queries.append("\(word()) OR \(word())")
            case 3: queries.append("\(word()) -\(word())")
            case 4: queries.append(phrase())
            case 5: queries.append(prefix())
            case 6: queries.append(queries.count % 24 == 18 ? "title:\(word()) \(word())" : "from:\(name()) \(word())")
            case 7: queries.append("\(date()) \(word())")
            case 8: queries.append("(\(word()) OR \(phrase())) NOT to:\(name())")
            case 9: queries.append("\(prefix()) \(word()) OR \(word())")
            case 10:
                switch queries.count % 36 {
                case 10: queries.append("to:\(name()) \(date())")
                case 22: queries.append("\(word())~\(queries.count % 72 == 22 ? "2" : "") \(word())")
                default:
                    // NEAR of words from one letter (so it often matches), sometimes with a third word.
                    let doc = naive.documents.randomElement(using: &random)!
                    let words = doc.text.compactMap { $0 }
                    let picked = (0..<(2 + queries.count % 2)).map { _ in words.randomElement(using: &random) ?? "missing" }
                    queries.append("NEAR(\(picked.joined(separator: " ")), \(Int.random(in: 0...8, using: &random)))")
                }
            default: queries.append("\(phrase()) -\(prefix())")
            }
        }
        return queries
    }

    @Test func generatedQueriesMatchANaiveScan() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.generateCorpus(in: folder + "/letters", letters: 2000, seed: 1941)
        let summary = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 2000)
        let reader = try IndexReader(path: folder + "/idx")
        let naive = try NaiveIndex(folder: folder + "/letters")
        #expect(naive.documents.count == reader.letterCount)
        #expect(naive.totalLength == reader.totalTextTokens)
        let searcher = Searcher(index: reader)
        let queries = Self.generateQueries(naive, count: 300, seed: 1945)
        var failures: [String] = []
        var matched = 0
        for text in queries {
            let query = try Query(parsing: text)
            let expected = naive.matches(query)
            if let difference = try compare(query, searcher: searcher, expected: expected) { failures.append("[\(text)] \(difference)") }
            if !expected.isEmpty { matched += 1 }
        }
        // Longer AND/OR chains of frequent and rare words, where pruning has the most to skip.
        var random = SeededGenerator(seed: 1943)
        let words = naive.documents.flatMap { $0.text.compactMap { $0 } }
        for number in 0..<120 {
            let picked = (0..<(2 + number % 3)).map { _ in words.randomElement(using: &random)! }
            let text = number % 2 == 0 ? picked.joined(separator: " OR ") : picked.joined(separator: " ") + (number % 3 == 0 ? " -\(words.randomElement(using: &random)!)" : "")
            if let difference = try compareRanking(try Query(parsing: text), searcher: searcher) { failures.append("[\(text)] \(difference)") }
        }
        #expect(failures.count == 0, "\(failures.count) of \(queries.count) queries differ:\n\(failures.prefix(10).joined(separator: "\n"))")
        // The queries must exercise the index, not just agree on empty answers.
        #expect(matched > queries.count * 2 / 3)
    }

    /// Phrases of three to five words, where the words after the two rarest are checked only once
    /// the leading words' positions line up (``PositionalMatcher``): taken from the letters (so
    /// they match), with a word replaced by a frequent one (so the leading words often line up
    /// and a deferred word does not), with the first and last swapped, and with the first
    /// repeated at the end. Made to fail by counting the leading
    /// words' starts without checking the deferred words: 115 of 160 phrases then differ.
    @Test func longPhrasesMatchANaiveScan() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.generateCorpus(in: folder + "/letters", letters: 800, seed: 1939)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let searcher = Searcher(index: try IndexReader(path: folder + "/idx"))
        let naive = try NaiveIndex(folder: folder + "/letters")
        var random = SeededGenerator(seed: 1944)
        var letters: [String: Int] = [:]
        for doc in naive.documents { for word in Set(doc.text.compactMap { $0 }) { letters[word, default: 0] += 1 } }
        let frequent = letters.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6).map(\.key)
        var failures: [String] = []
        var matched = 0
        for number in 0..<160 {
            let doc = naive.documents.randomElement(using: &random)!
            let length = 3 + number % 3
            guard doc.text.count > length else { continue }
            let start = Int.random(in: 0...(doc.text.count - length), using: &random)
            var words = doc.text[start..<(start + length)].map { $0 ?? "x" }
            switch number % 4 {
            case 1: words[1 + number % (length - 1)] = frequent.randomElement(using: &random)!
            case 2: words[length - 1] = words[0]
            case 3: words.swapAt(0, length - 1)
            default: break
            }
            let query = try Query(parsing: "\"" + words.joined(separator: " ") + "\"")
            let expected = naive.matches(query)
            if !expected.isEmpty { matched += 1 }
            if let difference = try compare(query, searcher: searcher, expected: expected) { failures.append(difference) }
        }
        #expect(failures.count == 0, "\(failures.count) phrases differ:\n\(failures.prefix(5).joined(separator: "\n"))")
        #expect(matched > 40)
    }
}
