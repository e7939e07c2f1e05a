/// The start of a segment file: what it holds and where each section is (format version 10, with
/// postings blocks packed in four lanes (``BitPacking``); 9 packed them value after value and
/// first compressed the stored letters with ``LZHuffmanBlock``, 8 with LZ4, 4 was
/// the first kept in an index folder with a manifest, 3 a single-file index without sources, 2
/// had no per-block checksums, 1 varint-only postings).
///
/// ```
/// offset 0   magic "MISSIVE\0"            8 bytes
///        8   format version               u32
///       12   section count                u32
///       16   letter count                 u32
///       20   term count                   u32
///       24   postings count               u64  (term–letter pairs, all fields)
///       32   text token count             u64  (sum of letter lengths, for BM25's average)
///       40   analyzer                     u32  (``Analyzer``)
///       44   reserved                     u32
///       48   section table, per section:  kind u32, reserved u32, offset u64, length u64,
///                                         crc32 u32, reserved u32                 (32 bytes)
///   48+32n   crc32 of everything before   u32
/// sections…  store, letter table, positions, postings, terms, term index, term filter, sources,
///            source index, names
/// end−8      tail magic "MSV-END\0"
/// ```
/// All integers are little-endian.
///
/// Besides each section's CRC-32 (which `missive check` verifies), every unit a search reads
/// carries its own checksum, verified when it is first read (``IndexReader`` remembers what it
/// verified), so a damaged index gives an error rather than a wrong answer: a term-index entry
/// (``TermIndexEntry``) covers its dictionary block and its terms' heads, a skip entry
/// (``PostingsLayout``) its postings block and that block's positions, a letter record
/// (``LetterRecord``) its stored letter; the letter table is verified whole before first use.
struct FileHeader: Equatable {
    static let magic: [UInt8] = Array("MISSIVE\0".utf8)
    static let tailMagic: [UInt8] = Array("MSV-END\0".utf8)
    static let formatVersion: UInt32 = 11
    /// Bytes before the section table.
    static let fixedSize = 48
    /// Bytes per section-table entry.
    static let sectionEntrySize = 32

    /// The header's size for `sections` sections (the table and the header's checksum included).
    static func size(sections: Int) -> Int { fixedSize + sectionEntrySize * sections + 4 }

    /// The size of a complete header, every section listed.
    static var completeSize: Int { size(sections: SectionKind.allCases.count) }

    var letterCount: Int
    var termCount: Int
    var postingsCount: Int
    var totalTextTokens: Int
    var analyzer: Analyzer
    var sections: [SectionInfo]

    /// The header's bytes, its checksum last.
    func encoded() -> [UInt8] {
        var header = ByteEncoder(reservingCapacity: Self.size(sections: sections.count))
        header.append(Self.magic)
        header.u32(Self.formatVersion)
        header.u32(UInt32(sections.count))
        header.u32(UInt32(letterCount))
        header.u32(UInt32(termCount))
        header.u64(UInt64(postingsCount))
        header.u64(UInt64(totalTextTokens))
        header.u32(analyzer.rawValue)
        header.u32(0)
        for section in sections {
            header.u32(section.kind.rawValue)
            header.u32(0)
            header.u64(UInt64(section.offset))
            header.u64(UInt64(section.length))
            header.u32(section.checksum)
            header.u32(0)
        }
        let checksum = header.bytes.withUnsafeBytes { CRC32.checksum($0) }
        header.u32(checksum)
        return header.bytes
    }

    /// Reads and checks the header of the mapped `file`: magic, version, checksum, the end
    /// marker, every section once and inside the file. `path` is for error messages.
    init(decoding file: UnsafeRawBufferPointer, path: String) throws {
        guard file.count >= Self.fixedSize else {
            if file.count >= 8 && file.prefix(8).elementsEqual(Self.magic) {
                throw IndexError.corrupt("the file is truncated (\(file.count) bytes)")
            }
            throw IndexError.notAnIndex(path: path)
        }
        guard file.prefix(8).elementsEqual(Self.magic) else { throw IndexError.notAnIndex(path: path) }
        var reader = ByteDecoder(file, offset: 8, what: "header")
        let version = try reader.u32()
        let sectionCount = Int(try reader.u32())
        // The checksum comes before the version: a damaged version field is damage, not a
        // format this build cannot read.
        let headerSize = Self.size(sections: min(sectionCount, 1024))
        guard file.count >= headerSize + Self.tailMagic.count else {
            throw IndexError.corrupt("the file is truncated (\(file.count) bytes)")
        }
        let storedChecksum = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: headerSize - 4, as: UInt32.self))
        let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[0..<(headerSize - 4)]))
        guard storedChecksum == computed else { throw IndexError.corrupt("header checksum mismatch") }
        guard version == Self.formatVersion else {
            throw IndexError.unsupportedVersion(found: version, expected: Self.formatVersion)
        }
        guard sectionCount == SectionKind.allCases.count else {
            throw IndexError.corrupt("header lists \(sectionCount) sections, expected \(SectionKind.allCases.count)")
        }
        guard file.suffix(Self.tailMagic.count).elementsEqual(Self.tailMagic) else {
            throw IndexError.corrupt("the file is truncated (end marker missing)")
        }
        let letterCount = Int(try reader.u32())
        let termCount = Int(try reader.u32())
        let postingsCount = try reader.u64()
        let totalTextTokens = try reader.u64()
        let flags = try reader.u32()
        guard let analyzer = Analyzer(rawValue: flags) else {
            throw IndexError.corrupt("the header names an unknown analyzer (\(flags))")
        }
        _ = try reader.u32()
        var sections: [SectionInfo] = []
        let dataEnd = file.count - Self.tailMagic.count
        for _ in 0..<sectionCount {
            let rawKind = try reader.u32()
            _ = try reader.u32()
            let offset = try reader.u64()
            let length = try reader.u64()
            let checksum = try reader.u32()
            _ = try reader.u32()
            guard let kind = SectionKind(rawValue: rawKind) else { throw IndexError.corrupt("unknown section kind \(rawKind)") }
            guard offset >= UInt64(headerSize), length <= UInt64(dataEnd), offset <= UInt64(dataEnd) - length else {
                throw IndexError.corrupt("section \(kind.name) lies outside the file")
            }
            guard !sections.contains(where: { $0.kind == kind }) else { throw IndexError.corrupt("section \(kind.name) listed twice") }
            sections.append(SectionInfo(kind: kind, offset: Int(offset), length: Int(length), checksum: checksum))
        }
        guard postingsCount <= UInt64(Int32.max) * 64, totalTextTokens <= UInt64(Int.max / 2) else {
            throw IndexError.corrupt("header counts out of range")
        }
        self.letterCount = letterCount
        self.termCount = termCount
        self.postingsCount = Int(postingsCount)
        self.totalTextTokens = Int(totalTextTokens)
        self.analyzer = analyzer
        self.sections = sections
    }

    init(letterCount: Int, termCount: Int, postingsCount: Int, totalTextTokens: Int, analyzer: Analyzer, sections: [SectionInfo]) {
        self.letterCount = letterCount
        self.termCount = termCount
        self.postingsCount = postingsCount
        self.totalTextTokens = totalTextTokens
        self.analyzer = analyzer
        self.sections = sections
    }

    /// The section of `kind` (every kind is listed once a header has decoded).
    func section(_ kind: SectionKind) -> SectionInfo {
        sections.first { $0.kind == kind }!
    }
}
