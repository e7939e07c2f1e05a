import MissiveTokenizer

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
    /// Each letter's record, its store offset relative to this run's store.
    private(set) var records: [LetterRecord] = []
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
    var letterCount: Int { records.count }

    /// Adds a letter; letters get ids in the order they are added.
    func add(_ letter: Letter) throws {
        let id = UInt32(letterCount)
        let stored = StoredLetter.encode(letter)
        let storeOffset = store.sectionOffset
        let storeChecksum = stored.withUnsafeBytes { CRC32.checksum($0) }
        try store.write(stored)

        // Words: title, then body after a one-position gap, so no phrase spans the two.
        // The buffer is moved out of the object for the hot loop (no copy, no allocation) and back after.
        var inverted = buffer.take()!
        let titleLength = inverted.index(letter.title, field: .text, startPosition: 0)
        let bodyLength = inverted.index(letter.body, field: .text, startPosition: titleLength + 1)
        _ = inverted.index(letter.from, field: .from, startPosition: 0)
        _ = inverted.index(letter.to, field: .to, startPosition: 0)
        inverted.finishLetter(id)

        let length = UInt32(titleLength + bodyLength)
        totalTextTokens += UInt64(length)
        records.append(LetterRecord(length: length, dateKey: letter.date?.sortKey ?? 0, storeOffset: storeOffset,
                                    storeLength: UInt32(stored.count), storeChecksum: storeChecksum))
        if inverted.estimatedBytes >= memoryBudget {
            do {
                try flush(inverted)
            } catch {
                buffer = consume inverted
                throw error
            }
            inverted = Self.freshBuffer(analyzer)
        }
        buffer = consume inverted
    }

    /// Writes what is still in memory as a last segment.
    func finish() throws {
        guard let rest = buffer.take() else { return }
        if rest.table.count > 0 { try flush(rest) }
        buffer = Self.freshBuffer(analyzer)
    }

    /// An empty buffer for `analyzer`.
    static func freshBuffer(_ analyzer: Analyzer) -> InvertedBuffer {
        var buffer = InvertedBuffer()
        if analyzer == .englishStemming { buffer.stemmer = EnglishStemmer() }
        return buffer
    }

    /// Closes a temporary store file (not the index file's own sink) so it can be copied.
    func closeStore() throws { try store.closeWithoutSync() }

    private func flush(_ full: borrowing InvertedBuffer) throws {
        let segment = "\(segmentPrefix)\(segmentPaths.count)"
        segmentPaths.append(segment)
        try SegmentFile.write(full, to: segment)
        postingsCount += full.postingsCount
    }
}
