import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex

/// A ``FileSink`` writes what it is given in order whether it buffers it or writes it straight
/// through, and checksums a section over all of it.
@Suite("File sink")
struct FileSinkTests {
    @Test func smallAndLargeWritesKeepTheirOrderAndTheSectionsChecksum() throws {
        let folder = try TemporaryFolder()
        let path = folder.appending("out")
        let sink = try FileSink(creating: path)
        var expected: [UInt8] = [1, 2, 3]
        try sink.write([1, 2, 3])
        try sink.beginSection(.postings)
        var section: [UInt8] = []
        // Sizes around the 1 MB buffer: below, exactly, above, and small writes that overflow it.
        for (round, size) in [10, (1 << 20) - 5, 7, 1 << 20, 3, (1 << 20) + 9, 600_000, 600_000, 1].enumerated() {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ round) }
            if round % 2 == 0 { try sink.write(bytes) } else { try bytes.withUnsafeBytes { try sink.write($0) } }
            section += bytes
        }
        #expect(sink.sectionOffset == UInt64(section.count))
        try sink.endSection()
        expected += section
        try sink.closeWithoutSync()

        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == expected)
        let info = try #require(sink.sections.first)
        var crc = CRC32()
        section.withUnsafeBytes { crc.update($0) }
        #expect(info.offset == 3 && info.length == section.count && info.checksum == crc.value)
    }
}
