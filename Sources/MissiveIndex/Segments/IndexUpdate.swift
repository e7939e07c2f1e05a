/// One build or update of an index folder, run under the folder's lock: what changed in the
/// corpus since the manifest was published, the deletions that records, a new segment for the
/// added and changed letters, the merges the policy asks for, then a new manifest.
struct IndexUpdate {
    let folder: IndexFolder
    let segments: SegmentBuilder
    let policy: MergePolicy
    let progress: (@Sendable (IndexBuildProgress) -> Void)?

    /// How much to do.
    enum Mode {
        /// Everything anew: one segment of every letter.
        case rebuild
        /// Only what changed (a rebuild when there is no index yet, or it is of another folder).
        case update(verify: Bool)
    }

    /// Runs the build or update of `corpus` (nil: the folder the index was built from, else
    /// `Corpus`); with `optimize`, everything ends in one segment without deletions.
    func run(corpus given: String?, mode: Mode, optimize: Bool, analyzer requested: Analyzer?, started: Double) throws -> IndexBuildSummary {
        folder.removeStaleTemporaries()
        let old = try folder.manifest()
        // Without a folder given, the one the index was built from (as resolved then, so the
        // update works from any working folder).
        let corpus = given ?? old?.corpus ?? "Corpus"
        let walked = given ?? old?.resolvedCorpus ?? corpus
        var listing = try CorpusWalker.list(walked)
        let resolved = FileSystem.resolved(walked) ?? walked
        let analyzer = requested ?? old?.analyzer ?? .plain
        var summary: IndexBuildSummary
        if case .update(let verify) = mode, let old, old.analyzer == analyzer, old.resolvedCorpus == resolved {
            do {
                summary = try update(old, listing: listing, corpus: corpus, resolved: resolved, verify: verify, optimize: optimize)
            } catch IndexError.unsupportedVersion(let found, _) where found < FileHeader.formatVersion {
                // Segments of an older format: nothing was written yet; build anew.
                summary = try rebuild(after: old, listing: &listing, corpus: corpus, resolved: resolved, analyzer: analyzer)
                summary.note = "rebuilt: the index was of format \(found), this missive writes format \(FileHeader.formatVersion)"
            }
        } else {
            summary = try rebuild(after: old, listing: &listing, corpus: corpus, resolved: resolved, analyzer: analyzer)
            if let old, old.resolvedCorpus != resolved { summary.note = "the index was of \(old.corpus); rebuilt from \(corpus)" }
            if let old, old.analyzer != analyzer { summary.note = "rebuilt with the \(analyzer.name) analyzer (the index had \(old.analyzer.name))" }
        }
        for problem in listing.problems {
            if problem.isFolder {
                summary.unreadableFolders.append((problem.path, problem.reason))
            } else {
                summary.skipped.append((problem.path, .unreadable(problem.reason)))
            }
        }
        summary.seconds = CurrentProcess.monotonicSeconds() - started
        return summary
    }

    // MARK: Rebuild

    /// Builds one segment of every listed letter; the listing's files are let go once they are
    /// the build's inputs (at 400,000 letters, a copy costs 30 MB of the memory budget).
    private func rebuild(after old: Manifest?, listing: inout CorpusWalker.Listing, corpus: String, resolved: String,
                         analyzer: Analyzer) throws -> IndexBuildSummary {
        var number = old?.nextSegmentNumber ?? 1
        var builder = segments
        builder.analyzer = analyzer
        let inputs = listing.files.map(LetterInput.file)
        listing.files = []
        let (written, build) = try write(inputs, builder: builder, number: &number)
        guard let segment = written else { throw IndexError.noLetters(path: corpus) }
        let manifest = Manifest(
            generation: (old?.generation ?? 0) + 1, built: FileSystem.now(), analyzer: analyzer, nextSegmentNumber: number,
            corpus: corpus, resolvedCorpus: resolved, segments: [segment],
            folders: listing.folders.map { Manifest.Folder(path: $0.path, modified: $0.modified) },
            skipped: Self.skippedFiles(build.skipped, listed: inputs))
        try folder.publish(manifest)
        folder.removeUnreferenced(by: manifest)
        var summary = IndexBuildSummary(build)
        summary.action = .built
        summary.letters = manifest.liveLetters
        summary.segmentCount = 1
        return summary
    }

    // MARK: Update

    private func update(_ old: Manifest, listing: CorpusWalker.Listing, corpus: String, resolved: String,
                        verify: Bool, optimize: Bool) throws -> IndexBuildSummary {
        let reader = try IndexReader(path: folder.path)
        let changes = try CorpusChanges(reader: reader, manifest: old, listing: listing, verify: verify)
        let folders = listing.folders.map { Manifest.Folder(path: $0.path, modified: $0.modified) }
        var summary = IndexBuildSummary()
        let needsMerge = optimize && (old.segments.count > 1 || old.segments.contains { $0.deleted > 0 })
        if changes.isEmpty && !needsMerge {
            summary.action = .upToDate
            summary.letters = old.liveLetters
            summary.segmentCount = old.segments.count
            if folders != old.folders || changes.skipped != old.skipped {
                var refreshed = old
                refreshed.generation += 1
                refreshed.folders = folders
                refreshed.skipped = changes.skipped
                try folder.publish(refreshed)
            }
            return summary
        }
        let generation = old.generation + 1
        var number = old.nextSegmentNumber
        var states = try deletions(of: changes.deleted, in: reader, old: old, generation: generation)

        // The added and changed letters, in a segment of their own.
        var skipped = changes.skipped
        let inputs = (changes.added + changes.changed).sorted { ByteComparison.precedes($0.relativePath, $1.relativePath) }
        if !inputs.isEmpty {
            let listed = inputs.map(LetterInput.file)
            let (segment, build) = try write(listed, builder: segments, number: &number)
            if let segment { states.append(SegmentState(entry: segment, deletions: nil, reader: nil)) }
            summary = IndexBuildSummary(build)
            skipped += Self.skippedFiles(build.skipped, listed: listed)
        }

        // Segments with nothing left are dropped; the policy's merges (or all, to optimize) are done.
        states.removeAll { $0.entry.letters == $0.entry.deleted }
        let candidates = states.map { MergePolicy.Candidate(name: $0.entry.name, letters: $0.entry.letters, deleted: $0.entry.deleted) }
        var groups = policy.merges(candidates)
        if optimize && (states.count > 1 || states.contains { $0.entry.deleted > 0 }) { groups = [states.map(\.entry.name)] }
        for group in groups {
            let members = states.filter { group.contains($0.entry.name) }
            if let merged = try merge(members, number: &number) {
                states.removeAll { group.contains($0.entry.name) }
                states.append(SegmentState(entry: merged, deletions: nil, reader: nil))
                summary.mergedSegments += members.count
            }
        }

        let manifest = Manifest(
            generation: generation, built: FileSystem.now(), analyzer: old.analyzer, nextSegmentNumber: number,
            corpus: corpus, resolvedCorpus: resolved, segments: states.map(\.entry), folders: folders,
            skipped: skipped.sorted { ByteComparison.precedes($0.path, $1.path) })
        try folder.publish(manifest)
        folder.removeUnreferenced(by: manifest)
        summary.action = .updated
        summary.added = changes.added.count
        summary.changed = changes.changed.count
        summary.removed = changes.removed
        summary.letters = manifest.liveLetters
        summary.segmentCount = manifest.segments.count
        return summary
    }

    /// A segment of the index being updated: its manifest entry, its deletions as of this update,
    /// and a reader when it is already open.
    private struct SegmentState {
        var entry: Manifest.Segment
        var deletions: Deletions?
        var reader: SegmentReader?
    }

    /// The segments of `old` with the letters in `deleted` (segment number → letters) recorded as
    /// deleted: each changed segment gets a new deletions file named for `generation`.
    private func deletions(of deleted: [Int: [Int]], in reader: IndexReader, old: Manifest, generation: UInt64) throws -> [SegmentState] {
        var states: [SegmentState] = []
        for (number, segment) in reader.segments.enumerated() {
            var entry = old.segments[number]
            var deletions = segment.deletions
            if let letters = deleted[number], !letters.isEmpty {
                var updated = deletions ?? Deletions(letterCount: segment.letterCount)
                var analyzer = LetterAnalyzer(segment.analyzer)
                var blocks = StoreBlockCache()
                for local in letters.sorted() {
                    let (keys, length) = analyzer.keys(of: try segment.letter(local, blocks: &blocks))
                    updated.delete(local, length: length, keys: keys)
                }
                let name = IndexFolder.deletionsName(segment: entry.name, generation: generation)
                try writeAtomically(name, updated.encoded())
                entry.deletions = name
                entry.deleted = updated.deleted.count
                deletions = updated
            }
            states.append(SegmentState(entry: entry, deletions: deletions, reader: segment))
        }
        return states
    }

    /// Merges `members` into one new segment of their live letters; nil when none is left.
    private func merge(_ members: [SegmentState], number: inout UInt32) throws -> Manifest.Segment? {
        var inputs: [LetterInput] = []
        for member in members {
            let segment: SegmentReader
            if let open = member.reader {
                segment = open
            } else {
                segment = try SegmentReader(SegmentReader.open(folder.file(member.entry.name), name: member.entry.name),
                                            base: 0, deletions: nil, averageLength: 1)
            }
            let sources = try segment.sources()
            for local in 0..<segment.letterCount where !(member.deletions?.deleted.contains(local) ?? false) {
                inputs.append(.stored(segment, id: local, source: sources[local]))
            }
        }
        inputs.sort { ByteComparison.precedes($0.path, $1.path) }
        return try write(inputs, builder: segments, number: &number).segment
    }

    /// Writes `inputs` as segment number `number` (under a temporary name, renamed when complete)
    /// and advances `number`; no segment when none of the inputs could be indexed.
    private func write(_ inputs: [LetterInput], builder: SegmentBuilder, number: inout UInt32) throws -> (segment: Manifest.Segment?, build: SegmentBuild) {
        let name = IndexFolder.segmentName(number)
        let temporary = folder.file(IndexFolder.temporary(name))
        let build = try builder.write(inputs, to: temporary, progress: progress)
        guard build.letters > 0 else { return (nil, build) }
        do {
            try FileSystem.rename(temporary, to: folder.file(name))
        } catch {
            throw IndexError.io(path: folder.file(name), reason: error.description)
        }
        number += 1
        return (Manifest.Segment(name: name, letters: build.letters, deletions: nil, deleted: 0), build)
    }

    /// Writes a small file of the folder under a temporary name, synced, then renames it to `name`.
    private func writeAtomically(_ name: String, _ bytes: [UInt8]) throws {
        let temporary = folder.file(IndexFolder.temporary(name))
        do {
            FileSystem.removeFile(temporary)
            try FileSystem.writeNewFile(temporary, bytes)
            try FileSystem.rename(temporary, to: folder.file(name))
        } catch {
            FileSystem.removeFile(temporary)
            throw IndexError.io(path: temporary, reason: error.description)
        }
    }

    /// The files a build skipped, as the manifest remembers them (with their listed size and
    /// time, so an unchanged one is not tried again). `listed` is sorted by path (byte order) and
    /// searched by halving: a table of every listed path would cost a build of 400,000 letters
    /// some 40 MB.
    static func skippedFiles(_ skipped: [(source: LetterSource, reason: SkipReason)], listed: [LetterInput]) -> [Manifest.SkippedFile] {
        skipped.map { entry in
            var low = 0, high = listed.count
            while low < high {
                let middle = (low + high) / 2
                if ByteComparison.precedes(listed[middle].path, entry.source.path) { low = middle + 1 } else { high = middle }
            }
            var file: LetterFile?
            if low < listed.count, case .file(let found) = listed[low], found.relativePath == entry.source.path { file = found }
            return Manifest.SkippedFile(path: entry.source.path, size: file?.byteCount ?? entry.source.size,
                                        modified: file?.modified ?? entry.source.modified, reason: entry.reason.description)
        }
    }
}
