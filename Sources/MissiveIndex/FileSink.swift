#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A section's place in the file and its checksum.
struct SectionEntry {
    var kind: SectionKind
    var offset: UInt64
    var length: UInt64
    var checksum: UInt32
}

/// Buffered, checksummed sequential writes to a new file, section by section.
/// Every failure (full disk, I/O error) becomes an ``IndexError/io(path:reason:)`` naming the file.
final class FileSink {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    private(set) var offset: UInt64 = 0
    private var sectionStart: UInt64 = 0
    private var sectionKind: SectionKind?
    private var crc = CRC32()
    private(set) var sections: [SectionEntry] = []
    private var closed = false

    /// Creates (exclusively) the file at `path`.
    init(creating path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { if !closed { close(descriptor) } }

    func beginSection(_ kind: SectionKind) throws {
        try flush()
        sectionKind = kind
        sectionStart = offset
        crc = CRC32()
    }

    func endSection() throws {
        try flush()
        guard let kind = sectionKind else { return }
        sections.append(SectionEntry(kind: kind, offset: sectionStart, length: offset - sectionStart, checksum: crc.value))
        sectionKind = nil
    }

    /// Offset of the next byte relative to the current section's start.
    var sectionOffset: UInt64 { offset + UInt64(buffer.count) - sectionStart }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in
            if sectionKind != nil { crc.update(raw) }
            try writeFully(raw, at: nil)
        }
        offset += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` at `position` (or at the end when nil), retrying short writes.
    private func writeFully(_ raw: UnsafeRawBufferPointer, at position: UInt64?) throws {
        var done = 0
        while done < raw.count {
            let result = position.map { pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t($0) + off_t(done)) }
                ?? Glibc.write(descriptor, raw.baseAddress! + done, raw.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                throw IndexError.io(path: path, reason: systemMessage(errno))
            }
            if result == 0 { throw IndexError.io(path: path, reason: "the disk accepted no more bytes") }
            done += result
        }
    }

    /// Overwrites bytes already written (the header, once the sections are known).
    func overwrite(_ bytes: [UInt8], at position: UInt64) throws {
        try flush()
        try bytes.withUnsafeBytes { try writeFully($0, at: position) }
    }

    /// Flushes and closes the file without forcing it to disk (for temporary files).
    func closeWithoutSync() throws {
        try flush()
        closed = true
        guard close(descriptor) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
    }

    /// Flushes, forces the bytes to disk and closes the file.
    func sync() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
        closed = true
        guard close(descriptor) == 0 else { throw IndexError.io(path: path, reason: systemMessage(errno)) }
    }
}
