import Testing
import MissiveTestSupport
@testable import MissiveIndex

/// ``ByteDecoder/skipVarints(_:)`` counts the varints' ends a word at a time.
@Suite("Byte decoder")
struct ByteDecoderTests {
    /// Varints of one to six bytes: from every start, skipping any number of them lands just
    /// past the last one skipped, whether the ends fall in the first word read, a later one or
    /// the last few bytes; skipping more than there are is an error. Made to fail by stopping
    /// after the first end in the word that holds the last one.
    @Test func skippingVarintsLandsPastTheLastOne() throws {
        var random = SeededGenerator(seed: 1949)
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for _ in 0..<300 {
            let bits = [3, 7, 10, 14, 21, 28, 35][Int.random(in: 0..<7, using: &random)]
            Varint.encode(UInt64.random(in: 0..<(1 << UInt64(bits)), using: &random)) { bytes.append($0) }
            ends.append(bytes.count)
        }
        var failures: [String] = []
        try bytes.withUnsafeBytes { raw in
            for first in stride(from: 0, to: ends.count, by: 7) {
                let start = first == 0 ? 0 : ends[first - 1]
                for count in 0...min(40, ends.count - first) {
                    var decoder = ByteDecoder(raw, offset: start, what: "test")
                    try decoder.skipVarints(count)
                    let expected = count == 0 ? start : ends[first + count - 1]
                    if decoder.offset != expected { failures.append("from \(start), \(count): at \(decoder.offset), expected \(expected)") }
                }
            }
            var decoder = ByteDecoder(raw, offset: ends[ends.count - 10], what: "test")
            #expect(throws: IndexError.self) { try decoder.skipVarints(10) }
        }
        #expect(failures.isEmpty, "\(failures.count) skips landed wrong: \(failures.prefix(5))")
    }
}
