import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

@Suite("Compressed store blocks")
struct StoreBlockTests {
    /// Inputs of every shape the codec meets: empty, shorter than a match can be, text, runs of
    /// one byte (matches overlapping their output, and longer than one match can be), random
    /// bytes (incompressible), long literal runs, and more than 64 KB (a repeat exactly as far as
    /// a match reaches, and one farther, which must not be taken).
    static func samples() -> [[UInt8]] {
        var random = SeededGenerator(seed: 1943)
        let text = Array("The convoys to Archangel and the second front in France, 1942. ".utf8)
        var samples: [[UInt8]] = [[], [7], Array("abc".utf8), Array("abcdabcdabcd".utf8), Array("abcdabcdabcdabcd".utf8)]
        samples.append([UInt8](repeating: 0x61, count: 1_000))
        samples.append((0..<5_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        samples.append(Array((0..<40).map { _ in text }.joined()))
        // Words drawn at random: many short matches and literal runs.
        let words = ["convoy", "front", "second", "Stalin", "Churchill", "the", "and", "of", "1942", "—", "Archangel"]
        samples.append(Array((0..<20_000).map { _ in words[random.next(below: words.count)] + " " }.joined().utf8))
        // 70 KB of random bytes then the first 4 KB again: a repeat out of reach (offset > 65,535).
        let far = (0..<70_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        samples.append(far + far[0..<4_096])
        // A long literal run between long matches.
        samples.append(Array(text) + (0..<600).map { _ in UInt8(truncatingIfNeeded: random.next()) } + Array((0..<20).map { _ in text }.joined()))
        // A run longer than the longest match, and a repeat exactly 65,535 bytes back.
        samples.append([UInt8](repeating: 0x2E, count: 200_000))
        let reach = (0..<65_535).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        samples.append(reach + reach[0..<300])
        return samples
    }

    static func compress(_ sample: [UInt8]) -> [UInt8] { sample.withUnsafeBytes { LZHuffmanBlock.compress($0) } }

    /// Decompresses `block` as far as `needed` (all of it when nil) into a fresh output of
    /// `length` bytes and the slack.
    static func decompress(_ block: [UInt8], length: Int, needed: Int? = nil, what: String) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length + LZHuffmanBlock.outputSlack)
        try block.withUnsafeBytes { bytes in
            var decoder = try LZHuffmanBlock.Decoder(bytes, what: what)
            try output.withUnsafeMutableBytes { try decoder.decompress(bytes, into: $0, length: length, needed: needed, what: what) }
        }
        return Array(output[0..<min(needed ?? length, length)])
    }

    @Test func everySampleComesBackAsItWent() throws {
        for (number, sample) in Self.samples().enumerated() {
            let compressed = Self.compress(sample)
            #expect(compressed.count <= LZHuffmanBlock.headerBytes + sample.count * 2 + 16)
            #expect(try Self.decompress(compressed, length: sample.count, what: "sample \(number)") == sample,
                    "sample \(number) (\(sample.count) bytes)")
        }
        // Text compresses; repeated text a great deal.
        let words = Self.samples()[8]
        #expect(Self.compress(words).count < words.count / 3)
        let repeated = Self.samples()[7]
        #expect(Self.compress(repeated).count < LZHuffmanBlock.headerBytes + 100)
    }

    /// Every value a match's length or distance can take has a code whose base and extra bits
    /// give it back, and the codes follow one another without a gap.
    @Test func valueCodesCoverEveryValue() {
        var lastCode = 0
        for value in 0...65_535 {
            let code = LZHuffmanBlock.valueCode(value)
            #expect(code == lastCode || code == lastCode + 1)
            lastCode = code
            let offset = value - LZHuffmanBlock.base(code)
            if offset < 0 || offset >= 1 << LZHuffmanBlock.extraBits(code) { Issue.record("value \(value): code \(code)") }
        }
        #expect(lastCode == LZHuffmanBlock.distanceSymbols - 1)
    }

    /// Codes of skewed, flat and one-symbol frequencies are complete and within the length limit;
    /// a damaged set of lengths (too long, over- or under-full) gets no table.
    @Test func huffmanCodesAreCompleteAndLimited() throws {
        var random = SeededGenerator(seed: 12)
        let shapes: [[Int]] = [
            (0..<288).map { 1 << min($0 / 8, 40) },               // Fibonacci-like skew: needs the limit
            [Int](repeating: 5, count: 288),
            (0..<288).map { $0 == 7 ? 9 : 0 },
            (0..<288).map { $0 == 0 ? 1 : 0 },
            (0..<288).map { _ in random.next(below: 4) == 0 ? random.next(below: 10_000) : 0 },
        ]
        for frequencies in shapes {
            let code = HuffmanCode(frequencies: frequencies)
            #expect(code.lengths.allSatisfy { $0 <= HuffmanCode.maximumLength })
            for symbol in frequencies.indices where frequencies[symbol] > 0 { #expect(code.lengths[symbol] > 0) }
            let table = try #require(HuffmanCode.tableEntries(lengths: code.lengths))
            #expect(table.allSatisfy { $0 & 15 != 0 }, "complete: every entry is a code")
        }
        #expect(HuffmanCode.tableEntries(lengths: [UInt8](repeating: 0, count: 32))?.allSatisfy { $0 == 0 } == true)
        #expect(HuffmanCode.tableEntries(lengths: [1, 1, 1] + [UInt8](repeating: 0, count: 29)) == nil, "over-full")
        #expect(HuffmanCode.tableEntries(lengths: [1, 2] + [UInt8](repeating: 0, count: 30)) == nil, "under-full")
        #expect(HuffmanCode.tableEntries(lengths: [1, 13] + [UInt8](repeating: 0, count: 30)) == nil, "too long")
    }

    /// Decompressing only as far as a letter needs gives exactly those bytes, and going on from
    /// there gives the rest.
    @Test func decompressingAPrefixGivesThePrefix() throws {
        let sample = Self.samples()[8]
        let compressed = Self.compress(sample)
        for needed in [1, 17, 4_096, 50_000, sample.count] {
            #expect(try Self.decompress(compressed, length: sample.count, needed: needed, what: "prefix") == Array(sample[0..<needed]),
                    "\(needed) bytes")
        }
        var output = [UInt8](repeating: 0, count: sample.count + LZHuffmanBlock.outputSlack)
        try compressed.withUnsafeBytes { bytes in
            var decoder = try LZHuffmanBlock.Decoder(bytes, what: "steps")
            for needed in stride(from: 1_000, through: sample.count + 1_000, by: 9_000) {
                try output.withUnsafeMutableBytes { try decoder.decompress(bytes, into: $0, length: sample.count, needed: needed, what: "steps") }
                #expect(decoder.written >= min(needed, sample.count))
            }
            try output.withUnsafeMutableBytes { try decoder.decompress(bytes, into: $0, length: sample.count, what: "steps") }
            let finished = decoder.finished
            #expect(finished)
        }
        #expect(Array(output[0..<sample.count]) == sample)
    }

    /// Damaged compressed bytes (when no checksum stands in front: the decoder's own checks)
    /// end in an error or some output of the stated length, never a read or write out of bounds.
    @Test func damagedCompressedBytesNeverCrash() throws {
        var random = SeededGenerator(seed: 6)
        var errors = 0
        // Each sample under 32 KB (a store block's size) and a 32 KB piece of the random words.
        let samples = (Self.samples().filter { !$0.isEmpty && $0.count < 32_768 } + [Array(Self.samples()[8][0..<32_768])])
            .map { ($0, Self.compress($0)) }
        for round in 0..<6_000 {
            let (sample, intact) = samples[round % samples.count]
            var compressed = intact
            switch random.next(below: 4) {
            case 0: compressed[random.next(below: compressed.count)] ^= UInt8(1 + random.next(below: 255))
            case 1: compressed = Array(compressed[0..<random.next(below: compressed.count)])
            case 2: compressed[LZHuffmanBlock.headerBytes + random.next(below: compressed.count - LZHuffmanBlock.headerBytes)] ^= 1 << random.next(below: 8)
            default: for _ in 0..<8 { compressed[random.next(below: compressed.count)] = UInt8(truncatingIfNeeded: random.next()) }
            }
            // The stated length a byte short, right or a byte long; the output no longer than it must be.
            let length = sample.count + random.next(below: 3) - 1
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: length + LZHuffmanBlock.outputSlack, alignment: 1)
            defer { output.deallocate() }
            do {
                try compressed.withUnsafeBytes { block in
                    var decoder = try LZHuffmanBlock.Decoder(block, what: "damaged")
                    try decoder.decompress(block, into: output, length: length, what: "damaged")
                }
            } catch IndexError.corrupt {
                errors += 1
            }
        }
        #expect(errors > 3_000, "most damage is caught by the decoder's own checks: \(errors)")
    }

    /// A block's checksum is checked before its bytes are decompressed: any flipped byte of the
    /// compressed bytes or of the header is an error, never different records.
    @Test func aFlippedByteInABlockIsCaughtBeforeDecompression() throws {
        let records = Self.samples()[8]
        let block = StoreBlock.encode(records)
        #expect(block.count < records.count / 3 + StoreBlock.headerSize, "the records are compressed")
        let decoded = try block.withUnsafeBytes { try StoreBlock.decode($0, at: 0, what: "block") }
        #expect(decoded == records)
        for offset in stride(from: 0, to: block.count, by: 7) {
            var flipped = block
            flipped[offset] ^= 0x20
            #expect(throws: IndexError.self, "byte \(offset)") {
                _ = try flipped.withUnsafeBytes { try StoreBlock.decode($0, at: 0, what: "block") }
            }
        }
        // Incompressible records are kept as they are.
        let noise = Self.samples()[6]
        let raw = StoreBlock.encode(noise)
        #expect(raw.count == noise.count + StoreBlock.headerSize)
        #expect(try raw.withUnsafeBytes { try StoreBlock.decode($0, at: 0, what: "raw") } == noise)
    }

    /// Read without its checksum, a block damaged near its end decodes its start, then fails,
    /// and fails again when asked again (a failed block never turns into one that returns
    /// quietly, as it would if its decoder were dropped or marked finished).
    @Test func aDamagedBlockStaysDamaged() throws {
        let records = Self.samples()[8]
        let intact = StoreBlock.encode(records)
        var failures = 0
        for back in 2...40 {
            var block = intact
            block[block.count - back] ^= 0xA5
            try block.withUnsafeBytes { bytes in
                var opened = try StoreBlock.open(bytes, at: 0, verify: false, what: "damaged")
                try opened.decompress(upTo: 1_000)
                #expect(opened.records[0..<1_000] == records[0..<1_000])
                do {
                    try opened.decompress(upTo: records.count)
                } catch IndexError.corrupt {
                    failures += 1
                    #expect(throws: IndexError.self, "byte \(back) from the end") { try opened.decompress(upTo: records.count) }
                }
            }
        }
        #expect(failures > 20, "most damage near the end is caught: \(failures) of 39")
    }

    @Test func blocksEndAtTheTargetAndAtTheLastLetter() {
        #expect(StoreBlock.ends(sizes: [], target: 10) == [])
        #expect(StoreBlock.ends(sizes: [3], target: 10) == [true])
        #expect(StoreBlock.ends(sizes: [4, 4, 4, 30, 1, 9, 2], target: 10) == [false, false, true, true, false, true, true])
    }

    /// An index of letters long enough to compress: every letter reads back as written, from a
    /// store smaller than the letters, alone and in order through the block cache.
    @Test func anIndexStoresItsLettersCompressed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 41)
        let words = ["convoy", "front", "second", "Archangel", "the", "and", "of", "divisions", "Balkans", "France"]
        var texts: [String: String] = [:]
        for number in 0..<60 {
            let body = (0..<(50 + random.next(below: 3_000))).map { _ in words[random.next(below: words.count)] }.joined(separator: " ")
            let text = "Title: Letter \(number)\nFrom: J. V. Stalin\nDate: 1942-03-0\(1 + number % 9)\n\n\(body)"
            let name = String(format: "l%03d.txt", number)
            texts[name] = text
            try write(text, to: folder + "/letters/" + name)
        }
        var builder = IndexBuilder()
        builder.storeBlockBytes = 16 << 10
        _ = try builder.build(folder: folder + "/letters", indexPath: folder + "/idx")
        let reader = try IndexReader(path: folder + "/idx")
        let segment = reader.segments[0]
        let store = try #require(segment.sections.first { $0.kind == .store })
        let textBytes = texts.values.reduce(0) { $0 + $1.utf8.count }
        #expect(store.length < textBytes / 2, "store \(store.length) bytes for \(textBytes) bytes of letters")
        var blocks = StoreBlockCache()
        for id in 0..<segment.letterCount {
            let alone = try segment.letter(id)
            let inOrder = try segment.letter(id, blocks: &blocks)
            #expect(alone == inOrder)
            #expect(alone.fileText == texts[alone.path], "\(alone.path)")
        }
        // Several letters share a block.
        let offsets = try (0..<segment.letterCount).map { try segment.letters.record($0).blockOffset }
        #expect(Set(offsets).count > 3 && Set(offsets).count < segment.letterCount)
        #expect(IndexChecker(reader: reader).check().problems == [])

        // A damaged record pointing anywhere (here at the last offset there is) is an error, and
        // the letters read in order through the same cache afterwards are still right (the
        // fuzzer found a damaged offset taken for the cache's empty slot).
        let table = segment.letters
        for offset in [UInt64.max, UInt64(table.store.count - 1), UInt64(table.store.count), 1] {
            var records = [UInt8](table.records)
            withUnsafeBytes(of: offset.littleEndian) { records.replaceSubrange((LetterRecord.size + 8)..<(LetterRecord.size + 16), with: $0) }
            try records.withUnsafeBytes { (damaged: UnsafeRawBufferPointer) throws in
                let reading = LetterTable(records: damaged, store: table.store, count: table.count, checksum: 0,
                                          verifiesChecksums: true, tableCheck: OnceCheck(skipped: true))
                var cache = StoreBlockCache()
                for _ in 0..<2 {
                    #expect(throws: IndexError.self, "block offset \(offset)") { try reading.letter(1, blocks: &cache) }
                    #expect(try reading.letter(0, blocks: &cache) == segment.letter(0))
                }
                #expect(throws: IndexError.self) { try reading.letter(1) }
            }
        }
    }
}
