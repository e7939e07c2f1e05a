import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

@Suite("Walking the term dictionary")
struct DictionaryWalkTests {
    /// A walk whose visitor passes over keys at random (decided by each key's bytes, so that a
    /// plain scan of the sorted words can make the same decisions) visits exactly the words the
    /// plain scan does, with the same letter counts: keys passed over inside a block, across
    /// blocks and to the end, after short and long keys and one- and two-byte counts.
    @Test func aWalkThatPassesOverKeysVisitsWhatAScanOfTheWordsDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 1945)
        let alphabet = Array("abcertsoyz")
        func word() -> String { String((0..<(1 + random.next(below: 9))).map { _ in alphabet[random.next(below: alphabet.count)] }) }
        var vocabulary = Set<String>()
        while vocabulary.count < 3_000 { vocabulary.insert(word()) }
        // Some words far longer (up to the tokenizer's 120 bytes) and some in most letters (letter
        // counts over 127, two-byte varints).
        for length in [100, 110, 119] { vocabulary.insert(String(repeating: "r", count: length) + "s") }
        let words = vocabulary.sorted()
        let common = Array(words.prefix(40))
        for letter in 0..<300 {
            let body = (0..<30).map { _ in words[random.next(below: words.count)] } + common.filter { _ in random.next(below: 10) > 0 }
            try write("Title: l\(letter)\n\n" + body.joined(separator: " "), to: folder + "/l/\(letter).txt")
        }
        _ = try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        let segment = try #require(try IndexReader(path: folder + "/idx").segments.first)
        var sorted: [(key: [UInt8], letters: Int)] = []
        try segment.forEachTerm(in: .text) { sorted.append((Array($0.key.dropFirst()), $0.letterFrequency)) }
        #expect(sorted.contains { $0.letters > 127 } && sorted.contains { $0.key.count == 120 })

        for round in 0..<200 {
            func decision(_ key: some Collection<UInt8>) -> KeyWalkStep {
                var hash: UInt64 = 14_695_981_039_346_656_037 ^ UInt64(round)
                for byte in key { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
                let sharing = Int(hash >> 8 % 16) % (key.count + 1)
                switch (hash >> 20) % UInt64(2 + round % 6) {
                case 0: return .passOverKeys(sharing: sharing)
                case 1: return .skipToKeys(sharing: sharing, then: alphabet.map(\.asciiValue!)[Int(hash >> 32) % alphabet.count])
                default: return .next
                }
            }
            var expected: [String] = []
            var passedOver: [UInt8]? = nil, skipTo: [UInt8]? = nil
            for (key, letters) in sorted {
                if let prefix = passedOver, key.starts(with: prefix) { continue }
                if let target = skipTo, key.lexicographicallyPrecedes(target) { continue }
                passedOver = nil
                skipTo = nil
                expected.append(String(decoding: key, as: UTF8.self) + "/\(letters)")
                switch decision(key) {
                case .next: break
                case .passOverKeys(let sharing): passedOver = Array(key.prefix(sharing))
                case .skipToKeys(let sharing, let byte): skipTo = Array(key.prefix(sharing)) + [byte]
                }
                if passedOver == [] { break }
            }
            var visited: [String] = []
            try segment.walkTerms(in: .text) { key, letters in
                visited.append(String(decoding: key, as: UTF8.self) + "/\(letters)")
                return decision(key)
            }
            #expect(visited == expected, "round \(round)")
        }
    }
}
