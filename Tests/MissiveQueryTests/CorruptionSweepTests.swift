import Foundation
import Testing
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Every damaged byte is noticed")
struct CorruptionSweepTests {
    /// Flips each byte of a small index in turn and truncates it at every offset: opening or
    /// `IndexChecker` must report each one, and searching must end in results or an error, never
    /// a crash or a hang.
    @Test func flipEveryByteAndTruncateEverywhere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = [
            "Title: Second front\nFrom: J. V. Stalin\nTo: W. Churchill\nDate: 1941-09-03\n\nA second front in France now.",
            "Title: Convoys\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1942-07\n\nThe convoys to Archangel and the second front.",
            "No header here, only a letter about convoys.",
        ]
        for (number, text) in letters.enumerated() { try write(text, to: "\(folder)/letters/\(number).txt") }
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/idx")))
        let damagedPath = folder + "/damaged"
        var queryParser = QueryParser()
        let queries = try ["second front", "\"second front\"", "convoy*", "from:stalin", "convoys OR archangel", "date:1942 convoys"]
            .map { try queryParser.parse($0) }

        /// Whether the damage was reported (by opening or by the checker); searches must not crash.
        func reported(_ bytes: [UInt8]) throws -> Bool {
            try Data(bytes).write(to: URL(fileURLWithPath: damagedPath))
            guard let reader = try? IndexReader(path: damagedPath) else { return true }
            let searcher = Searcher(index: reader)
            for query in queries { _ = try? searcher.search(query, limit: 5) }
            return !IndexChecker(reader: reader).check().problems.isEmpty
        }
        var missed: [String] = []
        for offset in good.indices {
            var flipped = good
            flipped[offset] ^= 0x5A
            if try !reported(flipped) { missed.append("flip at \(offset)") }
        }
        for length in 0..<good.count where try !reported(Array(good[0..<length])) {
            missed.append("truncated to \(length)")
        }
        #expect(missed.isEmpty, "\(missed.count) undetected: \(missed.prefix(10))")
        #expect(try !reported(good), "the undamaged index must pass")
    }
}
