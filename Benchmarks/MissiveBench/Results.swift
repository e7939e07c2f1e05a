import Foundation

/// One engine's numbers on one corpus.
struct EngineResult: Codable {
    var engine: String
    var letters: Int
    var bytes: Int
    var buildSeconds: Double
    var peakRSSBytes: Int
    /// Index size without stored letters.
    var indexBytes: Int
    var openMicroseconds: Double
    var latency: [String: LatencySummary]
    /// Missive only: the same queries scored exhaustively (no block-max or MaxScore pruning).
    var exhaustiveLatency: [String: LatencySummary]? = nil
    /// Missive only: bytes per section.
    var sections: [String: Int]? = nil
    /// Missive only: milliseconds for a whole `missive search` process (median).
    var processMilliseconds: Double? = nil
    var errors: [String]? = nil
    /// Missive only: segments the single-threaded build flushed under the memory budget.
    var segments: Int? = nil
    /// Missive only: the same build with one thread per core.
    var parallelBuildSeconds: Double? = nil
    var parallelThreads: Int? = nil
    var parallelPeakRSSBytes: Int? = nil
    /// Missive only: the single-threaded build with English stemming.
    var stemmedBuildSeconds: Double? = nil

    var megabytesPerSecond: Double { Double(bytes) / 1e6 / buildSeconds }
    var lettersPerSecond: Double { Double(letters) / buildSeconds }
    var percentOfText: Double { 100 * Double(indexBytes) / Double(bytes) }
}

/// Everything measured on one corpus.
struct CorpusResult: Codable {
    var corpus: String
    var folder: String
    var queries: [BenchQuery]
    var missive: EngineResult
    var fts5: EngineResult?
}

/// The whole run, as written to `Benchmarks/results/NAME.json`.
struct BenchRun: Codable {
    var date: String
    var machine: String
    var repetitions: Int
    var memoryBudgetMB: Int
    var corpora: [CorpusResult]
}

/// Renders a run as Markdown tables.
enum MarkdownReport {
    static func render(_ run: BenchRun) -> String {
        var out = "# missive-bench \(run.date)\n\n"
        out += "Machine: \(run.machine). Latency: top-10 by BM25, in process, warm, \(run.repetitions) repetitions per query after warm-up; "
        out += "FTS5 latency is measured from Python (`sqlite3`), so it includes a few µs of interpreter overhead per query. "
        out += "Index sizes exclude stored text (FTS5 table is contentless). Memory budget \(run.memoryBudgetMB) MB.\n\n"
        for corpus in run.corpora { out += render(corpus) }
        return out
    }

    static func render(_ corpus: CorpusResult) -> String {
        let m = corpus.missive
        var out = "## \(corpus.corpus) — \(group(m.letters)) letters, \(fixed(Double(m.bytes) / 1e6, 1)) MB\n\n"
        let classes = queryClasses.filter { m.latency[$0] != nil }
        out += "| engine | build s | MB/s | letters/s | peak RSS MB | index MB | % of text | open µs | "
        out += classes.map { "\($0) p50 µs" }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: 7 + classes.count) + "\n"
        func row(_ e: EngineResult, _ name: String) -> String {
            var cells = [name, fixed(e.buildSeconds, 2), fixed(e.megabytesPerSecond, 1), group(Int(e.lettersPerSecond)),
                         fixed(Double(e.peakRSSBytes) / 1e6, 0), fixed(Double(e.indexBytes) / 1e6, 1),
                         fixed(e.percentOfText, 1) + "%", fixed(e.openMicroseconds, 0)]
            cells += classes.map { e.latency[$0].map { fixed($0.p50, 0) } ?? "–" }
            return "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += row(m, "Missive")
        if let f = corpus.fts5 {
            out += row(f, "SQLite FTS5")
            var cells = ["Missive advantage (×)", ratio(f.buildSeconds, m.buildSeconds), ratio(m.megabytesPerSecond, f.megabytesPerSecond),
                         ratio(m.lettersPerSecond, f.lettersPerSecond), ratio(Double(f.peakRSSBytes), Double(m.peakRSSBytes)),
                         ratio(Double(f.indexBytes), Double(m.indexBytes)), ratio(f.percentOfText, m.percentOfText),
                         ratio(f.openMicroseconds, m.openMicroseconds)]
            cells += classes.map { c in
                guard let a = f.latency[c]?.p50, let b = m.latency[c]?.p50 else { return "–" }
                return ratio(a, b)
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n(advantage: the peer's time, size or memory divided by Missive's; above 1 means Missive is faster or smaller.)\n\n"
        out += "| class | Missive p50 / p95 / p99 µs | p99 ÷ p50 | exhaustive p50 µs | pruning gain |" + (corpus.fts5 != nil ? " FTS5 p50 / p95 / p99 µs | FTS5 ÷ Missive p50 |" : "") + "\n"
        out += "|---|---:|---:|---:|---:|" + (corpus.fts5 != nil ? "---:|---:|" : "") + "\n"
        for c in classes {
            let l = m.latency[c]!
            let e = m.exhaustiveLatency?[c]
            out += "| \(c) | \(fixed(l.p50, 1)) / \(fixed(l.p95, 1)) / \(fixed(l.p99, 1)) | \(fixed(l.p99 / max(l.p50, 0.001), 1)) |"
            out += e.map { " \(fixed($0.p50, 1)) | \(ratio($0.p50, l.p50)) |" } ?? " – | – |"
            if let f = corpus.fts5 {
                if let fl = f.latency[c] {
                    out += " \(fixed(fl.p50, 1)) / \(fixed(fl.p95, 1)) / \(fixed(fl.p99, 1)) | \(ratio(fl.p50, l.p50)) |"
                } else {
                    out += " – | – |"
                }
            }
            out += "\n"
        }
        if let sections = m.sections {
            out += "\nMissive sections: " + sections.sorted { $0.key < $1.key }.map { "\($0.key) \(group($0.value)) B" }.joined(separator: ", ") + "."
        }
        if let seconds = m.parallelBuildSeconds, let threads = m.parallelThreads, threads > 1 {
            out += " Parallel build (\(threads) threads): \(fixed(seconds, 2)) s, \(fixed(Double(m.bytes) / 1e6 / seconds, 1)) MB/s, "
            out += "\(ratio(m.buildSeconds, seconds))× the single-threaded rate, peak RSS \(fixed(Double(m.parallelPeakRSSBytes ?? 0) / 1e6, 0)) MB."
        }
        if let seconds = m.stemmedBuildSeconds {
            out += " Stemmed build (1 thread): \(fixed(Double(m.bytes) / 1e6 / seconds, 1)) MB/s, \(ratio(seconds, m.buildSeconds))× the plain build's time."
        }
        if let segments = m.segments { out += " Single-threaded build flushed \(segments) spill file\(segments == 1 ? "" : "s")." }
        if let process = m.processMilliseconds {
            out += " Whole `missive search` process (start, open, search, print 10 hits with snippets): \(fixed(process, 1)) ms median."
        }
        if let errors = corpus.fts5?.errors, !errors.isEmpty {
            out += "\n\nFTS5 rejected \(errors.count) queries: " + errors.prefix(3).joined(separator: "; ")
        }
        out += "\n\nQueries (first of each class): " + queryClasses.compactMap { c in
            corpus.queries.first { $0.kind == c }.map { "\(c) `\($0.missive)`" }
        }.joined(separator: ", ") + ".\n\n"
        return out
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.2f", a / b) : "–" }
    static func group(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
