import MissiveIndex
import Synchronization

/// `missive index`: builds an index from a folder of letters, or brings it up to date.
enum IndexCommand {
    static let usage = """
    Usage: missive index [DIR] [--index PATH] [--rebuild] [--verify] [--optimize] [--stem | --no-stem]
                         [--memory MB] [--threads N]

    Brings the index PATH (default .missive) up to date with the *.txt letters under DIR (default:
    the folder the index was built from, else Corpus). Letters added, changed and removed since the
    last run are found by path, size and modification time, and only they are written; an index
    that does not exist yet is built. The index is a folder of segments and a manifest: a new state
    replaces the old one whole, so searches during an update see one or the other, and a failed or
    interrupted run leaves the previous index as it was. Files that cannot be read are skipped with
    a warning and counted in the summary.
      --rebuild      build the index anew from every letter
      --verify       also compare each file's content with what was indexed (edits that keep a
                     file's size and time)
      --optimize     end with one segment and no deleted letters (as after --rebuild)
      --stem         index English stems (Porter2): negotiation then finds negotiations and
                     negotiated; searches use the index's choice automatically (--no-stem: words)
      --memory MB    memory for the in-memory word lists before they are flushed to sorted
                     spill files on disk and merged (default 256; at least 8 per thread: a
                     smaller budget acts as 8)
      --threads N    threads tokenizing letters in parallel (default: one per core)
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "memory", "threads"],
                                   switches: ["stem", "no-stem", "rebuild", "verify", "optimize"])
        guard parsed.positionals.count <= 1 else { throw UsageError("index takes one folder, not \(parsed.positionals.count)") }
        guard !(parsed.flags.contains("stem") && parsed.flags.contains("no-stem")) else { throw UsageError("choose --stem or --no-stem") }
        // A rebuild reads every file and ends in one segment: --verify and --optimize would do nothing.
        try parsed.exclusive(["rebuild", "verify"], " (a rebuild reads every file anyway)")
        try parsed.exclusive(["rebuild", "optimize"], " (a rebuild ends in one segment anyway)")
        let indexPath = parsed.options["index"] ?? MissiveCommand.defaultIndex
        var builder = IndexBuilder()
        if parsed.flags.contains("stem") { builder.stemming = true }
        if parsed.flags.contains("no-stem") { builder.stemming = false }
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
        Signals.onInterruption { IndexBuilder.stopAndRemoveTemporaryFiles(of: indexPath) }
        let summary: IndexBuildSummary
        do {
            if parsed.flags.contains("rebuild") {
                summary = try builder.build(folder: parsed.positionals.first ?? MissiveCommand.defaultCorpus, indexPath: indexPath,
                                            progress: progressReporter())
            } else {
                summary = try builder.update(folder: parsed.positionals.first, indexPath: indexPath, verify: parsed.flags.contains("verify"),
                                             optimize: parsed.flags.contains("optimize"), progress: progressReporter(), waiting: waitingNotice(indexPath))
            }
        } catch IndexError.notAnIndex(let path) {
            throw CommandError("\(path) exists and is not a Missive index; refusing to replace it (choose another --index)")
        }
        BuildReport.print(summary, indexPath: indexPath, to: .standardOutput)
    }

    /// Brings the default index up to date with its folder (building it from `Corpus/` when
    /// missing), reporting on standard error: what `search` does before searching.
    static func refreshDefault(at indexPath: String, reason: String) throws {
        Terminal.error(reason)
        Signals.onInterruption { IndexBuilder.stopAndRemoveTemporaryFiles(of: indexPath) }
        let summary = try IndexBuilder().update(folder: nil, indexPath: indexPath, progress: progressReporter(), waiting: waitingNotice(indexPath))
        BuildReport.print(summary, indexPath: indexPath, to: .standardError)
    }

    /// What to say when another build of the index is running.
    static func waitingNotice(_ indexPath: String) -> () -> Void {
        { Terminal.error("Another 'missive index' is writing \(indexPath); waiting for it to finish.") }
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
