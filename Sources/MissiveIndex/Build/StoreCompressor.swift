import Dispatch

/// Compresses a run's store blocks and writes them, in order, on a thread of its own (as
/// Tantivy's document store does), so that tokenizing goes on while a block is compressed: a
/// build on one thread uses a second core for its stored letters.
///
/// At most ``inFlight`` blocks wait at once (memory stays bounded). A block's offset in the
/// store is known only once it is written, so letters refer to their block by number until
/// ``finish()`` hands out the offsets. A failed write is kept and thrown by the next
/// ``submit(_:)`` or by ``finish()``. The offsets are touched on the queue only and read after
/// ``finish()`` has waited for it, the failure behind a lock (hence `@unchecked`).
final class StoreCompressor: @unchecked Sendable {
    /// Blocks handed over and not yet written, at most.
    static let inFlight = 4

    private let store: FileSink
    private let queue = DispatchQueue(label: "missive.store-compressor")
    private let slots = DispatchSemaphore(value: StoreCompressor.inFlight)
    private var offsets: [UInt64] = []
    private let failure = Locked<(any Error)?>(nil)
    /// Blocks handed over so far (the next one's number).
    private(set) var submitted = 0

    init(store: FileSink) {
        self.store = store
    }

    /// Hands over the records of the next block; returns its number.
    func submit(_ records: [UInt8]) throws -> Int {
        slots.wait()
        if let failure = failure.withLock({ $0 }) {
            slots.signal()
            throw failure
        }
        queue.async {
            defer { self.slots.signal() }
            guard self.failure.withLock({ $0 == nil }) else { return }
            do {
                self.offsets.append(self.store.sectionOffset)
                try self.store.write(StoreBlock.encode(records))
            } catch {
                self.failure.withLock { $0 = error }
            }
        }
        submitted += 1
        return submitted - 1
    }

    /// Waits for every block to be written; returns their offsets in the store, by number.
    func finish() throws -> [UInt64] {
        let offsets = queue.sync { self.offsets }
        if let failure = failure.withLock({ $0 }) { throw failure }
        return offsets
    }
}
