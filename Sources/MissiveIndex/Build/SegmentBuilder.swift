import Dispatch

/// A letter to put in a new segment: a file to read, or a letter already stored in a segment
/// (when segments are merged).
enum LetterInput: Sendable {
    case file(LetterFile)
    case stored(SegmentReader, id: Int, source: LetterSource)

    /// The letter's path relative to the corpus.
    var path: String {
        switch self {
        case .file(let file): return file.relativePath
        case .stored(_, _, let source): return source.path
        }
    }

    /// Its size in bytes (for sharing work between threads).
    var byteCount: Int {
        switch self {
        case .file(let file): return file.byteCount
        case .stored(_, _, let source): return source.size
        }
    }
}

/// What writing one segment did.
struct SegmentBuild {
    /// Letters written.
    var letters = 0
    /// Bytes of letter files read (letters written only).
    var bytes = 0
    /// Words in the letters written.
    var tokens = 0
    /// Files not written, with why, and their source (size, time) as listed.
    var skipped: [(source: LetterSource, reason: SkipReason)] = []
    /// Letters written with a remark.
    var warnings: [(path: String, message: String)] = []
    var terms = 0
    var spills = 0
    var threads = 1
    var mergeThreads = 1
}

/// Writes one segment file from letters in path order, tokenizing them on several threads within
/// a memory budget (each thread takes a contiguous run of the letters; see ``SegmentWriter``).
struct SegmentBuilder: Sendable {
    var memoryBudget: Int
    var threads: Int
    var bytesPerThread: Int
    var analyzer: Analyzer
    /// The least memory one thread's inverted lists get, whatever the budget.
    var smallestRunBudget = IndexBuilder.defaultSmallestRunBudget
    /// Bytes of letter files per store block.
    var storeBlockBytes = StoreBlock.targetBytes

    /// What a build holds per letter besides its word lists, in bytes, charged to the memory
    /// budget: its input (the listed file and its path), record, source and names, and the
    /// allocator's slack around them. Measured on the 404,909 letters of the harness's 1 GB
    /// collection (peak resident size less the lists' share): 94–112 MB on one thread (230–280
    /// bytes a letter), about 155 MB on two.
    static let memoryPerLetter = 300

    /// Writes `inputs` (in path order) to a new file at `path`; when none of them can be
    /// indexed, writes nothing and says so with `letters == 0`.
    func write(_ inputs: [LetterInput], to path: String, progress: (@Sendable (IndexBuildProgress) -> Void)?) throws -> SegmentBuild {
        let blockEnds = StoreBlock.ends(sizes: inputs.map(\.byteCount), target: storeBlockBytes)
        let runs = Self.split(inputs, blockEnds: blockEnds, threads: threads, bytesPerThread: bytesPerThread)
        // The budget covers the per-letter tables too; the word lists get the rest.
        let fixedCost = inputs.count * Self.memoryPerLetter
        let listBudget = max(memoryBudget - fixedCost, memoryBudget / 2)
        let writer = try SegmentWriter(path: path, memoryBudget: listBudget, runs: runs.count, analyzer: analyzer,
                                       smallestRunBudget: smallestRunBudget)
        defer { writer.removeTemporaryFiles() }

        let shared = BuildRuns(runs: runs.count, filesTotal: inputs.count, progress: progress)
        let partials = writer.partials
        for (run, range) in runs.enumerated() { partials[run].reserve(letters: range.count) }
        let work: @Sendable (Int) -> Void = { run in
            var outcome = RunOutcome()
            var blocks = StoreBlockCache()
            do {
                for index in runs[run] {
                    let (result, source) = try Self.read(inputs[index], blocks: &blocks)
                    switch result {
                    case .skipped(let reason):
                        outcome.skipped.append((source, reason))
                        if blockEnds[index] { try partials[run].endBlock() }
                    case .letter(let letter, let warnings):
                        try partials[run].add(letter, source: source, endsBlock: blockEnds[index])
                        outcome.lettersIndexed += 1
                        outcome.bytesIndexed += source.size
                        for warning in warnings { outcome.warnings.append((source.path, warning)) }
                    }
                    shared.advance(bytes: source.size)
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
        var build = SegmentBuild()
        for outcome in shared.outcomes {
            if let error = outcome.error { throw error }
            build.letters += outcome.lettersIndexed
            build.bytes += outcome.bytesIndexed
            build.skipped += outcome.skipped
            build.warnings += outcome.warnings
        }
        build.threads = runs.count
        guard build.letters > 0 else {
            FileSystem.removeFile(path)
            return build
        }
        try writer.finish()
        build.terms = writer.termCount
        build.spills = writer.spillCount
        build.mergeThreads = writer.mergeThreads
        build.tokens = writer.totalTextTokens
        return build
    }

    /// The letter of `input` and its source. A file that cannot be read is skipped; a stored
    /// letter that cannot be read is an error (the index is damaged).
    private static func read(_ input: LetterInput, blocks: inout StoreBlockCache) throws -> (LetterReadResult, LetterSource) {
        switch input {
        case .file(let file):
            return LetterParser.read(file)
        case .stored(let segment, let id, let source):
            return (.letter(try segment.letter(id, blocks: &blocks), warnings: []), source)
        }
    }

    /// Splits the inputs into at most `threads` contiguous runs of about equal bytes (one run
    /// for small collections, where threads would not pay), each ending where a store block
    /// ends (so the blocks, and the file, do not depend on the threads). Returns index ranges.
    static func split(_ inputs: [LetterInput], blockEnds: [Bool], threads: Int, bytesPerThread: Int) -> [Range<Int>] {
        let total = inputs.reduce(0) { $0 + $1.byteCount }
        let wanted = min(max(threads, 1), max(1, total / max(bytesPerThread, 1)), max(1, inputs.count / 16))
        guard wanted > 1 else { return [0..<inputs.count] }
        var runs: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for index in inputs.indices {
            bytes += inputs[index].byteCount
            if blockEnds[index], bytes >= total * (runs.count + 1) / wanted, runs.count < wanted - 1 {
                runs.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < inputs.count { runs.append(start..<inputs.count) }
        return runs
    }
}
