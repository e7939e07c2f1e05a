// libFuzzer entry point: an index folder with one of its files replaced by fuzzed bytes → open,
// check, search (and paths, a concordance, correspondents, variants, similar letters). The folder is a copy of MISSIVE_FUZZ_INDEX (an index of several segments with
// a deletions file); the input's first byte picks the file (manifest, a segment, a deletions
// file), the rest are its bytes. The seeds are each file of that index behind its number.
import Foundation
import MissiveIndex
import MissiveQuery

/// The seed index's files (the lock left out), by name, in name order.
let seedFiles: [(name: String, bytes: Data)] = {
    guard let folder = ProcessInfo.processInfo.environment["MISSIVE_FUZZ_INDEX"],
          let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        fatalError("set MISSIVE_FUZZ_INDEX to an index folder (Tests/Fuzz/run.sh does)")
    }
    return names.filter { $0 != "lock" }.sorted().compactMap { name in
        FileManager.default.contents(atPath: folder + "/" + name).map { (name, $0) }
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 1, !seedFiles.isEmpty else { return 0 }
    let folder = NSTemporaryDirectory() + "missive-fuzz-\(getpid()).missive"
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)) != nil else { return 0 }
    let replaced = Int(data[0]) % seedFiles.count
    for (number, file) in seedFiles.enumerated() {
        let bytes = number == replaced ? Data(bytes: data + 1, count: size - 1) : file.bytes
        _ = FileManager.default.createFile(atPath: folder + "/" + file.name, contents: bytes)
    }
    // Also with the per-unit checksums off, so mutations reach the decoders behind them.
    for verifying in [true, false] {
        guard let reader = try? IndexReader(path: folder, verifyingChecksums: verifying) else { return 0 }
        _ = IndexChecker(reader: reader).check()
        let searcher = Searcher(index: reader)
        for text in ["second front", "\"second front\"", "convoy*", "from:stalin", "a OR b", "NEAR(second front, 2)", "front~", "stalin -front"] {
            if let query = try? Query(parsing: text) {
                _ = try? searcher.search(query, limit: 3)
                _ = try? searcher.facets(query, field: .from, limit: 3)
                _ = try? searcher.paths(query, limit: 3)
                _ = try? searcher.concordance(query, width: 10, order: .path) { _ in }
            }
        }
        _ = try? searcher.correspondents(nil)
        _ = try? searcher.variants(of: "front", maxEdits: 2)
        _ = try? searcher.similar(to: LetterID(0), limit: 3)
    }
    return 0
}
