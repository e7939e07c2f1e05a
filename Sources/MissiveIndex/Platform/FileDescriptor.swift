#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file, closed when the value ends (or explicitly, with the error reported).
/// Every call retries on `EINTR` and reports other failures as a ``SystemError``.
struct FileDescriptor: ~Copyable {
    /// The descriptor number (-1 once closed).
    private(set) var raw: Int32

    /// Opens an existing file for reading.
    init(readingFrom path: String) throws(SystemError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .current }
        raw = descriptor
    }

    /// Creates a new file for writing; fails when `path` exists, or when file creation has been
    /// stopped (``FileCreation/stop()``).
    init(creatingExclusively path: String) throws(SystemError) {
        guard let descriptor = FileCreation.perform({ open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }) else {
            throw SystemError(code: ECANCELED)
        }
        guard descriptor >= 0 else { throw .current }
        raw = descriptor
    }

    /// Opens a folder so it can be synced.
    init(folder path: String) throws(SystemError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .current }
        raw = descriptor
    }

    deinit { if raw >= 0 { _ = systemClose(raw) } }

    /// Closes the file now, reporting a failure (a deferred write error shows here on some
    /// systems); later calls do nothing, and other calls fail as on a closed descriptor.
    mutating func close() throws(SystemError) {
        guard raw >= 0 else { return }
        let descriptor = raw
        raw = -1
        guard systemClose(descriptor) == 0 else { throw .current }
    }

    /// The file's size and whether it is a regular file.
    func status() throws(SystemError) -> (size: Int, isRegularFile: Bool) {
        var info = stat()
        guard fstat(raw, &info) == 0 else { throw .current }
        return (Int(info.st_size), info.st_mode & S_IFMT == S_IFREG)
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try readOnce(into: buffer).get()
    }

    private func readOnce(into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, SystemError> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        while true {
            let count = systemRead(raw, base, buffer.count)
            if count >= 0 { return .success(count) }
            let error = SystemError.current
            if !error.isInterrupted { return .failure(error) }
        }
    }

    /// Reads the rest of the file; `sizeHint` is the size expected (the file may have grown).
    func readToEnd(sizeHint: Int) throws(SystemError) -> [UInt8] {
        // One spare byte, so the read that finds the end needs no growth.
        var bytes = [UInt8](repeating: 0, count: max(sizeHint, 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let got = try bytes.withUnsafeMutableBytes { buffer in
                readOnce(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }.get()
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Writes all of `bytes` at the current offset, or at `offset` when given.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64? = nil) throws(SystemError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let result: Int
            if let offset {
                result = pwrite(raw, base + done, bytes.count - done, off_t(offset) + off_t(done))
            } else {
                result = systemWrite(raw, base + done, bytes.count - done)
            }
            if result < 0 {
                let error = SystemError.current
                if error.isInterrupted { continue }
                throw error
            }
            // A write that takes nothing would loop forever; treat it as a full device.
            if result == 0 { throw SystemError(code: ENOSPC) }
            done += result
        }
    }

    /// Writes all of `bytes` at the current offset.
    func write(_ bytes: [UInt8]) throws(SystemError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try write(raw) } }.get()
    }

    /// Forces the file's bytes (or a folder's entries) to disk.
    func sync() throws(SystemError) {
        guard fsync(raw) == 0 else { throw .current }
    }
}

// The C functions under names that do not clash with the methods above.
@inline(__always) private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
@inline(__always) private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(descriptor, buffer, count) }
@inline(__always) private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, buffer, count) }

/// A switch that stops this process from creating files: a command interrupted by a signal
/// stops creation first, so that the temporary files it then removes are all there will be.
enum FileCreation {
    private static let stopped = Locked(false)

    /// Runs `create` unless creation has been stopped (then returns nil); never at the same time
    /// as ``stop()``.
    static func perform(_ create: () -> Int32) -> Int32? {
        stopped.withLock { stopped in stopped ? nil : create() }
    }

    /// Stops all file creation from now on; returns when no creation is under way.
    static func stop() { stopped.withLock { $0 = true } }
}

/// An exclusive advisory lock on a file (`flock`), held until the value ends: how two builds of
/// one index keep out of each other's way. The lock file itself is never removed.
struct FileLock: ~Copyable {
    private var file: FileDescriptor

    /// Locks the file at `path` (created if missing), waiting for another holder to let go.
    init(path: String) throws(SystemError) {
        let opened = try Self.open(path)
        try Self.lock(opened.raw, blocking: true)
        file = opened
    }

    /// Lets go of the lock (it also goes when the value ends).
    consuming func release() {}

    /// Locks the file at `path` when no one else holds it; nil when someone does.
    static func attempt(path: String) throws(SystemError) -> FileLock? {
        let file = try open(path)
        do {
            try lock(file.raw, blocking: false)
        } catch {
            if error.code == EWOULDBLOCK { return nil }
            throw error
        }
        return FileLock(holding: file)
    }

    private init(holding file: consuming FileDescriptor) { self.file = file }

    private static func open(_ path: String) throws(SystemError) -> FileDescriptor {
        let descriptor = systemOpen(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .current }
        return FileDescriptor(adopting: descriptor)
    }

    private static func lock(_ descriptor: Int32, blocking: Bool) throws(SystemError) {
        while flock(descriptor, LOCK_EX | (blocking ? 0 : LOCK_NB)) != 0 {
            let error = SystemError.current
            if !error.isInterrupted { throw error }
        }
    }
}

@inline(__always) private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }

extension FileDescriptor {
    /// Takes ownership of an open descriptor.
    init(adopting descriptor: Int32) { raw = descriptor }
}
