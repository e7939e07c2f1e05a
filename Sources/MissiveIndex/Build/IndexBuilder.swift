import Dispatch

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
    public var threads = CurrentProcess.activeProcessorCount

    /// Index text-field words by their English stems (Porter2), so `negotiation` finds
    /// `negotiations` and `negotiated`; recorded in the index.
    public var stemming = false

    /// The least text worth a thread of its own (tests lower it to exercise threads on small input).
    package var bytesPerThread = 4 << 20

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
        progress: (@Sendable (IndexBuildProgress) -> Void)? = nil
    ) throws -> IndexBuildSummary {
        let started = CurrentProcess.monotonicSeconds()
        let listing = try CorpusWalker.list(folder)
        var summary = IndexBuildSummary()
        for problem in listing.problems {
            summary.skipped.append((problem.path, .unreadable(problem.reason)))
        }
        removeStaleTemporaryFiles(for: indexPath)
        let temporary = "\(indexPath).tmp-\(CurrentProcess.id)"
        let runs = Self.split(listing.files, threads: threads, bytesPerThread: bytesPerThread)
        // The budget covers the file listing and the per-letter tables too; the word lists get the rest.
        let fixedCost = listing.files.count * (LetterFile.estimatedMemory + 24)
        let listBudget = max(memoryBudget - fixedCost, memoryBudget / 2)
        do {
            summary = try write(listing: listing, runs: runs, temporary: temporary, listBudget: listBudget,
                                folder: folder, summary: summary, progress: progress)
            try FileSystem.rename(temporary, to: indexPath)
        } catch IndexError.io(let file, let reason) where file.hasPrefix(temporary) || file == indexPath {
            FileSystem.removeFile(temporary)
            throw IndexError.writeFailed(index: indexPath, file: file, reason: reason)
        } catch let error as SystemError {
            FileSystem.removeFile(temporary)
            throw IndexError.writeFailed(index: indexPath, file: indexPath, reason: error.description)
        } catch {
            FileSystem.removeFile(temporary)
            throw error
        }
        FileSystem.syncFolder(containing: indexPath)
        summary.indexBytes = (try? FileSystem.status(of: indexPath).size) ?? 0
        summary.seconds = CurrentProcess.monotonicSeconds() - started
        return summary
    }

    /// The build proper: indexes the runs into `temporary`, synced and closed.
    private func write(listing: CorpusWalker.Listing, runs: [[LetterFile]], temporary: String, listBudget: Int,
                       folder: String, summary: IndexBuildSummary,
                       progress: (@Sendable (IndexBuildProgress) -> Void)?) throws -> IndexBuildSummary {
        var summary = summary
        let writer = try IndexWriter(path: temporary, memoryBudget: listBudget, runs: runs.count,
                                     analyzer: stemming ? .englishStemming : .plain)
        defer { writer.removeTemporaryFiles() }

        // Each run is indexed by its own thread into its own PartialIndex.
        let shared = BuildRuns(runs: runs.count, filesTotal: listing.files.count, progress: progress)
        let partials = writer.partials
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
        try writer.finish()
        summary.terms = writer.termCount
        summary.segments = writer.segmentCount
        summary.threads = runs.count
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

    /// Removes `<index>.tmp-<pid>` files (and their `.seg-N`, `.store-N` and `.postings`
    /// companions) whose process is gone.
    private func removeStaleTemporaryFiles(for indexPath: String) {
        let folder = FileSystem.folderPath(of: indexPath)
        let name = indexPath.split(separator: "/").last.map(String.init) ?? indexPath
        let prefix = name + ".tmp-"
        guard let names = try? FileSystem.names(inFolder: folder) else { return }
        for entry in names where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if pid == CurrentProcess.id || !CurrentProcess.isAlive(pid) {
                FileSystem.removeFile(folder + "/" + entry)
            }
        }
    }
}
