#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A term's entry in the dictionary: how many letters hold it and where its postings are.
public struct TermInfo: Sendable, Hashable {
    /// The field the term belongs to.
    public var field: IndexField
    /// The term's UTF-8 bytes.
    public var term: [UInt8]
    /// Letters containing the term.
    public var docFreq: Int
    /// The term's postings bytes, as offsets into the postings section.
    public var postings: Range<Int>
    /// The term's positions bytes, as offsets into the positions section.
    public var positions: Range<Int>

    /// The term as text.
    public var termText: String { String(decoding: term, as: UTF8.self) }
}

/// What the document table says of one letter.
public struct DocumentInfo: Sendable, Hashable {
    /// Words in title and body: the exact length BM25 uses.
    public var length: Int
    /// The letter's date, or nil.
    public var date: LetterDate?
    /// The date as a sort key (0 when undated).
    public var dateKey: UInt32
}

/// A section as the index's table describes it.
public struct SectionInfo: Sendable, Hashable {
    /// Which section.
    public var kind: SectionKind
    /// Offset from the start of the file.
    public var offset: Int
    /// Length in bytes.
    public var length: Int
    /// CRC-32 of the section's bytes.
    public var checksum: UInt32
}

/// A read-only view of an index file, memory-mapped.
///
/// Opening maps the file and checks only its header and section table (magic, version,
/// checksum, bounds); everything else is read on demand. Every length, offset and count read is
/// bounds-checked and every unit read is checksummed before it is trusted (``IndexFormat``): the
/// document table before its first use; a dictionary block when a lookup first touches it; a
/// postings block when it is first decoded, its positions when first read; a stored letter each
/// time it is read. So a damaged index gives ``IndexError/corrupt(_:)`` — never a crash, and
/// never a wrong answer from damaged bytes. What has been verified is remembered per reader (in
/// atomic sets: the mapped file never changes, since a rebuild renames a new file into place).
/// Safe to share between threads: only those marks change.
public final class IndexReader: @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// Letters in the index.
    public let letterCount: Int
    /// Distinct terms (all fields).
    public let termCount: Int
    /// Term–letter pairs (all fields).
    public let postingsCount: Int
    /// Sum of letter lengths (title and body words).
    public let totalTextTokens: Int
    /// How the letters' words became terms (queries must be analysed the same way).
    public let analyzer: Analyzer
    /// The average letter length in words (BM25's avgdl).
    public let averageLength: Double
    /// The sections, in file order.
    public let sections: [SectionInfo]
    /// Size of the file in bytes.
    public let fileSize: Int

    private let mapping: UnsafeRawBufferPointer
    private let store: UnsafeRawBufferPointer
    private let documents: UnsafeRawBufferPointer
    private let terms: UnsafeRawBufferPointer
    private let termIndex: UnsafeRawBufferPointer
    private let postingsBytes: UnsafeRawBufferPointer
    private let positionsBytes: UnsafeRawBufferPointer
    private let blockCount: Int
    /// Whether the document table's checksum has been verified (nil: not yet; else the outcome).
    private let documentTableCheck = Mutex<IndexError?>(nil)
    private let documentTableVerified: Atomic<Bool>
    /// Dictionary blocks whose term-index entry and bytes have been verified.
    private let verifiedEntries: VerifiedSet
    /// Dictionary blocks whose terms' heads have been verified.
    private let verifiedData: VerifiedSet
    /// Full postings blocks verified, by start offset in the postings section ÷ 2 (a block
    /// takes at least 2 bytes).
    let verifiedPostingsBlocks: VerifiedSet
    /// Full blocks' positions verified, by start offset in the positions section ÷ 128 (128
    /// letters take at least one byte each).
    let verifiedPositionsBlocks: VerifiedSet

    /// The index format version this build reads and writes.
    public static let formatVersion = Int(IndexFormat.version)

    /// Whether the per-unit checksums are verified (see ``init(path:verifyingChecksums:)``).
    public let verifiesChecksums: Bool

    /// Opens and maps the index at `path`. With `verifyingChecksums: false` the per-unit checksums
    /// are not checked (the header's still is, and ``damagedSections()`` still reports): only for
    /// exercising the bounds checks behind them (the tests and the fuzzer do), never to read an
    /// index whose answers matter.
    public init(path: String, verifyingChecksums: Bool = true) throws {
        self.path = path
        verifiesChecksums = verifyingChecksums
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw IndexError.notFound(path: path) }
            throw IndexError.io(path: path, reason: systemMessage(errno))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw IndexError.notAnIndex(path: path) }
        let size = Int(info.st_size)
        guard size >= IndexFormat.fixedHeaderSize else {
            if size >= 8 || size == 0 { throw size == 0 ? IndexError.notAnIndex(path: path) : IndexError.corrupt("the file is truncated (\(size) bytes)") }
            throw IndexError.notAnIndex(path: path)
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), address != MAP_FAILED else {
            throw IndexError.io(path: path, reason: systemMessage(errno))
        }
        let mapping = UnsafeRawBufferPointer(start: address, count: size)
        let parsed: ParsedHeader
        do {
            // Everything is validated before any property is set, so a throw here never runs deinit.
            parsed = try Self.parseHeader(mapping, path: path)
            let documentBytes = parsed.region(.documents).count
            guard documentBytes == parsed.letterCount * IndexFormat.documentRecordSize else {
                throw IndexError.corrupt("document table holds \(documentBytes) bytes for \(parsed.letterCount) letters")
            }
            let indexBytes = parsed.region(.termIndex).count
            guard indexBytes % IndexFormat.blockIndexEntrySize == 0,
                  indexBytes / IndexFormat.blockIndexEntrySize == (parsed.termCount + IndexFormat.termsPerBlock - 1) / IndexFormat.termsPerBlock else {
                throw IndexError.corrupt("term index size does not match \(parsed.termCount) terms")
            }
        } catch {
            munmap(address, size)
            throw error
        }
        func region(_ kind: SectionKind) -> UnsafeRawBufferPointer {
            let range = parsed.region(kind)
            return UnsafeRawBufferPointer(rebasing: mapping[range])
        }
        self.mapping = mapping
        fileSize = size
        letterCount = parsed.letterCount
        termCount = parsed.termCount
        postingsCount = parsed.postingsCount
        totalTextTokens = parsed.totalTextTokens
        analyzer = parsed.analyzer
        averageLength = parsed.letterCount > 0 ? max(Double(parsed.totalTextTokens) / Double(parsed.letterCount), 1e-9) : 1
        sections = parsed.sections
        store = region(.store)
        documents = region(.documents)
        terms = region(.terms)
        termIndex = region(.termIndex)
        postingsBytes = region(.postings)
        positionsBytes = region(.positions)
        blockCount = termIndex.count / IndexFormat.blockIndexEntrySize
        let everything = !verifyingChecksums
        documentTableVerified = Atomic(everything)
        verifiedEntries = VerifiedSet(count: blockCount, everything: everything)
        verifiedData = VerifiedSet(count: blockCount, everything: everything)
        verifiedPostingsBlocks = VerifiedSet(count: postingsBytes.count / 2 + 1, everything: everything)
        verifiedPositionsBlocks = VerifiedSet(count: positionsBytes.count / 128 + 1, everything: everything)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress!), mapping.count) }

    private struct ParsedHeader {
        var letterCount: Int, termCount: Int, analyzer: Analyzer, postingsCount: Int, totalTextTokens: Int
        var sections: [SectionInfo]

        /// The byte range of a section (every kind is present once a header has parsed).
        func region(_ kind: SectionKind) -> Range<Int> {
            let section = sections.first { $0.kind == kind }!
            return section.offset..<(section.offset + section.length)
        }
    }

    private static func parseHeader(_ file: UnsafeRawBufferPointer, path: String) throws -> ParsedHeader {
        guard file.prefix(8).elementsEqual(IndexFormat.magic) else { throw IndexError.notAnIndex(path: path) }
        var reader = ByteDecoder(file, offset: 8, what: "header")
        let version = try reader.u32()
        guard version == IndexFormat.version else {
            throw IndexError.unsupportedVersion(found: version, expected: IndexFormat.version)
        }
        let sectionCount = Int(try reader.u32())
        guard sectionCount == SectionKind.allCases.count else {
            throw IndexError.corrupt("header lists \(sectionCount) sections, expected \(SectionKind.allCases.count)")
        }
        let headerSize = IndexFormat.headerSize(sections: sectionCount)
        guard file.count >= headerSize + IndexFormat.tailMagic.count else {
            throw IndexError.corrupt("the file is truncated (\(file.count) bytes)")
        }
        let storedChecksum = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: headerSize - 4, as: UInt32.self))
        let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[0..<(headerSize - 4)]))
        guard storedChecksum == computed else { throw IndexError.corrupt("header checksum mismatch") }
        guard file.suffix(IndexFormat.tailMagic.count).elementsEqual(IndexFormat.tailMagic) else {
            throw IndexError.corrupt("the file is truncated (end marker missing)")
        }
        let letterCount = Int(try reader.u32())
        let termCount = Int(try reader.u32())
        let postingsCount = try reader.u64()
        let totalTextTokens = try reader.u64()
        let flags = try reader.u32()
        guard let analyzer = Analyzer(rawValue: flags) else {
            throw IndexError.corrupt("the header names an unknown analyzer (\(flags)); rebuild the index with 'missive index'")
        }
        _ = try reader.u32()
        var sections: [SectionInfo] = []
        let dataEnd = file.count - IndexFormat.tailMagic.count
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
        return ParsedHeader(letterCount: letterCount, termCount: termCount, analyzer: analyzer,
                            postingsCount: Int(postingsCount), totalTextTokens: Int(totalTextTokens), sections: sections)
    }

    // MARK: Checksums

    /// Recomputes every section's CRC-32 and returns the sections whose checksum does not match.
    public func damagedSections() -> [SectionKind] {
        sections.filter { section in
            let bytes = UnsafeRawBufferPointer(rebasing: mapping[section.offset..<(section.offset + section.length)])
            return CRC32.checksum(bytes) != section.checksum
        }.map(\.kind)
    }

    // MARK: Documents

    /// Verifies the document table's checksum the first time it is called (later calls only
    /// repeat the outcome). ``documentLength(_:)`` and ``dateKey(_:)`` trust the table: every
    /// reader of them calls this first (the dictionary lookups and ``documentInfo(_:)`` do).
    public func verifyDocumentTable() throws {
        if documentTableVerified.load(ordering: .acquiring) { return }
        let failure: IndexError? = documentTableCheck.withLock { state in
            if documentTableVerified.load(ordering: .relaxed) { return nil }
            if let known = state { return known }
            let section = sections.first { $0.kind == .documents }!
            if CRC32.checksum(documents) == section.checksum {
                documentTableVerified.store(true, ordering: .releasing)
                return nil
            }
            state = IndexError.corrupt("document table checksum mismatch")
            return state
        }
        if let failure { throw failure }
    }

    /// The document-table record of letter `doc`.
    public func documentInfo(_ doc: Int) throws -> DocumentInfo {
        try verifyDocumentTable()
        guard doc >= 0, doc < letterCount else { throw IndexError.corrupt("letter id \(doc) out of range") }
        var reader = ByteDecoder(documents, offset: doc * IndexFormat.documentRecordSize, what: "document table")
        let length = Int(try reader.u32())
        let dateKey = try reader.u32()
        return DocumentInfo(length: length, date: LetterDate(sortKey: dateKey), dateKey: dateKey)
    }

    /// The length of letter `doc` (no checks: `doc` must be in range and the table verified by
    /// ``verifyDocumentTable()``).
    @inline(__always)
    public func documentLength(_ doc: Int) -> Int {
        Int(UInt32(littleEndian: documents.loadUnaligned(fromByteOffset: doc * IndexFormat.documentRecordSize, as: UInt32.self)))
    }

    /// The date sort key of letter `doc`, 0 when undated (no checks: `doc` must be in range and
    /// the table verified by ``verifyDocumentTable()``).
    @inline(__always)
    public func dateKey(_ doc: Int) -> UInt32 {
        UInt32(littleEndian: documents.loadUnaligned(fromByteOffset: doc * IndexFormat.documentRecordSize + 4, as: UInt32.self))
    }

    private func storedRecord(_ doc: Int) throws -> ByteDecoder {
        try verifyDocumentTable()
        guard doc >= 0, doc < letterCount else { throw IndexError.corrupt("letter id \(doc) out of range") }
        var reader = ByteDecoder(documents, offset: doc * IndexFormat.documentRecordSize + 8, what: "document table")
        let offset = try reader.u64()
        let length = Int(try reader.u32())
        let checksum = try reader.u32()
        guard offset <= UInt64(store.count), length <= store.count - Int(offset) else {
            throw IndexError.corrupt("stored letter \(doc) lies outside the store")
        }
        let start = Int(offset)
        let record = UnsafeRawBufferPointer(rebasing: store[start..<(start + length)])
        guard !verifiesChecksums || CRC32.checksum(record) == checksum else { throw IndexError.corrupt("stored letter \(doc): checksum mismatch") }
        return ByteDecoder(record, what: "stored letter \(doc)")
    }

    /// The stored path of letter `doc`.
    public func path(of doc: Int) throws -> String {
        var reader = try storedRecord(doc)
        return try reader.string()
    }

    /// The stored letter `doc`: path, header and body.
    public func letter(_ doc: Int) throws -> Letter {
        var reader = try storedRecord(doc)
        let path = try reader.string()
        let fieldCount = try reader.count(atMost: reader.remaining)
        var header: [HeaderField] = []
        for _ in 0..<fieldCount {
            let key = try reader.string()
            let value = try reader.string()
            header.append(HeaderField(key: key, value: value))
        }
        let body = try reader.string()
        return Letter(path: path, header: header, body: body)
    }

    /// The id of the letter stored under `path`, or nil. Letters are stored in path order, so
    /// this is a binary search.
    public func document(atPath path: String) throws -> Int? {
        var low = 0
        var high = letterCount
        let wanted = Array(path.utf8)
        while low < high {
            let middle = (low + high) / 2
            let candidate = Array(try self.path(of: middle).utf8)
            if candidate == wanted { return middle }
            if candidate.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    // MARK: Terms

    /// The dictionary entry of `term` in `field`, or nil when the index does not hold it.
    public func lookup(_ term: some Sequence<UInt8>, in field: IndexField) throws -> TermInfo? {
        let key = [field.rawValue] + term
        var found: TermInfo?
        try scanTerms(from: key) { entry, entryKey, block in
            if entryKey == key {
                try verifyData(ofBlock: block)
                found = entry.info(key: entryKey)
            }
            return false
        }
        return found
    }

    /// The dictionary entries of every term in `field` that starts with `prefix`, in term order.
    /// Throws when more than `limit` terms match.
    public func terms(withPrefix prefix: some Sequence<UInt8>, in field: IndexField, limit: Int = .max) throws -> [TermInfo] {
        let key = [field.rawValue] + prefix
        var result: [TermInfo] = []
        var overflow = false
        var verifiedBlock = -1
        try scanTerms(from: key) { entry, entryKey, block in
            guard entryKey.starts(with: key) else { return false }
            if result.count == limit { overflow = true; return false }
            if block != verifiedBlock { try verifyData(ofBlock: block); verifiedBlock = block }
            result.append(entry.info(key: entryKey))
            return true
        }
        if overflow { throw IndexError.tooManyTerms(limit: limit) }
        return result
    }

    /// Every term of `field`, in order (for statistics and checks; reads the whole dictionary).
    public func allTerms(in field: IndexField, _ body: (TermInfo) throws -> Void) throws {
        var verifiedBlock = -1
        try scanTerms(from: [field.rawValue]) { entry, entryKey, block in
            guard entryKey.first == field.rawValue else { return false }
            if block != verifiedBlock { try verifyData(ofBlock: block); verifiedBlock = block }
            try body(entry.info(key: entryKey))
            return true
        }
    }

    /// Every term of `field` as its bytes (without the field byte) and letter count, in order,
    /// without building a ``TermInfo`` per term: the fast walk fuzzy matching needs.
    public func forEachTermBytes(in field: IndexField, _ body: (ArraySlice<UInt8>, _ docFreq: Int) throws -> Void) throws {
        try scanTerms(from: [field.rawValue]) { entry, entryKey, _ in
            guard entryKey.first == field.rawValue else { return false }
            try body(entryKey.dropFirst(), entry.docFreq)
            return true
        }
    }

    /// Walks the dictionary from the first key ≥ `start` (roughly: from the block that may hold it),
    /// calling `visit` with each entry whose key is ≥ `start`, and its block number, until it
    /// returns false. Every block read is verified against its term-index entry's checksum.
    private func scanTerms(from start: [UInt8], _ visit: (DictionaryBlockReader.Entry, [UInt8], Int) throws -> Bool) throws {
        guard blockCount > 0 else { return }
        try verifyDocumentTable()
        // Last block whose first key is ≤ start.
        var low = 0
        var high = blockCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if try compareKeys(firstKey(ofBlock: middle), start) <= 0 { low = middle } else { high = middle - 1 }
        }
        var block = low
        var key: [UInt8] = []
        key.reserveCapacity(128)
        while block < blockCount {
            var entries = try blockEntries(block)
            key.removeAll(keepingCapacity: true)
            for _ in 0..<terms(inBlock: block) {
                let entry = try entries.next(&key)
                if compareKeys(key, start) < 0 { continue }
                if try !visit(entry, key, block) { return }
            }
            block += 1
        }
    }

    /// Terms in dictionary block `block`: 16, fewer in the last.
    private func terms(inBlock block: Int) -> Int {
        min(IndexFormat.termsPerBlock, termCount - block * IndexFormat.termsPerBlock)
    }

    /// Byte-wise order of two keys: negative, zero or positive.
    @inline(__always)
    private func compareKeys(_ left: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
        rhs.withUnsafeBytes { right in
            let common = min(left.count, right.count)
            let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
            return order != 0 ? order : left.count - right.count
        }
    }

    @inline(__always)
    private func compareKeys(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        lhs.withUnsafeBytes { compareKeys($0, rhs) }
    }

    /// A verified term-index entry: dictionary block `block`'s bytes, where its terms' postings
    /// and positions start, and the checksum of their heads.
    private struct BlockEntry {
        var terms: UnsafeRawBufferPointer
        var postings: Int
        var positions: Int
        var dataChecksum: UInt32
    }

    /// Term-index entry `block`, checked against its checksum (which also covers the block's
    /// dictionary bytes) before anything in it is used.
    private func blockEntry(_ block: Int) throws -> BlockEntry {
        let entryOffset = block * IndexFormat.blockIndexEntrySize
        var reader = ByteDecoder(termIndex, offset: entryOffset, what: "term index")
        let termsOffset = try reader.u64()
        let postingsOffset = try reader.u64()
        let positionsOffset = try reader.u64()
        let dataChecksum = try reader.u32()
        let entryChecksum = try reader.u32()
        var termsEnd = UInt64(terms.count)
        if block + 1 < blockCount {
            var next = ByteDecoder(termIndex, offset: entryOffset + IndexFormat.blockIndexEntrySize, what: "term index")
            termsEnd = try next.u64()
        }
        guard termsOffset <= termsEnd, termsEnd <= UInt64(terms.count), postingsOffset <= UInt64(postingsBytes.count),
              positionsOffset <= UInt64(positionsBytes.count) else {
            throw IndexError.corrupt("term index entry \(block) points outside its sections")
        }
        let blockBytes = UnsafeRawBufferPointer(rebasing: terms[Int(termsOffset)..<Int(termsEnd)])
        let entry = BlockEntry(terms: blockBytes, postings: Int(postingsOffset), positions: Int(positionsOffset), dataChecksum: dataChecksum)
        if verifiedEntries.contains(block) { return entry }
        var checksum = CRC32()
        checksum.update(UnsafeRawBufferPointer(rebasing: termIndex[entryOffset..<(entryOffset + IndexFormat.blockIndexEntrySize - 4)]))
        checksum.update(blockBytes)
        guard checksum.value == entryChecksum else {
            throw IndexError.corrupt("term dictionary block \(block): checksum mismatch")
        }
        verifiedEntries.insert(block)
        return entry
    }

    /// The first key of a dictionary block, read in place (it is stored whole: nothing shared).
    private func firstKey(ofBlock block: Int) throws -> UnsafeRawBufferPointer {
        var reader = ByteDecoder(try blockEntry(block).terms, what: "term dictionary")
        guard try reader.varint() == 0 else { throw IndexError.corrupt("dictionary block \(block) starts with a shared prefix") }
        return try reader.bytes(try reader.count(atMost: reader.remaining))
    }

    private func blockEntries(_ block: Int, entry: BlockEntry? = nil) throws -> DictionaryBlockReader {
        let start = try entry ?? blockEntry(block)
        return DictionaryBlockReader(
            reader: ByteDecoder(start.terms, what: "term dictionary"),
            postingsOffset: start.postings, positionsOffset: start.positions,
            postingsLimit: postingsBytes.count, positionsLimit: positionsBytes.count, letterLimit: letterCount)
    }

    /// Checks the heads of dictionary block `block`'s terms — skip tables, varint tails and the
    /// tails' positions — against the block's data checksum, so that a cursor over any of them
    /// reads only verified bytes (full postings blocks carry their own checksums).
    private func verifyData(ofBlock block: Int) throws {
        if verifiedData.contains(block) { return }
        let entry = try blockEntry(block)
        var entries = try blockEntries(block, entry: entry)
        var key: [UInt8] = []
        var checksum = CRC32()
        for _ in 0..<terms(inBlock: block) {
            let term = try entries.next(&key)
            let postings = UnsafeRawBufferPointer(rebasing: postingsBytes[term.postings])
            let positions = UnsafeRawBufferPointer(rebasing: positionsBytes[term.positions])
            let fullBlocks = term.docFreq / PostingsLayout.blockSize
            let skipBytes = fullBlocks * PostingsLayout.skipEntrySize
            var tailStart = 0, tailPositionsStart = 0
            if fullBlocks > 0 {
                guard skipBytes <= postings.count else { throw IndexError.corrupt("postings skip table runs past its end") }
                let last = (fullBlocks - 1) * PostingsLayout.skipEntrySize
                tailStart = skipBytes + Int(UInt32(littleEndian: postings.loadUnaligned(fromByteOffset: last + 4, as: UInt32.self)))
                tailPositionsStart = Int(UInt32(littleEndian: postings.loadUnaligned(fromByteOffset: last + 8, as: UInt32.self)))
            }
            guard tailStart <= postings.count, tailPositionsStart <= positions.count else {
                throw IndexError.corrupt("term dictionary block \(block): a term's blocks run past its postings")
            }
            checksum.update(UnsafeRawBufferPointer(rebasing: postings[0..<skipBytes]))
            checksum.update(UnsafeRawBufferPointer(rebasing: postings[tailStart...]))
            checksum.feed(CRC32.checksum(UnsafeRawBufferPointer(rebasing: positions[tailPositionsStart...])))
        }
        guard checksum.value == entry.dataChecksum else {
            throw IndexError.corrupt("term dictionary block \(block): postings or positions checksum mismatch")
        }
        verifiedData.insert(block)
    }

    // MARK: Postings

    /// A cursor over the postings of `term`.
    public func postings(_ term: TermInfo) -> PostingsCursor {
        PostingsCursor(
            postings: UnsafeRawBufferPointer(rebasing: postingsBytes[term.postings]),
            positions: UnsafeRawBufferPointer(rebasing: positionsBytes[term.positions]),
            postingsBase: term.postings.lowerBound, positionsBase: term.positions.lowerBound,
            docFreq: term.docFreq, letterCount: letterCount, owner: self)
    }
}

/// A fixed set of small integers that threads may add to concurrently: which units of a mapped
/// index have been verified (the file never changes under a reader: a rebuild renames a new one
/// into place), so each is checksummed once per reader.
final class VerifiedSet: @unchecked Sendable {
    /// Nil when the pages could not be mapped: then nothing is remembered (every unit is
    /// verified each time it is read, which is slower but as safe).
    private let words: UnsafeMutablePointer<Atomic<UInt64>>?
    private let wordCount: Int
    /// Set when every member counts as present (nothing is to be verified).
    private let everything: Bool

    /// An empty set of members below `count` (or, with `everything`, one that holds them all).
    /// The words are fresh anonymous pages, zero until touched (an atomic word's representation
    /// is the plain integer), so a large set costs nothing at opening. (Not `calloc`: once large
    /// blocks have been freed, glibc serves them from the heap and clears them byte by byte.)
    init(count: Int, everything: Bool = false) {
        self.everything = everything
        wordCount = max(1, (count + 63) / 64)
        let pages = mmap(nil, wordCount * 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        words = pages == MAP_FAILED ? nil : pages?.bindMemory(to: Atomic<UInt64>.self, capacity: wordCount)
    }

    deinit { if let words { munmap(UnsafeMutableRawPointer(words), wordCount * 8) } }

    @inline(__always)
    func contains(_ member: Int) -> Bool {
        guard !everything else { return true }
        guard let words else { return false }
        return words[member >> 6].load(ordering: .acquiring) & (1 << UInt64(member & 63)) != 0
    }

    func insert(_ member: Int) {
        words?[member >> 6].bitwiseOr(1 << UInt64(member & 63), ordering: .releasing)
    }
}

/// Decodes the front-coded entries of one dictionary block in order.
struct DictionaryBlockReader {
    var reader: ByteDecoder
    var postingsOffset: Int
    var positionsOffset: Int
    let postingsLimit: Int
    let positionsLimit: Int
    let letterLimit: Int

    /// One decoded entry, without its term bytes (which the caller holds as the key).
    struct Entry {
        var field: IndexField
        var docFreq: Int
        var postings: Range<Int>
        var positions: Range<Int>

        /// The full dictionary entry for `key` (field byte + term).
        func info(key: [UInt8]) -> TermInfo {
            TermInfo(field: field, term: Array(key.dropFirst()), docFreq: docFreq, postings: postings, positions: positions)
        }
    }

    /// Decodes the next entry; `key` holds the previous key on entry and this one's on return.
    mutating func next(_ key: inout [UInt8]) throws -> Entry {
        let shared = try reader.count(atMost: key.count)
        let suffixLength = try reader.count(atMost: reader.remaining)
        let suffix = try reader.bytes(suffixLength)
        key.removeLast(key.count - shared)
        key.append(contentsOf: suffix.assumingMemoryBound(to: UInt8.self))
        guard key.count >= 2, let field = IndexField(rawValue: key[0]) else {
            throw IndexError.corrupt("term dictionary entry has no valid field")
        }
        let docFreq = try reader.count(atMost: letterLimit)
        let postingsLength = try reader.count(atMost: postingsLimit - postingsOffset)
        let positionsLength = try reader.count(atMost: positionsLimit - positionsOffset)
        guard docFreq > 0 else { throw IndexError.corrupt("term with no letters") }
        let info = Entry(field: field, docFreq: docFreq,
                         postings: postingsOffset..<(postingsOffset + postingsLength),
                         positions: positionsOffset..<(positionsOffset + positionsLength))
        postingsOffset += postingsLength
        positionsOffset += positionsLength
        return info
    }
}
