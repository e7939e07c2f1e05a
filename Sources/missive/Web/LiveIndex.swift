import MissiveIndex
import Synchronization

/// The index a long-running server reads: opened again when `missive index` publishes a new
/// state (an update or a rebuild), looked for at most once a second, on a request. A request
/// keeps the reader it started with; the old one closes when its last request ends.
final class LiveIndex: Sendable {
    private let state: Mutex<(reader: IndexReader, checked: Double)>
    private let announce: @Sendable (String) -> Void

    /// Serves `reader` until its folder changes; `announce` hears of each reopening.
    init(_ reader: IndexReader, announce: @escaping @Sendable (String) -> Void) {
        state = Mutex((reader, Console.monotonicSeconds()))
        self.announce = announce
    }

    /// The reader for a request.
    func current() -> IndexReader {
        let now = Console.monotonicSeconds()
        return state.withLock { state in
            guard now - state.checked >= 1 else { return state.reader }
            state.checked = now
            guard state.reader.isSuperseded else { return state.reader }
            do {
                let fresh = try IndexReader(path: state.reader.path)
                announce("The index at \(fresh.path) changed; now serving \(Terminal.count(fresh.letterCount)) letters.")
                state.reader = fresh
            } catch {
                announce("The index at \(state.reader.path) changed but cannot be opened (\(error)); still serving the earlier state.")
            }
            return state.reader
        }
    }
}
