// libFuzzer entry point: query text → parse → (if it parses) search a small index.
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
    }
    return 0
}
