/// The keys of one field of an index's smaller segments (all but the one with the most terms),
/// merged into one sorted list in memory, for the walks that seek often (fuzzy words and
/// corrections, whose walks pass over most keys): a word several segments hold is visited once,
/// not once per segment, and a seek is a gallop and a binary search over whole keys, where on
/// disk it is a search of each segment's term index and a dictionary block decoded from its
/// start (in a small segment nearly every seek lands in a new block, so most keys decoded are
/// passed over). Built with one walk of each segment's keys, which verifies every block as any
/// walk does, and kept for the reader's life (``IndexReader/walkTerms(in:_:)``), from the
/// index's second walk of the field on, so a process that walks once (a `missive search` with a
/// misspelled word) reads no more than before. Its size is the smaller segments' vocabulary,
/// about 22 bytes a word (0.6 MB for 30,000 words, 4.4 MB for 200,000).
final class TermKeyList: Sendable {
    /// The keys (after the field byte), one after another.
    private let bytes: [UInt8]
    /// Where key `i` starts in `bytes` (and, at `i + 1`, ends).
    private let starts: [UInt32]
    /// Letters holding key `i` (deleted ones included, as in the dictionaries; summed over the
    /// segments merged).
    private let letterFrequencies: [Int]

    /// The keys of `field` in `dictionary`, read with one walk.
    init(_ dictionary: TermDictionaryReader, field: IndexField) throws {
        var bytes: [UInt8] = [], starts: [UInt32] = [0], frequencies: [Int] = []
        try dictionary.walkKeys(withPrefix: [field.rawValue]) { key, letterFrequency in
            bytes.append(contentsOf: key)
            starts.append(UInt32(bytes.count))
            frequencies.append(letterFrequency)
            return .next
        }
        self.bytes = bytes
        self.starts = starts
        letterFrequencies = frequencies
    }

    /// The keys of `lists`, each once (letter counts summed), in order: a merge of each list
    /// into the keys so far.
    init(merging lists: [TermKeyList]) {
        var bytes: [UInt8] = [], starts: [UInt32] = [0], frequencies: [Int] = []
        for list in lists {
            let (oldBytes, oldStarts, oldFrequencies) = (bytes, starts, frequencies)
            bytes = []
            starts = [0]
            frequencies = []
            bytes.reserveCapacity(oldBytes.count + list.bytes.count)
            oldBytes.withUnsafeBytes { left in
                list.bytes.withUnsafeBytes { right in
                    func append(_ key: UnsafeRawBufferPointer, _ letters: Int) {
                        bytes.append(contentsOf: key)
                        starts.append(UInt32(bytes.count))
                        frequencies.append(letters)
                    }
                    var i = 0, j = 0
                    while i < oldFrequencies.count || j < list.count {
                        let a = i < oldFrequencies.count ? UnsafeRawBufferPointer(rebasing: left[Int(oldStarts[i])..<Int(oldStarts[i + 1])]) : nil
                        let b = j < list.count ? list.key(j, in: right) : nil
                        let order = a == nil ? 1 : b == nil ? -1 : ByteComparison.compare(a!, b!)
                        if order < 0 {
                            append(a!, oldFrequencies[i])
                            i += 1
                        } else if order > 0 {
                            append(b!, list.letterFrequencies[j])
                            j += 1
                        } else {
                            append(a!, oldFrequencies[i] + list.letterFrequencies[j])
                            i += 1
                            j += 1
                        }
                    }
                }
            }
        }
        self.bytes = bytes
        self.starts = starts
        letterFrequencies = frequencies
    }

    /// Keys held.
    var count: Int { letterFrequencies.count }

    /// The walk of ``TermDictionaryReader/walkKeys(withPrefix:_:)`` over these keys: each key
    /// (valid during the call) with its letter count, in order, passing over the keys `visit`
    /// says it cannot want.
    func walk(_ visit: (UnsafeRawBufferPointer, Int) throws -> KeyWalkStep) throws {
        try bytes.withUnsafeBytes { all in
            try withUnsafeTemporaryAllocation(byteCount: TermDictionaryBlockReader.maximumKeyBytes, alignment: 8) { target in
                var index = 0
                while index < count {
                    let key = self.key(index, in: all)
                    switch try visit(key, letterFrequencies[index]) {
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
