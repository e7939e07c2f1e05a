#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory, unmapped when the value ends.
///
/// The bytes are those the file had when it was opened and checked for its size: every reader
/// of the mapping stays within ``bytes``, and files mapped here are only ever replaced by
/// renaming a new file over them, never changed in place, so no page can vanish under a reader.
struct MappedFile: ~Copyable {
    /// The mapped bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer

    /// Maps the whole of the open file `descriptor`, which holds `size` bytes.
    init(_ descriptor: borrowing FileDescriptor, size: Int) throws(SystemError) {
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor.raw, 0), address != MAP_FAILED else {
            throw .current
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Tells the system the bytes will be read in order (read ahead; drop early pages sooner).
    func adviseSequentialReading() {
        if let base = bytes.baseAddress { madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_SEQUENTIAL) }
    }

    /// Drops the pages of `range` (offsets into ``bytes``) from memory; they are read from the
    /// file again if touched.
    func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        madvise(UnsafeMutableRawPointer(mutating: base) + range.lowerBound, range.count, MADV_DONTNEED)
    }

    /// The system's memory page size.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Zero-filled private memory straight from the system, released when the value ends.
///
/// Fresh pages cost nothing until first touched (unlike a cleared heap block), so a large,
/// sparsely used table is cheap to create.
struct AnonymousPages: ~Copyable {
    /// The memory, or nil when the system refused it.
    let base: UnsafeMutableRawPointer?
    /// Bytes asked for.
    let byteCount: Int

    /// Maps `byteCount` bytes of zeroed memory (nil ``base`` when that fails).
    init(byteCount: Int) {
        self.byteCount = byteCount
        let pages = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        base = pages == MAP_FAILED ? nil : pages
    }

    deinit {
        if let base { munmap(base, byteCount) }
    }
}
