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
