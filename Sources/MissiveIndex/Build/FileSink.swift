/// Buffered sequential writes to a new file, section by section, each section's CRC-32 kept as
/// it is written. Every failure (full disk, I/O error) becomes an ``IndexError/io(path:reason:)``
/// naming the file.
final class FileSink {
    /// The file's path.
    let path: String
    /// The file (closed by ``closeWithoutSync()`` or ``sync()``).
    private var file: FileDescriptor
    /// The bytes not yet written: `buffered` of `bufferLimit`, in memory the sink owns (appending
    /// to an array was a generic call of some 80 instructions for each of a build's many small
    /// writes, and its exclusive access was checked at run time).
    private let buffer: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var buffered = 0
    private let bufferLimit = 1 << 20
    /// Bytes already written to the file (the buffer's are not counted).
    private(set) var offset: UInt64 = 0
    private var sectionStart: UInt64 = 0
    private var sectionKind: SectionKind?
    private var crc = CRC32()
    /// The sections finished so far, in order.
    private(set) var sections: [SectionInfo] = []

    /// Creates (exclusively) the file at `path`.
    init(creating path: String) throws {
        self.path = path
        do {
            file = try FileDescriptor(creatingExclusively: path)
        } catch {
            throw IndexError.io(path: path, reason: error.description)
        }
        buffer = .allocate(byteCount: bufferLimit, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Starts a section at the current offset.
    func beginSection(_ kind: SectionKind) throws {
        try flush()
        sectionKind = kind
        sectionStart = offset
        crc = CRC32()
    }

    /// Ends the current section, recording its place and checksum.
    func endSection() throws {
        try flush()
        guard let kind = sectionKind else { return }
        sections.append(SectionInfo(kind: kind, offset: Int(sectionStart), length: Int(offset - sectionStart), checksum: crc.value))
        sectionKind = nil
    }

    /// Offset of the next byte relative to the current section's start.
    var sectionOffset: UInt64 { offset + UInt64(buffered) - sectionStart }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `bytes`; the buffer is written first when they would not fit, and as many as it
    /// holds or more go straight to the file, so it never grows past its limit (a frequent
    /// word's positions can be tens of megabytes).
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count >= bufferLimit {
            try flush()
            if sectionKind != nil { crc.update(bytes) }
            try perform { try file.write(bytes) }
            offset += UInt64(bytes.count)
            return
        }
        if buffered + bytes.count > bufferLimit { try flush() }
        if let source = bytes.baseAddress { (buffer + buffered).copyMemory(from: source, byteCount: bytes.count) }
        buffered += bytes.count
    }

    /// Writes the buffered bytes to the file.
    func flush() throws {
        guard buffered > 0 else { return }
        let raw = UnsafeRawBufferPointer(start: buffer, count: buffered)
        if sectionKind != nil { crc.update(raw) }
        try perform { try file.write(raw) }
        offset += UInt64(buffered)
        buffered = 0
    }

    /// Overwrites bytes already written (the header, once the sections are known).
    func overwrite(_ bytes: [UInt8], at position: UInt64) throws {
        try flush()
        try bytes.withUnsafeBytes { raw in try perform { try file.write(raw, at: position) } }
    }

    /// Flushes and closes the file without forcing it to disk (for temporary files).
    func closeWithoutSync() throws {
        try flush()
        try close()
    }

    /// Flushes, forces the bytes to disk and closes the file.
    func sync() throws {
        try flush()
        try perform { try file.sync() }
        try close()
    }

    private func close() throws {
        try perform { try file.close() }
    }

    /// Runs a system call on the file, turning its failure into an ``IndexError`` naming it.
    private func perform(_ call: () throws -> Void) throws {
        do {
            try call()
        } catch let error as SystemError {
            throw IndexError.io(path: path, reason: error.description)
        }
    }
}
