import MissiveIndex
import Synchronization

/// `missive index`: builds an index from a folder of letters.
enum IndexCommand {
    static let usage = """
    Usage: missive index [DIR] [--index PATH] [--stem] [--memory MB] [--threads N]

    Indexes every *.txt letter under DIR (default Corpus) into the index file PATH (default
    .missive). The index is written under a temporary name and replaces the old one only when
    complete. Files that cannot be read are skipped with a warning and counted in the summary.
      --memory MB    memory for the in-memory word lists before they are flushed to sorted
                     segments on disk and merged at the end (default 256)
      --threads N    threads tokenizing letters in parallel (default: one per core)
      --stem         index English stems (Porter2): negotiation then finds negotiations and
                     negotiated; searches use the index's choice automatically
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "memory", "threads"], switches: ["stem"])
        guard parsed.positionals.count <= 1 else { throw UsageError("index takes one folder, not \(parsed.positionals.count)") }
        let folder = parsed.positionals.first ?? MissiveCommand.defaultCorpus
        let indexPath = parsed.options["index"] ?? MissiveCommand.defaultIndex
        var builder = IndexBuilder()
        builder.stemming = parsed.flags.contains("stem")
        if parsed.options["memory"] != nil {
            let megabytes = try parsed.positiveInteger("memory", default: 256)
            guard megabytes <= 1 << 20 else { throw UsageError("--memory is in megabytes; \(megabytes) is too many") }
            builder.memoryBudget = megabytes << 20
        }
        if parsed.options["threads"] != nil {
            let threads = try parsed.positiveInteger("threads", default: 1)
            guard threads <= 256 else { throw UsageError("--threads must be at most 256") }
            builder.threads = threads
        }
        let summary = try builder.build(folder: folder, indexPath: indexPath, progress: progressReporter())
        BuildReport.print(summary, indexPath: indexPath, to: .standardOutput)
    }

    /// Builds the default index from the default folder, reporting on standard error (what
    /// `search` does when the index is missing).
    static func buildDefault(at indexPath: String) throws {
        Terminal.error("No index at \(indexPath); building it from \(MissiveCommand.defaultCorpus)/ first.")
        let summary = try IndexBuilder().build(folder: MissiveCommand.defaultCorpus, indexPath: indexPath, progress: progressReporter())
        BuildReport.print(summary, indexPath: indexPath, to: .standardError)
    }

    /// A progress callback drawing one line on standard error when it is a terminal.
    static func progressReporter() -> (@Sendable (IndexBuildProgress) -> Void)? {
        guard Terminal.stderrIsTerminal else { return nil }
        let lastDrawn = Mutex(0.0)
        return { progress in
            let now = Console.monotonicSeconds()
            let due = lastDrawn.withLock { last in
                guard now - last > 0.1 || progress.filesDone == progress.filesTotal else { return false }
                last = now
                return true
            }
            guard due else { return }
            Terminal.raw("\rindexing \(Terminal.count(progress.filesDone))/\(Terminal.count(progress.filesTotal)) files, \(Terminal.megabytes(progress.bytesRead))\u{1B}[K")
            if progress.filesDone == progress.filesTotal { Terminal.raw("\r\u{1B}[K") }
        }
    }
}
