/// A sorted run of inverted lists flushed to a temporary file when the build's buffers reach
/// their memory budget; ``SpillMerger`` merges the runs into the final index.
///
/// A spill file is a sequence of term records in key order:
/// ```
/// key length        varint
/// key               bytes   field byte + term
/// letter count      varint
/// postings length   varint
/// positions length  varint
/// postings          per letter ``PostingsTail`` varints (gaps counted from −1: ids are the run's own)
/// positions         per letter its positions as varint gaps (the first from 0)
/// ```
enum SpillFile {
    /// Writes the buffer's terms in key order to a new file at `path`.
    static func write(_ buffer: borrowing InvertedBuffer, to path: String) throws {
        let sink = try FileSink(creating: path)
        var record = ByteEncoder()
        for id in buffer.table.sortedIds() {
            let key = buffer.table.key(id)
            // The streams' chunks go straight to the file: a frequent word's lists are megabytes.
            let (letterFrequency, postings, positions) = buffer.lists(of: id)
            record.bytes.removeAll(keepingCapacity: true)
            record.varint(key.count)
            record.append(key)
            record.varint(Int(letterFrequency))
            record.varint(postings.count)
            record.varint(positions.count)
            try sink.write(record.bytes)
            try postings.forEachChunk { try sink.write($0) }
            try positions.forEachChunk { try sink.write($0) }
        }
        try sink.closeWithoutSync()
    }
}

/// Reads a spill file's term records in order, mapped; pages already consumed are dropped
/// from memory as the merge goes, so merging stays within a bounded resident size.
final class SpillReader {
    /// The file's path.
    let path: String
    private let file: MappedFile
    // One merge reads a reader at a time, on one thread: the fields' exclusive access is not
    // checked at run time (the checks cost 1% of a build's instructions).
    @exclusivity(unchecked) private var reader: ByteDecoder
    @exclusivity(unchecked) private var released = 0
    /// Added to the spill file's letter ids (the letters of earlier runs).
    let letterBase: Int

    /// The current record's key (field byte + term), empty at the end.
    @exclusivity(unchecked) private(set) var key: [UInt8] = []
    @exclusivity(unchecked) private(set) var letterFrequency = 0
    @exclusivity(unchecked) private(set) var postings = UnsafeRawBufferPointer(start: nil, count: 0)
    @exclusivity(unchecked) private(set) var positions = UnsafeRawBufferPointer(start: nil, count: 0)

    /// Maps the spill file at `path`, whose letter ids start at `letterBase`, and reads its first record.
    init(path: String, letterBase: Int = 0) throws {
        self.path = path
        self.letterBase = letterBase
        do {
            let descriptor = try FileDescriptor(readingFrom: path)
            file = try MappedFile(descriptor, size: try descriptor.status().size)
        } catch {
            throw IndexError.io(path: path, reason: error.description)
        }
        file.adviseSequentialReading()
        reader = ByteDecoder(file.bytes, what: "spill file \(path)")
        try advance()
    }

    var isAtEnd: Bool { key.isEmpty }

    /// Moves to the next record.
    func advance() throws {
        releaseConsumedPages()
        guard !reader.isAtEnd else {
            key = []
            return
        }
        let keyLength = try reader.count(atMost: reader.remaining)
        key = Array(try reader.bytes(keyLength))
        letterFrequency = try reader.count(atMost: Int(UInt32.max))
        let postingsLength = try reader.count(atMost: reader.remaining)
        let positionsLength = try reader.count(atMost: reader.remaining)
        postings = try reader.bytes(postingsLength)
        positions = try reader.bytes(positionsLength)
    }

    /// Moves to the first record whose key is not below `key` (the second half of a merge split
    /// by term range), comparing the keys passed over where they lie.
    func skip(below key: [UInt8]) throws {
        guard !isAtEnd, self.key.lexicographicallyPrecedes(key) else { return }
        while !reader.isAtEnd {
            let start = reader.offset
            let keyLength = try reader.count(atMost: reader.remaining)
            let bytes = try reader.bytes(keyLength)
            if !bytes.lexicographicallyPrecedes(key) {
                reader.offset = start
                return try advance()
            }
            _ = try reader.count(atMost: Int(UInt32.max))
            let postingsLength = try reader.count(atMost: reader.remaining)
            let positionsLength = try reader.count(atMost: reader.remaining)
            _ = try reader.bytes(postingsLength)
            _ = try reader.bytes(positionsLength)
        }
        try advance()
    }

    /// Drops mapped pages before the current record from the resident set, 1 MB at a time (a
    /// merge of two halves on two threads reads every spill file twice at once: 20 readers
    /// keeping 8 MB each held 160 MB of a 1 GB build).
    private func releaseConsumedPages() {
        let consumed = reader.offset / MappedFile.pageSize * MappedFile.pageSize
        guard consumed - released >= 1 << 20 else { return }
        file.release(released..<consumed)
        released = consumed
    }
}
