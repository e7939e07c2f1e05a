/// Writes one segment file from letters added in runs (one per thread, in letter order).
///
/// Each ``PartialIndex`` tokenizes its letters into sorted spill files (no `String` per token) while
/// streaming their stored records in compressed blocks. ``finish()`` appends the other runs' stores to the first,
/// writes the letter table, then merges every spill file into block-encoded postings
/// (``PostingsLayout``), positions, the front-coded term dictionary and its term index (in two
/// halves by term range on two threads when the build has several, ``MergeSplit``), and last
/// the letters' sources and their senders' and recipients' names. The file is written under the name it was given (a temporary one, which
/// the caller renames when the file is complete).
final class SegmentWriter {
    private let path: String
    private let sink: FileSink
    /// The runs, in letter order.
    let partials: [PartialIndex]
    private var temporaryFiles: [String] = []
    private(set) var termCount = 0
    /// Threads that merged the spill files (set by ``finish()``).
    private(set) var mergeThreads = 1
    /// Words in the segment's letters (set by ``finish()``).
    private(set) var totalTextTokens = 0
    private let analyzer: Analyzer

    /// Creates the file at `path` with `runs` runs sharing the memory budget, each given at
    /// least `smallestRunBudget` (a smaller share would flush a spill file every few letters).
    init(path: String, memoryBudget: Int = IndexBuilder.defaultMemoryBudget, runs: Int = 1, analyzer: Analyzer = .plain,
         smallestRunBudget: Int = IndexBuilder.defaultSmallestRunBudget) throws {
        self.path = path
        self.analyzer = analyzer
        sink = try FileSink(creating: path)
        try sink.write([UInt8](repeating: 0, count: FileHeader.completeSize))
        try sink.beginSection(.store)
        let share = max(memoryBudget / max(runs, 1), smallestRunBudget)
        var partials = [PartialIndex(store: sink, spillPrefix: "\(path).spill-0-", memoryBudget: share, analyzer: analyzer)]
        for run in 1..<max(runs, 1) {
            let storePath = "\(path).store-\(run)"
            temporaryFiles.append(storePath)
            partials.append(PartialIndex(store: try FileSink(creating: storePath), spillPrefix: "\(path).spill-\(run)-",
                                         memoryBudget: share, analyzer: analyzer))
        }
        self.partials = partials
        temporaryFiles += [path + ".postings", path + ".positions-2", path + ".postings-2"]
    }

    deinit { removeTemporaryFiles() }

    /// Removes the spill, store and postings files (after success or failure).
    func removeTemporaryFiles() {
        for file in temporaryFiles { FileSystem.removeFile(file) }
        for partial in partials { for spill in partial.spillPaths { FileSystem.removeFile(spill) } }
    }

    /// Letters added so far in all runs.
    var letterCount: Int { partials.reduce(0) { $0 + $1.letterCount } }

    /// Spill files written (all runs).
    var spillCount: Int { partials.reduce(0) { $0 + $1.spillPaths.count } }

    /// Merges the runs into the remaining sections, writes the header and syncs the file.
    func finish() throws {
        for partial in partials { try partial.finish() }
        // The store: the first run's records are in place; the others' follow.
        var storeBases: [UInt64] = [0]
        for (run, partial) in partials.enumerated().dropFirst() {
            storeBases.append(sink.sectionOffset)
            try partial.closeStore()
            try copyFile("\(path).store-\(run)")
            FileSystem.removeFile("\(path).store-\(run)")
        }
        try sink.endSection()

        try sink.beginSection(.letterTable)
        var table = ByteEncoder(reservingCapacity: letterCount * LetterRecord.size)
        var lengths: [UInt32] = []
        lengths.reserveCapacity(letterCount)
        var totalTextTokens: UInt64 = 0
        var postingsCount: UInt64 = 0
        for (run, partial) in partials.enumerated() {
            for var record in partial.records {
                record.blockOffset += storeBases[run]
                record.encode(into: &table)
                lengths.append(record.length)
            }
            totalTextTokens += partial.totalTextTokens
            postingsCount += partial.postingsCount
        }
        try sink.write(table.bytes)
        try sink.endSection()
        table = ByteEncoder()
        try sink.beginSection(.letterLengths)
        try sink.write(LetterLengths.encode(lengths))
        try sink.endSection()

        let letters = lengths.count
        let averageLength = Scoring.averageLength(totalTokens: Int(totalTextTokens), letterCount: letters)
        let postings = try FileSink(creating: path + ".postings")
        var spills: [(path: String, letterBase: Int)] = []
        var letterBase = 0
        for partial in partials {
            for spill in partial.spillPaths { spills.append((spill, letterBase)) }
            letterBase += partial.letterCount
        }
        try sink.beginSection(.positions)
        var dictionary: TermDictionaryWriter
        // With threads, the merge too is split in two by term range (the same bytes either way).
        let split = partials.count > 1 ? try MergeSplit.key(spills: spills) : nil
        if let split {
            let halves = try MergeHalves(spills: spills, split: split, lengths: lengths, averageLength: averageLength,
                                         positions: sink, postings: postings, secondPositions: path + ".positions-2",
                                         secondPostings: path + ".postings-2")
            let (first, second) = try halves.run()
            mergeThreads = 2
            dictionary = first
            let positionsBase = sink.sectionOffset
            try copyFile(path + ".positions-2")
            try dictionary.append(second, postingsBase: postings.sectionOffset, positionsBase: positionsBase)
        } else {
            let readers = try spills.map { try SpillReader(path: $0.path, letterBase: $0.letterBase) }
            dictionary = try SpillMerger(readers: readers, lengths: lengths, averageLength: averageLength)
                .merge(positions: sink, postings: postings)
        }
        try sink.endSection()
        termCount = dictionary.termCount
        try postings.closeWithoutSync()
        for partial in partials { for spill in partial.spillPaths { FileSystem.removeFile(spill) } }
        FileSystem.removeFile(path + ".positions-2")

        try sink.beginSection(.postings)
        try copyFile(path + ".postings")
        if split != nil { try copyFile(path + ".postings-2") }
        try sink.endSection()
        FileSystem.removeFile(path + ".postings")
        FileSystem.removeFile(path + ".postings-2")

        try sink.beginSection(.terms)
        try sink.write(dictionary.terms.bytes)
        try sink.endSection()
        try sink.beginSection(.termIndex)
        try sink.write(dictionary.termIndex.bytes)
        try sink.endSection()
        try sink.beginSection(.termFilter)
        try sink.write(TermFilter.encode(dictionary.keyHashes))
        try sink.endSection()
        try sink.beginSection(.sources)
        var sources = SourceIndex.Writer()
        for partial in partials {
            for source in partial.sources {
                if let block = sources.append(source) { try sink.write(block) }
            }
        }
        if let block = sources.finish() { try sink.write(block) }
        try sink.endSection()
        try sink.beginSection(.sourceIndex)
        try sink.write(sources.entries.bytes)
        try sink.endSection()
        try sink.beginSection(.names)
        var names = NameTable.Builder()
        for partial in partials { names.append(partial.names) }
        try sink.write(names.encoded())
        try sink.endSection()
        try sink.write(FileHeader.tailMagic)
        try sink.flush()

        let header = FileHeader(letterCount: letters, termCount: termCount, postingsCount: Int(postingsCount),
                                totalTextTokens: Int(totalTextTokens), analyzer: analyzer, sections: sink.sections)
        self.totalTextTokens = Int(totalTextTokens)
        try sink.overwrite(header.encoded(), at: 0)
        try sink.sync()
    }

    /// Appends the whole file at `source` to the current section of the index.
    private func copyFile(_ source: String) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        do {
            let file = try FileDescriptor(readingFrom: source)
            while true {
                let count = try file.read(into: chunk)
                if count == 0 { return }
                try sink.write(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            }
        } catch let error as SystemError {
            throw IndexError.io(path: source, reason: error.description)
        }
    }
}
