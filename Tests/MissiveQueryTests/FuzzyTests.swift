import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Fuzzy words and suggestions")
struct FuzzyTests {
    func distance(_ a: String, _ b: String, _ limit: Int) -> Int? {
        EditDistance.within(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    @Test func boundedLevenshtein() {
        #expect(distance("recd", "recd", 2) == 0)
        #expect(distance("recd", "reccd", 2) == 1)
        #expect(distance("recd", "red", 2) == 1)
        #expect(distance("genl", "genll", 1) == 1)
        #expect(distance("kitten", "sitting", 3) == 3)
        #expect(distance("kitten", "sitting", 2) == nil)
        #expect(distance("", "ab", 2) == 2)
        #expect(distance("abc", "", 2) == nil)
        #expect(distance("штаб", "штабы", 1) == 1)
    }

    /// A walk over a sorted vocabulary that passes over what the rows say to, as the dictionary
    /// walk does, finds exactly the words a full scan with ``EditDistance`` finds, at the same
    /// distances: short and long words, shared prefixes, non-ASCII words and wanted words.
    @Test func prefixRowsFindWhatAFullScanFinds() {
        var random = SeededGenerator(seed: 1943)
        let alphabet: [String] = ["a", "b", "c", "e", "r", "s", "t", "é", "ш"]
        func word(_ length: Int) -> String { (0..<length).map { _ in alphabet[random.next(below: alphabet.count)] }.joined() }
        var vocabulary = Set<String>()
        while vocabulary.count < 4_000 { vocabulary.insert(word(1 + random.next(below: 12))) }
        let sorted = vocabulary.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { Array($0.utf8) }
        var passedOverSome = false, skippedSome = false
        for round in 0..<300 {
            let wanted = round % 5 == 0 ? word(1 + random.next(below: 10)) : word(1 + random.next(below: 10)).filter(\.isASCII)
            guard !wanted.isEmpty else { continue }
            let limit = round % 3
            let rows = EditDistanceRows(to: wanted, limit: limit)
            var found: [String: Int] = [:]
            var passedOver: [UInt8]? = nil  // keys starting with these are passed over
            var skipTo: [UInt8]? = nil  // keys before these are passed over
            for key in sorted {
                if let prefix = passedOver, key.starts(with: prefix) { passedOverSome = true; continue }
                if let target = skipTo, key.lexicographicallyPrecedes(target) { skippedSome = true; continue }
                passedOver = nil
                skipTo = nil
                switch key.withUnsafeBytes({ rows.measure($0) }) {
                case .within(let distance): found[String(decoding: key, as: UTF8.self)] = distance
                case .beyond: break
                case .beyondWithPrefix(let sharing): passedOver = Array(key.prefix(sharing))
                case .beyondUntil(let sharing, let byte): skipTo = Array(key.prefix(sharing)) + [byte]
                }
            }
            var expected: [String: Int] = [:]
            for word in vocabulary { if let d = distance(wanted, word, limit) { expected[word] = d } }
            #expect(found == expected, "\(wanted)~\(limit)")
        }
        #expect(passedOverSome && skippedSome)
    }

    @Test func fuzzyWordsAndCorrections() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = [
            "Title: a\nDate: 1776-01-02\n\nYour letter recd this day by the Genl.",
            "Title: b\nDate: 1776-02-03\n\nI received your letter; the General is well.",
            "Title: c\nDate: 1776-03-04\n\nThe General received it. General orders read.",
        ]
        try writeLetters(letters, in: folder)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let searcher = Searcher(index: try IndexReader(path: folder + "/idx"))
        #expect(try Query(parsing: "recd~") == .fuzzy("recd", maxEdits: 1))
        #expect(try Query(parsing: "Genl~2") == .fuzzy("genl", maxEdits: 2))
        // recd~: recd and read (one substitution) — letters 0 and 2, with the words marked.
        let one = try searcher.search("recd~", limit: 10)
        #expect(Set(one.hits.map(\.path)) == ["0.txt", "2.txt"])
        #expect(one.hits.first { $0.path == "2.txt" }?.snippet.marked(open: "[", close: "]").contains("[read]") == true)
        // genl is three edits from general, so genl~2 does not find it (but finds "well", two away).
        #expect(Set(try searcher.search("genl~2").hits.map(\.path)) == ["0.txt", "1.txt"])
        #expect(try searcher.search("genl~").hits.map(\.path) == ["0.txt"])
        #expect(Set(try searcher.search("generl~").hits.map(\.path)) == ["1.txt", "2.txt"])
        // Nothing held within two edits: no letters, no error.
        #expect(try searcher.search("zzzzzz~2").total == 0)
        // Corrections: words the index lacks, mapped to the nearest it holds.
        #expect(try searcher.corrections(for: Query(parsing: "generl recieved")) == ["generl": "general", "recieved": "received"])
        #expect(try searcher.corrections(for: Query(parsing: "general")) == [:])
    }
}
