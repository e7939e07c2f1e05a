#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let kind: FileStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regularFile
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return FileStatus(kind: kind, size: Int(info.st_size),
                          identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)), modified: modified)
    }

    /// The current time, nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The names in folder `path` (without `.` and `..`), in the order the system gives them.
    static func names(inFolder path: String) throws(SystemError) -> [String] {
        guard let handle = opendir(path) else { throw .current }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
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
