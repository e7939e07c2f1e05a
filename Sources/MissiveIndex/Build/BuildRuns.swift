/// What one run of a build indexed and skipped.
struct RunOutcome {
    var lettersIndexed = 0
    var bytesIndexed = 0
    var skipped: [(source: LetterSource, reason: SkipReason)] = []
    var warnings: [(path: String, message: String)] = []
    var error: Error?
}

/// State the build's threads share: outcomes, progress and a failure flag, behind a lock.
final class BuildRuns: Sendable {
    private struct State {
        var outcomes: [RunOutcome]
        var filesDone = 0
        var bytesRead = 0
        var failed = false
    }

    private let state: Locked<State>
    private let filesTotal: Int
    private let progress: (@Sendable (IndexBuildProgress) -> Void)?

    init(runs: Int, filesTotal: Int, progress: (@Sendable (IndexBuildProgress) -> Void)?) {
        state = Locked(State(outcomes: Array(repeating: RunOutcome(), count: runs)))
        self.filesTotal = filesTotal
        self.progress = progress
    }

    /// Counts a file done and reports progress.
    func advance(bytes: Int) {
        state.withLock { state in
            state.filesDone += 1
            state.bytesRead += bytes
            progress?(IndexBuildProgress(filesDone: state.filesDone, filesTotal: filesTotal, bytesRead: state.bytesRead))
        }
    }

    /// Records run `run`'s outcome.
    func record(_ outcome: RunOutcome, run: Int) {
        state.withLock { $0.outcomes[run] = outcome }
    }

    /// Every run's outcome, in run order.
    var outcomes: [RunOutcome] { state.withLock { $0.outcomes } }

    /// Tells the other threads to stop (one has failed).
    func fail() { state.withLock { $0.failed = true } }

    /// Whether a run has failed.
    var failed: Bool { state.withLock { $0.failed } }
}
