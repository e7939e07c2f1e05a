/// Letters' paths read from the sources section through the source index (``SourceIndex``):
/// the index is verified whole once, a block of 64 records once when first read, and a path is
/// found by walking at most 63 records of its block. What a hit list needs of a letter, without
/// reading (and checksumming) the stored letter.
struct SourcePaths {
    /// The sources section.
    let sources: UnsafeRawBufferPointer
    /// The source-index section (its size checked against the letter count when opened).
    let entries: UnsafeRawBufferPointer
    /// Letters in the segment.
    let letterCount: Int
    /// The source-index section's checksum.
    let entriesChecksum: UInt32
    let verifiesChecksums: Bool
    let entriesCheck: OnceCheck
    /// Blocks whose records have been verified.
    let verifiedBlocks: VerifiedSet

    init(sources: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer, letterCount: Int, entriesChecksum: UInt32, verifyingChecksums: Bool) throws {
        guard entries.count == SourceIndex.blockCount(letters: letterCount) * SourceIndex.entrySize else {
            throw IndexError.corrupt("the source index does not fit \(letterCount) letters")
        }
        self.sources = sources
        self.entries = entries
        self.letterCount = letterCount
        self.entriesChecksum = entriesChecksum
        verifiesChecksums = verifyingChecksums
        entriesCheck = OnceCheck(skipped: !verifyingChecksums)
        verifiedBlocks = VerifiedSet(count: SourceIndex.blockCount(letters: letterCount), everything: !verifyingChecksums)
    }

    /// The path of letter `id`.
    func path(of id: Int) throws -> String {
        guard id >= 0, id < letterCount else { throw IndexError.corrupt("letter id \(id) out of range") }
        try entriesCheck.run {
            CRC32.checksum(entries) == entriesChecksum ? nil : IndexError.corrupt("source index checksum mismatch")
        }
        let number = id / SourceIndex.lettersPerBlock
        let block = try SourceIndex.block(number, entries: entries, sources: sources)
        if !verifiedBlocks.contains(number) {
            guard CRC32.checksum(block.bytes) == block.checksum else { throw IndexError.corrupt("source block \(number): checksum mismatch") }
            verifiedBlocks.insert(number)
        }
        // The records before the letter's are passed over, and only its path is read: no string
        // is made but the path (an error names the block only once it has happened).
        do {
            var reader = ByteDecoder(block.bytes, what: "records")
            for _ in 0..<(id % SourceIndex.lettersPerBlock) { try LetterSource.Raw.skip(in: &reader) }
            let path = try reader.bytes(reader.count(atMost: reader.remaining))
            guard let text = String(validating: path, as: UTF8.self) else { throw IndexError.corrupt("a letter's path is not valid UTF-8") }
            return text
        } catch IndexError.corrupt(let reason) {
            throw IndexError.corrupt("source block \(number): \(reason)")
        }
    }
}
