/// What happened in one build or update.
public struct IndexBuildSummary: Sendable {
    /// What the run did to the index.
    public enum Action: Sendable {
        /// Wrote it anew from every letter.
        case built
        /// Added, changed and removed letters in place.
        case updated
        /// Found nothing to change.
        case upToDate
    }

    /// What the run did.
    public var action = Action.built
    /// Letters written (all of them in a build; the added and changed ones in an update).
    public var lettersIndexed = 0
    /// Bytes of letter files read for them.
    public var bytesIndexed = 0
    /// Files added to the corpus since the last build (an update).
    public var added = 0
    /// Files changed since the last build (an update).
    public var changed = 0
    /// Files gone since the last build (an update).
    public var removed = 0
    /// Letters in the index afterwards.
    public var letters = 0
    /// Segments in the index afterwards.
    public var segmentCount = 0
    /// Segments merged into others by this run.
    public var mergedSegments = 0
    /// Files not indexed, with why.
    public var skipped: [(path: String, reason: SkipReason)] = []
    /// Folders that could not be read (their letters, if any, are not indexed), with why.
    public var unreadableFolders: [(path: String, reason: String)] = []
    /// Letters indexed with a remark (encoding guessed, header oddity, bad date).
    public var warnings: [(path: String, message: String)] = []
    /// Something the user should know about the run (a rebuild where an update was asked for).
    public var note: String?
    /// Wall-clock seconds the run took.
    public var seconds = 0.0
    /// Size of the index's files afterwards, in bytes.
    public var indexBytes = 0
    /// Distinct terms in the segment written (all fields).
    public var terms = 0
    /// Sorted spill files flushed to disk under the memory budget and merged at the end.
    public var spills = 0
    /// Threads that indexed letters.
    public var threads = 1
    /// Threads that merged the spill files into the segment (two when the merge was split by
    /// term range).
    public var mergeThreads = 1

    /// An empty summary.
    public init() {}

    /// The summary of writing one segment.
    init(_ build: SegmentBuild) {
        lettersIndexed = build.letters
        bytesIndexed = build.bytes
        skipped = build.skipped.map { ($0.source.path, $0.reason) }
        warnings = build.warnings
        terms = build.terms
        spills = build.spills
        threads = build.threads
        mergeThreads = build.mergeThreads
    }

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
