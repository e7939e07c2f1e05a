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
    /// Threads that indexed letters.
    public var threads = 1

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

    /// Threads that tokenize letters in parallel (each takes a contiguous share of the files);
    /// by default one per core. Collections under a few megabytes use one.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    /// Index text-field words by their English stems (Porter2), so `negotiation` finds
    /// `negotiations` and `negotiated`; recorded in the index.
    public var stemming = false

    /// The least text worth a thread of its own (tests lower it to exercise threads on small input).
    var bytesPerThread = 4 << 20

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
        let runs = Self.split(listing.files, threads: threads, bytesPerThread: bytesPerThread)
        // The budget covers the file listing and the per-letter tables too; the word lists get the rest.
        let fixedCost = listing.files.count * (LetterFile.estimatedMemory + 24)
        let listBudget = max(memoryBudget - fixedCost, memoryBudget / 2)
        do {
            return try write(listing: listing, runs: runs, temporary: temporary, indexPath: indexPath,
                             listBudget: listBudget, folder: folder, started: started, summary: summary, progress: progress)
        } catch IndexError.io(let file, let reason) where file.hasPrefix(temporary) || file == indexPath {
            throw IndexError.writeFailed(index: indexPath, file: file, reason: reason)
        }
    }

    /// The build proper: indexes the runs into `temporary`, then renames it to `indexPath`.
    private func write(listing: CorpusWalker.Listing, runs: [[LetterFile]], temporary: String, indexPath: String, listBudget: Int,
                       folder: String, started: Date, summary: IndexBuildSummary,
                       progress: ((IndexBuildProgress) -> Void)?) throws -> IndexBuildSummary {
        var summary = summary
        var writer: IndexWriter? = try IndexWriter(path: temporary, memoryBudget: listBudget, runs: runs.count,
                                                     analyzer: stemming ? .englishStemming : .plain)
        var committed = false
        defer { if !committed { writer = nil; unlink(temporary) } }

        // Each run is indexed by its own thread into its own PartialIndex.
        let shared = BuildShared(runs: runs.count, filesTotal: listing.files.count, progress: progress)
        let partials = writer!.partials
        let work: @Sendable (Int) -> Void = { run in
            var outcome = RunOutcome()
            do {
                for file in runs[run] {
                    let (result, size) = LetterParser.read(file)
                    switch result {
                    case .skipped(let reason):
                        outcome.skipped.append((file.relativePath, reason))
                    case .letter(let letter, let warnings):
                        try partials[run].add(letter)
                        outcome.lettersIndexed += 1
                        outcome.bytesIndexed += size
                        for warning in warnings { outcome.warnings.append((file.relativePath, warning)) }
                    }
                    shared.advance(bytes: size)
                    if shared.failed { break }
                }
            } catch {
                outcome.error = error
                shared.fail()
            }
            shared.record(outcome, run: run)
        }
        if runs.count == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: runs.count, execute: work)
        }
        for outcome in shared.outcomes {
            if let error = outcome.error { throw error }
            summary.lettersIndexed += outcome.lettersIndexed
            summary.bytesIndexed += outcome.bytesIndexed
            summary.skipped += outcome.skipped
            summary.warnings += outcome.warnings
        }
        guard summary.lettersIndexed > 0 else { throw IndexError.noLetters(path: folder) }
        try writer!.finish()
        summary.terms = writer!.termCount
        summary.segments = writer!.segmentCount
        summary.threads = runs.count
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

    /// Splits the files into at most `threads` contiguous runs of about equal bytes (one run
    /// for small collections, where threads would not pay).
    static func split(_ files: [LetterFile], threads: Int, bytesPerThread: Int) -> [[LetterFile]] {
        let total = files.reduce(0) { $0 + $1.byteCount }
        let wanted = min(max(threads, 1), max(1, total / max(bytesPerThread, 1)), max(1, files.count / 16))
        guard wanted > 1 else { return [files] }
        var runs: [[LetterFile]] = [[]]
        var bytes = 0
        for file in files {
            if bytes >= total * runs.count / wanted && runs.count < wanted { runs.append([]) }
            runs[runs.count - 1].append(file)
            bytes += file.byteCount
        }
        return runs.filter { !$0.isEmpty }
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

/// What one run of a build indexed and skipped.
struct RunOutcome {
    var lettersIndexed = 0
    var bytesIndexed = 0
    var skipped: [(path: String, reason: SkipReason)] = []
    var warnings: [(path: String, message: String)] = []
    var error: Error?
}

/// State the build's threads share: outcomes, progress and a failure flag, behind a lock.
final class BuildShared: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcomes: [RunOutcome]
    private var filesDone = 0
    private var bytesRead = 0
    private let filesTotal: Int
    private let progress: ((IndexBuildProgress) -> Void)?
    private var failedFlag = false

    init(runs: Int, filesTotal: Int, progress: ((IndexBuildProgress) -> Void)?) {
        outcomes = Array(repeating: RunOutcome(), count: runs)
        self.filesTotal = filesTotal
        self.progress = progress
    }

    func advance(bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        filesDone += 1
        bytesRead += bytes
        progress?(IndexBuildProgress(filesDone: filesDone, filesTotal: filesTotal, bytesRead: bytesRead))
    }

    func record(_ outcome: RunOutcome, run: Int) {
        lock.lock()
        outcomes[run] = outcome
        lock.unlock()
    }

    /// Tells the other threads to stop (one has failed).
    func fail() {
        lock.lock()
        failedFlag = true
        lock.unlock()
    }

    var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failedFlag
    }
}
