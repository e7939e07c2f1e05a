/// The term dictionary: every term of every field in byte order of its key (the field's byte,
/// then the term's UTF-8), in blocks of ``termsPerBlock``, each described by a ``TermIndexEntry``.
///
/// A block is its terms' entries, front-coded against the previous key in the block (the first
/// is stored whole, so a block can be searched without the one before):
/// ```
/// shared          varint  bytes shared with the previous key (0 for a block's first term)
/// suffix length   varint
/// suffix          bytes
/// letter count    varint  letters holding the term (≥ 1)
/// postings length varint  the term's bytes in the postings section (they follow the previous term's)
/// positions length varint the term's bytes in the positions section (likewise)
/// ```
enum TermDictionary {
    /// Terms per block (the last block may hold fewer).
    static let termsPerBlock = 16

    /// Blocks needed for `termCount` terms.
    static func blockCount(terms termCount: Int) -> Int { (termCount + termsPerBlock - 1) / termsPerBlock }
}

/// Writes the dictionary and term index for terms added in key order.
struct TermDictionaryWriter {
    /// The terms section.
    private(set) var terms = ByteEncoder()
    /// The term-index section.
    private(set) var termIndex = ByteEncoder()
    /// Terms added.
    private(set) var termCount = 0
    /// The checksum of the current block's terms' heads; the postings encoder feeds each term's
    /// head into it (``PostingsEncoder/finish(into:headsChecksum:)``).
    var headsChecksum = CRC32()
    /// The hashes of the keys added, for the term filter.
    private(set) var keyHashes: [UInt64] = []
    private var block = ByteEncoder()
    private var previousKey: [UInt8] = []
    private var entry = TermIndexEntry(firstKeyPrefix: 0, termsOffset: 0, postingsOffset: 0, positionsOffset: 0, headsChecksum: 0)

    /// Call before a term's postings are encoded, with where they will start: begins a new block
    /// every ``TermDictionary/termsPerBlock`` terms (finishing the last).
    mutating func startTerm(postingsOffset: UInt64, positionsOffset: UInt64) {
        guard termCount % TermDictionary.termsPerBlock == 0 else { return }
        if termCount > 0 { finishBlock() }
        entry = TermIndexEntry(firstKeyPrefix: 0, termsOffset: UInt64(terms.bytes.count), postingsOffset: postingsOffset,
                               positionsOffset: positionsOffset, headsChecksum: 0)
        headsChecksum = CRC32()
    }

    /// Adds the entry of `key` (field byte + term), greater than every key before it.
    mutating func addTerm(key: [UInt8], letterFrequency: Int, postingsLength: Int, positionsLength: Int) {
        key.withUnsafeBytes { raw in
            keyHashes.append(TermFilter.hash(raw))
            if termCount % TermDictionary.termsPerBlock == 0 { entry.firstKeyPrefix = TermIndexEntry.prefix(of: raw) }
        }
        var shared = 0
        if termCount % TermDictionary.termsPerBlock != 0 {
            let limit = min(key.count, previousKey.count)
            while shared < limit && key[shared] == previousKey[shared] { shared += 1 }
        }
        block.varint(shared)
        block.varint(key.count - shared)
        block.append(key[shared...])
        block.varint(letterFrequency)
        block.varint(postingsLength)
        block.varint(positionsLength)
        previousKey = key
        termCount += 1
    }

    /// Finishes the last block.
    mutating func finish() {
        if termCount > 0 && !block.bytes.isEmpty { finishBlock() }
    }

    /// Appends the finished dictionary `next`, whose keys all follow this one's and whose
    /// postings and positions follow this one's at `postingsBase` and `positionsBase`: its blocks
    /// are kept as they are and its term-index entries moved to their new offsets. This
    /// dictionary must be finished and end a block, so the result is the dictionary that adding
    /// every term to one writer would have made.
    mutating func append(_ next: TermDictionaryWriter, postingsBase: UInt64, positionsBase: UInt64) throws {
        precondition(termCount % TermDictionary.termsPerBlock == 0 && block.bytes.isEmpty, "appended after a partial block")
        let termsBase = UInt64(terms.bytes.count)
        let blocks = TermDictionary.blockCount(terms: next.termCount)
        try next.termIndex.bytes.withUnsafeBytes { index in
            try next.terms.bytes.withUnsafeBytes { nextTerms in
                for number in 0..<blocks {
                    var (moved, _) = try TermIndexEntry.decode(index, block: number)
                    let end = number + 1 < blocks ? Int(try TermIndexEntry.termsOffset(index, block: number + 1)) : nextTerms.count
                    let blockBytes = UnsafeRawBufferPointer(rebasing: nextTerms[Int(moved.termsOffset)..<end])
                    moved.termsOffset += termsBase
                    moved.postingsOffset += postingsBase
                    moved.positionsOffset += positionsBase
                    moved.encode(into: &termIndex, block: blockBytes)
                }
            }
        }
        terms.append(next.terms.bytes)
        keyHashes += next.keyHashes
        termCount += next.termCount
    }

    private mutating func finishBlock() {
        entry.headsChecksum = headsChecksum.value
        block.bytes.withUnsafeBytes { entry.encode(into: &termIndex, block: $0) }
        terms.append(block.bytes)
        block.bytes.removeAll(keepingCapacity: true)
    }
}

/// Decodes the front-coded entries of one dictionary block in order, each key rebuilt in a
/// buffer the caller provides (no allocation per entry).
struct TermDictionaryBlockReader {
    private var reader: ByteDecoder
    private var postingsOffset: Int
    private var positionsOffset: Int
    private let postingsLimit: Int
    private let positionsLimit: Int
    private let letterLimit: Int
    /// Where the current key is rebuilt; keys longer than it are reported as damage.
    private let buffer: UnsafeMutableRawBufferPointer
    private var keyLength = 0

    /// The longest key a block may hold (field byte + the tokenizer's longest term, with room).
    static let maximumKeyBytes = 512

    /// One decoded entry, without its key (``key`` holds it until the next entry).
    struct Entry {
        var field: IndexField
        var letterFrequency: Int
        /// The term's bytes in the postings section.
        var postings: Range<Int>
        /// The term's bytes in the positions section.
        var positions: Range<Int>

        /// The full dictionary entry for `key` (field byte + term).
        func info(key: [UInt8]) -> SegmentTerm {
            SegmentTerm(field: field, key: key, letterFrequency: letterFrequency, postings: postings, positions: positions)
        }
    }

    /// A reader of `block` (a dictionary block's bytes) whose terms' postings and positions start
    /// at the given offsets; lengths may not run past the limits, nor letter counts past
    /// `letterLimit`. Keys are rebuilt in `buffer` (``maximumKeyBytes`` bytes).
    init(block: UnsafeRawBufferPointer, postingsOffset: Int, positionsOffset: Int,
         postingsLimit: Int, positionsLimit: Int, letterLimit: Int, buffer: UnsafeMutableRawBufferPointer) {
        reader = ByteDecoder(block, what: "term dictionary")
        self.postingsOffset = postingsOffset
        self.positionsOffset = positionsOffset
        self.postingsLimit = postingsLimit
        self.positionsLimit = positionsLimit
        self.letterLimit = letterLimit
        self.buffer = buffer
    }

    /// The key of the entry last decoded (valid until the next).
    var key: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<keyLength]) }

    /// The first key of `block`, read in place (it is stored whole: nothing shared).
    static func firstKey(of block: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        var reader = ByteDecoder(block, what: "term dictionary")
        guard try reader.varint() == 0 else { throw IndexError.corrupt("a dictionary block starts with a shared prefix") }
        return try reader.bytes(try reader.count(atMost: reader.remaining))
    }

    /// Decodes the next entry's key into ``key`` and returns how many of its bytes it shares
    /// with the key before it and its letter count, passing over its postings and positions
    /// lengths without reading them: what a walk over the keys alone needs (the block's checksum
    /// was verified; nothing read here is used to reach other bytes). A reader that has done
    /// this no longer knows where its terms' postings start: only `nextKey` may follow.
    @inline(__always)
    mutating func nextKey() throws -> (shared: Int, letterFrequency: Int) {
        // Nearly every entry's shared and suffix lengths and letter count are one byte each, and
        // its postings and positions lengths end within the next eight bytes: read those here
        // (the suffix byte by byte into the key: a call to memcpy costs more than a short one),
        // the rest through the decoder.
        let base = reader.base
        var at = reader.offset
        guard base.count - at >= 2, base[at] < 0x80, base[at + 1] < 0x80 else { return try nextKeyThroughDecoder() }
        let shared = Int(base[at]), suffixLength = Int(base[at + 1])
        at += 2
        guard shared <= keyLength, suffixLength <= base.count - at, shared + suffixLength <= buffer.count, shared + suffixLength >= 2 else {
            throw IndexError.corrupt("a term dictionary key has an invalid length")
        }
        for index in 0..<suffixLength { buffer[shared + index] = base[at + index] }
        keyLength = shared + suffixLength
        at += suffixLength
        if base.count - at >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            // A varint ends at each byte whose high bit is clear: the letter count's at byte 0;
            // with the first two ends cleared, the lowest left is the positions length's.
            var ends = ~word & 0x8080_8080_8080_8080
            ends &= ends &- 1
            ends &= ends &- 1
            if word & 0x80 == 0 && ends != 0 {
                let letterFrequency = Int(word & 0x7F)
                guard letterFrequency <= letterLimit else { throw IndexError.corrupt("term dictionary: a letter count exceeds the letters") }
                reader.offset = at + ends.trailingZeroBitCount / 8 + 1
                return (shared, letterFrequency)
            }
        }
        reader.offset = at
        return (shared, try passOverLengths())
    }

    /// ``nextKey()`` for an entry whose shared or suffix length takes more than a byte.
    private mutating func nextKeyThroughDecoder() throws -> (shared: Int, letterFrequency: Int) {
        let shared = try reader.count(atMost: keyLength)
        let suffixLength = try reader.count(atMost: reader.remaining)
        let suffix = try reader.bytes(suffixLength)
        guard shared + suffixLength <= buffer.count, shared + suffixLength >= 2 else { throw IndexError.corrupt("a term dictionary key has an invalid length") }
        if suffixLength > 0 { UnsafeMutableRawBufferPointer(rebasing: buffer[shared..<(shared + suffixLength)]).copyMemory(from: suffix) }
        keyLength = shared + suffixLength
        return (shared, try passOverLengths())
    }

    /// Reads an entry's letter count and passes over its postings and positions lengths.
    private mutating func passOverLengths() throws -> Int {
        let letterFrequency = try reader.count(atMost: letterLimit)
        try reader.skipVarints(2)
        return letterFrequency
    }

    /// Decodes the next entry, its key into ``key``.
    mutating func next() throws -> Entry {
        let shared = try reader.count(atMost: keyLength)
        let suffixLength = try reader.count(atMost: reader.remaining)
        let suffix = try reader.bytes(suffixLength)
        guard shared + suffixLength <= buffer.count else { throw IndexError.corrupt("a term dictionary key is too long") }
        if suffixLength > 0 { UnsafeMutableRawBufferPointer(rebasing: buffer[shared..<(shared + suffixLength)]).copyMemory(from: suffix) }
        keyLength = shared + suffixLength
        guard keyLength >= 2, let field = IndexField(rawValue: buffer[0]) else {
            throw IndexError.corrupt("term dictionary entry has no valid field")
        }
        let letterFrequency = try reader.count(atMost: letterLimit)
        let postingsLength = try reader.count(atMost: postingsLimit - postingsOffset)
        let positionsLength = try reader.count(atMost: positionsLimit - positionsOffset)
        guard letterFrequency > 0 else { throw IndexError.corrupt("term with no letters") }
        let info = Entry(field: field, letterFrequency: letterFrequency,
                         postings: postingsOffset..<(postingsOffset + postingsLength),
                         positions: positionsOffset..<(positionsOffset + positionsLength))
        postingsOffset += postingsLength
        positionsOffset += positionsLength
        return info
    }
}

/// Finds a key in one dictionary block in place, without rebuilding the keys before it: a key
/// sharing more with the one before it than that one shared with the target still precedes the
/// target; one sharing less already follows it; only one sharing exactly that many is compared,
/// and only from there on. Every read is checked against the block's end; a varint with ten
/// bytes of the block after it is read without checking each byte.
struct TermDictionaryBlockScan {
    private let base: UnsafeRawBufferPointer
    private var at = 0

    init(_ block: UnsafeRawBufferPointer) { base = block }

    /// Where a key found in the block points, relative to where the block's terms' postings and
    /// positions start.
    struct Found {
        var letterFrequency: Int
        var postings: Range<Int>
        var positions: Range<Int>
    }

    /// The entry of `target` among the block's first `terms` entries, or nil. Letter counts must
    /// lie in 1...`letterLimit`, and the entries' postings and positions within the given
    /// lengths (what is left of each section from the block's first term on).
    mutating func find(_ target: UnsafeRawBufferPointer, terms: Int, letterLimit: Int, postingsLimit: Int, positionsLimit: Int) throws -> Found? {
        guard postingsLimit >= 0, positionsLimit >= 0 else { throw IndexError.corrupt("a term dictionary block starts outside its sections") }
        var postingsOffset = 0, positionsOffset = 0
        var matched = 0
        var previousLength = 0
        for _ in 0..<terms {
            let shared = try varint(), suffixLength = try varint()
            guard shared <= UInt64(previousLength), suffixLength <= UInt64(base.count - at) else {
                throw IndexError.corrupt("a term dictionary key has an invalid length")
            }
            let suffix = UnsafeRawBufferPointer(rebasing: base[at..<(at + Int(suffixLength))])
            at += suffix.count
            previousLength = Int(shared) + suffix.count
            guard previousLength >= 2, previousLength <= TermDictionaryBlockReader.maximumKeyBytes else {
                throw IndexError.corrupt("term dictionary entry has an invalid length")
            }
            var order = Int(shared) > matched ? -1 : 1
            if Int(shared) == matched {
                let common = ByteComparison.commonPrefixLength(suffix, UnsafeRawBufferPointer(rebasing: target[matched...]))
                matched += common
                if common < suffix.count && matched < target.count {
                    order = suffix[common] < target[matched] ? -1 : 1
                } else {
                    order = previousLength < target.count ? -1 : (previousLength == target.count ? 0 : 1)
                }
            }
            if order > 0 { return nil }
            let letters = try varint(), postingsLength = try varint(), positionsLength = try varint()
            guard letters > 0, letters <= UInt64(letterLimit) else { throw IndexError.corrupt("term dictionary: a letter count is 0 or exceeds the letters") }
            guard postingsLength <= UInt64(postingsLimit - postingsOffset), positionsLength <= UInt64(positionsLimit - positionsOffset) else {
                throw IndexError.corrupt("term dictionary: a term's postings or positions run past their section")
            }
            if order == 0 {
                return Found(letterFrequency: Int(letters), postings: postingsOffset..<(postingsOffset + Int(postingsLength)),
                             positions: positionsOffset..<(positionsOffset + Int(positionsLength)))
            }
            postingsOffset += Int(postingsLength)
            positionsOffset += Int(positionsLength)
        }
        return nil
    }

    @inline(__always)
    private mutating func varint() throws -> UInt64 {
        guard base.count - at >= 10 else { return try varintNearTheEnd() }
        var byte = UInt64(base[at])
        at += 1
        if byte < 0x80 { return byte }
        var value = byte & 0x7F, shift: UInt64 = 7
        repeat {
            byte = UInt64(base[at])
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
        } while byte >= 0x80 && shift < 70
        guard byte < 0x80 else { throw IndexError.corrupt("term dictionary: a varint is too long") }
        return value
    }

    private mutating func varintNearTheEnd() throws -> UInt64 {
        var decoder = ByteDecoder(base, offset: at, what: "term dictionary")
        defer { at = decoder.offset }
        return try decoder.varint()
    }
}
