import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Hostile queries and a seeded mutation pass")
struct HostileInputTests {
    func makeSearcher(_ folder: String) throws -> Searcher {
        _ = try OracleTests.generateCorpus(in: folder + "/letters", letters: 200, seed: 3)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        return Searcher(index: try IndexReader(path: folder + "/idx"))
    }

    /// Parses and runs `text`: a clear `QueryError` or results, quickly.
    func runs(_ text: String, _ searcher: Searcher) throws -> Bool {
        let started = Date()
        do {
            let query = try Query(parsing: text)
            _ = try searcher.search(query, limit: 10)
        } catch let error as QueryError {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        } catch IndexError.tooManyTerms {
            // A prefix of one letter over a huge vocabulary: a clear error too.
        }
        return Date().timeIntervalSince(started) < 2
    }

    @Test func hostileQueriesGiveResultsOrAClearError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let searcher = try makeSearcher(folder)
        let queries = [
            "", "   ", "!!! ??? ... ,,,", String(repeating: "front ", count: 10_000), String(repeating: "(", count: 1000) + "a",
            String(repeating: "(a ", count: 100) + String(repeating: ")", count: 100), "\"\"\"", "\"unbalanced quote", "-", "- -",
            "OR OR", "OR", "AND", "NOT", "*", "**", "a*b*", "date:1942-13", "date:abc", "date:1945..1941", "date:..", "from:", "to:\"\"",
            "\u{0}\u{1}abc\u{7}", "NEAR(", "NEAR()", "NEAR(a b, 999999999)", "NEAR(a b, -1)", "a~3", "~~~", "front~2~2",
            String(repeating: "\"a b\" OR ", count: 2000) + "c", "штаб -штаб", "𝔣𝔯𝔬𝔫𝔱", "\u{202E}front",
        ]
        for query in queries { #expect(try runs(query, searcher), "\(query.prefix(40))") }
    }

    @Test func seededMutationsOfQueriesAndLettersNeverCrash() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let searcher = try makeSearcher(folder)
        var generator = SeededGenerator(seed: 2026)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &generator) }
        let alphabet = Array("ab xyz\"()-*~:,.0123456789ORANDNEARfromtodate\u{0}\t\nш𝔣")
        let seeds = ["second front", "\"second front\" from:stalin", "convoy* -murmansk date:1942..1943", "NEAR(a b, 3) OR c~",
                     "(x OR y) NOT to:churchill"]
        for _ in 0..<1500 {
            var text = Array(seeds[next(seeds.count)])
            for _ in 0..<(1 + next(6)) {
                let position = text.isEmpty ? 0 : next(text.count + 1)
                switch next(3) {
                case 0: text.insert(alphabet[next(alphabet.count)], at: position)
                case 1: if position < text.count { text.remove(at: position) }
                default: if position < text.count { text[position] = alphabet[next(alphabet.count)] }
                }
            }
            #expect(try runs(String(text), searcher))
        }
        // Letter files: header and body bytes mutated, including NULs and invalid UTF-8.
        let letter = Array("Title: T\nFrom: A\nTo: B\nDate: 1942-03-04\nX-Key: v\n\nBody text here.\r\n".utf8)
        for _ in 0..<3000 {
            var bytes = letter
            for _ in 0..<(1 + next(5)) {
                let position = next(bytes.count + 1)
                let byte = UInt8(next(256))
                switch next(3) {
                case 0: bytes.insert(byte, at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                default: if position < bytes.count { bytes[position] = byte }
                }
            }
            switch LetterParser.parse(bytes: bytes, path: "m.txt") {
            case .letter(let parsed, _): #expect(parsed.path == "m.txt")
            case .skipped: break
            }
        }
    }
}
