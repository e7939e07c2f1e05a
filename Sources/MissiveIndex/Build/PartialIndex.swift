/// One thread's share of a build: a contiguous run of letters, numbered from 0 within the run.
/// Stored records are gathered into ``StoreBlock``s, each handed to a ``StoreCompressor`` when
/// its last letter is in, which compresses it and streams it to `store` (the index file itself
/// for the first run, a temporary file for the others) on a thread of its own; words go to an
/// ``InvertedBuffer`` flushed as sorted spill files whenever it reaches the memory budget. Each
/// run is used by one thread at a time (hence `@unchecked`).
final class PartialIndex: @unchecked Sendable {
    private let store: FileSink
    private let compressor: StoreCompressor
    private let spillPrefix: String
    private let memoryBudget: Int
    /// Never nil outside ``add(_:)`` (which moves it out for the hot loop) and after ``finish()``.
    private var buffer: InvertedBuffer?
    private let analyzer: Analyzer
    /// The stored records of the block being gathered.
    private var block: [UInt8] = []
    /// Whether every block is written and the records hold their blocks' offsets.
    private var storeFinished = false
    /// Each letter's record, its store offset relative to this run's store (its block's number
    /// until ``finish()``).
    private(set) var records: [LetterRecord] = []
    /// Where each letter came from.
    private(set) var sources: [LetterSource] = []
    /// Each letter's sender and recipient, as ids into the run's names.
    private(set) var names = NameTable.Builder()
    private(set) var spillPaths: [String] = []
    private(set) var totalTextTokens: UInt64 = 0
    private(set) var postingsCount: UInt64 = 0

    init(store: FileSink, spillPrefix: String, memoryBudget: Int, analyzer: Analyzer) {
        self.store = store
        compressor = StoreCompressor(store: store)
        self.analyzer = analyzer
        buffer = Self.freshBuffer(analyzer)
        self.spillPrefix = spillPrefix
        self.memoryBudget = min(memoryBudget, 3 << 30)
    }

    /// Letters added.
    var letterCount: Int { records.count }

    /// Makes room for the run's `count` letters at once (grown by doubling, the per-letter
    /// tables would hold up to twice what they need).
    func reserve(letters count: Int) {
        records.reserveCapacity(count)
        sources.reserveCapacity(count)
        names.reserve(letters: count)
    }

    /// Adds a letter and where it came from; letters get ids in the order they are added. With
    /// `endsBlock`, the letter's store block is complete and written.
    func add(_ letter: Letter, source: LetterSource, endsBlock: Bool) throws {
        let id = UInt32(letterCount)
        let stored = StoredLetter.encode(letter)
        // The block's offset is known once it is written: its number stands in until then.
        let blockNumber = UInt64(compressor.submitted)
        let offsetInBlock = UInt32(block.count)
        block.append(contentsOf: stored)

        // The buffer is moved out of the object for the hot loop (no copy, no allocation) and back after.
        var inverted = buffer.take()!
        let length = UInt32(inverted.add(letter))
        inverted.finishLetter(id)

        totalTextTokens += UInt64(length)
        records.append(LetterRecord(length: length, dateKey: letter.date?.sortKey ?? 0, blockOffset: blockNumber,
                                    offsetInBlock: offsetInBlock, storeLength: UInt32(stored.count)))
        sources.append(source)
        names.add(from: letter.from, to: letter.to)
        if inverted.estimatedBytes >= memoryBudget {
            do {
                try flush(inverted)
            } catch {
                buffer = consume inverted
                throw error
            }
            inverted = Self.freshBuffer(analyzer)
            CurrentProcess.returnFreeMemory()
        }
        buffer = consume inverted
        if endsBlock { try endBlock() }
    }

    /// Hands the block being gathered to be compressed and written (nothing when it is empty).
    func endBlock() throws {
        guard !block.isEmpty else { return }
        _ = try compressor.submit(block)
        block = []
    }

    /// Writes the last store block, gives each letter its block's offset, and writes what is
    /// still in memory as a last spill file.
    func finish() throws {
        if !storeFinished {
            try endBlock()
            let offsets = try compressor.finish()
            for index in records.indices { records[index].blockOffset = offsets[Int(records[index].blockOffset)] }
            storeFinished = true
        }
        // The buffer is not replaced: no letter follows.
        guard let rest = buffer.take() else { return }
        if rest.table.count > 0 { try flush(rest) }
        _ = consume rest
        CurrentProcess.returnFreeMemory()
    }

    /// An empty buffer for `analyzer`.
    static func freshBuffer(_ analyzer: Analyzer) -> InvertedBuffer {
        InvertedBuffer(analyzer: analyzer)
    }

    /// Closes a temporary store file (not the index file's own sink) so it can be copied.
    func closeStore() throws { try store.closeWithoutSync() }

    private func flush(_ full: borrowing InvertedBuffer) throws {
        let spill = "\(spillPrefix)\(spillPaths.count)"
        spillPaths.append(spill)
        try SpillFile.write(full, to: spill)
        postingsCount += full.postingsCount
    }
}
