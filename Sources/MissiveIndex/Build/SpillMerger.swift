/// Merges sorted spill files into the segment's sections: for each key in order, the parts from every
/// spill file that holds it (spill files cover ascending letter ranges, so parts simply follow one
/// another) are re-encoded into block postings, their positions copied through unchanged.
struct SpillMerger {
    let readers: [SpillReader]
    /// Every letter's length, by id (for the score bounds).
    let lengths: [UInt32]
    let averageLength: Double

    /// Streams positions to `positions` and postings to `postings`, returning the dictionary of
    /// the keys from the readers' current ones up to `end` (excluded; nil: to the end).
    func merge(positions: FileSink, postings: FileSink, end: [UInt8]? = nil) throws -> TermDictionaryWriter {
        var dictionary = TermDictionaryWriter()
        var encoder = PostingsEncoder(averageLength: averageLength)
        var termPostings: [UInt8] = []
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var parts: [SpillReader] = []
        while true {
            Self.smallestKey(of: readers, into: &parts)
            guard let first = parts.first else { break }
            let key = first.key
            if let end, !key.lexicographicallyPrecedes(end) { break }

            dictionary.startTerm(postingsOffset: postingsOffset, positionsOffset: positionsOffset)
            var positionsLength = 0
            for part in parts {
                try addPostings(of: part, to: &encoder)
                try positions.write(part.positions)
                positionsLength += part.positions.count
            }
            let letterFrequency = encoder.letterFrequency
            termPostings.removeAll(keepingCapacity: true)
            encoder.finish(into: &termPostings, headsChecksum: &dictionary.headsChecksum)
            try postings.write(termPostings)
            dictionary.addTerm(key: key, letterFrequency: letterFrequency, postingsLength: termPostings.count,
                               positionsLength: positionsLength)
            postingsOffset += UInt64(termPostings.count)
            positionsOffset += UInt64(positionsLength)
            for part in parts { try part.advance() }
        }
        dictionary.finish()
        return dictionary
    }

    /// The readers at the smallest current key, in run order, in `parts` (none at the end).
    static func smallestKey(of readers: [SpillReader], into parts: inout [SpillReader]) {
        parts.removeAll(keepingCapacity: true)
        for reader in readers where !reader.isAtEnd {
            if parts.isEmpty || reader.key.lexicographicallyPrecedes(parts[0].key) {
                parts.removeAll(keepingCapacity: true)
                parts.append(reader)
            } else if reader.key == parts[0].key {
                parts.append(reader)
            }
        }
    }

    /// Decodes one spill part's postings and feeds them, with each letter's position bytes,
    /// to the encoder.
    private func addPostings(of part: SpillReader, to encoder: inout PostingsEncoder) throws {
        var reader = ByteDecoder(part.postings, what: "spill postings")
        let positions = part.positions
        var positionIndex = 0
        var letter = part.letterBase - 1
        for _ in 0..<part.letterFrequency {
            let (gap, frequency) = try PostingsTail.decode(&reader, frequencyLimit: Int(UInt32.max))
            letter += Int(gap)
            guard letter >= 0, letter < lengths.count, frequency > 0 else {
                throw IndexError.corrupt("spill file \(part.path) holds an invalid letter id")
            }
            // The letter's positions are `frequency` varints: find their end.
            let start = positionIndex
            var remaining = frequency
            while remaining > 0 {
                guard positionIndex < positions.count else { throw IndexError.corrupt("spill file \(part.path): positions end early") }
                if positions[positionIndex] < 0x80 { remaining -= 1 }
                positionIndex += 1
            }
            encoder.add(letter: UInt32(letter), frequency: UInt32(frequency),
                        positions: UnsafeRawBufferPointer(rebasing: positions[start..<positionIndex]), length: lengths[letter])
        }
    }
}
