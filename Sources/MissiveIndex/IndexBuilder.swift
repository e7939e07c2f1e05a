#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What happened to the files of one build.
public struct IndexBuildSummary: Sendable {
    /// Letters indexed.
    public var lettersIndexed = 0
    /// Bytes of letter files read (indexed letters only).
    public var bytesIndexed = 0
    /// Files not indexed, with why.
    public var skipped: [(path: String, reason: SkipReason)] = []
    /// Letters indexed with a remark (encoding guessed, header oddity, bad date).
    public var warnings: [(path: String, message: String)] = []
    /// Wall-clock seconds the build took.
    public var seconds = 0.0
    /// Size of the finished index file in bytes.
    public var indexBytes = 0
    /// Distinct terms in the index (all fields).
    public var terms = 0
    /// Sorted segments flushed to disk under the memory budget and merged at the end.
    public var segments = 0

    /// Skipped files counted by category (`empty`, `binary`, `unreadable`), sorted by category.
    public var skippedByReason: [(category: String, count: Int)] {
        Dictionary(grouping: skipped, by: { $0.reason.category }).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}

/// Progress of a running build, reported after each file.
public struct IndexBuildProgress: Sendable {
    /// Files looked at so far.
    public var filesDone: Int
    /// Files found in the folder.
    public var filesTotal: Int
    /// Bytes read so far.
    public var bytesRead: Int
}

/// Builds an index file from a folder of letters.
///
/// The index is written to a temporary file beside the destination, synced, and renamed into
/// place only when complete, so a build that fails or is killed leaves any previous index as it
/// was. Temporary files left by a killed build are removed by the next one.
public struct IndexBuilder: Sendable {
    /// The default memory budget for the in-memory inverted lists: 256 MB.
    public static let defaultMemoryBudget = 256 << 20

    /// About how many bytes the in-memory inverted lists may take before they are flushed to a
    /// sorted segment on disk (merged into the index at the end).
    public var memoryBudget = IndexBuilder.defaultMemoryBudget

    /// Creates a builder.
    public init() {}

    /// Indexes every `*.txt` under `folder` into the index file at `indexPath`.
    ///
    /// Files that cannot be indexed are skipped and counted in the summary, never fatal; the
    /// build fails only when the folder cannot be read, when it holds no indexable letter, or
    /// when the index cannot be written.
    public func build(
        folder: String,
        indexPath: String,
        progress: ((IndexBuildProgress) -> Void)? = nil
    ) throws -> IndexBuildSummary {
        let started = Date()
        let listing = try CorpusWalker.list(folder)
        var summary = IndexBuildSummary()
        for problem in listing.problems {
            summary.skipped.append((problem.path, .unreadable(problem.reason)))
        }
        removeStaleTemporaryFiles(for: indexPath)
        let temporary = "\(indexPath).tmp-\(getpid())"
        var writer: IndexWriter? = try IndexWriter(path: temporary, memoryBudget: memoryBudget)
        var committed = false
        defer { if !committed { writer = nil; unlink(temporary) } }

        var bytesRead = 0
        for (number, file) in listing.files.enumerated() {
            let (result, size) = LetterParser.read(file)
            bytesRead += size
            switch result {
            case .skipped(let reason):
                summary.skipped.append((file.relativePath, reason))
            case .letter(let letter, let warnings):
                try writer!.add(letter)
                summary.lettersIndexed += 1
                summary.bytesIndexed += size
                for warning in warnings { summary.warnings.append((file.relativePath, warning)) }
            }
            progress?(IndexBuildProgress(filesDone: number + 1, filesTotal: listing.files.count, bytesRead: bytesRead))
        }
        guard summary.lettersIndexed > 0 else { throw IndexError.noLetters(path: folder) }
        try writer!.finish()
        summary.terms = writer!.termCount
        summary.segments = writer!.segmentCount
        writer = nil
        guard rename(temporary, indexPath) == 0 else {
            throw IndexError.io(path: indexPath, reason: systemMessage(errno))
        }
        committed = true
        syncFolder(of: indexPath)
        var info = stat()
        if stat(indexPath, &info) == 0 { summary.indexBytes = Int(info.st_size) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Removes `<index>.tmp-<pid>` files (and their `.seg-N` and `.postings` companions) whose
    /// process is gone.
    private func removeStaleTemporaryFiles(for indexPath: String) {
        let url = URL(fileURLWithPath: indexPath)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                unlink(folder + "/" + name)
            }
        }
    }

    /// Syncs the folder holding `path`, so the rename itself survives a crash.
    private func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}
