import Dispatch

/// Where to split the merge of a build's spill files in two by term range, so that two threads
/// can merge at once and the segment still comes out byte for byte as one merge would write it.
///
/// The second range must start a dictionary block (its blocks are then kept as they are, see
/// ``TermDictionaryWriter/append(_:postingsBase:positionsBase:)``), so the split is found in
/// two passes over keys only: the largest spill file's records give the key at about half its
/// bytes; then the distinct keys of every spill file are counted up to it, and on to the next
/// multiple of ``TermDictionary/termsPerBlock``: the key there starts the second range.
enum MergeSplit {
    /// The first key of the second range, or nil when the terms are too few to split.
    static func key(spills: [(path: String, letterBase: Int)]) throws -> [UInt8]? {
        let sizes = spills.map { (try? FileSystem.status(of: $0.path).size) ?? 0 }
        guard let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }),
              let middle = try middleKey(of: spills[largest].path, size: sizes[largest]) else { return nil }
        let readers = try spills.map { try SpillReader(path: $0.path, letterBase: $0.letterBase) }
        var parts: [SpillReader] = []
        var count = 0
        while true {
            SpillMerger.smallestKey(of: readers, into: &parts)
            guard let first = parts.first else { return nil }
            if count > 0, count % TermDictionary.termsPerBlock == 0, !first.key.lexicographicallyPrecedes(middle) {
                return first.key
            }
            count += 1
            for part in parts { try part.advance() }
        }
    }

    /// The key of the first record past half of the `size` bytes of the spill file at `path`
    /// (nil when there is none past its first record).
    private static func middleKey(of path: String, size: Int) throws -> [UInt8]? {
        let reader = try SpillReader(path: path)
        var passed = 0
        var records = 0
        while !reader.isAtEnd {
            if records > 0, passed >= size / 2 { return reader.key }
            passed += reader.key.count + reader.postings.count + reader.positions.count
            records += 1
            try reader.advance()
        }
        return nil
    }
}

/// The two halves of a merge split by ``MergeSplit``, run at once: the first (keys below the
/// split) streams its positions into the index and its postings to the index's postings file,
/// the second into files of its own that the writer appends after the first's. Each half is
/// touched by one thread only (hence `@unchecked`).
final class MergeHalves: @unchecked Sendable {
    private let mergers: [SpillMerger]
    private let positions: [FileSink]
    private let postings: [FileSink]
    private let split: [UInt8]
    private var dictionaries: [TermDictionaryWriter?] = [nil, nil]
    private var errors: [(any Error)?] = [nil, nil]

    /// The halves of merging `spills` at `split`, the first writing to `positions` and
    /// `postings`, the second to new files at `secondPositions` and `secondPostings`.
    init(spills: [(path: String, letterBase: Int)], split: [UInt8], lengths: [UInt32], averageLength: Double,
         positions: FileSink, postings: FileSink, secondPositions: String, secondPostings: String) throws {
        let first = try spills.map { try SpillReader(path: $0.path, letterBase: $0.letterBase) }
        let second = try spills.map { try SpillReader(path: $0.path, letterBase: $0.letterBase) }
        for reader in second { try reader.skip(below: split) }
        mergers = [first, second].map { SpillMerger(readers: $0, lengths: lengths, averageLength: averageLength) }
        self.positions = [positions, try FileSink(creating: secondPositions)]
        self.postings = [postings, try FileSink(creating: secondPostings)]
        self.split = split
    }

    /// Merges both halves on two threads; returns their dictionaries, and where the first
    /// half's positions and postings end in its files.
    func run() throws -> (first: TermDictionaryWriter, second: TermDictionaryWriter) {
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            do {
                dictionaries[half] = try mergers[half].merge(positions: positions[half], postings: postings[half],
                                                              end: half == 0 ? split : nil)
                if half == 1 {
                    try positions[1].closeWithoutSync()
                    try postings[1].closeWithoutSync()
                }
            } catch {
                errors[half] = error
            }
        }
        if let error = errors.compactMap({ $0 }).first { throw error }
        return (dictionaries[0]!, dictionaries[1]!)
    }
}
