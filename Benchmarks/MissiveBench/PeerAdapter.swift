import Foundation
import MissiveIndex
import MissiveQuery

/// `missive-bench peer`: the `--ext` contract of the peer harness in `../shared/bench`
/// (`peers.py --ext "missive=…/missive-bench peer"`), so Missive is built and queried beside
/// Tantivy, Lucene and FTS5 in one run, on the same files and the same queries.
///
/// - `peer index FILELIST CORPUS_DIR INDEX_DIR RAM_MB`: one indexing thread, the budget given;
///   the last line of stdout is `{"docs", "bytes", "build_s", "merge_s", "version"}`, `bytes`
///   without the stored letters (the peers store only ids).
/// - `peer query INDEX_DIR QUERIES_TSV WARMUP_PASSES WARMUP_SECONDS REPS OUT_JSON`: each query
///   built from its words (as the Tantivy and Lucene peers build theirs: term, boolean and phrase
///   queries, no parser; checked equal to what the parser makes of it), ranked (BM25 top 10,
///   pruned) and its ten paths fetched, timed alone in nanoseconds.
enum PeerAdapter {
    static let version = "missive 0.3.0 (format \(IndexReader.formatVersion); title+body one field, headers their own; stored letters compressed (LZ77 + Huffman), in the index)"

    static func run(_ arguments: [String]) throws {
        switch arguments.first {
        case "index": try index(Array(arguments.dropFirst()))
        case "query": try query(Array(arguments.dropFirst()))
        default: throw BenchError("peer takes 'index FILELIST CORPUS_DIR INDEX_DIR RAM_MB' or 'query INDEX_DIR QUERIES_TSV WARMUP_PASSES WARMUP_SECONDS REPS OUT_JSON'")
        }
    }

    /// Where the index goes inside the harness's folder (which may hold other things).
    static func indexPath(_ folder: String) -> String { folder + "/missive.index" }

    static func index(_ arguments: [String]) throws {
        guard arguments.count == 4, let megabytes = Int(arguments[3]) else { throw BenchError("peer index FILELIST CORPUS_DIR INDEX_DIR RAM_MB") }
        let listed = try String(contentsOfFile: arguments[0], encoding: .utf8).split(separator: "\n").count
        try FileManager.default.createDirectory(atPath: arguments[2], withIntermediateDirectories: true)
        var builder = IndexBuilder()
        builder.threads = 1
        builder.memoryBudget = megabytes << 20
        let started = DispatchTime.now().uptimeNanoseconds
        let summary = try builder.build(folder: arguments[1], indexPath: indexPath(arguments[2]))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if summary.lettersIndexed != listed {
            log("note: Missive indexed \(summary.lettersIndexed) letters of the \(listed) listed (empty and binary files are skipped)")
        }
        let reader = try IndexReader(path: indexPath(arguments[2]))
        let stored = reader.sectionBytes.first { $0.kind.name == "store" }?.bytes ?? 0
        let line: [String: Any] = ["docs": summary.lettersIndexed, "bytes": reader.fileSize - stored, "bytes_with_store": reader.fileSize,
                                   "build_s": seconds, "merge_s": 0.0, "version": version]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
    }

    /// A harness query line as Missive's query syntax: one word, `a OR b`, `a b`, `"a b"`.
    static func queryText(class kind: Substring, words: [Substring]) -> String {
        switch kind {
        case "or": return words.joined(separator: " OR ")
        case "phrase": return "\"" + words.joined(separator: " ") + "\""
        default: return words.joined(separator: " ")
        }
    }

    /// A harness query line as a query value, built from its words as the Tantivy and Lucene
    /// peers build theirs (term, boolean and phrase queries, no query parser).
    static func query(class kind: Substring, words: [Substring]) -> Query {
        let terms = words.map { Query.term(String($0)) }
        switch kind {
        case "or": return terms.count == 1 ? terms[0] : .or(terms)
        case "phrase": return .phrase(words.map(String.init))
        default: return terms.count == 1 ? terms[0] : .and(terms)
        }
    }

    static func query(_ arguments: [String]) throws {
        guard arguments.count == 6, let warmupPasses = Int(arguments[2]), let warmupSeconds = Double(arguments[3]), let repetitions = Int(arguments[4]) else {
            throw BenchError("peer query INDEX_DIR QUERIES_TSV WARMUP_PASSES WARMUP_SECONDS REPS OUT_JSON")
        }
        // Each query is built as the peers build theirs, and must equal what Missive's parser
        // makes of the same words in its own syntax.
        let lines = try String(contentsOfFile: arguments[1], encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            let words = parts.count > 1 ? parts[1].split(separator: " ") : []
            let text = queryText(class: parts[0], words: words)
            guard query(class: parts[0], words: words) == (try Query(parsing: text)) else {
                throw BenchError("the query built for '\(line)' differs from the parsed '\(text)'")
            }
            return (kind: parts[0], words: words)
        }
        let opening = DispatchTime.now().uptimeNanoseconds
        let searcher = Searcher(index: try IndexReader(path: indexPath(arguments[0])))
        let openSeconds = Double(DispatchTime.now().uptimeNanoseconds - opening) / 1e9
        /// Builds the query of a line, ranks the top 10 and fetches their paths: what is timed.
        func top10(_ line: (kind: Substring, words: [Substring])) throws -> [String] {
            try searcher.rank(query(class: line.kind, words: line.words), limit: 10).map { try searcher.index.path(of: $0.id) }
        }
        var entries: [[String: Any]] = []
        for line in lines {
            entries.append(["hits": try searcher.search(query(class: line.kind, words: line.words), limit: 1).total, "top10": try top10(line), "lat_ns": [Int]()])
        }
        var passes = 0
        let warmStart = DispatchTime.now().uptimeNanoseconds
        while passes < warmupPasses || Double(DispatchTime.now().uptimeNanoseconds - warmStart) / 1e9 < warmupSeconds {
            for line in lines { _ = try top10(line) }
            passes += 1
        }
        var latencies = Array(repeating: [Int](), count: lines.count)
        for _ in 0..<repetitions {
            for (index, line) in lines.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try top10(line)
                latencies[index].append(Int(DispatchTime.now().uptimeNanoseconds - start))
            }
        }
        for index in entries.indices { entries[index]["lat_ns"] = latencies[index] }
        let out: [String: Any] = ["open_s": openSeconds, "version": version, "warm_passes": passes, "queries": entries]
        try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]).write(to: URL(fileURLWithPath: arguments[5]))
    }
}
