import Foundation
import MissiveIndex
import MissiveQuery
import MissiveTestSupport

/// `missive-bench --updates`: what updating an index in place costs beside a full rebuild, on a
/// writable copy of each collection (hard links; an edited file is written anew, so the
/// collection itself is never changed):
/// - the `missive index` command with nothing changed, 100 letters added, 1,000 changed and
///   1,000 removed, against a full single-threaded rebuild in the same run;
/// - query latency on the same letters as 10 segments and as one, then after `--optimize`;
/// - the index's size with 10% of its letters deleted, before and after a merge.
struct UpdateBenchmark {
    let name: String
    let folder: String
    let options: Options

    func run() throws -> String {
        let missive = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("missive").path
        let work = "\(options.work)/updates-\(name)"
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let letters = work + "/letters", index = work + "/idx"
        try link(folder, to: letters)
        let files = try CorpusWalker.list(letters).files
        var out = "## Updates: \(name) (\(files.count) letters)\n\n"

        func command(_ arguments: [String]) throws -> Double {
            let run = try runChild(missive, arguments)
            guard run.status == 0 else { throw BenchError("missive \(arguments.joined(separator: " ")) failed (exit \(run.status))") }
            return run.seconds
        }
        log("\(name): full rebuild, then updates")
        let full = try command(["index", letters, "--index", index, "--rebuild", "--threads", "1"])
        var unchanged: [Double] = []
        for _ in 0..<5 { unchanged.append(try command(["index", letters, "--index", index])) }
        var random = SeededGenerator(seed: 1945)
        for number in 0..<100 {
            try write("Title: Added \(number)\nFrom: A. Eden\nDate: 1944-06-0\(1 + number % 9)\n\nThe convoy and the second front, letter \(number).",
                      to: "\(letters)/added/\(number).txt")
        }
        let added = try command(["index", letters, "--index", index, "--threads", "1"])
        var pool = files.map(\.relativePath)
        var changed = 0
        for _ in 0..<min(1000, pool.count / 3) {
            let path = letters + "/" + pool.remove(at: random.next(below: pool.count))
            let text = try String(contentsOfFile: path, encoding: .utf8) + "\nAn afterthought on the convoys.\n"
            try FileManager.default.removeItem(atPath: path)
            try write(text, to: path)
            changed += 1
        }
        let change = try command(["index", letters, "--index", index, "--threads", "1"])
        var removed = 0
        for _ in 0..<min(1000, pool.count / 3) {
            try FileManager.default.removeItem(atPath: letters + "/" + pool.remove(at: random.next(below: pool.count)))
            removed += 1
        }
        let remove = try command(["index", letters, "--index", index, "--threads", "1"])
        let median = unchanged.sorted()[unchanged.count / 2]
        out += "| `missive index` | seconds | ÷ full rebuild |\n|---|---:|---:|\n"
        out += "| full rebuild (1 thread) | \(fixed(full, 2)) | 1 |\n"
        for (label, seconds) in [("nothing changed (median of 5)", median), ("100 added", added), ("\(changed) changed", change), ("\(removed) removed", remove)] {
            out += "| \(label) | \(fixed(seconds, 3)) | \(fixed(seconds / full, 3)) |\n"
        }
        out += "\n"
        out += try segments(letters: try CorpusWalker.list(folder).files, work: work)
        out += try deletions(work: work)
        return out
    }

    /// The same letters as 10 segments and as one: query latency p50 per class, then after
    /// optimizing the 10 into one. The 10 are what the merge policy lets updates leave (the most
    /// it keeps for this many letters): a base segment, then three updates on each of three
    /// lower levels (sizes about 1.2·u, 0.3·u and 0.075·u for u = the largest power of 4 at most
    /// a sixteenth of the letters), letters picked at random across the folder.
    private func segments(letters files: [LetterFile], work: String) throws -> String {
        let batches = work + "/batches", ten = work + "/ten", one = work + "/one"
        try FileManager.default.createDirectory(atPath: batches, withIntermediateDirectories: true)
        var unit = 1
        while unit * 4 <= files.count / 16 { unit *= 4 }
        let sizes = [1.2, 1.2, 1.2, 0.3, 0.3, 0.3, 0.075, 0.075, 0.075].map { max(1, Int($0 * Double(unit))) }
        var order = Array(files.indices)
        var random = SeededGenerator(seed: 1947)
        order.shuffle(using: &random)
        var groups: [[Int]] = [Array(order.dropFirst(sizes.reduce(0, +)))]
        var taken = 0
        for size in sizes {
            groups.append(Array(order[taken..<(taken + size)]))
            taken += size
        }
        var builder = IndexBuilder()
        builder.threads = 1
        log("\(name): 10 segments of the same letters (\(groups.map(\.count)))")
        for group in groups {
            for number in group {
                let file = files[number]
                let target = batches + "/" + file.relativePath
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.linkItem(atPath: file.fullPath, toPath: target)
            }
            _ = try builder.update(folder: batches, indexPath: ten)
        }
        _ = try builder.build(folder: batches, indexPath: one)
        let tenReader = try IndexReader(path: ten), oneReader = try IndexReader(path: one)
        let queries = try QuerySetMaker(index: oneReader, perClass: options.queriesPerClass).make(seed: 20261127)
            .filter { options.only?.contains($0.kind) ?? true }
        log("\(name): timing queries on 10 segments and on 1")
        let (onTen, onOne) = try timeSideBySide(queries, tenReader, oneReader)
        _ = try runChild("cp", ["-a", ten, ten + "-segments"])
        _ = try builder.update(folder: batches, indexPath: ten, optimize: true)
        let optimized = try IndexReader(path: ten)
        let (onOptimized, onOneAgain) = try timeSideBySide(queries, optimized, oneReader)
        var out = "Query latency, the same letters as \(tenReader.segments.count) segments (\(tenReader.manifest.segments.map { String($0.letters) }.joined(separator: ", ")) letters), as 1, and the 10 after `--optimize` "
        out += "(p50 µs, top 10, interleaved runs):\n\n| class | 10 segments | 1 segment | ratio | optimized | 1 segment | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for kind in queryClasses {
            guard let a = onTen[kind], let b = onOne[kind], let c = onOptimized[kind], let d = onOneAgain[kind] else { continue }
            out += "| \(kind) | \(fixed(a.p50, 1)) | \(fixed(b.p50, 1)) | \(fixed(a.p50 / b.p50, 2))× | \(fixed(c.p50, 1)) | \(fixed(d.p50, 1)) | \(fixed(c.p50 / d.p50, 2))× |\n"
        }
        return out + "\n"
    }

    /// The size of an index with 10% of its letters deleted, before and after merging them away.
    private func deletions(work: String) throws -> String {
        let batches = work + "/batches", one = work + "/one"
        var builder = IndexBuilder()
        builder.threads = 1
        let files = try CorpusWalker.list(batches).files
        let text = files.reduce(0) { $0 + $1.byteCount }
        let before = try IndexReader(path: one).fileSize
        var random = SeededGenerator(seed: 1946)
        var pool = files
        for _ in 0..<(files.count / 10) { try FileManager.default.removeItem(atPath: pool.remove(at: random.next(below: pool.count)).fullPath) }
        _ = try builder.update(folder: batches, indexPath: one)
        let deleted = try IndexReader(path: one)
        let withDeletions = deleted.fileSize
        _ = try builder.update(folder: batches, indexPath: one, optimize: true)
        let merged = try IndexReader(path: one).fileSize
        let remaining = pool.reduce(0) { $0 + $1.byteCount }
        var out = "Index size (all files, stored letters included): \(mb(before)) for \(files.count) letters (\(percent(before, text)) of their text); "
        out += "with \(deleted.deletedLetterCount) deleted (10%): \(mb(withDeletions)) (\(percent(withDeletions, remaining)) of the live letters' text); "
        out += "after the merge: \(mb(merged)) (\(percent(merged, remaining))).\n\n"
        return out
    }

    /// p50 per class on two indexes, each query timed alternately on one and the other.
    private func timeSideBySide(_ queries: [BenchQuery], _ a: IndexReader, _ b: IndexReader) throws -> ([String: LatencySummary], [String: LatencySummary]) {
        let left = Searcher(index: a), right = Searcher(index: b)
        var samples: [[String: [Double]]] = [[:], [:]]
        var counts: [String: Int] = [:]
        for query in queries {
            let parsed = try parse(query.missive)
            for searcher in [left, right] { for _ in 0..<2 { _ = try searcher.rank(parsed, limit: 10) } }
            for repetition in 0..<options.repetitions {
                for side in repetition % 2 == 0 ? [0, 1] : [1, 0] {
                    let started = monotonicNanoseconds()
                    _ = try (side == 0 ? left : right).rank(parsed, limit: 10)
                    samples[side][query.kind, default: []].append(Double(monotonicNanoseconds() - started) / 1e3)
                }
            }
            counts[query.kind, default: 0] += 1
        }
        func summarize(_ side: [String: [Double]]) -> [String: LatencySummary] {
            side.mapValues { LatencySummary(microseconds: $0, queries: 0) }
        }
        return (summarize(samples[0]), summarize(samples[1]))
    }

    /// A copy of `source` at `target` made of hard links (`cp -al`).
    private func link(_ source: String, to target: String) throws {
        let run = try runChild("cp", ["-al", source, target])
        guard run.status == 0 else { throw BenchError("cp -al \(source) \(target) failed") }
    }

    private func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
    private func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
    private func percent(_ part: Int, _ whole: Int) -> String { String(format: "%.1f%%", 100 * Double(part) / Double(max(whole, 1))) }
}
