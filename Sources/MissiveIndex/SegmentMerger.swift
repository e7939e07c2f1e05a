/// Where a dictionary block's terms, postings and positions start.
struct BlockIndexEntry {
    var terms: UInt64, postings: UInt64, positions: UInt64
}

/// The term dictionary and its block index, built while merging.
struct MergedDictionary {
    var terms = ByteEncoder()
    var blockIndex = ByteEncoder()
    var termCount = 0

    /// Appends a finished dictionary block and its term-index entry: the three offsets, the
    /// block's data checksum, and the CRC-32 of those 28 bytes followed by the block's bytes.
    mutating func finishBlock(_ block: inout ByteEncoder, _ entry: BlockIndexEntry, _ dataChecksum: CRC32) {
        let start = blockIndex.bytes.count
        blockIndex.u64(entry.terms)
        blockIndex.u64(entry.postings)
        blockIndex.u64(entry.positions)
        blockIndex.u32(dataChecksum.value)
        var entryChecksum = CRC32()
        blockIndex.bytes.withUnsafeBytes { entryChecksum.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        block.bytes.withUnsafeBytes { entryChecksum.update($0) }
        blockIndex.u32(entryChecksum.value)
        terms.bytes.append(contentsOf: block.bytes)
        block.bytes.removeAll(keepingCapacity: true)
    }
}

/// Merges sorted segments into the final sections: for each key in order, the parts from every
/// segment that holds it (segments cover ascending letter ranges, so parts simply follow one
/// another) are re-encoded into block postings, their positions copied through unchanged.
struct SegmentMerger {
    let readers: [SegmentReader]
    let lengths: [UInt32]
    let averageLength: Double

    init(readers: [SegmentReader], lengths: [UInt32], averageLength: Double) {
        self.readers = readers
        self.lengths = lengths
        self.averageLength = averageLength
    }

    /// Streams positions to `positions` and postings to `postings`, returning the dictionary.
    mutating func merge(positions: FileSink, postings: FileSink) throws -> MergedDictionary {
        var dictionary = MergedDictionary()
        var encoder = PostingsEncoder(averageLength: averageLength)
        var termPostings: [UInt8] = []
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var previousKey: [UInt8] = []
        var block = ByteEncoder()
        var entry = BlockIndexEntry(terms: 0, postings: 0, positions: 0)
        var dataChecksum = CRC32()
        var parts: [SegmentReader] = []
        while true {
            // The smallest current key, and every segment holding it, in segment order.
            parts.removeAll(keepingCapacity: true)
            for reader in readers where !reader.isAtEnd {
                if parts.isEmpty || reader.key.lexicographicallyPrecedes(parts[0].key) {
                    parts.removeAll(keepingCapacity: true)
                    parts.append(reader)
                } else if reader.key == parts[0].key {
                    parts.append(reader)
                }
            }
            guard let first = parts.first else { break }
            let key = first.key

            let firstOfBlock = dictionary.termCount % IndexFormat.termsPerBlock == 0
            if firstOfBlock {
                if dictionary.termCount > 0 { dictionary.finishBlock(&block, entry, dataChecksum) }
                entry = BlockIndexEntry(terms: UInt64(dictionary.terms.bytes.count), postings: postingsOffset, positions: positionsOffset)
                dataChecksum = CRC32()
            }
            var positionsLength = 0
            for part in parts {
                try addPostings(of: part, to: &encoder)
                try positions.write(part.positions)
                positionsLength += part.positions.count
            }
            let docFreq = encoder.docFreq
            termPostings.removeAll(keepingCapacity: true)
            encoder.finish(into: &termPostings, dataChecksum: &dataChecksum)
            try postings.write(termPostings)

            var shared = 0
            if !firstOfBlock {
                let limit = min(key.count, previousKey.count)
                while shared < limit && key[shared] == previousKey[shared] { shared += 1 }
            }
            block.varint(shared)
            block.varint(key.count - shared)
            block.bytes.append(contentsOf: key[shared...])
            block.varint(docFreq)
            block.varint(termPostings.count)
            block.varint(positionsLength)
            postingsOffset += UInt64(termPostings.count)
            positionsOffset += UInt64(positionsLength)
            previousKey = key
            dictionary.termCount += 1
            for part in parts { try part.advance() }
        }
        if dictionary.termCount > 0 { dictionary.finishBlock(&block, entry, dataChecksum) }
        return dictionary
    }

    /// Decodes one segment part's postings and feeds them, with each letter's position byte
    /// count, to the encoder.
    private func addPostings(of part: SegmentReader, to encoder: inout PostingsEncoder) throws {
        var reader = ByteDecoder(part.postings, what: "segment postings")
        let positions = part.positions
        var positionIndex = 0
        var doc = part.docBase - 1
        for _ in 0..<part.docFreq {
            let code = try reader.varint()
            let freq = code & 1 == 1 ? 1 : try reader.varint()
            doc += Int(code >> 1)
            guard doc >= 0, doc < lengths.count, freq > 0, freq <= UInt64(UInt32.max) else {
                throw IndexError.corrupt("segment \(part.path) holds an invalid letter id")
            }
            // The letter's positions are `freq` varints: find their end.
            let start = positionIndex
            var remaining = Int(freq)
            while remaining > 0 {
                guard positionIndex < positions.count else { throw IndexError.corrupt("segment \(part.path): positions end early") }
                if positions[positionIndex] < 0x80 { remaining -= 1 }
                positionIndex += 1
            }
            encoder.add(doc: UInt32(doc), freq: UInt32(freq), positions: UnsafeRawBufferPointer(rebasing: positions[start..<positionIndex]),
                        length: lengths[doc])
        }
    }
}
