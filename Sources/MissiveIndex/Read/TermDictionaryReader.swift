/// Searches the term dictionary of a mapped index in place (``TermDictionary``,
/// ``TermIndexEntry``): a binary search over the blocks' first keys, then a walk through one
/// block. Every block is verified against its term-index entry when a lookup first touches it,
/// and its terms' heads (skip tables, tails, tail positions) before one of its terms is handed
/// out, so a cursor reads only verified bytes.
struct TermDictionaryReader {
    /// The terms section.
    let terms: UnsafeRawBufferPointer
    /// The term-index section.
    let termIndex: UnsafeRawBufferPointer
    /// The postings and positions sections (for the heads' checksums and the bounds of lengths).
    let postings: UnsafeRawBufferPointer
    let positions: UnsafeRawBufferPointer
    let termCount: Int
    let letterCount: Int
    /// Blocks whose term-index entry and bytes have been verified.
    let verifiedEntries: VerifiedSet
    /// Blocks whose terms' heads have been verified.
    let verifiedHeads: VerifiedSet

    var blockCount: Int { termIndex.count / TermIndexEntry.size }

    /// The dictionary entry of `key` (field byte + term), or nil.
    func lookup(_ key: [UInt8]) throws -> SegmentTerm? {
        var found: SegmentTerm?
        try scan(from: key) { entry, entryKey, block in
            if entryKey == key {
                try verifyHeads(ofBlock: block)
                found = entry.info(key: entryKey)
            }
            return false
        }
        return found
    }

    /// Calls `visit` with every entry whose key starts with `prefix`, in key order, until it
    /// returns false; the heads of each entry's block are verified first.
    func forEach(withPrefix prefix: [UInt8], _ visit: (SegmentTerm) throws -> Bool) throws {
        var verifiedBlock = -1
        try scan(from: prefix) { entry, entryKey, block in
            guard entryKey.starts(with: prefix) else { return false }
            if block != verifiedBlock { try verifyHeads(ofBlock: block); verifiedBlock = block }
            return try visit(entry.info(key: entryKey))
        }
    }

    /// Every key starting with `prefix` as its bytes after the prefix's first byte (the field) and
    /// its letter count, in order, without building a ``SegmentTerm`` per term: the fast walk fuzzy
    /// matching needs (the blocks are verified; their heads are not read).
    func forEachKey(withPrefix prefix: [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
        try scan(from: prefix) { entry, entryKey, _ in
            guard entryKey.starts(with: prefix) else { return false }
            try body(entryKey.dropFirst(), entry.letterFrequency)
            return true
        }
    }

    /// Walks the dictionary from the first key ≥ `start` (roughly: from the block that may hold it),
    /// calling `visit` with each entry whose key is ≥ `start`, and its block number, until it
    /// returns false. Every block read is verified against its term-index entry's checksum.
    private func scan(from start: [UInt8], _ visit: (TermDictionaryBlockReader.Entry, [UInt8], Int) throws -> Bool) throws {
        guard blockCount > 0 else { return }
        // Last block whose first key is ≤ start.
        var low = 0
        var high = blockCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            let first = try TermDictionaryBlockReader.firstKey(of: try entry(middle).bytes)
            if start.withUnsafeBytes({ ByteComparison.compare(first, $0) }) <= 0 { low = middle } else { high = middle - 1 }
        }
        var block = low
        var key: [UInt8] = []
        key.reserveCapacity(128)
        while block < blockCount {
            var entries = try reader(ofBlock: block)
            key.removeAll(keepingCapacity: true)
            for _ in 0..<terms(inBlock: block) {
                let entry = try entries.next(&key)
                if Self.compare(key, start) < 0 { continue }
                if try !visit(entry, key, block) { return }
            }
            block += 1
        }
    }

    /// Byte-wise order of two keys: negative, zero or positive.
    @inline(__always)
    private static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        left.withUnsafeBytes { l in right.withUnsafeBytes { r in ByteComparison.compare(l, r) } }
    }

    /// Terms in dictionary block `block`: 16, fewer in the last.
    private func terms(inBlock block: Int) -> Int {
        min(TermDictionary.termsPerBlock, termCount - block * TermDictionary.termsPerBlock)
    }

    /// Term-index entry `block` and its dictionary block's bytes, checked against the entry's
    /// checksum (once per reader) before anything in them is used.
    private func entry(_ block: Int) throws -> (entry: TermIndexEntry, bytes: UnsafeRawBufferPointer) {
        let (entry, checksum) = try TermIndexEntry.decode(termIndex, block: block)
        var termsEnd = UInt64(terms.count)
        if block + 1 < blockCount { termsEnd = try TermIndexEntry.termsOffset(termIndex, block: block + 1) }
        guard entry.termsOffset <= termsEnd, termsEnd <= UInt64(terms.count), entry.postingsOffset <= UInt64(postings.count),
              entry.positionsOffset <= UInt64(positions.count) else {
            throw IndexError.corrupt("term index entry \(block) points outside its sections")
        }
        let bytes = UnsafeRawBufferPointer(rebasing: terms[Int(entry.termsOffset)..<Int(termsEnd)])
        if !verifiedEntries.contains(block) {
            guard TermIndexEntry.verify(termIndex, block: block, blockBytes: bytes, checksum: checksum) else {
                throw IndexError.corrupt("term dictionary block \(block): checksum mismatch")
            }
            verifiedEntries.insert(block)
        }
        return (entry, bytes)
    }

    private func reader(ofBlock block: Int) throws -> TermDictionaryBlockReader {
        let (entry, bytes) = try self.entry(block)
        return TermDictionaryBlockReader(
            block: bytes, postingsOffset: Int(entry.postingsOffset), positionsOffset: Int(entry.positionsOffset),
            postingsLimit: postings.count, positionsLimit: positions.count, letterLimit: letterCount)
    }

    /// Checks the heads of dictionary block `block`'s terms — skip tables, varint tails and the
    /// tails' positions — against the block's heads checksum, so that a cursor over any of them
    /// reads only verified bytes (full postings blocks carry their own checksums).
    private func verifyHeads(ofBlock block: Int) throws {
        if verifiedHeads.contains(block) { return }
        let (entry, _) = try self.entry(block)
        var entries = try reader(ofBlock: block)
        var key: [UInt8] = []
        var checksum = CRC32()
        for _ in 0..<terms(inBlock: block) {
            let term = try entries.next(&key)
            let termPostings = UnsafeRawBufferPointer(rebasing: postings[term.postings])
            let termPositions = UnsafeRawBufferPointer(rebasing: positions[term.positions])
            let fullBlocks = term.letterFrequency / PostingsLayout.blockSize
            let skipBytes = fullBlocks * SkipEntry.size
            var tailStart = 0, tailPositionsStart = 0
            if fullBlocks > 0 {
                guard skipBytes <= termPostings.count else { throw IndexError.corrupt("postings skip table runs past its end") }
                tailStart = skipBytes + Int(try SkipEntry.field(.blockEnd, ofBlock: fullBlocks - 1, in: termPostings))
                tailPositionsStart = Int(try SkipEntry.field(.positionsEnd, ofBlock: fullBlocks - 1, in: termPostings))
            }
            guard tailStart <= termPostings.count, tailPositionsStart <= termPositions.count else {
                throw IndexError.corrupt("term dictionary block \(block): a term's blocks run past its postings")
            }
            checksum.update(UnsafeRawBufferPointer(rebasing: termPostings[0..<skipBytes]))
            checksum.update(UnsafeRawBufferPointer(rebasing: termPostings[tailStart...]))
            checksum.feed(CRC32.checksum(UnsafeRawBufferPointer(rebasing: termPositions[tailPositionsStart...])))
        }
        guard checksum.value == entry.headsChecksum else {
            throw IndexError.corrupt("term dictionary block \(block): postings or positions checksum mismatch")
        }
        verifiedHeads.insert(block)
    }
}
