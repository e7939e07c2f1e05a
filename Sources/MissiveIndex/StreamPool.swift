#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for the writer's per-term byte streams and term records, in 64 KB pages freed
/// together (after Lucene's `ByteBlockPool`): appending a byte to one of many thousands of
/// streams costs a store and a compare, with no per-term array and no reference counting.
final class StreamPool {
    static let pageSize = 1 << 16
    private var pages: [UnsafeMutableRawPointer] = []
    private var page: UnsafeMutableRawPointer?
    private var used = StreamPool.pageSize
    /// The term records and the current letter's term list (see ``InvertedBuffer``), grown by
    /// `realloc` and freed with the pool.
    var records: UnsafeMutableRawPointer?
    var touched: UnsafeMutableRawPointer?
    /// Bytes taken from the system so far (pages and records).
    private(set) var pageBytes = 0

    /// `size` bytes (at most a page), 8-byte aligned.
    func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        if used + size > Self.pageSize || page == nil {
            guard let fresh = malloc(Self.pageSize) else { fatalError("out of memory allocating an index page") }
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
        for page in pages { free(page) }
        free(records)
        free(touched)
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
        var rest = value
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80, pool: pool)
            rest >>= 7
        }
        append(UInt8(rest), pool: pool)
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

    /// Appends the stream's bytes to `out`.
    func copy(into out: inout [UInt8]) {
        var remaining = count
        var current = head
        var level = 0
        while remaining > 0, let chunk = current {
            let take = min(remaining, Self.chunkSize(level) - 8)
            out.append(contentsOf: UnsafeRawBufferPointer(start: chunk + 8, count: take))
            remaining -= take
            current = UnsafeMutableRawPointer(bitPattern: chunk.load(as: UInt.self))
            level += 1
        }
    }
}
