/// One field of an index's smaller segments' dictionaries (all but the segment with the most
/// terms) merged into one sorted table in memory: each key once, with the entries of the
/// segments that hold it. Two things use it, once the reader has been asked enough for it to
/// pay (``IndexReader/walkTerms(in:_:)``, ``IndexReader/terms(key:)``):
///
/// - the walks that seek often (fuzzy words and corrections, whose walks pass over most keys): a
///   word several segments hold is visited once, not once per segment, and a seek is a gallop
///   and a binary search over whole keys, where on disk it is a search of each segment's term
///   index and a dictionary block decoded from its start;
/// - looking a word or a prefix up in every segment (each word of every query is, for its idf):
///   one binary search here instead of a term filter, a term-index search and a block scan per
///   segment.
///
/// Built with one scan of each segment's dictionary, which verifies every block as any scan
/// does; an entry's heads (skip table, tail) are verified when it is first handed out, as after
/// a lookup on disk. Its size is the smaller segments' vocabulary: about 25 bytes a distinct
/// word and 28 an entry. The text field of the 4,800 letters the updates benchmark leaves in
/// nine small segments of `../shared/corpus`: 43,000 words, 129,000 entries, about 5 MB, built
/// in about 30 ms; of the 77,000 letters in nine small segments of the 1 GB synthetic
/// collection (200,000 words, about 1.2 million entries): about 40 MB, built in about 0.4
/// seconds (the scan's runs, freed once merged, take about as much again while it is built).
final class MergedDictionary: @unchecked Sendable {
    /// One segment's dictionary entry of a key.
    struct Entry: Sendable {
        /// The segment's number in the index.
        let segment: UInt16
        /// Letters of the segment holding the key, deleted ones included.
        let letterFrequency: UInt32
        /// The dictionary block the entry is in (whose heads are verified before it is used).
        let block: UInt32
        /// The key's postings and positions in their sections.
        let postingsStart: UInt32, postingsCount: UInt32
        let positionsStart: UInt32, positionsCount: UInt32

        /// Where the key's postings lie in their section.
        var postings: Range<Int> { Int(postingsStart)..<(Int(postingsStart) + Int(postingsCount)) }
        /// Where the key's positions lie in their section.
        var positions: Range<Int> { Int(positionsStart)..<(Int(positionsStart) + Int(positionsCount)) }
    }

    // Memory of the table's own, written once by `init` and only read after (so the table may be
    // shared between threads), freed with it.
    /// The keys (after the field byte), one after another.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where key `i` starts in `bytes` (and, at `i + 1`, ends).
    private let starts: UnsafeMutableBufferPointer<UInt32>
    /// Key `i`'s first 8 bytes as a big-endian integer (``TermIndexEntry/prefix(of:)``): a
    /// search compares these, and the keys only where they tie.
    private let prefixes: UnsafeMutableBufferPointer<UInt64>
    /// Every ``sampleStride``-th key's prefix: a search first narrows the keys to one or two
    /// strides here (a few kilobytes, which stay in cache), then searches `prefixes` (most of a
    /// megabyte at 100,000 keys, where each step of a plain binary search missed the cache).
    private let samples: UnsafeMutableBufferPointer<UInt64>
    private static let sampleStride = 64
    /// Key `i`'s entries are `entries[entryStarts[i]..<entryStarts[i + 1]]`, by segment.
    private let entryStarts: UnsafeMutableBufferPointer<UInt32>
    private let entries: UnsafeMutableBufferPointer<Entry>

    /// Keys held.
    let count: Int

    /// Whether a segment's sections are small enough for an ``Entry``'s 32-bit offsets.
    static func canHold(postings: Int, positions: Int) -> Bool {
        postings <= Int(UInt32.max) && positions <= Int(UInt32.max)
    }

    /// The entries of `field` in `dictionaries` (each with its segment's number, ascending; their
    /// sections ``canHold(postings:positions:)``): each dictionary read with one scan, then the
    /// scans merged, a key held by several segments kept once with each one's entry.
    init(_ dictionaries: [(dictionary: TermDictionaryReader, segment: Int)], field: IndexField) throws {
        var scanned = ScannedRuns()
        defer { scanned.free() }
        for (dictionary, segment) in dictionaries { try scanned.scan(dictionary, field: field, segment: segment) }
        let records = scanned.entries.count
        bytes = .allocate(capacity: max(scanned.bytes.count, 1))
        starts = .allocate(capacity: records + 1)
        prefixes = .allocate(capacity: max(records, 1))
        entryStarts = .allocate(capacity: records + 1)
        entries = .allocate(capacity: max(records, 1))
        count = Self.merge(scanned, into: bytes, starts, prefixes, entryStarts, entries)
        samples = .allocate(capacity: max(1, (count + Self.sampleStride - 1) / Self.sampleStride))
        for i in 0..<((count + Self.sampleStride - 1) / Self.sampleStride) { samples[i] = prefixes[i * Self.sampleStride] }
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        prefixes.deallocate()
        entryStarts.deallocate()
        entries.deallocate()
        samples.deallocate()
    }

    /// Merges the runs of `scanned` into the table's memory, each key once with the entries of
    /// every run holding it (in run order); returns the keys written.
    private static func merge(_ scanned: ScannedRuns, into bytes: UnsafeMutableBufferPointer<UInt8>, _ starts: UnsafeMutableBufferPointer<UInt32>,
                              _ keyPrefixes: UnsafeMutableBufferPointer<UInt64>, _ entryStarts: UnsafeMutableBufferPointer<UInt32>, _ entries: UnsafeMutableBufferPointer<Entry>) -> Int {
        let all = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: scanned.bytes.buffer[0..<scanned.bytes.count]))
        let keyStarts = scanned.starts.buffer, prefixes = scanned.prefixes.buffer, records = scanned.entries.buffer
        func key(_ record: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: all[Int(keyStarts[record])..<Int(keyStarts[record + 1])]) }
        func order(_ a: Int, _ b: Int) -> Int {
            // Most comparisons stop at the keys' first 8 bytes, compared as integers.
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] ? -1 : 1 }
            return ByteComparison.compare(key(a), key(b))
        }
        // The next record of each run, and where each run ends.
        var heads = Array(scanned.runStarts.dropLast()), ends = Array(scanned.runStarts.dropFirst())
        var keys = 0, written = 0, entryCount = 0
        starts[0] = 0
        entryStarts[0] = 0
        while true {
            var least = -1
            for run in heads.indices where heads[run] < ends[run] {
                if least < 0 || order(heads[run], heads[least]) < 0 { least = run }
            }
            guard least >= 0 else { return keys }
            let record = heads[least]
            let found = key(record)
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(bytes)[written..<(written + found.count)]).copyMemory(from: found)
            written += found.count
            keyPrefixes[keys] = prefixes[record]
            keys += 1
            starts[keys] = UInt32(written)
            // Runs before `least` hold only later keys; it and the runs after it may hold this one.
            for run in least..<heads.count where heads[run] < ends[run] && (run == least || order(heads[run], record) == 0) {
                entries[entryCount] = records[heads[run]]
                entryCount += 1
                heads[run] += 1
            }
            entryStarts[keys] = UInt32(entryCount)
        }
    }

    /// The entries of `key` (after the field byte), by segment; empty when no segment holds it.
    func entries(of key: UnsafeRawBufferPointer) -> UnsafeBufferPointer<Entry> {
        let all = UnsafeRawBufferPointer(bytes)
        let wanted = TermIndexEntry.prefix(of: key)
        // Keys whose prefix is `wanted` lie after the last sample below it and before the first
        // sample above it.
        let sampled = (count + Self.sampleStride - 1) / Self.sampleStride
        var below = 0, notAbove = sampled
        while below < notAbove {
            let middle = (below + notAbove) / 2
            if samples[middle] < wanted { below = middle + 1 } else { notAbove = middle }
        }
        var above = below
        notAbove = sampled
        while above < notAbove {
            let middle = (above + notAbove) / 2
            if samples[middle] <= wanted { above = middle + 1 } else { notAbove = middle }
        }
        var low = max(0, below - 1) * Self.sampleStride, high = min(count, above * Self.sampleStride)
        while low < high {
            let middle = (low + high) / 2
            let prefix = prefixes[middle]
            let order = prefix != wanted ? (prefix < wanted ? -1 : 1) : ByteComparison.compare(self.key(middle, in: all), key)
            if order == 0 { return UnsafeBufferPointer(rebasing: entries[Int(entryStarts[middle])..<Int(entryStarts[middle + 1])]) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return UnsafeBufferPointer(rebasing: entries[0..<0])
    }

    /// Calls `visit` with every key (after the field byte) that starts with `prefix`, in order,
    /// and its entries by segment.
    func forEachKey(withPrefix prefix: UnsafeRawBufferPointer, _ visit: (UnsafeRawBufferPointer, UnsafeBufferPointer<Entry>) throws -> Void) rethrows {
        let all = UnsafeRawBufferPointer(bytes)
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if ByteComparison.compare(key(middle, in: all), prefix) < 0 { low = middle + 1 } else { high = middle }
        }
        while low < count {
            let found = key(low, in: all)
            guard found.count >= prefix.count, prefix.isEmpty || ByteComparison.equal(found.baseAddress!, prefix.baseAddress!, count: prefix.count) else { return }
            try visit(found, UnsafeBufferPointer(rebasing: entries[Int(entryStarts[low])..<Int(entryStarts[low + 1])]))
            low += 1
        }
    }

    /// Letters holding key `index` (deleted ones included), summed over the segments.
    private func letterFrequency(ofKey index: Int) -> Int {
        var total = 0
        for entry in entries[Int(entryStarts[index])..<Int(entryStarts[index + 1])] { total += Int(entry.letterFrequency) }
        return total
    }

    /// The walk of ``TermDictionaryReader/walkKeys(withPrefix:_:)`` over these keys: each key
    /// (valid during the call) with its letter count, in order, passing over the keys `visit`
    /// says it cannot want.
    func walk(_ visit: (UnsafeRawBufferPointer, Int) throws -> KeyWalkStep) throws {
        let all = UnsafeRawBufferPointer(bytes)
        try withUnsafeTemporaryAllocation(byteCount: TermDictionaryBlockReader.maximumKeyBytes, alignment: 8) { target in
            var index = 0
            while index < count {
                let key = self.key(index, in: all)
                switch try visit(key, letterFrequency(ofKey: index)) {
                case .next:
                    index += 1
                case .passOverKeys(let sharing):
                    // Past every key that starts with those bytes (none is past all-0xFF bytes).
                    var length = min(max(sharing, 0), key.count)
                    while length > 0 && key[length - 1] == 0xFF { length -= 1 }
                    guard length > 0 else { return }
                    UnsafeMutableRawBufferPointer(rebasing: target[..<length]).copyMemory(from: UnsafeRawBufferPointer(rebasing: key[..<length]))
                    target[length - 1] = key[length - 1] + 1
                    index = firstKey(notBefore: UnsafeRawBufferPointer(rebasing: target[..<length]), after: index, in: all)
                case .skipToKeys(let sharing, let byte):
                    let length = min(max(sharing, 0), key.count)
                    // (A key as long as the buffer leaves no room for the byte: go on key by key.)
                    guard length < target.count else { index += 1; continue }
                    UnsafeMutableRawBufferPointer(rebasing: target[..<length]).copyMemory(from: UnsafeRawBufferPointer(rebasing: key[..<length]))
                    target[length] = byte
                    index = firstKey(notBefore: UnsafeRawBufferPointer(rebasing: target[...length]), after: index, in: all)
                }
            }
        }
    }

    @inline(__always)
    private func key(_ index: Int, in all: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: all[Int(starts[index])..<Int(starts[index + 1])])
    }

    /// The first key after key `index` that does not order before `target` (``count`` when
    /// none does): galloping forward from `index + 1` (a walk's targets are mostly near), then
    /// a binary search.
    private func firstKey(notBefore target: UnsafeRawBufferPointer, after index: Int, in all: UnsafeRawBufferPointer) -> Int {
        func precedes(_ candidate: Int) -> Bool { ByteComparison.compare(key(candidate, in: all), target) < 0 }
        var low = index + 1
        guard low < count, precedes(low) else { return low }
        // Key `low` precedes the target; find a key that does not, doubling the step.
        var step = 1
        var high = low + step
        while high < count && precedes(high) {
            low = high
            step *= 2
            high = low + step
        }
        high = min(high, count)
        // Keys up to `low` precede the target; `high` does not (or is the end).
        while high - low > 1 {
            let middle = (low + high) / 2
            if precedes(middle) { low = middle } else { high = middle }
        }
        return high
    }
}

/// Every segment's entries of a field, read by ``MergedDictionary/init(_:field:)``: one sorted
/// run per segment, each key with its first 8 bytes as an integer.
private struct ScannedRuns {
    var bytes = GrowingBuffer<UInt8>()
    /// Where record `i`'s key starts in `bytes` (and, at `i + 1`, ends).
    var starts = GrowingBuffer<UInt32>()
    var prefixes = GrowingBuffer<UInt64>()
    var entries = GrowingBuffer<MergedDictionary.Entry>()
    /// Where each run starts in `entries`, and (last) where the last ends.
    var runStarts: [Int] = [0]

    init() { starts.append(0) }

    /// Reads the entries of `field` in `dictionary` (segment number `segment`) as a new run.
    mutating func scan(_ dictionary: TermDictionaryReader, field: IndexField, segment: Int) throws {
        var block = try dictionary.firstBlock(of: field)
        let keyBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: TermDictionaryBlockReader.maximumKeyBytes, alignment: 8)
        defer { keyBuffer.deallocate() }
        blocks: while block < dictionary.blockCount {
            var reader = try dictionary.entries(ofBlock: block, buffer: keyBuffer)
            for _ in 0..<dictionary.terms(inBlock: block) {
                let entry = try reader.next()
                let key = reader.key
                if key[0] < field.rawValue { continue }
                if key[0] > field.rawValue { break blocks }
                let word = UnsafeRawBufferPointer(rebasing: key[1...])
                bytes.append(contentsOf: word)
                starts.append(UInt32(bytes.count))
                prefixes.append(TermIndexEntry.prefix(of: word))
                entries.append(MergedDictionary.Entry(
                    segment: UInt16(segment), letterFrequency: UInt32(entry.letterFrequency), block: UInt32(block),
                    postingsStart: UInt32(entry.postings.lowerBound), postingsCount: UInt32(entry.postings.count),
                    positionsStart: UInt32(entry.positions.lowerBound), positionsCount: UInt32(entry.positions.count)))
            }
            block += 1
        }
        runStarts.append(entries.count)
    }

    func free() {
        bytes.free()
        starts.free()
        prefixes.free()
        entries.free()
    }
}

/// Values appended to memory of its own, doubled when full (an array's append checks more, and
/// appends of a few bytes each cost a call of their own).
private struct GrowingBuffer<Element> {
    private(set) var buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: 1024)
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == buffer.count { grow(to: count + 1) }
        (buffer.baseAddress! + count).initialize(to: value)
        count += 1
    }

    private mutating func grow(to needed: Int) {
        let larger = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(needed, 2 * buffer.count))
        _ = larger.moveInitialize(fromContentsOf: UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
        buffer.deallocate()
        buffer = larger
    }

    func free() { buffer.deallocate() }
}

extension GrowingBuffer<UInt8> {
    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        if count + bytes.count > buffer.count { grow(to: count + bytes.count) }
        for index in 0..<bytes.count { buffer[count + index] = bytes[index] }
        count += bytes.count
    }
}
