/// One segment of an index, memory-mapped: a file in the layout of ``FileHeader``, plus the
/// letters deleted from it since (``Deletions``) and the collection-wide figures its letters are
/// scored with.
///
/// Opening maps the file and checks only its header and section table; everything else is read
/// on demand. Every length, offset and count read is bounds-checked and every unit read is
/// checksummed before it is trusted: the letter table before its first use; a dictionary block
/// when a lookup first touches it; a postings block when it is first decoded, its positions when
/// first read; a stored letter each time it is read. So damage gives ``IndexError/corrupt(_:)`` —
/// never a crash, and never a wrong answer. What has been verified is remembered per reader (a
/// segment file never changes once written). Safe to share between threads.
package final class SegmentReader: @unchecked Sendable {
    /// The file's path.
    package let path: String
    /// The file's name in the index folder.
    package let name: String
    /// Letters in the segment, deleted ones included (ids run from 0 to this).
    package let letterCount: Int
    /// Distinct terms (all fields).
    package let termCount: Int
    /// Term–letter pairs (all fields).
    package let postingsCount: Int
    /// Words in the segment's letters, deleted ones included.
    package let totalTextTokens: Int
    /// How the letters' words became terms.
    package let analyzer: Analyzer
    /// The sections, in file order.
    package let sections: [SectionInfo]
    /// Size of the file in bytes.
    package let fileSize: Int
    /// Whether the per-unit checksums are verified.
    package let verifiesChecksums: Bool

    /// The segment's deleted letters (nil when none).
    package let deletions: Deletions?
    /// The global id of the segment's letter 0 (segments' letters are numbered one after another).
    package let base: Int
    /// The average letter length scores use: the whole index's, over its live letters.
    package let averageLength: Double
    /// The average length the segment was written with (its stored score bounds assume it).
    package let ownAverageLength: Double
    /// ``ownAverageLength`` ÷ ``averageLength``: how a stored block bound is turned into a bound
    /// at the index's average (``Scoring/rescaledBound(_:averageRatio:)``, ``scoreBound(stored:)``).
    package let averageRatio: Double

    /// The mapped file (unmapped when the last reader of it goes).
    private let file: Opened
    let letters: LetterTable
    let dictionary: TermDictionaryReader
    /// The Bloom filter over the segment's term keys.
    private let filter: TermFilter.Reader
    /// The letter-table section (also in ``letters``; kept here for the hot path of scoring).
    private let letterRecords: UnsafeRawBufferPointer
    /// The letter-lengths column (``LetterLengths``), what every score reads.
    private let letterLengths: UnsafeRawBufferPointer
    private let letterLengthsChecksum: UInt32
    private let letterLengthsCheck: OnceCheck
    private let postingsBytes: UnsafeRawBufferPointer
    private let positionsBytes: UnsafeRawBufferPointer
    private let sourcesBytes: UnsafeRawBufferPointer
    /// Paths through the source index (for hit lists).
    private let sourcePaths: SourcePaths
    /// Each letter's sender and recipient, as name ids (for facets and correspondents).
    let names: NameTable.Reader
    /// Full postings blocks verified, by start offset in the postings section ÷ 2 (a block
    /// takes at least 2 bytes).
    let verifiedPostingsBlocks: VerifiedSet
    /// Full blocks' positions verified, by start offset in the positions section ÷ 128 (128
    /// letters take at least one byte each).
    let verifiedPositionsBlocks: VerifiedSet

    /// The mapped file and header of a segment, before it joins an index.
    package final class Opened: @unchecked Sendable {
        let file: MappedFile
        let header: FileHeader
        let path: String
        let name: String

        init(file: consuming MappedFile, header: FileHeader, path: String, name: String) {
            self.file = file
            self.header = header
            self.path = path
            self.name = name
        }

        /// The mapped bytes.
        var bytes: UnsafeRawBufferPointer { file.bytes }
    }

    /// Maps the segment file at `path` and checks its header.
    package static func open(_ path: String, name: String) throws -> Opened {
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
        let header = try FileHeader(decoding: mapped.bytes, path: path)
        return Opened(file: mapped, header: header, path: path, name: name)
    }

    /// A reader of the opened segment, its letters numbered from `base`, with `deletions`, scored
    /// at the index's `averageLength`. With `verifyingChecksums: false` the per-unit checksums
    /// are not checked (the header's still is): only for exercising the bounds checks behind
    /// them (the tests and the fuzzer do).
    package init(_ opened: Opened, base: Int, deletions: Deletions?, averageLength: Double,
                 verifyingChecksums: Bool = true) throws {
        let header = opened.header
        path = opened.path
        name = opened.name
        let bytes = opened.bytes
        func region(_ kind: SectionKind) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[header.section(kind).range])
        }
        let table = region(.letterTable)
        guard table.count == header.letterCount * LetterRecord.size else {
            throw IndexError.corrupt("letter table holds \(table.count) bytes for \(header.letterCount) letters")
        }
        let lengths = region(.letterLengths)
        guard lengths.count == header.letterCount * LetterLengths.size else {
            throw IndexError.corrupt("letter lengths hold \(lengths.count) bytes for \(header.letterCount) letters")
        }
        let termIndex = region(.termIndex)
        guard termIndex.count % TermIndexEntry.size == 0,
              termIndex.count / TermIndexEntry.size == TermDictionary.blockCount(terms: header.termCount) else {
            throw IndexError.corrupt("term index size does not match \(header.termCount) terms")
        }
        if let deletions, deletions.letterCount != header.letterCount {
            throw IndexError.corrupt("the deletions of \(opened.name) are for \(deletions.letterCount) letters, not \(header.letterCount)")
        }
        file = opened
        verifiesChecksums = verifyingChecksums
        fileSize = bytes.count
        letterCount = header.letterCount
        termCount = header.termCount
        postingsCount = header.postingsCount
        totalTextTokens = header.totalTextTokens
        analyzer = header.analyzer
        sections = header.sections
        self.base = base
        self.deletions = deletions.flatMap { $0.deleted.count > 0 ? $0 : nil }
        self.averageLength = averageLength
        ownAverageLength = Scoring.averageLength(totalTokens: header.totalTextTokens, letterCount: header.letterCount)
        averageRatio = ownAverageLength / averageLength
        postingsBytes = region(.postings)
        positionsBytes = region(.positions)
        sourcesBytes = region(.sources)
        sourcePaths = try SourcePaths(sources: sourcesBytes, entries: region(.sourceIndex), letterCount: header.letterCount,
                                      entriesChecksum: header.section(.sourceIndex).checksum, verifyingChecksums: verifyingChecksums)
        let unchecked = !verifyingChecksums
        names = try NameTable.Reader(region(.names), letterCount: header.letterCount, checksum: header.section(.names).checksum, unchecked: unchecked)
        letterRecords = table
        letterLengths = lengths
        letterLengthsChecksum = header.section(.letterLengths).checksum
        letterLengthsCheck = OnceCheck(skipped: unchecked)
        letters = LetterTable(records: table, store: region(.store), count: header.letterCount,
                              checksum: header.section(.letterTable).checksum, verifiesChecksums: verifyingChecksums,
                              tableCheck: OnceCheck(skipped: unchecked))
        let blocks = termIndex.count / TermIndexEntry.size
        dictionary = TermDictionaryReader(
            terms: region(.terms), termIndex: termIndex, postings: postingsBytes, positions: positionsBytes,
            termCount: header.termCount, letterCount: header.letterCount,
            verifiedEntries: VerifiedSet(count: blocks, everything: unchecked),
            verifiedHeads: VerifiedSet(count: blocks, everything: unchecked))
        filter = try TermFilter.Reader(region(.termFilter), unchecked: unchecked)
        verifiedPostingsBlocks = VerifiedSet(count: postingsBytes.count / 2 + 1, everything: unchecked)
        verifiedPositionsBlocks = VerifiedSet(count: positionsBytes.count / 128 + 1, everything: unchecked)
    }

    /// Letters not deleted.
    package var liveLetterCount: Int { letterCount - (deletions?.deleted.count ?? 0) }

    /// Whether letter `id` has been deleted.
    @inline(__always)
    package func isDeleted(_ id: Int) -> Bool { deletions?.deleted.contains(id) ?? false }

    /// Recomputes every section's CRC-32 and returns the sections whose checksum does not match.
    package func damagedSections() -> [SectionKind] {
        sections.filter { section in
            CRC32.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[section.range])) != section.checksum
        }.map(\.kind)
    }

    // MARK: Letters

    /// Stored letter `id`: path, header and body.
    package func letter(_ id: Int) throws -> Letter { try letters.letter(id) }

    /// Stored letter `id`, its store block kept in `blocks` for the letters after it.
    package func letter(_ id: Int, blocks: inout StoreBlockCache) throws -> Letter { try letters.letter(id, blocks: &blocks) }

    /// The path of letter `id` (from its block of the sources, not its stored letter).
    package func path(of id: Int) throws -> String { try sourcePaths.path(of: id) }

    /// The ids of letter `id`'s sender and recipient among the segment's names (0: none).
    package func nameIDs(of id: Int) throws -> (from: Int, to: Int) { try names.ids(of: id) }

    /// Name `id` of the segment's names (senders and recipients as written).
    package func name(_ id: Int) throws -> String { try names.name(id) }

    /// Distinct names of senders and recipients in the segment ("" counted).
    package var nameCount: Int { names.nameCount }

    /// The id of the letter stored under `path` (deleted or not), or nil.
    package func id(ofPath path: String) throws -> Int? {
        // Letters are in path order: a binary search over the sources' paths.
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

    /// Verifies the letter table and the lengths column once per reader; ``length(of:)`` and
    /// ``dateKey(of:)`` trust them.
    package func verifyLetterTable() throws {
        try letters.verify()
        try letterLengthsCheck.run {
            CRC32.checksum(letterLengths) == letterLengthsChecksum ? nil : IndexError.corrupt("letter lengths checksum mismatch")
        }
    }

    /// The length of letter `letter` (no checks: in range, and the table and column verified by
    /// ``verifyLetterTable()``).
    @inline(__always)
    package func length(of letter: Int) -> Int { LetterLengths.length(in: letterLengths, table: letterRecords, id: letter) }

    /// The date key of letter `letter`, 0 when undated (no checks, as ``length(of:)``).
    @inline(__always)
    package func dateKey(of letter: Int) -> UInt32 { LetterRecord.dateKey(in: letterRecords, id: letter) }

    /// Every letter's source, in id order (the section is verified whole first).
    package func sources() throws -> [LetterSource] {
        var result: [LetterSource] = []
        result.reserveCapacity(letterCount)
        try forEachSource { _, raw in result.append(try LetterSource(raw, in: "sources of \(name)")) }
        return result
    }

    /// Calls `body` with each letter's number and source record, in letter order, the path's
    /// bytes left in the mapped section (valid only during the call).
    func forEachSource(_ body: (Int, LetterSource.Raw) throws -> Void) throws {
        let section = sections.first { $0.kind == .sources }!
        guard !verifiesChecksums || CRC32.checksum(sourcesBytes) == section.checksum else {
            throw IndexError.corrupt("\(name): sources checksum mismatch")
        }
        var reader = ByteDecoder(sourcesBytes, what: "sources of \(name)")
        for local in 0..<letterCount { try body(local, try LetterSource.Raw(from: &reader)) }
        guard reader.isAtEnd else { throw IndexError.corrupt("\(name): the sources hold more than \(letterCount) letters") }
    }

    // MARK: Terms

    /// The segment's dictionary entry of `key` (field byte + term), or nil (most absent terms
    /// are told by the term filter without a search).
    package func term(key: [UInt8]) throws -> SegmentTerm? {
        try letters.verify()
        guard try key.withUnsafeBytes({ try filter.mayContain($0) }) else { return nil }
        return try dictionary.lookup(key)
    }

    /// Whether the term filter lets `key` through (for checking it: every key held must pass).
    package func filterMayContain(key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { try filter.mayContain($0) }
    }

    /// The segment's dictionary entry of the term `text` in `field`, or nil.
    package func term(_ text: String, in field: IndexField) throws -> SegmentTerm? {
        try term(key: [field.rawValue] + text.utf8)
    }

    /// The letters of term `key` this segment no longer holds (deleted since it was written).
    package func deletedLetters(holding key: [UInt8]) -> Int { deletions?.termCounts[key] ?? 0 }

    /// The entries of every term in `field` that starts with `prefix`, in term order; throws
    /// ``IndexError/tooManyTerms(limit:)`` when more than `limit` match.
    package func terms(withPrefix prefix: String, in field: IndexField, limit: Int = .max) throws -> [SegmentTerm] {
        try letters.verify()
        var result: [SegmentTerm] = []
        var overflow = false
        try dictionary.forEach(withPrefix: [field.rawValue] + prefix.utf8) { term in
            if result.count == limit { overflow = true; return false }
            result.append(term)
            return true
        }
        if overflow { throw IndexError.tooManyTerms(limit: limit) }
        return result
    }

    /// Calls `body` with every term of `field`, in order.
    package func forEachTerm(in field: IndexField, _ body: (SegmentTerm) throws -> Void) throws {
        try letters.verify()
        try dictionary.forEach(withPrefix: [field.rawValue]) { try body($0); return true }
    }

    /// Walks the words of `field` in byte order, each as its UTF-8 bytes (valid during the call)
    /// with its letter count (deleted letters included); `visit` may pass over the words that
    /// share a word's first bytes (see ``TermDictionaryReader/walkKeys(withPrefix:_:)``).
    package func walkTerms(in field: IndexField, _ visit: (UnsafeRawBufferPointer, _ letterFrequency: Int) throws -> KeyWalkStep) throws {
        try letters.verify()
        try dictionary.walkKeys(withPrefix: [field.rawValue], visit)
    }

    /// Whether the segment's dictionary can go into a ``MergedDictionary`` (its sections are
    /// small enough for its entries).
    var canMergeDictionary: Bool {
        MergedDictionary.canHold(postings: postingsBytes.count, positions: positionsBytes.count)
    }

    /// The dictionary, for reading into a ``MergedDictionary`` (the letter table verified first,
    /// as before any use of its terms).
    func dictionaryToMerge() throws -> TermDictionaryReader {
        try letters.verify()
        return dictionary
    }

    /// The dictionary entry of `key` that `entry` (of this segment, in a ``MergedDictionary``)
    /// records.
    func term(key: [UInt8], merged entry: MergedDictionary.Entry) throws -> SegmentTerm? {
        try dictionary.term(key: key, merged: entry)
    }

    // MARK: Postings

    /// A stored block bound (a largest saturation at ``ownAverageLength``) as a bound at the
    /// index's ``averageLength``, a hair above it so rounding never makes it fall short.
    @inline(__always)
    package func scoreBound(stored: Double) -> Double {
        Scoring.rescaledBound(stored, averageRatio: averageRatio) * (1 + 1e-12)
    }

    /// Decodes the whole postings list of `term`, a list shorter than one full block (its
    /// ``SegmentTerm/letterFrequency`` < ``PostingsCursor/blockSize``, a tail alone, verified with
    /// its dictionary block), into `letters` and `frequencies` (that many slots each): deleted
    /// letters included. What a small segment's AND, OR and prefix read instead of making cursors.
    package func decodeShortList(_ term: SegmentTerm, letters: UnsafeMutablePointer<UInt32>, frequencies: UnsafeMutablePointer<UInt32>) throws {
        guard term.letterFrequency < PostingsLayout.blockSize else { throw IndexError.corrupt("a list of \(term.letterFrequency) letters is not a short list") }
        try PostingsTail.decode(UnsafeRawBufferPointer(rebasing: postingsBytes[term.postings]), count: term.letterFrequency, after: -1,
                                letterCount: letterCount, letters: letters, frequencies: frequencies)
    }

    /// A cursor over the postings of `term` (an entry of this segment); deleted letters are
    /// passed over unless `includingDeleted`.
    package func postings(_ term: SegmentTerm, includingDeleted: Bool = false) -> PostingsCursor {
        PostingsCursor(term: term, postings: UnsafeRawBufferPointer(rebasing: postingsBytes[term.postings]),
                       positions: UnsafeRawBufferPointer(rebasing: positionsBytes[term.positions]),
                       letterCount: letterCount, owner: self, skipsDeleted: !includingDeleted)
    }
}
