import MissiveTokenizer

/// Per-term postings being accumulated while letters are added.
fileprivate struct TermAccumulator {
    var docFreq: UInt32 = 0
    /// The last letter this term was seen in, plus one (0: none yet).
    var lastDocPlusOne: UInt32 = 0
    var currentFreq: UInt32 = 0
    var lastPosition: UInt32 = 0
    var postings: [UInt8] = []
    var positions: [UInt8] = []
}

/// The in-memory inverted lists: terms interned from the tokenizer's bytes, each with its
/// postings and positions so far. A value type, so the hot loop runs without the dynamic
/// exclusivity checks of class properties.
struct InvertedBuffer {
    var tokenizer = Tokenizer()
    var table = TermTable()
    fileprivate var accumulators: [TermAccumulator] = []
    var touched: [Int] = []
    var postingsCount: UInt64 = 0

    /// Tokenizes `text` into `field` for letter `doc`; returns the number of tokens.
    mutating func index(_ text: String, field: IndexField, doc: UInt32, startPosition: Int) -> Int {
        var copy = text
        let fieldByte = field.rawValue
        return copy.withUTF8 { utf8 in
            tokenizer.forEachToken(in: UnsafeRawBufferPointer(utf8), startPosition: startPosition) { token in
                let id = table.intern(field: fieldByte, term: token.termBytes)
                if id == accumulators.count { accumulators.append(TermAccumulator()) }
                let position = UInt32(token.position)
                if accumulators[id].currentFreq == 0 {
                    touched.append(id)
                    accumulators[id].lastPosition = 0
                }
                accumulators[id].currentFreq += 1
                appendVarint(position - accumulators[id].lastPosition, to: &accumulators[id].positions)
                accumulators[id].lastPosition = position
            }
        }
    }

    /// Writes the postings entry of every term seen in letter `doc`.
    mutating func finishDocument(_ doc: UInt32) {
        for id in touched {
            let delta = doc + 1 - accumulators[id].lastDocPlusOne
            let freq = accumulators[id].currentFreq
            // Doc delta shifted left once; the low bit says "frequency is 1" so it is not written.
            if freq == 1 {
                appendVarint(delta << 1 | 1, to: &accumulators[id].postings)
            } else {
                appendVarint(delta << 1, to: &accumulators[id].postings)
                appendVarint(freq, to: &accumulators[id].postings)
            }
            accumulators[id].lastDocPlusOne = doc + 1
            accumulators[id].docFreq += 1
            accumulators[id].currentFreq = 0
        }
        postingsCount += UInt64(touched.count)
        touched.removeAll(keepingCapacity: true)
    }
}

/// Writes one index file from letters added in order.
///
/// The stored letters stream straight to the file as they are added; postings and positions are
/// accumulated per term in an ``InvertedBuffer`` (no `String` per token) and written, in term
/// order, by ``finish()``. The file is written under the name it was given; ``IndexBuilder``
/// gives it a temporary name and renames it when complete.
final class IndexWriter {
    private let sink: FileSink
    private var buffer = InvertedBuffer()
    private var documents = ByteEncoder()
    private(set) var letterCount = 0
    private var totalTextTokens: UInt64 = 0

    init(path: String) throws {
        sink = try FileSink(creating: path)
        let placeholder = [UInt8](repeating: 0, count: IndexFormat.headerSize(sections: SectionKind.allCases.count))
        try sink.write(placeholder)
        try sink.beginSection(.store)
    }

    /// Adds a letter; letters get ids in the order they are added.
    func add(_ letter: Letter) throws {
        let doc = UInt32(letterCount)
        // Stored record.
        var record = ByteEncoder(reservingCapacity: letter.body.utf8.count + 256)
        record.string(letter.path)
        record.varint(letter.header.count)
        for field in letter.header {
            record.string(field.key)
            record.string(field.value)
        }
        record.string(letter.body)
        let storeOffset = sink.sectionOffset
        try sink.write(record.bytes)

        // Words: title, then body after a one-position gap, so no phrase spans the two.
        // The buffer is moved out of the object for the hot loop and moved back after.
        var inverted = InvertedBuffer()
        swap(&inverted, &buffer)
        let titleLength = inverted.index(letter.title, field: .text, doc: doc, startPosition: 0)
        let bodyLength = inverted.index(letter.body, field: .text, doc: doc, startPosition: titleLength + 1)
        _ = inverted.index(letter.from, field: .from, doc: doc, startPosition: 0)
        _ = inverted.index(letter.to, field: .to, doc: doc, startPosition: 0)
        inverted.finishDocument(doc)
        swap(&inverted, &buffer)

        let length = UInt32(titleLength + bodyLength)
        totalTextTokens += UInt64(length)
        documents.u32(length)
        documents.u32(letter.date?.sortKey ?? 0)
        documents.u64(storeOffset)
        documents.u32(UInt32(record.bytes.count))
        documents.u32(0)
        letterCount += 1
    }

    /// Writes the remaining sections and the header, and syncs the file to disk.
    func finish() throws {
        try sink.endSection()
        try sink.beginSection(.documents)
        try sink.write(documents.bytes)
        try sink.endSection()

        let table = buffer.table
        let accumulators = buffer.accumulators
        let order = table.sortedIds()
        // Term dictionary and its block index.
        try sink.beginSection(.terms)
        var blockIndex = ByteEncoder()
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var previousKey: ArraySlice<UInt8> = []
        var entry = ByteEncoder()
        for (ordinal, id) in order.enumerated() {
            let key = table.key(id)
            var shared = 0
            if ordinal % IndexFormat.termsPerBlock == 0 {
                try sink.write(entry.bytes)
                entry.bytes.removeAll(keepingCapacity: true)
                blockIndex.u64(sink.sectionOffset)
                blockIndex.u64(postingsOffset)
                blockIndex.u64(positionsOffset)
            } else {
                while shared < min(key.count, previousKey.count),
                      key[key.startIndex + shared] == previousKey[previousKey.startIndex + shared] { shared += 1 }
            }
            let term = accumulators[id]
            entry.varint(shared)
            entry.varint(key.count - shared)
            entry.bytes.append(contentsOf: key.dropFirst(shared))
            entry.varint(Int(term.docFreq))
            entry.varint(term.postings.count)
            entry.varint(term.positions.count)
            postingsOffset += UInt64(term.postings.count)
            positionsOffset += UInt64(term.positions.count)
            previousKey = key
        }
        try sink.write(entry.bytes)
        try sink.endSection()

        try sink.beginSection(.termIndex)
        try sink.write(blockIndex.bytes)
        try sink.endSection()

        try sink.beginSection(.postings)
        for id in order { try sink.write(accumulators[id].postings) }
        try sink.endSection()

        try sink.beginSection(.positions)
        for id in order { try sink.write(accumulators[id].positions) }
        try sink.endSection()

        try sink.write(IndexFormat.tailMagic)
        try sink.flush()

        var header = ByteEncoder()
        header.bytes.append(contentsOf: IndexFormat.magic)
        header.u32(IndexFormat.version)
        header.u32(UInt32(sink.sections.count))
        header.u32(UInt32(letterCount))
        header.u32(UInt32(table.count))
        header.u64(buffer.postingsCount)
        header.u64(totalTextTokens)
        header.u32(0)
        header.u32(0)
        for section in sink.sections {
            header.u32(section.kind.rawValue)
            header.u32(0)
            header.u64(section.offset)
            header.u64(section.length)
            header.u32(section.checksum)
            header.u32(0)
        }
        let headerChecksum = header.bytes.withUnsafeBytes { CRC32.checksum($0) }
        header.u32(headerChecksum)
        try sink.overwrite(header.bytes, at: 0)
        try sink.sync()
    }

    /// The number of distinct terms so far (all fields).
    var termCount: Int { buffer.table.count }
}
