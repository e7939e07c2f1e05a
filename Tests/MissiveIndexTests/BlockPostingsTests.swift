import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

@Suite("Block postings and segmented builds")
struct BlockPostingsTests {
    @Test func bitPackingRoundTripsAtEveryWidth() {
        var random = SeededGenerator(seed: 7)
        for bits in 0...32 {
            let values: [UInt32] = (0..<PostingsLayout.blockSize).map { _ in
                bits == 0 ? 0 : UInt32(truncatingIfNeeded: random.next(below: 1 << 30) &* 7 &+ random.next(below: 8)) & UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bits)) - 1)
            }
            var packed: [UInt8] = []
            values.withUnsafeBufferPointer { BitPacking.pack($0, bits: bits, into: &packed) }
            #expect(packed.count == 16 * bits)
            var unpacked = [UInt32](repeating: 9, count: PostingsLayout.blockSize)
            packed.withUnsafeBytes { raw in
                unpacked.withUnsafeMutableBufferPointer { BitPacking.unpack(raw, bits: bits, addend: 0, into: $0.baseAddress!) }
            }
            #expect(unpacked == values, "width \(bits)")
            // As gaps − 1 after letter 5: the running sums.
            var ids = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
            let last = packed.withUnsafeBytes { raw in
                ids.withUnsafeMutableBufferPointer { BitPacking.unpackIncreasing(raw, bits: bits, after: 5, into: $0.baseAddress!) }
            }
            var running: Int64 = 5
            let expected = values.map { value -> UInt32 in running += Int64(value) + 1; return UInt32(truncatingIfNeeded: running) }
            #expect(ids == expected && last == running, "width \(bits)")
        }
    }

    /// A tail decoded whole (the fast path for codes of one or two bytes and frequencies under
    /// 128, the careful path for the rest and the last bytes) gives back what was encoded, and
    /// every kind of damage throws wherever it lies: a gap or a frequency of 0, an id at the
    /// letter count, a list cut short or running on.
    @Test func tailsDecodeWholeAndRefuseDamageAnywhere() throws {
        var random = SeededGenerator(seed: 1943)
        func encode(_ letters: [(gap: UInt64, frequency: UInt64)]) -> [UInt8] {
            var bytes: [UInt8] = []
            for letter in letters {
                PostingsTail.encode(gap: letter.gap, frequency: letter.frequency) { value in
                    var rest = value
                    while rest >= 0x80 { bytes.append(UInt8(rest & 0x7F) | 0x80); rest >>= 7 }
                    bytes.append(UInt8(rest))
                }
            }
            return bytes
        }
        func decode(_ bytes: [UInt8], count: Int, after previous: Int = -1, letterCount: Int) throws -> [(UInt32, UInt32)] {
            var letters = [UInt32](repeating: 0, count: count), frequencies = [UInt32](repeating: 0, count: count)
            try bytes.withUnsafeBytes { raw in
                try letters.withUnsafeMutableBufferPointer { l in
                    try frequencies.withUnsafeMutableBufferPointer { f in
                        try PostingsTail.decode(raw, count: count, after: previous, letterCount: letterCount, letters: l.baseAddress!, frequencies: f.baseAddress!)
                    }
                }
            }
            return Array(zip(letters, frequencies))
        }
        for round in 0..<400 {
            let count = 1 + random.next(below: 127)
            // Gaps of one, two and (now and then) three bytes; frequencies of 1, under 128 and over.
            let letters: [(gap: UInt64, frequency: UInt64)] = (0..<count).map { _ in
                let gap = [1 + random.next(below: 60), 64 + random.next(below: 8_000), 8_192 + random.next(below: 100_000)][random.next(below: 10) < 6 ? 0 : (random.next(below: 10) < 8 ? 1 : 2)]
                let frequency = [1, 2 + random.next(below: 120), 128 + random.next(below: 5_000)][random.next(below: 10) < 5 ? 0 : (random.next(below: 10) < 9 ? 1 : 2)]
                return (UInt64(gap), UInt64(frequency))
            }
            let previous = round % 3 == 0 ? -1 : random.next(below: 1_000)
            var id = previous
            let expected = letters.map { letter -> (UInt32, UInt32) in
                id += Int(letter.gap)
                return (UInt32(id), UInt32(letter.frequency))
            }
            let bytes = encode(letters)
            let decoded = try decode(bytes, count: count, after: previous, letterCount: id + 1)
            #expect(decoded.map(\.0) == expected.map(\.0) && decoded.map(\.1) == expected.map(\.1), "round \(round)")
            // The last id must be below the letter count.
            #expect(throws: IndexError.self) { try decode(bytes, count: count, after: previous, letterCount: id) }
            // Cut short, or running on past the count.
            #expect(throws: IndexError.self) { try decode(Array(bytes.dropLast()), count: count, after: previous, letterCount: id + 1) }
            #expect(throws: IndexError.self) { try decode(bytes + [0x03], count: count, after: previous, letterCount: id + 2) }
            // A gap of 0 or a frequency of 0, at the start (the fast path) and at the end.
            for at in [0, count - 1] {
                var zeroGap = letters
                zeroGap[at].gap = 0
                #expect(throws: IndexError.self) { try decode(encode(zeroGap), count: count, after: previous, letterCount: id + 1) }
                var zeroFrequency = letters
                zeroFrequency[at].frequency = 0
                #expect(throws: IndexError.self) { try decode(encode(zeroFrequency), count: count, after: previous, letterCount: id + 1) }
            }
        }
    }

    /// A letter's positions read through the fast path (gaps of one or two bytes while eight
    /// bytes remain) and the careful one give back what was written, reusing the list's memory,
    /// and a repeated position or one past `Int32.max` throws wherever it lies.
    @Test func positionsDecodeFastAndRefuseDisorderAnywhere() throws {
        var random = SeededGenerator(seed: 1944)
        func encode(_ gaps: [Int]) -> [UInt8] {
            var bytes: [UInt8] = []
            for gap in gaps {
                var rest = UInt64(gap)
                while rest >= 0x80 { bytes.append(UInt8(rest & 0x7F) | 0x80); rest >>= 7 }
                bytes.append(UInt8(rest))
            }
            return bytes
        }
        let list = PositionList(capacity: 1)
        func decode(_ bytes: [UInt8], count: Int) throws -> [Int] {
            try bytes.withUnsafeBytes { raw in
                var reader = ByteDecoder(raw, what: "positions")
                try reader.positions(count, into: list.replaceAll(count: count))
            }
            return Array(list.positions)
        }
        for round in 0..<300 {
            let count = 1 + random.next(below: 200)
            let gaps = (0..<count).map { i in
                (i == 0 ? 0 : 1) + [random.next(below: 100), random.next(below: 16_000), random.next(below: 3_000_000)][random.next(below: 10) < 7 ? 0 : (random.next(below: 10) < 9 ? 1 : 2)]
            }
            var sum = 0
            let expected = gaps.map { sum += $0; return sum }
            #expect(try decode(encode(gaps), count: count) == expected, "round \(round)")
            // A repeated position (a gap of 0 after the first), at the start and at the end.
            if count > 1 {
                for at in [1, count - 1] {
                    var repeated = gaps
                    repeated[at] = 0
                    #expect(throws: IndexError.self) { try decode(encode(repeated), count: count) }
                }
            }
            // Past Int32.max, reached early or late.
            var far = gaps
            far[random.next(below: count)] = Int(Int32.max)
            if far.reduce(0, +) > Int(Int32.max) { #expect(throws: IndexError.self) { try decode(encode(far), count: count) } }
            // Cut short.
            #expect(throws: IndexError.self) { try decode(Array(encode(gaps).dropLast()), count: count) }
        }
    }

    /// Letters whose bodies are words from a small vocabulary: word i of the body is at position 2 + i
    /// (the title "t" is position 0, then the one-position gap).
    static func makeCorpus(letters: Int) throws -> (folder: String, bodies: [[String]]) {
        let folder = try temporaryFolder()
        var random = SeededGenerator(seed: 42)
        let vocabulary = ["alpha", "beta", "gamma", "delta", "omega", "rho", "sigma", "tau"]
        var bodies: [[String]] = []
        for number in 0..<letters {
            var words: [String] = []
            let length = 1 + random.next(below: 40)
            for _ in 0..<length {
                // alpha is common (several per letter), beta every few letters, the rest spread out.
                let pick = random.next(below: 100)
                let word = pick < 30 ? "alpha" : (number % 3 == 0 && pick < 40 ? "beta" : vocabulary[2 + random.next(below: 6)])
                words.append(word)
            }
            if number % 97 == 0 { words.append("rare\(number)") }
            bodies.append(words)
            try write("Title: t\n\n" + words.joined(separator: " "), to: String(format: "%@/letters/l%05d.txt", folder, number))
        }
        return (folder, bodies)
    }

    func expected(_ word: String, in bodies: [[String]]) -> [(letter: Int, positions: [Int])] {
        bodies.enumerated().compactMap { letter, words in
            let positions = words.indices.filter { words[$0] == word }.map { $0 + 2 }
            return positions.isEmpty ? nil : (letter, positions)
        }
    }

    @Test func cursorsAdvancePositionsAndBoundsMatchABruteForceScan() throws {
        let (folder, bodies) = try Self.makeCorpus(letters: 1500)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = folder + "/small.idx", large = folder + "/large.idx"
        var tight = IndexBuilder()
        tight.memoryBudget = 64 << 10
        tight.smallestRunBudget = 64 << 10
        let tightSummary = try tight.build(folder: folder + "/letters", indexPath: small)
        let wideSummary = try IndexBuilder().build(folder: folder + "/letters", indexPath: large)
        #expect(tightSummary.spills > 1, "a 64 KB budget should flush more than one spill file")
        #expect(wideSummary.spills == 1)
        // A budget below the smallest a thread gets acts as that: no spill file every few letters.
        var smallest = IndexBuilder()
        smallest.memoryBudget = 64 << 10
        smallest.threads = 1
        #expect(try smallest.build(folder: folder + "/letters", indexPath: folder + "/smallest.idx").spills == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/smallest.idx/s000001.seg")) == Data(contentsOf: URL(fileURLWithPath: large + "/s000001.seg")))
        let tightReader = try IndexReader(path: small), wideReader = try IndexReader(path: large)
        #expect(IndexChecker(reader: tightReader).check().problems == [])
        #expect(IndexChecker(reader: wideReader).check().problems == [])
        #expect(tightReader.segments[0].termCount == wideReader.segments[0].termCount)
        #expect(tightReader.postingsCount == wideReader.postingsCount)

        var random = SeededGenerator(seed: 99)
        for reader in [tightReader, wideReader] {
            for word in ["alpha", "beta", "gamma", "tau", "rare97"] {
                let truth = expected(word, in: bodies)
                let segment = reader.segments[0]
                let info = try #require(try segment.term(word, in: .text))
                #expect(info.letterFrequency == truth.count)
                // Walk every letter.
                var cursor = segment.postings(info)
                var walked: [(Int, [Int])] = []
                while try cursor.next() { walked.append((cursor.letter, try cursor.positions())) }
                #expect(walked.map(\.0) == truth.map(\.letter), "\(word) letters")
                #expect(walked.map(\.1) == truth.map(\.positions), "\(word) positions")
                // Jump to random targets, reading positions only sometimes.
                var jumper = segment.postings(info)
                var target = 0
                while true {
                    target += 1 + random.next(below: 300)
                    let wanted = truth.first { $0.letter >= target }
                    let found = try jumper.advance(to: target)
                    #expect(found == (wanted != nil))
                    guard let wanted else { break }
                    #expect(jumper.letter == wanted.letter)
                    #expect(jumper.frequency == wanted.positions.count)
                    if random.next(below: 2) == 0 { #expect(try jumper.positions() == wanted.positions) }
                    target = jumper.letter
                    // Score bounds hold for the block of the current letter.
                    let bound = try #require(try jumper.blockBound(atOrAfter: jumper.letter))
                    let actual = Scoring.saturation(freq: jumper.frequency, length: segment.length(of: jumper.letter),
                                                           averageLength: reader.averageLength)
                    #expect(bound.lastLetter >= jumper.letter)
                    #expect(bound.saturation >= actual)
                }
            }
        }
    }

    /// Bounds asked for targets in any order, with no block decoded (as a scorer skips runs of
    /// blocks by their bounds alone), name the block that holds the first letter at or after
    /// the target, and an advance after such a run lands on that letter. Made to fail by
    /// starting the walk at the block last found whatever the target (a smaller target after a
    /// larger one then got a later block: 310 of the 399 targets got a wrong one, and all three
    /// advances missed their letter).
    @Test func boundsAtTargetsInAnyOrderNameTheRightBlock() throws {
        let (folder, bodies) = try Self.makeCorpus(letters: 1500)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let segment = try IndexReader(path: folder + "/idx").segments[0]
        var random = SeededGenerator(seed: 7)
        var wrong = 0
        for word in ["alpha", "beta", "gamma"] {
            let letters = expected(word, in: bodies).map(\.letter)
            let info = try #require(try segment.term(word, in: .text))
            var cursor = segment.postings(info)
            for _ in 0..<133 {
                let target = random.next(below: 1500)
                guard let first = letters.firstIndex(where: { $0 >= target }) else {
                    // Past the last letter: no bound, or the tail's when the tail ends there.
                    continue
                }
                let block = first / PostingsLayout.blockSize
                let last = letters[min((block + 1) * PostingsLayout.blockSize, letters.count) - 1]
                if try cursor.blockBound(atOrAfter: target)?.lastLetter != last { wrong += 1 }
            }
            // An advance after bounds alone.
            let target = letters[letters.count / 2] + 1
            _ = try cursor.blockBound(atOrAfter: target)
            #expect(try cursor.advance(to: target) && cursor.letter == letters.first { $0 >= target }!)
        }
        #expect(wrong == 0, "\(wrong) bounds named the wrong block")
    }

    /// A block bound written at one average length, rescaled to another, still bounds every
    /// letter's saturation there — and is tighter than scaling by the ratio of the averages, most
    /// of all near saturation (the bound a very frequent word's blocks carry).
    @Test func rescaledBoundsHoldAtAnotherAverageLength() {
        var random = SeededGenerator(seed: 1943)
        var tighter = 0
        for _ in 0..<20_000 {
            let written = 1 + Double(random.next(below: 5_000)) / 7, scored = 1 + Double(random.next(below: 5_000)) / 7
            // A block of letters: the bound is their largest saturation at the written average.
            let letters = (0..<(1 + random.next(below: 8))).map { _ in
                let length = 1 + random.next(below: 3_000)
                return (frequency: 1 + random.next(below: min(length, 60)), length: length)
            }
            let stored = letters.map { Scoring.saturation(freq: $0.frequency, length: $0.length, averageLength: written) }.max()!
            let bound = Scoring.rescaledBound(stored, averageRatio: written / scored) * (1 + 1e-12)
            for letter in letters {
                #expect(Scoring.saturation(freq: letter.frequency, length: letter.length, averageLength: scored) <= bound)
            }
            if scored > written * 1.001 && bound < stored * scored / written * 0.999 { tighter += 1 }
            if scored <= written { #expect(bound <= stored * (1 + 1e-9)) }
        }
        #expect(tighter > 5_000, "the rescaled bound should usually be tighter than scaling by the averages' ratio")
        // Near saturation it hardly moves: 0.95 at an average 10% larger.
        #expect(abs(Scoring.rescaledBound(0.95, averageRatio: 1 / 1.1) - 0.95) < 0.005)
    }

    @Test func aLetterWithTensOfThousandsOfDistinctWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let words = (0..<40_000).map { "w\($0)" }
        try write("Title: many\n\n" + words.joined(separator: " ") + " w7", to: folder + "/letters/big.txt")
        try write("Title: small\n\nw7 w39999", to: folder + "/letters/small.txt")
        let summary = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 2)
        let reader = try IndexReader(path: folder + "/idx")
        #expect(IndexChecker(reader: reader).check().problems == [])
        let seven = try #require(try reader.segments[0].term("w7", in: .text))
        var cursor = reader.segments[0].postings(seven)
        #expect(try cursor.next() && cursor.letter == 0 && cursor.frequency == 2)
        #expect(try cursor.positions() == [2 + 7, 2 + 40_000])
        #expect(try reader.term("w39999", in: .text)?.letterFrequency == 2)
    }

    @Test func threadsAndMemoryBudgetsDoNotChangeTheIndex() throws {
        let (folder, _) = try Self.makeCorpus(letters: 900)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A bad file in the middle, so runs hold different numbers of letters than files.
        try write("", to: folder + "/letters/l00450.txt")
        let reference = folder + "/one.idx"
        var single = IndexBuilder()
        single.threads = 1
        // Small store blocks, so the runs (which end where a block ends) can split 900 short letters.
        single.storeBlockBytes = 2 << 10
        _ = try single.build(folder: folder + "/letters", indexPath: reference)
        let expected = try Data(contentsOf: URL(fileURLWithPath: reference + "/s000001.seg"))
        for (threads, budget) in [(2, 256 << 20), (3, 64 << 10), (4, 64 << 10)] {
            var builder = IndexBuilder()
            builder.threads = threads
            builder.bytesPerThread = 1
            builder.memoryBudget = budget
            builder.smallestRunBudget = 64 << 10
            builder.storeBlockBytes = 2 << 10
            let path = folder + "/t\(threads).idx"
            let summary = try builder.build(folder: folder + "/letters", indexPath: path)
            #expect(summary.threads == threads)
            #expect(summary.mergeThreads == 2, "the merge is split by term range too")
            #expect(summary.lettersIndexed == 899)
            #expect(summary.skipped.count == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/s000001.seg")) == expected, "\(threads) threads, budget \(budget)")
            // No temporary files are left beside the index.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func fileNamesWithSpacesAndOtherScripts() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = ["a letter from Yalta.txt", "écrit à Paris.txt", "штаб/приказ 1.txt", "日本/書簡.txt"]
        for (number, name) in names.enumerated() {
            try write("Title: t\(number)\n\nconvoy number \(number)", to: folder + "/letters/" + name)
        }
        let summary = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == names.count)
        #expect(summary.skipped.isEmpty)
        let reader = try IndexReader(path: folder + "/idx")
        for name in names {
            let id = try #require(try reader.letterID(atPath: name), "\(name)")
            #expect(try reader.letter(id).path == name)
        }
        #expect(try reader.term("convoy", in: .text)?.letterFrequency == names.count)
    }
}
