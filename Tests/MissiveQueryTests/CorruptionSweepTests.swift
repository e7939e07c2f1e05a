import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Every damaged byte is noticed, and no damaged byte changes an answer")
struct CorruptionSweepTests {
    /// Queries of every kind the CLI runs, each answered as one comparable string: hits with
    /// paths, scores, snippets and fragments; date sorts; timelines; facets; ranking alone.
    static let queryTexts = ["second front", "\"second front\"", "convoy*", "from:stalin", "convoys OR archangel",
                             "date:1942 convoys", "NEAR(convoys second, 5)", "convys~", "front -archangel"]

    static func answers(_ reader: IndexReader) -> [String] {
        var searcher = Searcher(index: reader)
        searcher.fragments = 2
        var result: [String] = []
        func attempt(_ body: () throws -> String) { result.append((try? body()) ?? "error") }
        for (number, text) in queryTexts.enumerated() {
            guard let query = try? Query(parsing: text) else { result.append("parse error"); continue }
            // Each query once in full; the other views of the results for a few of them.
            let sort: ResultOrder = number == 1 ? .date : number == 4 ? .dateDescending : .score
            attempt {
                let found = try searcher.search(query, limit: 5, order: sort)
                return "\(found.total) " + found.hits.map {
                    "\($0.id) \($0.path) \($0.score) \($0.date.map(String.init(describing:)) ?? "") \($0.from) \($0.snippet) \($0.fragments)"
                }.joined(separator: " | ")
            }
            if number == 0 || number == 4 { attempt { "\(try searcher.rank(query, limit: 3).map { "\($0.id):\($0.score)" })" } }
            if number == 2 { attempt { "\(try searcher.timeline(query, by: .month))" } }
            if number == 4 { attempt { "\(try searcher.facets(query, field: .from))" } }
        }
        return result
    }

    /// Builds `letters` into an index and returns the folder and its segment's bytes.
    static func build(_ letters: [String]) throws -> (folder: String, bytes: [UInt8]) {
        let folder = try temporaryFolder()
        try writeLetters(letters, in: folder)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        return (folder, try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/idx/s000001.seg"))))
    }

    /// What a damaged copy did: whether it was reported (by opening or by the checker), and the
    /// answers that differ from the good index's without being errors (wrong answers). The copy
    /// at `path` is the good index's folder with its segment file (or, with `file`, another of
    /// its files) replaced by `bytes`.
    static func damage(_ bytes: [UInt8], at path: String, expected: [String], runChecker: Bool,
                       verifying: Bool = true, file: String = "s000001.seg") throws -> (reported: Bool, wrong: [String]) {
        let good = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("idx").path
        if !FileManager.default.fileExists(atPath: path) { try FileManager.default.copyItem(atPath: good, toPath: path) }
        for name in try FileManager.default.contentsOfDirectory(atPath: good) where name != "lock" {
            try FileManager.default.removeItem(atPath: path + "/" + name)
            try FileManager.default.copyItem(atPath: good + "/" + name, toPath: path + "/" + name)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + file))
        guard let reader = try? IndexReader(path: path, verifyingChecksums: verifying) else { return (true, []) }
        let answers = Self.answers(reader)
        var wrong: [String] = []
        for (index, answer) in answers.enumerated() where answer != "error" && answer != expected[index] {
            wrong.append("answer \(index): \(answer.prefix(120))")
        }
        let reported = runChecker ? !IndexChecker(reader: reader).check().problems.isEmpty : true
        return (reported, wrong)
    }

    /// Flips each byte of a small index in turn and truncates it at every offset: opening or
    /// `IndexChecker` must report each one, and every search must end in the good index's exact
    /// answer or an error — never a crash, a hang or a different answer.
    @Test func flipEveryByteAndTruncateEverywhere() throws {
        let (folder, good) = try Self.build([
            "Title: Second front\nFrom: J. V. Stalin\nTo: W. Churchill\nDate: 1941-09-03\n\nA second front in France now.",
            "Title: Convoys\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1942-07\n\nThe convoys to Archangel and the second front.",
            "No header here, only a letter about convoys.",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = Self.answers(try IndexReader(path: folder + "/idx"))
        #expect(!expected.contains("error") && expected[0].hasPrefix("2 "), "the good index answers: \(expected.prefix(2))")
        var missed: [String] = []
        var wrong: [String] = []
        func sweep(_ bytes: [UInt8], _ label: String) throws {
            let outcome = try Self.damage(bytes, at: folder + "/damaged", expected: expected, runChecker: true)
            if !outcome.reported { missed.append(label) }
            if !outcome.wrong.isEmpty { wrong.append("\(label): \(outcome.wrong[0])") }
        }
        for offset in good.indices {
            var flipped = good
            flipped[offset] ^= 0x5A
            try sweep(flipped, "flip at \(offset)")
        }
        for length in 0..<good.count { try sweep(Array(good[0..<length]), "truncated to \(length)") }
        #expect(missed.isEmpty, "\(missed.count) undetected: \(missed.prefix(10))")
        #expect(wrong.isEmpty, "\(wrong.count) wrong answers: \(wrong.prefix(5))")
        let undamaged = try Self.damage(good, at: folder + "/damaged", expected: expected, runChecker: true)
        #expect(undamaged.reported == false, "the undamaged index must pass")
    }

    /// The same sweep with the per-unit checksums switched off, so every damaged byte reaches the
    /// decoders: the bounds checks behind the checksums must still turn each into an answer or an
    /// error — never a crash or a hang — and `check` (section checksums) still reports each one.
    /// Some answers are then wrong: what the checksums prevent.
    @Test func boundsChecksHoldWithoutChecksums() throws {
        let (folder, good) = try Self.build([
            "Title: Second front\nFrom: J. V. Stalin\nTo: W. Churchill\nDate: 1941-09-03\n\nA second front in France now.",
            "Title: Convoys\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1942-07\n\nThe convoys to Archangel and the second front.",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = Self.answers(try IndexReader(path: folder + "/idx"))
        var missed = 0
        var wrong = 0
        for offset in good.indices {
            var flipped = good
            flipped[offset] ^= 0xA5
            let outcome = try Self.damage(flipped, at: folder + "/damaged", expected: expected, runChecker: true, verifying: false)
            if !outcome.reported { missed += 1 }
            if !outcome.wrong.isEmpty { wrong += 1 }
        }
        #expect(missed == 0)
        #expect(wrong > 0, "without checksums some damage should reach the answers")
    }

    /// An index whose common words fill a 128-letter postings block and a tail (so skip tables,
    /// bit-packed blocks and per-block positions are all present): 700 flips at seeded random
    /// places, weighted toward postings and positions, never change an answer.
    @Test func blockPostingsNeverGiveWrongAnswers() throws {
        var letters: [String] = []
        for number in 0..<140 {
            let from = ["J. V. Stalin", "W. Churchill", "F. D. Roosevelt"][number % 3]
            var body = "The convoys and the second front, \(number)."
            if number % 2 == 0 { body += " Archangel convoys again." }
            if number % 7 == 0 { body += " The front in the second year." }
            letters.append("From: \(from)\nDate: 194\(1 + number % 4)-0\(1 + number % 9)\n\n\(body)")
        }
        let (folder, good) = try Self.build(letters)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reader = try IndexReader(path: folder + "/idx")
        #expect(try reader.term("convoys", in: .text)!.letterFrequency == 140)
        let expected = Self.answers(reader)
        #expect(!expected.contains("error"))
        let samples: [SectionKind: Int] = [.postings: 300, .positions: 150, .terms: 80, .termIndex: 80, .letterTable: 45, .letterLengths: 30, .store: 45, .sources: 0]
        var random = SeededGenerator(seed: 4)
        var wrong: [String] = []
        var flips = 0
        for section in reader.segments[0].sections {
            for _ in 0..<samples[section.kind, default: 0] {
                let offset = section.offset + Int.random(in: 0..<section.length, using: &random)
                var flipped = good
                flipped[offset] ^= UInt8.random(in: 1...255, using: &random)
                flips += 1
                let outcome = try Self.damage(flipped, at: folder + "/damaged", expected: expected, runChecker: false)
                if !outcome.wrong.isEmpty { wrong.append("\(section.kind.name) byte \(offset - section.offset): \(outcome.wrong[0])") }
            }
        }
        #expect(flips == 730)
        #expect(wrong.isEmpty, "\(wrong.count) of \(flips) flips gave wrong answers: \(wrong.prefix(5))")
    }

    /// Letters long enough that their store block is compressed: every byte of the store section
    /// flipped, with checksums (the block's checksum catches it before decompression: reported,
    /// never a wrong answer) and without them (the decoder's bounds checks: never a crash, and
    /// `check` still reports it).
    @Test func compressedStoreDamageIsCaught() throws {
        let letters = (0..<6).map { number in
            "Title: Convoys \(number)\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1942-0\(number + 1)\n\n"
                + String(repeating: "The convoys to Archangel and the second front in France. ", count: 4 + number)
        }
        let (folder, good) = try Self.build(letters)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reader = try IndexReader(path: folder + "/idx")
        let store = try #require(reader.segments[0].sections.first { $0.kind == .store })
        #expect(store.length < letters.reduce(0) { $0 + $1.utf8.count } / 2, "the store is compressed: \(store.length) bytes")
        let expected = Self.answers(reader)
        #expect(!expected.contains("error"))
        let sweep = try Self.flipEveryByte(of: store, in: good, folder: folder, expected: expected)
        #expect(sweep.missed.isEmpty && sweep.missedUnverified.isEmpty, "undetected: \(sweep.missed.prefix(5)), \(sweep.missedUnverified.prefix(5))")
        #expect(sweep.wrong.isEmpty, "\(sweep.wrong.count) wrong answers: \(sweep.wrong.prefix(5))")
    }

    /// Flips every byte of `section` in turn: the offsets not reported with checksums verified
    /// and without, and the answers that came out wrong with them.
    static func flipEveryByte(of section: SectionInfo, in good: [UInt8], folder: String, expected: [String]) throws
        -> (missed: [Int], missedUnverified: [Int], wrong: [String]) {
        var missed: [Int] = [], missedUnverified: [Int] = [], wrong: [String] = []
        for offset in section.offset..<(section.offset + section.length) {
            var flipped = good
            flipped[offset] ^= 0x5A
            let outcome = try Self.damage(flipped, at: folder + "/damaged", expected: expected, runChecker: true)
            if !outcome.reported { missed.append(offset) }
            if !outcome.wrong.isEmpty { wrong.append("\(section.kind.name) byte \(offset - section.offset): \(outcome.wrong[0])") }
            let unverified = try Self.damage(flipped, at: folder + "/damaged", expected: expected, runChecker: true, verifying: false)
            if !unverified.reported { missedUnverified.append(offset) }
        }
        return (missed, missedUnverified, wrong)
    }

    /// Every byte of the letter-lengths column flipped: with checksums, the column's checksum
    /// stops every search before a score (reported, never a wrong answer); without them, `check`
    /// still reports it. A column written wrong under a right checksum (a writer's mistake) is
    /// found by `check` comparing each length with its letter's record.
    @Test func letterLengthsDamageIsCaught() throws {
        let letters = (0..<40).map { "Title: Letter \($0)\n\nThe convoys " + String(repeating: "and the second front ", count: $0 % 7) }
        let (folder, good) = try Self.build(letters)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reader = try IndexReader(path: folder + "/idx")
        let column = try #require(reader.segments[0].sections.first { $0.kind == .letterLengths })
        #expect(column.length == 40 * LetterLengths.size)
        let expected = Self.answers(reader)
        #expect(!expected.contains("error"))
        let sweep = try Self.flipEveryByte(of: column, in: good, folder: folder, expected: expected)
        #expect(sweep.missed.isEmpty && sweep.missedUnverified.isEmpty, "undetected: \(sweep.missed.prefix(5)), \(sweep.missedUnverified.prefix(5))")
        #expect(sweep.wrong.isEmpty, "\(sweep.wrong.count) wrong answers: \(sweep.wrong.prefix(5))")

        // Letter 3's length one more, with the section's and the header's checksums made to match.
        var crafted = good
        crafted[column.offset + 3 * LetterLengths.size] &+= 1
        let sectionCount = Int(crafted[12]) | Int(crafted[13]) << 8
        for entry in (0..<sectionCount).map({ 48 + 32 * $0 }) where crafted[entry] == UInt8(SectionKind.letterLengths.rawValue) {
            let checksum = crafted[column.offset..<(column.offset + column.length)].withUnsafeBytes { CRC32.checksum($0) }
            for byte in 0..<4 { crafted[entry + 24 + byte] = UInt8(truncatingIfNeeded: checksum >> (8 * byte)) }
        }
        let headerEnd = 48 + 32 * sectionCount
        let headerChecksum = crafted[0..<headerEnd].withUnsafeBytes { CRC32.checksum($0) }
        for byte in 0..<4 { crafted[headerEnd + byte] = UInt8(truncatingIfNeeded: headerChecksum >> (8 * byte)) }
        try Data(crafted).write(to: URL(fileURLWithPath: folder + "/idx/s000001.seg"))
        let problems = IndexChecker(reader: try IndexReader(path: folder + "/idx")).check().problems
        #expect(problems.count == 1 && problems.first?.contains("letter lengths: letter 3 has length") == true, "\(problems)")
    }

    /// The manifest and a deletions file, every byte flipped and every truncation: each is
    /// reported when the index opens (both are checksummed whole), never a wrong answer.
    @Test func manifestAndDeletionsDamageIsReported() throws {
        let letters = (0..<20).map { number in
            "Title: Letter \(number)\nFrom: \(number % 2 == 0 ? "J. V. Stalin" : "W. Churchill")\nDate: 194\(number % 5)-03\n\nThe convoys and the second front, \(number)."
        }
        let (folder, _) = try Self.build(letters)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An update that deletes two letters and adds one: a deletions file and a second segment.
        try FileManager.default.removeItem(atPath: folder + "/letters/1.txt")
        try write("Title: Changed\n\nA second front at last, changed.", to: folder + "/letters/4.txt")
        try write("Title: Added\n\nConvoys to Archangel.", to: folder + "/letters/9.txt")
        let summary = try IndexBuilder().update(folder: folder + "/letters", indexPath: folder + "/idx")
        #expect(summary.action == .updated && summary.segmentCount == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/idx")
        let deletions = try #require(names.first { $0.hasSuffix(".del") })
        let expected = Self.answers(try IndexReader(path: folder + "/idx"))
        #expect(!expected.contains("error"))
        var missed: [String] = []
        var wrong: [String] = []
        for file in ["manifest", deletions] {
            let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/idx/" + file)))
            var damaged: [[UInt8]] = (0..<good.count).map { offset in var copy = good; copy[offset] ^= 0x5A; return copy }
            damaged += (0..<good.count).map { Array(good[0..<$0]) }
            for (number, bytes) in damaged.enumerated() {
                let outcome = try Self.damage(bytes, at: folder + "/damaged", expected: expected, runChecker: false, file: file)
                if !outcome.reported { missed.append("\(file) #\(number)") }
                if !outcome.wrong.isEmpty { wrong.append("\(file) #\(number): \(outcome.wrong[0])") }
            }
        }
        #expect(missed.isEmpty, "\(missed.count) undetected: \(missed.prefix(10))")
        #expect(wrong.isEmpty, "\(wrong.count) wrong answers: \(wrong.prefix(5))")
    }
}
