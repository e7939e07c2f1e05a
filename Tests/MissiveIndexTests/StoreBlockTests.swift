import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

@Suite("Compressed store blocks")
struct StoreBlockTests {
    /// Inputs of every shape the codec meets: empty, shorter than a match can be, text, runs of
    /// one byte (matches overlapping their output), random bytes (incompressible), literal and
    /// match lengths past 15 and 270 (the length bytes), and more than 64 KB (matches farther
    /// than an offset can reach must not be taken).
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
        return samples
    }

    @Test func everySampleComesBackAsItWent() throws {
        for (number, sample) in Self.samples().enumerated() {
            let compressed = sample.withUnsafeBytes { LZ4Block.compress($0) }
            #expect(compressed.count <= LZ4Block.bound(sample.count))
            var output = [UInt8](repeating: 0, count: sample.count + LZ4Block.outputSlack)
            try compressed.withUnsafeBytes { block in
                try output.withUnsafeMutableBytes { try LZ4Block.decompress(block, into: $0, length: sample.count, what: "sample \(number)") }
            }
            #expect(output[0..<sample.count] == sample[...], "sample \(number) (\(sample.count) bytes)")
        }
        // Text compresses; repeated text a great deal.
        let words = Self.samples()[8]
        #expect(words.withUnsafeBytes { LZ4Block.compress($0) }.count < words.count / 2)
    }

    /// Decompressing only as far as a letter needs gives exactly those bytes.
    @Test func decompressingAPrefixGivesThePrefix() throws {
        let sample = Self.samples()[8]
        let compressed = sample.withUnsafeBytes { LZ4Block.compress($0) }
        for needed in [1, 17, 4_096, 50_000, sample.count] {
            var output = [UInt8](repeating: 0, count: sample.count + LZ4Block.outputSlack)
            try compressed.withUnsafeBytes { block in
                try output.withUnsafeMutableBytes { try LZ4Block.decompress(block, into: $0, length: sample.count, needed: needed, what: "prefix") }
            }
            #expect(output[0..<needed] == sample[0..<needed], "\(needed) bytes")
        }
    }

    /// Damaged compressed bytes (when no checksum stands in front: the decoder's own checks)
    /// end in an error or some output of the stated length, never a read or write out of bounds.
    @Test func damagedCompressedBytesNeverCrash() throws {
        var random = SeededGenerator(seed: 6)
        var errors = 0
        let samples = Self.samples().filter { !$0.isEmpty }
        for round in 0..<20_000 {
            let sample = samples[round % samples.count]
            var compressed = sample.withUnsafeBytes { LZ4Block.compress($0) }
            switch random.next(below: 3) {
            case 0: compressed[random.next(below: compressed.count)] ^= UInt8(1 + random.next(below: 255))
            case 1: compressed = Array(compressed[0..<random.next(below: compressed.count)])
            default: for _ in 0..<8 { compressed[random.next(below: compressed.count)] = UInt8(truncatingIfNeeded: random.next()) }
            }
            // The stated length a byte short, right or a byte long; the output no longer than it must be.
            let length = sample.count + random.next(below: 3) - 1
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: length + LZ4Block.outputSlack, alignment: 1)
            defer { output.deallocate() }
            do {
                try compressed.withUnsafeBytes { block in
                    try LZ4Block.decompress(block, into: output, length: length, what: "damaged")
                }
            } catch IndexError.corrupt {
                errors += 1
            }
        }
        #expect(errors > 10_000, "most damage is caught by the decoder's own checks: \(errors)")
    }

    /// A block's checksum is checked before its bytes are decompressed: any flipped byte of the
    /// compressed bytes or of the header is an error, never different records.
    @Test func aFlippedByteInABlockIsCaughtBeforeDecompression() throws {
        let records = Self.samples()[8]
        let block = StoreBlock.encode(records)
        #expect(block.count < records.count / 2 + StoreBlock.headerSize, "the records are compressed")
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
