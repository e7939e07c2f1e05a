/// Memory for the build's per-term byte streams, in 64 KB pages freed together (after Lucene's
/// `ByteBlockPool`): appending a byte to one of many thousands of streams costs a store and a
/// compare, with no per-term array and no reference counting.
final class StreamPool {
    static let pageSize = 1 << 16
    private var pages: [UnsafeMutableRawPointer] = []
    private var page: UnsafeMutableRawPointer?
    private var used = StreamPool.pageSize
    /// Bytes taken from the system so far.
    private(set) var pageBytes = 0

    /// `size` bytes (at most a page), 8-byte aligned.
    func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        if used + size > Self.pageSize || page == nil {
            let fresh = UnsafeMutableRawPointer.allocate(byteCount: Self.pageSize, alignment: 16)
            pages.append(fresh)
            page = fresh
            used = 0
            pageBytes += Self.pageSize
        }
        let chunk = page! + used
        used += (size + 7) & ~7
        return chunk
    }

    deinit {
        for page in pages { page.deallocate() }
    }
}

/// One growable byte stream in a ``StreamPool``: a chain of chunks of growing size (16 bytes to
/// 4 KB), each starting with the address of the next. A plain value: it holds addresses only.
struct ByteStream {
    private var head: UnsafeMutableRawPointer?
    private var chunk: UnsafeMutableRawPointer?
    private var write: UnsafeMutableRawPointer?
    private var end: UnsafeMutableRawPointer?
    private var level: Int32 = -1
    /// Bytes written (a stream stays under 4 GB: the memory budget is far smaller).
    private var written: UInt32 = 0

    /// Bytes written.
    var count: Int { Int(written) }

    /// The size of a chunk at `level` (its first 8 bytes link to the next chunk).
    @inline(__always)
    static func chunkSize(_ level: Int) -> Int { 16 << min(level, 8) }

    @inline(__always)
    mutating func append(_ byte: UInt8, pool: StreamPool) {
        if write == end { grow(pool) }
        write!.storeBytes(of: byte, as: UInt8.self)
        write! += 1
        written &+= 1
    }

    /// Appends a LEB128 varint.
    @inline(__always)
    mutating func appendVarint(_ value: UInt64, pool: StreamPool) {
        Varint.encode(value) { append($0, pool: pool) }
    }

    private mutating func grow(_ pool: StreamPool) {
        level += 1
        let size = Self.chunkSize(Int(level))
        let fresh = pool.allocate(size)
        fresh.storeBytes(of: 0, as: UInt.self)
        if let chunk { chunk.storeBytes(of: UInt(bitPattern: fresh), as: UInt.self) } else { head = fresh }
        chunk = fresh
        write = fresh + 8
        end = fresh + size
    }

    /// Calls `body` with the stream's bytes, chunk by chunk, in order.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var remaining = count
        var current = head
        var level = 0
        while remaining > 0, let chunk = current {
            let take = min(remaining, Self.chunkSize(level) - 8)
            try body(UnsafeRawBufferPointer(start: chunk + 8, count: take))
            remaining -= take
            current = UnsafeMutableRawPointer(bitPattern: chunk.load(as: UInt.self))
            level += 1
        }
    }
}
