/// The walk over a dictionary's keys that fuzzy matching and the header keys need: every key
/// with a prefix, in order, as its bytes and letter count only, passing over the keys the visitor
/// says it cannot want.
extension TermDictionaryReader {
    /// Every key starting with `prefix`, as its bytes after the prefix (valid during the call),
    /// with its letter count, in order, without building a ``SegmentTerm`` per term (the blocks
    /// are verified; their heads are not read). `visit` may say where the next key it could want
    /// starts (``KeyWalkStep``): the keys before that in the block are decoded and passed over,
    /// compared with the target only from the bytes they do not share with the key before them
    /// (as ``lookup(_:)`` does), and the blocks that hold only such keys are not read at all (a
    /// search of the term index, galloping from the current block, for the block that holds it).
    func walkKeys(withPrefix prefix: [UInt8], _ visit: (UnsafeRawBufferPointer, Int) throws -> KeyWalkStep) throws {
        guard blockCount > 0 else { return }
        try prefix.withUnsafeBytes { prefix in try withKeyBuffer { buffer in try withKeyBuffer { target in
            // The keys before target[0..<targetLength] are passed over (none when it is 0); while
            // they are, `matched` is how many bytes the key last decoded shares with the target.
            var targetLength = 0, matched = 0
            var block = try lastBlock(startingAtOrBefore: prefix)
            while block < blockCount {
                // Only keys and letter counts are read: the reader needs no postings offsets.
                var entries = TermDictionaryBlockReader(block: try blockBytes(block), postingsOffset: 0, positionsOffset: 0, postingsLimit: 0,
                                                        positionsLimit: 0, letterLimit: letterCount, buffer: buffer)
                for index in 0..<terms(inBlock: block) {
                    let (shared, letterFrequency) = try entries.nextKey()
                    let key = entries.key
                    if targetLength > 0 {
                        // A key sharing more with the one before than that one shared with the
                        // target still precedes it; one sharing less follows it; otherwise (and
                        // at a block's first key, stored whole) compare from the shared bytes on.
                        if index > 0 && shared > matched { continue }
                        if index == 0 || shared == matched {
                            let (common, precedes) = Self.order(key, UnsafeRawBufferPointer(rebasing: target[..<targetLength]), from: index == 0 ? 0 : shared)
                            matched = common
                            if precedes { continue }
                        }
                        targetLength = 0
                    }
                    guard key.count >= prefix.count, ByteComparison.equal(key.baseAddress!, prefix.baseAddress!, count: prefix.count) else {
                        if ByteComparison.compare(key, prefix) > 0 { return } else { continue }
                    }
                    let step = try visit(UnsafeRawBufferPointer(rebasing: key[prefix.count...]), letterFrequency)
                    let keep = { (sharing: Int) in prefix.count + min(max(sharing, 0), key.count - prefix.count) }
                    switch step {
                    case .next: continue
                    case .passOverKeys(let sharing):
                        // Past every key that starts with those bytes (none is past all-0xFF bytes).
                        var length = keep(sharing)
                        while length > 0 && key[length - 1] == 0xFF { length -= 1 }
                        guard length > 0 else { return }
                        UnsafeMutableRawBufferPointer(rebasing: target[..<length]).copyMemory(from: UnsafeRawBufferPointer(rebasing: key[..<length]))
                        target[length - 1] = key[length - 1] + 1
                        targetLength = length
                    case .skipToKeys(let sharing, let byte):
                        let length = keep(sharing)
                        // (A key as long as the buffer leaves no room for the byte: go on key by key.)
                        guard length < target.count else { continue }
                        UnsafeMutableRawBufferPointer(rebasing: target[..<length]).copyMemory(from: UnsafeRawBufferPointer(rebasing: key[..<length]))
                        target[length] = byte
                        targetLength = length + 1
                    }
                    let (common, precedes) = Self.order(key, UnsafeRawBufferPointer(rebasing: target[..<targetLength]), from: 0)
                    matched = common
                    if !precedes { targetLength = 0 }
                }
                block += 1
                if targetLength > 0, block < blockCount {
                    // The next block is read anyway when the target comes before its first key
                    // (a prefix strictly below its term-index prefix); else search from it on.
                    let next = block, wanted = UnsafeRawBufferPointer(rebasing: target[..<targetLength])
                    if TermIndexEntry.prefix(of: wanted) >= (try TermIndexEntry.firstKeyPrefix(termIndex, block: next)) {
                        block = try lastBlock(startingAtOrBefore: wanted, from: next)
                    }
                }
            }
        } } }
    }

    /// How many bytes `key` and `target` share, knowing the first `known` are the same, and
    /// whether `key` orders before `target`.
    @inline(__always)
    private static func order(_ key: UnsafeRawBufferPointer, _ target: UnsafeRawBufferPointer, from known: Int) -> (common: Int, precedes: Bool) {
        let limit = min(key.count, target.count)
        var common = known
        while common < limit && key[common] == target[common] { common += 1 }
        return (common, common < limit ? key[common] < target[common] : key.count < target.count)
    }
}

/// What a walk over dictionary keys does after visiting one.
package enum KeyWalkStep {
    /// Go on to the next key.
    case next
    /// Pass over the following keys whose first `sharing` bytes (after the walk's prefix) are
    /// this key's: none of them can be wanted.
    case passOverKeys(sharing: Int)
    /// Go on to the first key at or after this key's first `sharing` bytes followed by `byte`:
    /// none before it can be wanted.
    case skipToKeys(sharing: Int, then: UInt8)
}

