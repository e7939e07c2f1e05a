/// Searches the term dictionary of a mapped segment in place (``TermDictionary``,
/// ``TermIndexEntry``): a binary search over the blocks' first keys, then a walk through one
/// block, keys rebuilt in a buffer on the stack (a lookup allocates nothing but its answer).
/// Every block is verified against its term-index entry when a lookup first touches it, and its
/// terms' heads (skip tables, tails, tail positions) before one of its terms is handed out, so a
/// cursor reads only verified bytes.
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

    /// The dictionary entry of `key` (field byte + term), or nil: the block that may hold it
    /// from the term index, then a scan of that block (``TermDictionaryBlockScan``).
    func lookup(_ key: [UInt8]) throws -> SegmentTerm? {
        guard blockCount > 0, let field = key.first.flatMap(IndexField.init(rawValue:)) else { return nil }
        return try key.withUnsafeBytes { target in
            let block = try lastBlock(startingAtOrBefore: target)
            let (bytes, postingsStart, positionsStart) = try start(ofBlock: block)
            var scan = TermDictionaryBlockScan(bytes)
            guard let found = try scan.find(target, terms: terms(inBlock: block), letterLimit: letterCount,
                                            postingsLimit: postings.count - postingsStart, positionsLimit: positions.count - positionsStart) else { return nil }
            try verifyHeads(ofBlock: block)
            return SegmentTerm(field: field, key: key, letterFrequency: found.letterFrequency,
                               postings: (postingsStart + found.postings.lowerBound)..<(postingsStart + found.postings.upperBound),
                               positions: (positionsStart + found.positions.lowerBound)..<(positionsStart + found.positions.upperBound))
        }
    }

    /// Calls `visit` with every entry whose key starts with `prefix`, in key order, until it
    /// returns false; the heads of each entry's block are verified first.
    func forEach(withPrefix prefix: [UInt8], _ visit: (SegmentTerm) throws -> Bool) throws {
        var verifiedBlock = -1
        try scan(from: prefix) { entry, key, block in
            guard key.starts(with: prefix) else { return false }
            if block != verifiedBlock { try verifyHeads(ofBlock: block); verifiedBlock = block }
            return try visit(entry.info(key: Array(key)))
        }
    }

    /// The block holding the first key of `field`, if any holds one (a block before it
    /// otherwise: a scan reads on from it to the first key of the field).
    func firstBlock(of field: IndexField) throws -> Int {
        guard blockCount > 0 else { return 0 }
        return try [field.rawValue].withUnsafeBytes { try lastBlock(startingAtOrBefore: $0) }
    }

    /// A reader of dictionary block `block`'s entries (the block verified first), keys rebuilt
    /// in `buffer` (``TermDictionaryBlockReader/maximumKeyBytes`` bytes). Their heads are not
    /// verified (``term(key:merged:)`` does, when an entry is used).
    func entries(ofBlock block: Int, buffer: UnsafeMutableRawBufferPointer) throws -> TermDictionaryBlockReader {
        try reader(ofBlock: block, buffer: buffer)
    }

    /// The term `key` from its entry in a ``MergedDictionary`` made of this dictionary, its
    /// block's heads verified (as a lookup verifies them).
    func term(key: [UInt8], merged entry: MergedDictionary.Entry) throws -> SegmentTerm? {
        guard let field = key.first.flatMap(IndexField.init(rawValue:)) else { return nil }
        try verifyHeads(ofBlock: Int(entry.block))
        return SegmentTerm(field: field, key: key, letterFrequency: Int(entry.letterFrequency), postings: entry.postings, positions: entry.positions)
    }

    /// Walks the dictionary from the first key ≥ `start`, calling `visit` with each entry, its key
    /// (valid during the call) and its block number, until it returns false.
    private func scan(from start: [UInt8], _ visit: (TermDictionaryBlockReader.Entry, UnsafeRawBufferPointer, Int) throws -> Bool) throws {
        guard blockCount > 0 else { return }
        try start.withUnsafeBytes { target in
            var block = try lastBlock(startingAtOrBefore: target)
            try withKeyBuffer { buffer in
                while block < blockCount {
                    var entries = try reader(ofBlock: block, buffer: buffer)
                    for _ in 0..<terms(inBlock: block) {
                        let entry = try entries.next()
                        if ByteComparison.compare(entries.key, target) < 0 { continue }
                        if try !visit(entry, entries.key, block) { return }
                    }
                    block += 1
                }
            }
        }
    }

    /// The last block whose first key is ≤ `key` (block `first` when none from it on is): a
    /// binary search over the blocks' first-key prefixes in the term index, and the first keys themselves, read in
    /// place, where a prefix ties.
    func lastBlock(startingAtOrBefore key: UnsafeRawBufferPointer, from first: Int = 0) throws -> Int {
        let wanted = TermIndexEntry.prefix(of: key)
        var low = first
        var high = blockCount - 1
        if first > 0 {
            // From a block on (a walk going forward, whose targets are mostly near): gallop to
            // bound the search, so that it touches blocks near `first` rather than the middle.
            var step = 1
            while low + step <= high {
                guard try block(low + step, startsAtOrBefore: key, prefix: wanted) else { high = low + step - 1; break }
                low += step
                step *= 2
            }
        }
        while low < high {
            let middle = (low + high + 1) / 2
            if try block(middle, startsAtOrBefore: key, prefix: wanted) { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Whether block `block` (< ``blockCount``: its entry lies inside the term index) starts at
    /// or before `key`, whose first-key prefix is `wanted`. The entry holding the prefix is
    /// verified before the prefix is trusted.
    @inline(__always)
    private func block(_ block: Int, startsAtOrBefore key: UnsafeRawBufferPointer, prefix wanted: UInt64) throws -> Bool {
        if !verifiedEntries.contains(block) { _ = try entry(block) }
        let prefix = UInt64(bigEndian: termIndex.loadUnaligned(fromByteOffset: block * TermIndexEntry.size, as: UInt64.self))
        if prefix != wanted { return prefix < wanted }
        return ByteComparison.compare(try TermDictionaryBlockReader.firstKey(of: try blockBytes(block)), key) <= 0
    }

    /// Checks that every term-index entry's first-key prefix is its block's first key's (what the
    /// binary search relies on); returns the first block that disagrees, if any.
    func blockWithWrongPrefix() throws -> Int? {
        for block in 0..<blockCount {
            let first = try TermDictionaryBlockReader.firstKey(of: try blockBytes(block))
            if TermIndexEntry.prefix(of: first) != (try TermIndexEntry.firstKeyPrefix(termIndex, block: block)) { return block }
        }
        return nil
    }

    /// Runs `body` with a buffer on the stack for rebuilding keys.
    func withKeyBuffer<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) throws -> Result {
        try withUnsafeTemporaryAllocation(byteCount: TermDictionaryBlockReader.maximumKeyBytes, alignment: 8) { try body($0) }
    }

    /// Terms in dictionary block `block`: 16, fewer in the last.
    func terms(inBlock block: Int) -> Int {
        min(TermDictionary.termsPerBlock, termCount - block * TermDictionary.termsPerBlock)
    }

    /// Dictionary block `block`'s bytes, verified with its term-index entry once per reader.
    @inline(__always)
    func blockBytes(_ block: Int) throws -> UnsafeRawBufferPointer {
        if !verifiedEntries.contains(block) { return try entry(block).bytes }
        let start = try TermIndexEntry.termsOffset(termIndex, block: block)
        let end = block + 1 < blockCount ? try TermIndexEntry.termsOffset(termIndex, block: block + 1) : UInt64(terms.count)
        guard start <= end, end <= UInt64(terms.count) else { throw IndexError.corrupt("term index entry \(block) points outside its sections") }
        return UnsafeRawBufferPointer(rebasing: terms[Int(start)..<Int(end)])
    }

    /// Dictionary block `block`'s bytes and where its first term's postings and positions
    /// start, verified with its term-index entry once per reader (after that, read straight from
    /// the entry, its offsets checked against the sections: without checksums, a damaged entry
    /// is "verified" too).
    @inline(__always)
    private func start(ofBlock block: Int) throws -> (bytes: UnsafeRawBufferPointer, postings: Int, positions: Int) {
        guard verifiedEntries.contains(block), block < blockCount else {
            let (entry, bytes) = try self.entry(block)
            return (bytes, Int(entry.postingsOffset), Int(entry.positionsOffset))
        }
        let at = block * TermIndexEntry.size
        let postingsOffset = UInt64(littleEndian: termIndex.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
        let positionsOffset = UInt64(littleEndian: termIndex.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
        guard postingsOffset <= UInt64(postings.count), positionsOffset <= UInt64(positions.count) else {
            throw IndexError.corrupt("term index entry \(block) points outside its sections")
        }
        return (try blockBytes(block), Int(postingsOffset), Int(positionsOffset))
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

    private func reader(ofBlock block: Int, buffer: UnsafeMutableRawBufferPointer) throws -> TermDictionaryBlockReader {
        let (entry, bytes) = try self.entry(block)
        return TermDictionaryBlockReader(
            block: bytes, postingsOffset: Int(entry.postingsOffset), positionsOffset: Int(entry.positionsOffset),
            postingsLimit: postings.count, positionsLimit: positions.count, letterLimit: letterCount, buffer: buffer)
    }

    /// Checks the heads of dictionary block `block`'s terms — skip tables, varint tails and the
    /// tails' positions — against the block's heads checksum, so that a cursor over any of them
    /// reads only verified bytes (full postings blocks carry their own checksums).
    private func verifyHeads(ofBlock block: Int) throws {
        if verifiedHeads.contains(block) { return }
        let (entry, _) = try self.entry(block)
        var checksum = CRC32()
        try withKeyBuffer { buffer in
            var entries = try reader(ofBlock: block, buffer: buffer)
            for _ in 0..<terms(inBlock: block) {
                let term = try entries.next()
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
        }
        guard checksum.value == entry.headsChecksum else {
            throw IndexError.corrupt("term dictionary block \(block): postings or positions checksum mismatch")
        }
        verifiedHeads.insert(block)
    }
}
