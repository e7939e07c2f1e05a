/// A read-only view of an index file, memory-mapped.
///
/// Opening maps the file and checks only its header and section table (magic, version,
/// checksum, bounds); everything else is read on demand. Every length, offset and count read is
/// bounds-checked and every unit read is checksummed before it is trusted (``FileHeader``): the
/// letter table before its first use; a dictionary block when a lookup first touches it; a
/// postings block when it is first decoded, its positions when first read; a stored letter each
/// time it is read. So a damaged index gives ``IndexError/corrupt(_:)`` — never a crash, and
/// never a wrong answer from damaged bytes. What has been verified is remembered per reader (the
/// mapped file never changes: a rebuild renames a new file into place). Safe to share between
/// threads.
public final class IndexReader: @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// Letters in the index.
    public let letterCount: Int
    /// Distinct terms (all fields).
    public let termCount: Int
    /// Term–letter pairs (all fields).
    public let postingsCount: Int
    /// Words in all letters' titles and bodies (the sum of their lengths).
    public let totalTextTokens: Int
    /// How the letters' words became terms (queries must be analysed the same way).
    public let analyzer: Analyzer
    /// The average letter length in words (BM25's avgdl).
    public let averageLength: Double
    /// The sections, in file order.
    public let sections: [SectionInfo]
    /// Size of the file in bytes.
    public let fileSize: Int
    /// Whether the per-unit checksums are verified (see ``init(path:verifyingChecksums:)``).
    package let verifiesChecksums: Bool

    /// The format version this build reads and writes.
    public static let formatVersion = Int(FileHeader.formatVersion)

    private let file: MappedFile
    let letters: LetterTable
    /// The letter-table section (also in ``letters``; kept here for the hot path of scoring).
    private let letterRecords: UnsafeRawBufferPointer
    let dictionary: TermDictionaryReader
    private let postingsBytes: UnsafeRawBufferPointer
    private let positionsBytes: UnsafeRawBufferPointer
    /// Full postings blocks verified, by start offset in the postings section ÷ 2 (a block
    /// takes at least 2 bytes).
    let verifiedPostingsBlocks: VerifiedSet
    /// Full blocks' positions verified, by start offset in the positions section ÷ 128 (128
    /// letters take at least one byte each).
    let verifiedPositionsBlocks: VerifiedSet

    /// Opens and maps the index at `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, verifyingChecksums: true)
    }

    /// Opens and maps the index at `path`. With `verifyingChecksums: false` the per-unit checksums
    /// are not checked (the header's still is, and ``damagedSections()`` still reports): only for
    /// exercising the bounds checks behind them (the tests and the fuzzer do), never to read an
    /// index whose answers matter.
    package init(path: String, verifyingChecksums: Bool) throws {
        self.path = path
        verifiesChecksums = verifyingChecksums
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor(readingFrom: path)
        } catch {
            if error.isNoSuchFile { throw IndexError.notFound(path: path) }
            throw IndexError.io(path: path, reason: error.description)
        }
        let mapped: MappedFile
        do {
            let status = try descriptor.status()
            guard status.isRegularFile else { throw IndexError.notAnIndex(path: path) }
            mapped = try MappedFile(descriptor, size: status.size)
        } catch let error as SystemError {
            throw IndexError.io(path: path, reason: error.description)
        }
        let bytes = mapped.bytes
        let header = try FileHeader(decoding: bytes, path: path)
        func region(_ kind: SectionKind) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[header.section(kind).range])
        }
        let table = region(.letterTable)
        guard table.count == header.letterCount * LetterRecord.size else {
            throw IndexError.corrupt("letter table holds \(table.count) bytes for \(header.letterCount) letters")
        }
        let termIndex = region(.termIndex)
        guard termIndex.count % TermIndexEntry.size == 0,
              termIndex.count / TermIndexEntry.size == TermDictionary.blockCount(terms: header.termCount) else {
            throw IndexError.corrupt("term index size does not match \(header.termCount) terms")
        }
        file = mapped
        fileSize = bytes.count
        letterCount = header.letterCount
        termCount = header.termCount
        postingsCount = header.postingsCount
        totalTextTokens = header.totalTextTokens
        analyzer = header.analyzer
        averageLength = Scoring.averageLength(totalTokens: header.totalTextTokens, letterCount: header.letterCount)
        sections = header.sections
        postingsBytes = region(.postings)
        positionsBytes = region(.positions)
        let unchecked = !verifyingChecksums
        letterRecords = table
        letters = LetterTable(records: table, store: region(.store), count: header.letterCount,
                              checksum: header.section(.letterTable).checksum, verifiesChecksums: verifyingChecksums,
                              tableCheck: OnceCheck(skipped: unchecked))
        let blocks = termIndex.count / TermIndexEntry.size
        dictionary = TermDictionaryReader(
            terms: region(.terms), termIndex: termIndex, postings: postingsBytes, positions: positionsBytes,
            termCount: header.termCount, letterCount: header.letterCount,
            verifiedEntries: VerifiedSet(count: blocks, everything: unchecked),
            verifiedHeads: VerifiedSet(count: blocks, everything: unchecked))
        verifiedPostingsBlocks = VerifiedSet(count: postingsBytes.count / 2 + 1, everything: unchecked)
        verifiedPositionsBlocks = VerifiedSet(count: positionsBytes.count / 128 + 1, everything: unchecked)
    }

    /// Recomputes every section's CRC-32 and returns the sections whose checksum does not match.
    public func damagedSections() -> [SectionKind] {
        sections.filter { section in
            CRC32.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[section.range])) != section.checksum
        }.map(\.kind)
    }

    // MARK: Letters

    /// Stored letter `id`: path, header and body.
    public func letter(_ id: LetterID) throws -> Letter { try letters.letter(id.value) }

    /// The stored path of letter `id`.
    public func path(of id: LetterID) throws -> String { try letters.path(of: id.value) }

    /// What the letter table says of letter `id`: its length and date.
    public func info(of id: LetterID) throws -> LetterInfo {
        let record = try letters.record(id.value)
        return LetterInfo(length: Int(record.length), date: LetterDate(sortKey: record.dateKey))
    }

    /// The letter stored under `path` (relative to the indexed folder), or nil.
    public func letterID(atPath path: String) throws -> LetterID? {
        try letters.id(ofPath: path).map(LetterID.init)
    }

    /// Verifies the letter table once per reader; ``length(of:)`` and ``dateKey(of:)`` trust it.
    package func verifyLetterTable() throws { try letters.verify() }

    /// The length of letter `letter` (no checks: in range, and the table verified by ``verifyLetterTable()``).
    @inline(__always)
    package func length(of letter: Int) -> Int { LetterRecord.length(in: letterRecords, id: letter) }

    /// The date key of letter `letter`, 0 when undated (no checks, as ``length(of:)``).
    @inline(__always)
    package func dateKey(of letter: Int) -> UInt32 { LetterRecord.dateKey(in: letterRecords, id: letter) }

    // MARK: Terms

    /// The dictionary entry of the term `bytes` (normalised) in `field`, or nil.
    public func term(_ bytes: some Sequence<UInt8>, in field: IndexField) throws -> TermInfo? {
        try letters.verify()
        return try dictionary.lookup([field.rawValue] + bytes)
    }

    /// The dictionary entry of the term `text` (normalised) in `field`, or nil.
    public func term(_ text: String, in field: IndexField) throws -> TermInfo? {
        try term(text.utf8, in: field)
    }

    /// The entries of every term in `field` that starts with `prefix`, in term order; throws
    /// ``IndexError/tooManyTerms(limit:)`` when more than `limit` match.
    public func terms(withPrefix prefix: some Sequence<UInt8>, in field: IndexField, limit: Int = .max) throws -> [TermInfo] {
        try letters.verify()
        var result: [TermInfo] = []
        var overflow = false
        try dictionary.forEach(withPrefix: [field.rawValue] + prefix) { info in
            if result.count == limit { overflow = true; return false }
            result.append(info)
            return true
        }
        if overflow { throw IndexError.tooManyTerms(limit: limit) }
        return result
    }

    /// The entries of every term in `field` that starts with `prefix` (see the bytes overload).
    public func terms(withPrefix prefix: String, in field: IndexField, limit: Int = .max) throws -> [TermInfo] {
        try terms(withPrefix: prefix.utf8, in: field, limit: limit)
    }

    /// Calls `body` with every term of `field`, in order (reads the whole field's dictionary).
    public func forEachTerm(in field: IndexField, _ body: (TermInfo) throws -> Void) throws {
        try letters.verify()
        try dictionary.forEach(withPrefix: [field.rawValue]) { try body($0); return true }
    }

    /// Every term of `field` as its bytes and letter count, in order, without building a
    /// ``TermInfo`` per term: the fast walk fuzzy matching needs.
    package func forEachTermBytes(in field: IndexField, _ body: (ArraySlice<UInt8>, _ letterFrequency: Int) throws -> Void) throws {
        try letters.verify()
        try dictionary.forEachKey(withPrefix: [field.rawValue], body)
    }

    // MARK: Postings

    /// A cursor over the postings of `term` (an entry of this index).
    package func postings(_ term: TermInfo) -> PostingsCursor {
        PostingsCursor(term: term, postings: UnsafeRawBufferPointer(rebasing: postingsBytes[term.postings]),
                       positions: UnsafeRawBufferPointer(rebasing: positionsBytes[term.positions]),
                       letterCount: letterCount, owner: self)
    }
}
