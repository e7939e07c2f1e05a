#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sorted run of inverted lists flushed to a temporary file when the writer's buffers reach
/// their memory budget; ``SegmentMerger`` merges the runs into the final index.
///
/// A segment file is a sequence of term records in key order:
/// key length varint, key bytes (field byte + term), letter count varint, postings length varint,
/// positions length varint, postings bytes (gap << 1 | frequency == 1, then the frequency when it
/// is not 1; gaps counted from −1, so letter ids are global), positions bytes.
enum SegmentFile {
    /// Writes the buffer's terms in key order to a new file at `path`.
    static func write(_ buffer: InvertedBuffer, to path: String) throws {
        let sink = try FileSink(creating: path)
        var record = ByteEncoder()
        var postings: [UInt8] = [], positions: [UInt8] = []
        for id in buffer.table.sortedIds() {
            let key = buffer.table.key(id)
            postings.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            let docFreq = buffer.postings(of: id, into: &postings, positions: &positions)
            record.bytes.removeAll(keepingCapacity: true)
            record.varint(key.count)
            record.bytes.append(contentsOf: key)
            record.varint(Int(docFreq))
            record.varint(postings.count)
            record.varint(positions.count)
            try sink.write(record.bytes)
            try sink.write(postings)
            try sink.write(positions)
        }
        try sink.closeWithoutSync()
    }
}

/// Reads a segment file's term records in order, mapped; pages already consumed are dropped
/// from memory as the merge goes, so merging stays within a bounded resident size.
final class SegmentReader {
    let path: String
    private let mapping: UnsafeRawBufferPointer
    private var reader: ByteDecoder
    private var released = 0
    /// Added to the segment's letter ids (the letters of earlier runs).
    let docBase: Int

    /// The current record's key (field byte + term), empty at the end.
    private(set) var key: [UInt8] = []
    private(set) var docFreq = 0
    private(set) var postings = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var positions = UnsafeRawBufferPointer(start: nil, count: 0)

    init(path: String, docBase: Int = 0) throws {
        self.path = path
        self.docBase = docBase
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
        let size = Int(info.st_size)
        if size == 0 {
            mapping = UnsafeRawBufferPointer(start: nil, count: 0)
        } else {
            guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), address != MAP_FAILED else {
                throw IndexError.io(path: path, reason: systemMessage(errno))
            }
            madvise(address, size, MADV_SEQUENTIAL)
            mapping = UnsafeRawBufferPointer(start: address, count: size)
        }
        reader = ByteDecoder(mapping, what: "segment \(path)")
        try advance()
    }

    deinit { if let base = mapping.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), mapping.count) } }

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
        docFreq = try reader.count(atMost: Int(UInt32.max))
        let postingsLength = try reader.count(atMost: reader.remaining)
        let positionsLength = try reader.count(atMost: reader.remaining)
        postings = try reader.bytes(postingsLength)
        positions = try reader.bytes(positionsLength)
    }

    /// Drops mapped pages before the current record from the resident set.
    private func releaseConsumedPages() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let consumed = reader.offset / page * page
        guard consumed - released >= 8 << 20, let base = mapping.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base) + released, consumed - released, MADV_DONTNEED)
        released = consumed
    }
}
