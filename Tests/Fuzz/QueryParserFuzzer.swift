// libFuzzer entry point: query text → parse → (if it parses) search a small index, and the
// tools built on a query: paths, timeline, a concordance, spelling hints, correspondents, the
// matches marked in a letter.
import Foundation
import MissiveIndex
import MissiveQuery

nonisolated(unsafe) private var searcher: Searcher? = {
    guard let path = ProcessInfo.processInfo.environment["MISSIVE_FUZZ_INDEX"], let reader = try? IndexReader(path: path) else { return nil }
    return Searcher(index: reader)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let query = try? Query(parsing: text), let searcher {
        _ = try? searcher.search(query, limit: 5)
        _ = try? searcher.paths(query, limit: 5, order: .date)
        _ = try? searcher.timeline(query, by: .month)
        var lines = 0
        _ = try? searcher.concordance(query, width: 20, order: size % 2 == 0 ? .next : .date) { _ in lines += 1 }
        _ = try? searcher.spellingHints(for: query)
        _ = try? searcher.correspondents(query)
        _ = try? searcher.variants(of: text, maxEdits: 1 + size % 2)
        _ = try? searcher.matchRanges(of: query, in: text)
    }
    return 0
}
