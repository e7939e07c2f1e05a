/// An index on disk: a folder holding the manifest, the segment files and deletions files it
/// names, and a lock file. Files are only ever added under new names and published by replacing
/// the manifest (``Manifest``), so a reader sees one complete state and a killed writer leaves
/// the last published one.
///
/// ```
/// <index>/manifest                 the published state
/// <index>/s000017.seg              a segment (``FileHeader``), never changed once written
/// <index>/s000017-g000042.del      its deletions as of generation 42 (``Deletions``)
/// <index>/lock                     held (flock) by the build or update writing the folder
/// <index>/*.tmp-<pid>…             files being written; removed when that process is gone
/// ```
struct IndexFolder: Sendable {
    /// The folder's path.
    let path: String

    static let lockName = "lock"

    /// The path of `name` in the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// The name of segment number `number`.
    static func segmentName(_ number: UInt32) -> String { "s" + padded(number, 6) + ".seg" }

    /// The name of the deletions file of segment `segment` written at `generation`.
    static func deletionsName(segment: String, generation: UInt64) -> String {
        String(segment.dropLast(4)) + "-g" + padded(generation, 6) + ".del"
    }

    private static func padded(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A temporary name for `name`, unique to this process.
    static func temporary(_ name: String) -> String { "\(name).tmp-\(CurrentProcess.id)" }

    /// What is at `path`.
    enum Kind {
        /// Nothing.
        case missing
        /// An index folder (it has a manifest).
        case index
        /// A folder without a manifest holding nothing but what an unfinished build leaves
        /// (a lock and temporary files): no index yet, free to build in.
        case unfinished
        /// A single-file index of format 3 or earlier.
        case legacyFile
        /// Something else: not to be touched.
        case other
    }

    /// What is at `path`.
    static func kind(at path: String) -> Kind {
        guard let status = try? FileSystem.status(of: path) else { return .missing }
        switch status.kind {
        case .folder:
            guard let names = try? FileSystem.names(inFolder: path) else { return .other }
            if names.contains(Manifest.fileName) { return .index }
            return names.allSatisfy({ $0 == lockName || $0.contains(".tmp-") }) ? .unfinished : .other
        case .regularFile:
            guard let file = try? FileDescriptor(readingFrom: path) else { return .other }
            var magic = [UInt8](repeating: 0, count: 8)
            let read = (try? magic.withUnsafeMutableBytes { buffer in Result { () throws(SystemError) in try file.read(into: buffer) } }.get()) ?? 0
            return read == 8 && magic == FileHeader.magic ? .legacyFile : .other
        case .other:
            return .other
        }
    }

    /// The published manifest, or nil when there is none yet.
    func manifest() throws -> Manifest? {
        let manifestPath = file(Manifest.fileName)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.contents(of: manifestPath)
        } catch {
            if error.isNoSuchFile { return nil }
            throw IndexError.io(path: manifestPath, reason: error.description)
        }
        return try bytes.withUnsafeBytes { try Manifest(decoding: $0, path: manifestPath) }
    }

    /// Publishes `manifest`: written under a temporary name, synced, renamed over the manifest,
    /// and the folder synced, so the new state survives a crash whole or not at all.
    func publish(_ manifest: Manifest) throws {
        let temporary = file(Self.temporary(Manifest.fileName))
        do {
            FileSystem.removeFile(temporary)
            try FileSystem.writeNewFile(temporary, manifest.encoded())
            try FileSystem.rename(temporary, to: file(Manifest.fileName))
        } catch {
            FileSystem.removeFile(temporary)
            throw IndexError.io(path: temporary, reason: error.description)
        }
        FileSystem.syncFolder(containing: file(Manifest.fileName))
    }

    /// Removes the segment and deletions files `manifest` does not name (what earlier states
    /// used; a reader that has them open keeps reading them until it closes them).
    func removeUnreferenced(by manifest: Manifest) {
        var kept = Set(manifest.segments.map(\.name))
        for segment in manifest.segments { if let deletions = segment.deletions { kept.insert(deletions) } }
        guard let names = try? FileSystem.names(inFolder: path) else { return }
        for name in names where (name.hasSuffix(".seg") || name.hasSuffix(".del")) && !kept.contains(name) {
            FileSystem.removeFile(file(name))
        }
    }

    /// Removes temporary files whose writing process is gone (or is this one).
    func removeStaleTemporaries() {
        guard let names = try? FileSystem.names(inFolder: path) else { return }
        for name in names {
            guard let marker = name.firstRange(of: ".tmp-"),
                  let pid = Int32(name[marker.upperBound...].prefix { $0.isNumber }) else { continue }
            if pid == CurrentProcess.id || !CurrentProcess.isAlive(pid) { FileSystem.removeFile(file(name)) }
        }
    }

    /// Takes the folder's lock, calling `waiting` first when another process holds it.
    func lock(waiting: () -> Void) throws -> FileLock {
        let lockPath = file(Self.lockName)
        do {
            if let lock = try FileLock.attempt(path: lockPath) { return lock }
            waiting()
            return try FileLock(path: lockPath)
        } catch {
            throw IndexError.io(path: lockPath, reason: error.description)
        }
    }
}
