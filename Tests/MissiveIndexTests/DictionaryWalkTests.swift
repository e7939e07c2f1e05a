import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

@Suite("Walking the term dictionary")
struct DictionaryWalkTests {
    /// A walk whose visitor passes over keys at random (decided by each key's bytes, so that a
    /// plain scan of the sorted words can make the same decisions) visits exactly the words the
    /// plain scan does, with the same letter counts: keys passed over inside a block, across
    /// blocks and to the end, after short and long keys and one- and two-byte counts; both on
    /// disk and over the same keys read into memory (``MergedDictionary``).
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
        let index = try IndexReader(path: folder + "/idx")
        let segment = try #require(index.segments.first)
        let keys = try MergedDictionary([(try segment.dictionaryToMerge(), 0)], field: .text)
        let sorted = try Self.sortedKeys(of: segment)
        #expect(sorted.contains { $0.letters > 127 } && sorted.contains { $0.key.count == 120 })

        for round in 0..<200 {
            let decision = Self.decision(round: round, alphabet: alphabet.map(\.asciiValue!))
            let expected = Self.scan(sorted, decision)
            // On disk, and over the same keys read into memory.
            var visited: [String] = [], inMemory: [String] = []
            try segment.walkTerms(in: .text) { key, letters in
                visited.append(String(decoding: key, as: UTF8.self) + "/\(letters)")
                return decision(key)
            }
            try keys.walk { key, letters in
                inMemory.append(String(decoding: key, as: UTF8.self) + "/\(letters)")
                return decision(key)
            }
            #expect(visited == expected, "round \(round)")
            #expect(inMemory == expected, "round \(round), in memory")
        }
    }

    /// Over an index of several segments sharing many words, the walk through the index visits
    /// each segment's words in turn the first time; from then on the largest segment's on disk,
    /// then the words of all the others, merged, each once, passing over keys as a scan of those
    /// words does.
    @Test func smallSegmentsAreWalkedAsOneMergedList() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 1943)
        let alphabet = Self.smallAlphabet
        let index = try Self.index(inSegments: [160, 40, 40, 10], of: 2_000, in: folder, random: &random)
        #expect(index.segments.count == 4)
        let perSegment = try index.segments.map { try Self.sortedKeys(of: $0) }
        let largest = try #require(index.segments.indices.max { index.segments[$0].termCount < index.segments[$1].termCount })
        var union: [[UInt8]: Int] = [:]
        for (number, keys) in perSegment.enumerated() where number != largest {
            for (key, letters) in keys { union[key, default: 0] += letters }
        }
        let merged = union.map { (key: $0.key, letters: $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        #expect(merged.count < perSegment.enumerated().filter { $0.offset != largest }.reduce(0) { $0 + $1.element.count })

        for round in 0..<60 {
            let decision = Self.decision(round: round, alphabet: alphabet.map(\.asciiValue!))
            let expected = round == 0 ? perSegment.flatMap { Self.scan($0, decision) }
                                      : Self.scan(perSegment[largest], decision) + Self.scan(merged, decision)
            var visited: [String] = []
            try index.walkTerms(in: .text) { key in
                visited.append(String(decoding: key, as: UTF8.self))
                return decision(key)
            }
            #expect(visited == expected.map { String($0.prefix { $0 != "/" }) }, "round \(round)")
            #expect(index.keysInMemory(.text) == (round == 0 ? nil : merged.count))
        }
    }

    /// From the index's 16th search on, a word is looked up in the smaller segments' merged
    /// dictionary: for every word of every segment, and for words none holds, the entries found
    /// are those each segment's own dictionary gives (postings, positions, letter counts), and
    /// the largest segment is still searched on disk; so are the terms of a prefix, with the
    /// same limit per segment.
    @Test func smallSegmentsAreLookedUpInTheMergedDictionary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 1942)
        // Also 300 words sharing their first 8 bytes: a binary search that compares those as an
        // integer first meets long runs of ties, here across several of the table's samples.
        let five = Array("abcde")
        let sharing = (0..<300).map { "nnnnnnnn" + String(String($0, radix: 5).map { five[$0.wholeNumberValue!] }) }
        let index = try Self.index(inSegments: [160, 40, 40, 10, 10], of: 3_000, plus: sharing, in: folder, random: &random)
        func word() -> String { Self.word(&random) }
        #expect(index.segments.count == 5)
        var keys = Set<[UInt8]>()
        for segment in index.segments { try segment.forEachTerm(in: .text) { keys.insert($0.key) } }
        // Words no segment holds: before the first key, between keys, after the last, and longer.
        for absent in ["", "a", "aaaaaaaaaaaaa", "zz", "ddddddddddddddddddddz", "nnnnnnnnnnnnnnno", "nnnnnnnn", "nnnnnnnna", "nnnnnnnnee", "nnnnnnnnz"] {
            keys.insert([IndexField.text.rawValue] + absent.utf8)
        }
        for _ in 0..<300 { keys.insert([IndexField.text.rawValue] + (word() + "q").utf8) }
        func onDisk(_ key: [UInt8]) throws -> [SegmentTerm?] { try index.segments.map { try $0.term(key: key) } }
        for _ in 1..<IndexReader.searchesBeforeMerging { index.searchBegins() }
        #expect(try index.terms(key: [IndexField.text.rawValue] + "abc".utf8) == onDisk([IndexField.text.rawValue] + "abc".utf8))
        #expect(index.keysInMemory(.text) == nil)
        index.searchBegins()
        var differing: [String] = [], heldByThree = 0
        for key in keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let found = try index.terms(key: key)
            if found != (try onDisk(key)) { differing.append(String(decoding: key.dropFirst(), as: UTF8.self)) }
            if found.filter({ $0 != nil }).count >= 3 { heldByThree += 1 }
        }
        #expect(index.keysInMemory(.text) != nil)
        #expect(differing.isEmpty, "\(differing.count) words differ, first \(differing.prefix(5))")
        #expect(heldByThree > 100)
        #expect(keys.filter { $0.starts(with: [IndexField.text.rawValue] + "nnnnnnnn".utf8) && (try? index.terms(key: $0))?.contains { $0 != nil } == true }.count > 150)
        // Prefixes: the same terms, segment by segment, and the same limit.
        for prefix in ["", "a", "ab", "abc", "dn", "mo", "s", "sss", "zz", "aaaaaaaaaaaaaaa"] {
            let expected = try index.segments.map { try $0.terms(withPrefix: prefix, in: .text) }
            #expect(try index.segmentTerms(withPrefix: prefix, in: .text) == expected, "prefix \(prefix)")
            let most = expected.map(\.count).max() ?? 0
            if most > 0 {
                #expect(throws: IndexError.tooManyTerms(limit: most - 1)) { try index.segmentTerms(withPrefix: prefix, in: .text, limit: most - 1) }
                #expect(try index.segmentTerms(withPrefix: prefix, in: .text, limit: most) == expected)
            }
        }
    }

    /// The letters of the segment tests' words.
    static let smallAlphabet = Array("abcdelmnos")

    /// A word of 2 to 8 letters of ``smallAlphabet``.
    static func word(_ random: inout SeededGenerator) -> String {
        String((0..<(2 + random.next(below: 7))).map { _ in smallAlphabet[random.next(below: smallAlphabet.count)] })
    }

    /// An index in `folder` of one segment per batch of `sizes` letters (one update each; sizes
    /// on the merge policy's levels, factor 4, so that no update merges), each letter 25 words
    /// drawn from a vocabulary of `words` random words.
    static func index(inSegments sizes: [Int], of words: Int, plus extra: [String] = [], in folder: String, random: inout SeededGenerator) throws -> IndexReader {
        let vocabulary = (0..<words).map { _ in word(&random) } + extra
        var builder = IndexBuilder()
        builder.threads = 1
        for (batch, size) in sizes.enumerated() {
            for letter in 0..<size {
                let body = (0..<25).map { _ in vocabulary[random.next(below: vocabulary.count)] }
                try write("Title: b\(batch) l\(letter)\n\n" + body.joined(separator: " "), to: folder + "/l/b\(batch)/\(letter).txt")
            }
            _ = try builder.update(folder: folder + "/l", indexPath: folder + "/idx")
        }
        return try IndexReader(path: folder + "/idx")
    }

    /// A segment's words of the text field (without the field byte), in order, with their counts.
    static func sortedKeys(of segment: SegmentReader) throws -> [(key: [UInt8], letters: Int)] {
        var sorted: [(key: [UInt8], letters: Int)] = []
        try segment.forEachTerm(in: .text) { sorted.append((Array($0.key.dropFirst()), $0.letterFrequency)) }
        return sorted
    }

    /// A visitor's decisions for `round`, made from each key's bytes alone (so a plain scan can
    /// make the same ones): go on, pass over keys sharing some bytes, or skip to a byte.
    static func decision(round: Int, alphabet: [UInt8]) -> (UnsafeRawBufferPointer) -> KeyWalkStep {
        { key in
            var hash: UInt64 = 14_695_981_039_346_656_037 ^ UInt64(round)
            for byte in key { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            let sharing = Int(hash >> 8 % 16) % (key.count + 1)
            switch (hash >> 20) % UInt64(2 + round % 6) {
            case 0: return .passOverKeys(sharing: sharing)
            case 1: return .skipToKeys(sharing: sharing, then: alphabet[Int(hash >> 32) % alphabet.count])
            default: return .next
            }
        }
    }

    /// What a walk with `decision` visits, found by a plain scan of the sorted keys ("key/count").
    static func scan(_ sorted: [(key: [UInt8], letters: Int)], _ decision: (UnsafeRawBufferPointer) -> KeyWalkStep) -> [String] {
        var expected: [String] = []
        var passedOver: [UInt8]? = nil, skipTo: [UInt8]? = nil
        for (key, letters) in sorted {
            if let prefix = passedOver, key.starts(with: prefix) { continue }
            if let target = skipTo, key.lexicographicallyPrecedes(target) { continue }
            passedOver = nil
            skipTo = nil
            expected.append(String(decoding: key, as: UTF8.self) + "/\(letters)")
            switch key.withUnsafeBytes({ decision($0) }) {
            case .next: break
            case .passOverKeys(let sharing): passedOver = Array(key.prefix(sharing))
            case .skipToKeys(let sharing, let byte): skipTo = Array(key.prefix(sharing)) + [byte]
            }
            if passedOver == [] { break }
        }
        return expected
    }
}
