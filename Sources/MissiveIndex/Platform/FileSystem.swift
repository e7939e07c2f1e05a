#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// What a path names, as `stat` (following symbolic links) reports it.
struct FileStatus {
    /// The kind of file.
    enum Kind { case regularFile, folder, other }
    var kind: Kind
    /// Size in bytes.
    var size: Int
    /// Device and inode: the same for two paths naming one file or folder.
    var identity: FileIdentity
    /// Last modification, in nanoseconds since 1970.
    var modified: Int64
}

extension FileStatus {
    /// The status `stat` filled in.
    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regularFile
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        size = Int(info.st_size)
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// The statuses of a folder's entries, looked at by several threads, each its own slots.
private struct StatusSlots: @unchecked Sendable {
    let folder: Int32
    let names: [String]
    let infos: UnsafeMutableBufferPointer<stat>
    let failures: UnsafeMutableBufferPointer<Int32>

    /// Fills every `parts`-th slot from `part`: the status, or the error number.
    func fill(part: Int, of parts: Int) {
        for index in stride(from: part, to: names.count, by: parts) where fstatat(folder, names[index], infos.baseAddress! + index, 0) != 0 {
            failures[index] = errno
        }
    }
}

/// A file's device and inode numbers.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}

/// File-system calls: status, folder listings, removing, renaming, syncing, reading whole files.
enum FileSystem {
    /// The status of `path` (links followed).
    static func status(of path: String) throws(SystemError) -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .current }
        return FileStatus(info)
    }

    /// The current time, nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The entries of folder `path` (without `.` and `..`) that `wanted` accepts, in the order the
    /// system gives them, each with its status (links followed; `fstatat` relative to the
    /// folder, so the path is not walked again per entry). `wanted` gets the name and whether the
    /// folder listing already says it is a regular file (nil when it does not say), so entries
    /// that could not matter are never looked at. A large folder's entries are looked at from two
    /// threads: the calls wait on the kernel, not on each other.
    static func entries(inFolder path: String, wanted: (String, _ isRegularFile: Bool?) -> Bool)
        throws(SystemError) -> [(name: String, status: Result<FileStatus, SystemError>)] {
        guard let handle = opendir(path) else { throw .current }
        defer { closedir(handle) }
        let folder = dirfd(handle)
        let names = readNames(handle, wanted: wanted)
        let blank = stat()
        var infos = Array(repeating: blank, count: names.count)
        var failures = [Int32](repeating: 0, count: names.count)
        infos.withUnsafeMutableBufferPointer { infos in
            failures.withUnsafeMutableBufferPointer { failures in
                let slots = StatusSlots(folder: folder, names: names, infos: infos, failures: failures)
                if names.count < 512 {
                    slots.fill(part: 0, of: 1)
                } else {
                    DispatchQueue.concurrentPerform(iterations: 2) { slots.fill(part: $0, of: 2) }
                }
            }
        }
        return names.indices.map { index in
            (names[index], failures[index] == 0 ? .success(FileStatus(infos[index])) : .failure(SystemError(code: failures[index])))
        }
    }

    /// The names in folder `path` (without `.` and `..`), in the order the system gives them.
    static func names(inFolder path: String) throws(SystemError) -> [String] {
        guard let handle = opendir(path) else { throw .current }
        defer { closedir(handle) }
        return readNames(handle) { _, _ in true }
    }

    /// The names left in an open folder listing (without `.` and `..`) that `wanted` accepts,
    /// given each name and whether the listing says it is a regular file (nil when it does not say).
    private static func readNames(_ handle: OpaquePointer, wanted: (String, _ isRegularFile: Bool?) -> Bool) -> [String] {
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = Int(entry.pointee.d_type)
            let isRegularFile: Bool? = type == Int(DT_REG) ? true : (type == Int(DT_UNKNOWN) || type == Int(DT_LNK) ? nil : false)
            if wanted(name, isRegularFile) { names.append(name) }
        }
        return names
    }

    /// Removes the file at `path`; a missing file is not an error.
    static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// Creates the folder at `path` (its parent must exist); an existing folder is not an error.
    static func createFolder(_ path: String) throws(SystemError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .current }
    }

    /// Removes the empty folder at `path`.
    static func removeFolder(_ path: String) {
        _ = rmdir(path)
    }

    /// `path` made absolute with every link resolved (`realpath`), nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes `bytes` to a new file at `path` and forces them to disk.
    static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        var file = try FileDescriptor(creatingExclusively: path)
        try file.write(bytes)
        try file.sync()
        try file.close()
    }

    /// Renames `source` to `destination`, replacing it atomically.
    static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard systemRename(source, destination) == 0 else { throw .current }
    }

    /// Forces the folder holding `path` to disk, so a rename into it survives a crash (best effort).
    static func syncFolder(containing path: String) {
        guard let folder = try? FileDescriptor(folder: folderPath(of: path)) else { return }
        try? folder.sync()
    }

    /// The folder part of `path` (`.` when it has none).
    static func folderPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Reads the whole file at `path`.
    static func contents(of path: String) throws(SystemError) -> [UInt8] {
        let file = try FileDescriptor(readingFrom: path)
        return try file.readToEnd(sizeHint: try file.status().size)
    }
}

@inline(__always) private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
