import Synchronization

/// A fixed set of small integers that threads may add to concurrently: which units of a mapped
/// index have been verified (the file never changes under a reader: a rebuild renames a new one
/// into place), so each is checksummed once per reader.
final class VerifiedSet: @unchecked Sendable {
    /// Zeroed pages holding one bit per member (an atomic word's representation is the plain
    /// integer, so fresh pages are an empty set and a large set costs nothing until touched).
    /// When the pages could not be had, nothing is remembered: every unit is verified each time
    /// it is read, which is slower but as safe.
    private let pages: AnonymousPages
    private let words: UnsafeMutablePointer<Atomic<UInt64>>?
    /// Set when every member counts as present (nothing is to be verified).
    private let everything: Bool

    /// An empty set of members below `count` (or, with `everything`, one that holds them all).
    init(count: Int, everything: Bool = false) {
        self.everything = everything
        let wordCount = max(1, (count + 63) / 64)
        pages = AnonymousPages(byteCount: wordCount * 8)
        words = pages.base?.bindMemory(to: Atomic<UInt64>.self, capacity: wordCount)
    }

    @inline(__always)
    func contains(_ member: Int) -> Bool {
        guard !everything else { return true }
        guard let words else { return false }
        return words[member >> 6].load(ordering: .acquiring) & (1 << UInt64(member & 63)) != 0
    }

    func insert(_ member: Int) {
        words?[member >> 6].bitwiseOr(1 << UInt64(member & 63), ordering: .releasing)
    }
}

/// A check run once per reader, its outcome remembered: later calls only repeat it. The common
/// path, once it has passed, is one atomic load.
final class OnceCheck: @unchecked Sendable {
    private let passed: Atomic<Bool>
    private let failure = Locked<IndexError?>(nil)

    /// A check still to run (or, with `skipped`, one that counts as passed).
    init(skipped: Bool = false) { passed = Atomic(skipped) }

    /// Runs `check` the first time (under a lock, so only once) and remembers its outcome.
    func run(_ check: () -> IndexError?) throws {
        if passed.load(ordering: .acquiring) { return }
        let outcome: IndexError? = failure.withLock { known in
            if passed.load(ordering: .relaxed) { return nil }
            if let known { return known }
            if let error = check() {
                known = error
                return error
            }
            passed.store(true, ordering: .releasing)
            return nil
        }
        if let outcome { throw outcome }
    }
}
