/// Builds an index of a folder of letters, and brings it up to date when letters are added,
/// changed or removed.
///
/// An index is a folder (``IndexFolder``): immutable segment files, deletions files, and a
/// manifest naming them. Every file is written under a temporary name and renamed when complete,
/// and a new state becomes visible only when the manifest is replaced, so a build or update that
/// fails or is killed leaves the previous index as it was (its leftovers are removed by the next
/// run). Two runs on one index take turns (a lock); searches see the old state or the new one.
public struct IndexBuilder: Sendable {
    /// The default memory budget for the in-memory inverted lists: 256 MB.
    public static let defaultMemoryBudget = 256 << 20

    /// About how many bytes the in-memory inverted lists may take before they are flushed to a
    /// sorted spill file on disk (merged into the segment at the end).
    public var memoryBudget = IndexBuilder.defaultMemoryBudget

    /// Threads that tokenize letters in parallel (each takes a contiguous share of the files);
    /// by default one per core. Collections under a few megabytes use one.
    public var threads = CurrentProcess.activeProcessorCount

    /// Index text-field words by their English stems (Porter2), so `negotiation` finds
    /// `negotiations` and `negotiated`; recorded in the index. Nil keeps what an existing index
    /// does (plain words for a new one).
    public var stemming: Bool?

    /// The least memory a thread's inverted lists get, whatever ``memoryBudget`` says: the
    /// lists' own tables take about 1.5 MB before they hold a word, so a smaller share would
    /// flush a spill file every few letters and leave thousands to merge. 8 MB (per thread) is
    /// thus the smallest budget that acts as asked; smaller ones act as it.
    public static let defaultSmallestRunBudget = 8 << 20

    /// ``defaultSmallestRunBudget`` unless a test lowers it to force many spill files.
    package var smallestRunBudget = IndexBuilder.defaultSmallestRunBudget
    /// Bytes of letter files per compressed store block (a test hook: small blocks let a small
    /// corpus be split between threads, which split only where a block ends).
    package var storeBlockBytes = StoreBlock.targetBytes

    /// The least text worth a thread of its own (tests lower it to exercise threads on small input).
    package var bytesPerThread = 4 << 20

    /// Segments of one size that an update merges into one (0: never merge; see ``MergePolicy``).
    package var mergeFactor = 4

    /// Creates a builder.
    public init() {}

    /// Builds the index of every `*.txt` under `folder` at `indexPath` anew, replacing the index
    /// there, if any (a path holding anything else is refused).
    ///
    /// Files that cannot be indexed are skipped and counted in the summary, never fatal; the
    /// build fails only when the folder cannot be read, when it holds no indexable letter, or
    /// when the index cannot be written.
    public func build(folder: String, indexPath: String,
                      progress: (@Sendable (IndexBuildProgress) -> Void)? = nil) throws -> IndexBuildSummary {
        try run(corpus: folder, indexPath: indexPath, mode: .rebuild, optimize: false, progress: progress, waiting: nil)
    }

    /// Brings the index at `indexPath` up to date with `folder` (nil: the folder it was built
    /// from): letters added, changed (by size and modification time; with `verify`, by content
    /// too) and removed are found and only they are written. Builds the index when there is
    /// none, and rebuilds it when it is of another folder or analyzer. With `optimize`, the index
    /// ends as one segment without deletions. `waiting` is called when another build or update
    /// of the index is running, before this one waits for it.
    public func update(folder: String?, indexPath: String, verify: Bool = false, optimize: Bool = false,
                       progress: (@Sendable (IndexBuildProgress) -> Void)? = nil,
                       waiting: (() -> Void)? = nil) throws -> IndexBuildSummary {
        try run(corpus: folder, indexPath: indexPath, mode: .update(verify: verify), optimize: optimize, progress: progress, waiting: waiting)
    }

    private func run(corpus: String?, indexPath: String, mode: IndexUpdate.Mode, optimize: Bool,
                     progress: (@Sendable (IndexBuildProgress) -> Void)?, waiting: (() -> Void)?) throws -> IndexBuildSummary {
        let started = CurrentProcess.monotonicSeconds()
        let kind = IndexFolder.kind(at: indexPath)
        if kind == .other { throw IndexError.notAnIndex(path: indexPath) }
        if kind == .legacyFile {
            return try replaceLegacyFile(at: indexPath, corpus: corpus, progress: progress, started: started)
        }
        let folder = IndexFolder(path: indexPath)
        do {
            if kind == .missing { try FileSystem.createFolder(indexPath) }
            let lock = try folder.lock(waiting: waiting ?? {})
            var summary = try update(folder, progress: progress)
                .run(corpus: corpus, mode: mode, optimize: optimize, analyzer: analyzer, started: started)
            lock.release()
            summary.indexBytes = Self.size(of: folder)
            return summary
        } catch {
            let failure = Self.writeFailure(error, indexPath: indexPath)
            // A first build that fails leaves nothing behind, not even the folder it made.
            if kind == .missing, (try? folder.manifest()) == nil { Self.removeFolder(indexPath) }
            throw failure
        }
    }

    /// The analyzer asked for (nil: keep the index's).
    private var analyzer: Analyzer? { stemming.map { $0 ? .englishStemming : .plain } }

    private func update(_ folder: IndexFolder, progress: (@Sendable (IndexBuildProgress) -> Void)?) -> IndexUpdate {
        let segments = SegmentBuilder(memoryBudget: memoryBudget, threads: threads, bytesPerThread: bytesPerThread,
                                      analyzer: analyzer ?? .plain, smallestRunBudget: smallestRunBudget,
                                      storeBlockBytes: storeBlockBytes)
        return IndexUpdate(folder: folder, segments: segments, policy: MergePolicy(factor: mergeFactor), progress: progress)
    }

    /// A single-file index of an earlier format at `path`: a new index is built beside it, then
    /// put in its place.
    private func replaceLegacyFile(at path: String, corpus: String?, progress: (@Sendable (IndexBuildProgress) -> Void)?,
                                   started: Double) throws -> IndexBuildSummary {
        let fresh = IndexFolder.temporary(path)
        let old = IndexFolder.temporary(path + ".old")
        var summary: IndexBuildSummary
        do {
            try FileSystem.createFolder(fresh)
            summary = try update(IndexFolder(path: fresh), progress: progress)
                .run(corpus: corpus, mode: .rebuild, optimize: false, analyzer: analyzer, started: started)
            try FileSystem.rename(path, to: old)
            try FileSystem.rename(fresh, to: path)
        } catch {
            Self.removeFolder(fresh)
            throw Self.writeFailure(error, indexPath: path)
        }
        FileSystem.removeFile(old)
        summary.note = "replaced an index of an earlier format"
        summary.indexBytes = Self.size(of: IndexFolder(path: path))
        return summary
    }

    /// `error` as the user should see it: a failure to write names the index and the file (the
    /// run's temporary files are removed by then).
    private static func writeFailure(_ error: Error, indexPath: String) -> Error {
        if let folder = try? FileSystem.status(of: indexPath), folder.kind == .folder {
            IndexFolder(path: indexPath).removeStaleTemporaries()
        }
        switch error {
        case IndexError.io(let file, let reason) where file.hasPrefix(indexPath):
            return IndexError.writeFailed(index: indexPath, file: file, reason: reason)
        case let error as SystemError:
            return IndexError.writeFailed(index: indexPath, file: indexPath, reason: error.description)
        default:
            return error
        }
    }

    /// The bytes of the files a folder's manifest names.
    private static func size(of folder: IndexFolder) -> Int {
        guard let manifest = try? folder.manifest() else { return 0 }
        let names = manifest.segments.flatMap { [$0.name] + ($0.deletions.map { [$0] } ?? []) }
        return names.reduce(0) { $0 + ((try? FileSystem.status(of: folder.file($1)).size) ?? 0) }
    }

    /// Removes a folder this process made and everything in it (one level deep).
    private static func removeFolder(_ path: String) {
        for name in (try? FileSystem.names(inFolder: path)) ?? [] { FileSystem.removeFile(path + "/" + name) }
        FileSystem.removeFolder(path)
    }
}
