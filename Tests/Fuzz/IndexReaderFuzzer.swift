// libFuzzer entry point: bytes of an index file → open, check, search.
import Foundation
import MissiveIndex
import MissiveQuery

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = NSTemporaryDirectory() + "missive-fuzz-\(getpid()).idx"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    // Also with the per-unit checksums off, so mutations reach the decoders behind them.
    for verifying in [true, false] {
        guard let reader = try? IndexReader(path: path, verifyingChecksums: verifying) else { return 0 }
        _ = IndexChecker(reader: reader).check()
        for text in ["second front", "\"second front\"", "convoy*", "from:stalin", "a OR b", "NEAR(second front, 2)", "front~"] {
            if let query = try? Query(parsing: text) { _ = try? Searcher(index: reader).search(query, limit: 3) }
        }
    }
    return 0
}
