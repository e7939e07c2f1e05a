#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MissiveTokenizer

/// Per-term postings being accumulated while letters are added (a plain value in pool memory).
/// 128 bytes, 64-aligned: what every word touches (frequency, last position, the positions
/// stream) fills the first cache line; what each letter's end touches, the second.
struct TermAccumulator {
    var currentFreq: UInt32 = 0
    var lastPosition: UInt32 = 0
    var positions = ByteStream()
    private var padding0: (UInt64, UInt64) = (0, 0)
    var docFreq: UInt32 = 0
    /// The last letter this term was seen in, plus one (0: none yet).
    var lastDocPlusOne: UInt32 = 0
    var postings = ByteStream()
    private var padding1: (UInt64, UInt64) = (0, 0)
}

/// The in-memory inverted lists: terms interned from the tokenizer's bytes, each with its
/// postings and positions so far, in a ``StreamPool``. A value type holding raw addresses, so the
/// hot loop runs without reference counting, uniqueness checks or exclusivity checks.
struct InvertedBuffer {
    var tokenizer = Tokenizer()
    /// Set when text-field words are indexed by their English stems.
    var stemmer: EnglishStemmer?
    var table = TermTable()
    let pool = StreamPool()
    private var records: UnsafeMutablePointer<TermAccumulator>
    private var capacity = 1 << 12
    private var touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private var touchedCapacity = 1 << 12
    /// Term records initialized so far (= terms seen).
    private var initialized = 0
    /// Term–letter pairs added.
    var postingsCount: UInt64 = 0
    /// Tokens added.
    var tokenCount: UInt64 = 0

    init() {
        var aligned: UnsafeMutableRawPointer?
        posix_memalign(&aligned, 64, capacity * MemoryLayout<TermAccumulator>.stride)
        records = aligned!.bindMemory(to: TermAccumulator.self, capacity: capacity)
        pool.records = UnsafeMutableRawPointer(records)
        touched = malloc(touchedCapacity * 4)!.bindMemory(to: Int32.self, capacity: touchedCapacity)
        pool.touched = UnsafeMutableRawPointer(touched)
    }

    /// Tokenizes `text` into `field` for letter `doc`; returns the number of tokens.
    mutating func index(_ text: String, field: IndexField, doc: UInt32, startPosition: Int) -> Int {
        var copy = text
        let fieldByte = field.rawValue
        let count = copy.withUTF8 { utf8 in
            tokenizer.forEachToken(in: UnsafeRawBufferPointer(utf8), startPosition: startPosition) { token in
                var id = 0
                if fieldByte == IndexField.text.rawValue, stemmer != nil {
                    stemmer!.stem(token.termBytes) { id = table.intern(field: fieldByte, term: $0) }
                } else {
                    id = table.intern(field: fieldByte, term: token.termBytes)
                }
                if id == initialized {
                    // A new term (ids are dense, in order of first sight).
                    if id == capacity {
                        // Doubled into fresh 64-aligned memory (realloc would not keep the alignment).
                        var aligned: UnsafeMutableRawPointer?
                        posix_memalign(&aligned, 64, capacity * 2 * MemoryLayout<TermAccumulator>.stride)
                        let grown = aligned!.bindMemory(to: TermAccumulator.self, capacity: capacity * 2)
                        grown.moveInitialize(from: records, count: capacity)
                        free(records)
                        records = grown
                        capacity *= 2
                        pool.records = UnsafeMutableRawPointer(records)
                    }
                    (records + id).initialize(to: TermAccumulator())
                    initialized = id + 1
                }
                let record = records + id
                let position = UInt32(token.position)
                if record.pointee.currentFreq == 0 {
                    if touchedCount == touchedCapacity {
                        // Distinct terms of one letter: the list doubles.
                        touchedCapacity *= 2
                        touched = realloc(touched, touchedCapacity * 4)!.bindMemory(to: Int32.self, capacity: touchedCapacity)
                        pool.touched = UnsafeMutableRawPointer(touched)
                    }
                    touched[touchedCount] = Int32(id)
                    touchedCount += 1
                    record.pointee.lastPosition = 0
                }
                record.pointee.currentFreq += 1
                record.pointee.positions.appendVarint(UInt64(position - record.pointee.lastPosition), pool: pool)
                record.pointee.lastPosition = position
            }
        }
        tokenCount += UInt64(count)
        return count
    }

    /// Writes the postings entry of every term seen in letter `doc`.
    mutating func finishDocument(_ doc: UInt32) {
        for index in 0..<touchedCount {
            let record = records + Int(touched[index])
            let delta = doc + 1 - record.pointee.lastDocPlusOne
            let freq = record.pointee.currentFreq
            // Doc delta shifted left once; the low bit says "frequency is 1" so it is not written.
            if freq == 1 {
                record.pointee.postings.appendVarint(UInt64(delta) << 1 | 1, pool: pool)
            } else {
                record.pointee.postings.appendVarint(UInt64(delta) << 1, pool: pool)
                record.pointee.postings.appendVarint(UInt64(freq), pool: pool)
            }
            record.pointee.lastDocPlusOne = doc + 1
            record.pointee.docFreq += 1
            record.pointee.currentFreq = 0
        }
        postingsCount += UInt64(touchedCount)
        touchedCount = 0
    }

    /// A term's letter count, and its postings and positions appended to the given arrays.
    func postings(of id: Int, into postings: inout [UInt8], positions: inout [UInt8]) -> UInt32 {
        let record = records[id]
        record.postings.copy(into: &postings)
        record.positions.copy(into: &positions)
        return record.docFreq
    }

    /// The memory the buffer holds: pool pages, term records and the term table.
    var estimatedBytes: Int {
        pool.pageBytes + capacity * MemoryLayout<TermAccumulator>.stride + table.memoryBytes
    }
}

/// One thread's share of a build: a contiguous run of letters, numbered from 0 within the run.
/// Stored records stream to `store` (the index file itself for the first run, a temporary file
/// for the others); words go to an ``InvertedBuffer`` flushed as sorted segments whenever it
/// reaches the memory budget. Each run is used by one thread at a time (hence `@unchecked`).
final class PartialIndex: @unchecked Sendable {
    private let store: FileSink
    private let segmentPrefix: String
    private let memoryBudget: Int
    /// Never nil outside ``add(_:)``, which moves it out for the hot loop.
    private var buffer: InvertedBuffer?
    private let analyzer: Analyzer
    private(set) var lengths: [UInt32] = []
    private(set) var dates: [UInt32] = []
    /// Offsets of the stored records within this run's store.
    private(set) var storeOffsets: [UInt64] = []
    private(set) var storeLengths: [UInt32] = []
    /// CRC-32 of each stored record.
    private(set) var storeChecksums: [UInt32] = []
    private(set) var segmentPaths: [String] = []
    private(set) var totalTextTokens: UInt64 = 0
    private(set) var postingsCount: UInt64 = 0

    init(store: FileSink, segmentPrefix: String, memoryBudget: Int, analyzer: Analyzer) {
        self.store = store
        self.analyzer = analyzer
        buffer = Self.freshBuffer(analyzer)
        self.segmentPrefix = segmentPrefix
        self.memoryBudget = min(memoryBudget, 3 << 30)
    }

    /// Letters added.
    var letterCount: Int { lengths.count }

    /// Adds a letter; letters get ids in the order they are added.
    func add(_ letter: Letter) throws {
        let doc = UInt32(letterCount)
        var record = ByteEncoder(reservingCapacity: letter.body.utf8.count + 256)
        record.string(letter.path)
        record.varint(letter.header.count)
        for field in letter.header {
            record.string(field.key)
            record.string(field.value)
        }
        record.string(letter.body)
        storeOffsets.append(store.sectionOffset)
        storeLengths.append(UInt32(record.bytes.count))
        storeChecksums.append(record.bytes.withUnsafeBytes { CRC32.checksum($0) })
        try store.write(record.bytes)

        // Words: title, then body after a one-position gap, so no phrase spans the two.
        // The buffer is moved out of the object for the hot loop (no copy, no allocation) and back after.
        var inverted = buffer.take()!
        defer { buffer = inverted }
        let titleLength = inverted.index(letter.title, field: .text, doc: doc, startPosition: 0)
        let bodyLength = inverted.index(letter.body, field: .text, doc: doc, startPosition: titleLength + 1)
        _ = inverted.index(letter.from, field: .from, doc: doc, startPosition: 0)
        _ = inverted.index(letter.to, field: .to, doc: doc, startPosition: 0)
        inverted.finishDocument(doc)

        let length = UInt32(titleLength + bodyLength)
        totalTextTokens += UInt64(length)
        lengths.append(length)
        dates.append(letter.date?.sortKey ?? 0)
        if inverted.estimatedBytes >= memoryBudget {
            try flush(inverted)
            inverted = Self.freshBuffer(analyzer)
        }
    }

    /// Writes what is still in memory as a last segment.
    func finish() throws {
        if let rest = buffer, rest.table.count > 0 {
            try flush(rest)
            buffer = Self.freshBuffer(analyzer)
        }
    }

    /// An empty buffer for `analyzer`.
    static func freshBuffer(_ analyzer: Analyzer) -> InvertedBuffer {
        var buffer = InvertedBuffer()
        if analyzer == .englishStemming { buffer.stemmer = EnglishStemmer() }
        return buffer
    }

    /// Closes a temporary store file (not the index file's own sink) so it can be copied.
    func closeStore() throws { try store.closeWithoutSync() }

    private func flush(_ full: InvertedBuffer) throws {
        let segment = "\(segmentPrefix)\(segmentPaths.count)"
        segmentPaths.append(segment)
        try SegmentFile.write(full, to: segment)
        postingsCount += full.postingsCount
    }
}

/// Writes one index file from letters added in runs (one per thread, in letter order).
///
/// Each ``PartialIndex`` tokenizes its letters into sorted segments (no `String` per token) while
/// streaming their stored records. ``finish()`` appends the other runs' stores to the first,
/// writes the document table, then merges every segment into block-encoded postings
/// (``PostingsLayout``), positions, the front-coded term dictionary and its block index. The file
/// is written under the name it was given; ``IndexBuilder`` gives it a temporary name and renames
/// it when complete.
final class IndexWriter {
    private let path: String
    private let sink: FileSink
    /// The runs, in letter order.
    let partials: [PartialIndex]
    private var temporaryFiles: [String] = []
    private(set) var termCount = 0
    private let analyzer: Analyzer

    /// Creates the file at `path` with `runs` runs sharing the memory budget.
    init(path: String, memoryBudget: Int = IndexBuilder.defaultMemoryBudget, runs: Int = 1, analyzer: Analyzer = .plain) throws {
        self.path = path
        self.analyzer = analyzer
        sink = try FileSink(creating: path)
        let placeholder = [UInt8](repeating: 0, count: IndexFormat.headerSize(sections: SectionKind.allCases.count))
        try sink.write(placeholder)
        try sink.beginSection(.store)
        let share = max(memoryBudget / max(runs, 1), 64 << 10)
        var partials = [PartialIndex(store: sink, segmentPrefix: "\(path).seg-0-", memoryBudget: share, analyzer: analyzer)]
        for run in 1..<max(runs, 1) {
            let storePath = "\(path).store-\(run)"
            temporaryFiles.append(storePath)
            partials.append(PartialIndex(store: try FileSink(creating: storePath), segmentPrefix: "\(path).seg-\(run)-", memoryBudget: share, analyzer: analyzer))
        }
        self.partials = partials
        temporaryFiles.append(path + ".postings")
    }

    deinit { removeTemporaryFiles() }

    /// Removes the segment, store and spill files (after success or failure).
    func removeTemporaryFiles() {
        for file in temporaryFiles { unlink(file) }
        for partial in partials { for segment in partial.segmentPaths { unlink(segment) } }
    }

    /// Letters added so far in all runs.
    var letterCount: Int { partials.reduce(0) { $0 + $1.letterCount } }

    /// Segments written (all runs).
    var segmentCount: Int { partials.reduce(0) { $0 + $1.segmentPaths.count } }

    /// Merges the runs into the remaining sections, writes the header and syncs the file.
    func finish() throws {
        for partial in partials { try partial.finish() }
        // The store: the first run's records are in place; the others' follow.
        var storeBases: [UInt64] = [0]
        for (run, partial) in partials.enumerated().dropFirst() {
            storeBases.append(sink.sectionOffset)
            try copyFile("\(path).store-\(run)", into: sink, after: partial)
            unlink("\(path).store-\(run)")
        }
        try sink.endSection()

        try sink.beginSection(.documents)
        var documents = ByteEncoder(reservingCapacity: letterCount * IndexFormat.documentRecordSize)
        var lengths: [UInt32] = []
        lengths.reserveCapacity(letterCount)
        var totalTextTokens: UInt64 = 0
        var postingsCount: UInt64 = 0
        for (run, partial) in partials.enumerated() {
            for doc in 0..<partial.letterCount {
                documents.u32(partial.lengths[doc])
                documents.u32(partial.dates[doc])
                documents.u64(storeBases[run] + partial.storeOffsets[doc])
                documents.u32(partial.storeLengths[doc])
                documents.u32(partial.storeChecksums[doc])
            }
            lengths.append(contentsOf: partial.lengths)
            totalTextTokens += partial.totalTextTokens
            postingsCount += partial.postingsCount
        }
        try sink.write(documents.bytes)
        try sink.endSection()
        documents = ByteEncoder()

        let letters = lengths.count
        let averageLength = letters > 0 ? max(Double(totalTextTokens) / Double(letters), 1e-9) : 1
        let spill = try FileSink(creating: path + ".postings")
        var readers: [SegmentReader] = []
        var docBase = 0
        for partial in partials {
            for segment in partial.segmentPaths { readers.append(try SegmentReader(path: segment, docBase: docBase)) }
            docBase += partial.letterCount
        }
        var merger = SegmentMerger(readers: readers, lengths: lengths, averageLength: averageLength)
        try sink.beginSection(.positions)
        let dictionary = try merger.merge(positions: sink, postings: spill)
        try sink.endSection()
        termCount = dictionary.termCount
        try spill.closeWithoutSync()
        readers.removeAll()
        for partial in partials { for segment in partial.segmentPaths { unlink(segment) } }

        try sink.beginSection(.postings)
        try copyFile(path + ".postings", into: sink, after: nil)
        try sink.endSection()
        unlink(path + ".postings")

        try sink.beginSection(.terms)
        try sink.write(dictionary.terms.bytes)
        try sink.endSection()
        try sink.beginSection(.termIndex)
        try sink.write(dictionary.blockIndex.bytes)
        try sink.endSection()
        try sink.write(IndexFormat.tailMagic)
        try sink.flush()

        var header = ByteEncoder()
        header.bytes.append(contentsOf: IndexFormat.magic)
        header.u32(IndexFormat.version)
        header.u32(UInt32(sink.sections.count))
        header.u32(UInt32(letters))
        header.u32(UInt32(termCount))
        header.u64(postingsCount)
        header.u64(totalTextTokens)
        header.u32(analyzer.rawValue)
        header.u32(0)
        for section in sink.sections {
            header.u32(section.kind.rawValue)
            header.u32(0)
            header.u64(section.offset)
            header.u64(section.length)
            header.u32(section.checksum)
            header.u32(0)
        }
        let headerChecksum = header.bytes.withUnsafeBytes { CRC32.checksum($0) }
        header.u32(headerChecksum)
        try sink.overwrite(header.bytes, at: 0)
        try sink.sync()
    }

    /// Appends the whole file at `source` to the current section of `sink` (closing the run's
    /// own sink first when it wrote that file).
    private func copyFile(_ source: String, into sink: FileSink, after partial: PartialIndex?) throws {
        try partial?.closeStore()
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IndexError.io(path: source, reason: systemMessage(errno)) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IndexError.io(path: source, reason: systemMessage(errno))
            }
            if count == 0 { return }
            try chunk.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
