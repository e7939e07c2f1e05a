import Foundation
import MissiveIndex
import MissiveQuery

/// missive-bench: builds indexes of real and synthetic letter collections and measures build
/// throughput, memory, index size and query latency, side by side with SQLite FTS5.
let usage = """
Usage: missive-bench [--corpus DIR]... [--synthetic MB]... [--with-fts5] [--memory MB]
                     [--repetitions N] [--queries N] [--label NAME] [--work DIR]

Without --corpus or --synthetic it measures Corpus/ and every collection under ../shared/corpus.
  --corpus DIR      a folder of letters (repeatable)
  --synthetic MB    a seeded synthetic collection of about MB megabytes (repeatable; cached in --work)
  --with-fts5       also build and query SQLite FTS5 (Benchmarks/peers/fts5.py) and print ratios
  --memory MB       the indexing memory budget (default 256)
  --repetitions N   timed runs of each query after warm-up (default 20)
  --queries N       queries per class (default 20)
  --label NAME      results go to Benchmarks/results/NAME.md and .json (default: the date and time)
  --work DIR        where indexes and synthetic corpora are written (default /tmp/missive-bench)
  --only C1,C2      time only these query classes (for profiling)
  --updates         measure updating an index in place instead (see UpdateBenchmark.swift)

       missive-bench peer index FILELIST CORPUS_DIR INDEX_DIR RAM_MB
       missive-bench peer query INDEX_DIR QUERIES_TSV WARMUP_PASSES WARMUP_SECONDS REPS OUT_JSON
the adapter for the peer harness in ../shared/bench (peers.py --ext "missive=…/missive-bench peer"):
Missive built and queried beside Tantivy, Lucene and FTS5 in one run (see PeerAdapter.swift).

       missive-bench historian --index PATH [--repetitions N] [--word W] [--variant W] [--similar PATH]
the historian's tools (variants, similar, correspondents, concordance) beside a plain search, timed
in one process on an index of ../shared/corpus: the first call on a fresh reader and warm calls.
       missive-bench serve-load [--corpus DIR] [--seconds 30] [--clients 16] [--label NAME]
`missive serve` under load on loopback: requests per second, p50/p99, errors and the server's
memory over the run (see ServeLoad.swift).
"""

struct Options {
    var corpora: [String] = []
    var synthetic: [Int] = []
    var withFTS5 = false
    var memoryMB = 256
    var repetitions = 20
    var queriesPerClass = 20
    var label: String?
    var work = "/tmp/missive-bench"
    var only: Set<String>?
    var updates = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError("\(name) needs a value") }
            return next
        }
        func number(_ name: String) throws -> Int {
            guard let n = Int(try value(name)), n > 0 else { throw BenchError("\(name) needs a positive number") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--corpus": corpora.append(try value(argument))
            case "--synthetic": synthetic.append(try number(argument))
            case "--with-fts5": withFTS5 = true
            case "--memory": memoryMB = try number(argument)
            case "--repetitions": repetitions = try number(argument)
            case "--queries": queriesPerClass = try number(argument)
            case "--label": label = try value(argument)
            case "--work": work = try value(argument)
            case "--only": only = Set(try value(argument).split(separator: ",").map(String.init))
            case "--updates": updates = true
            case "--help", "-h": print(usage); Foundation.exit(0)
            default: throw BenchError("unknown argument '\(argument)'\n\n\(usage)")
            }
        }
    }
}

func log(_ message: String) { FileHandle.standardError.write(Data(("missive-bench: " + message + "\n").utf8)) }

/// The package root: the current folder when it holds Package.swift, else the executable's
/// `.build/<config>/..`.
func packageRoot() -> String {
    if FileManager.default.fileExists(atPath: "Package.swift") { return FileManager.default.currentDirectoryPath }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    return executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// Internal mode: build one index in this (child) process and print the summary as JSON.
func buildInChild(_ arguments: [String]) throws {
    guard arguments.count >= 2 else { throw BenchError("__build needs DIR INDEX [MEMORY_MB]") }
    var builder = IndexBuilder()
    if arguments.count >= 3, let megabytes = Int(arguments[2]) { builder.memoryBudget = megabytes << 20 }
    if arguments.count >= 4, let threads = Int(arguments[3]) { builder.threads = threads }
    builder.stemming = arguments.count >= 5 && arguments[4] == "stem"
    let summary = try builder.build(folder: arguments[0], indexPath: arguments[1])
    let object: [String: Any] = ["letters": summary.lettersIndexed, "bytes": summary.bytesIndexed, "seconds": summary.seconds,
                                 "skipped": summary.skipped.count, "segments": summary.spills,
                                 "threads": summary.threads]
    print(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
}

/// Internal mode for profilers (`perf`, `callgrind`): `__profile INDEX REPETITIONS QUERY...`
/// (a QUERY `@CLASS=INDEX` stands for the benchmark's 20 queries of that class from INDEX)
/// runs the queries' ranking repeatedly against one index and prints the mean time per query.
func profileQueries(_ arguments: [String]) throws {
    guard arguments.count >= 3, let repetitions = Int(arguments[1]) else { throw BenchError("__profile needs INDEX REPETITIONS QUERY...") }
    let searcher = Searcher(index: try IndexReader(path: arguments[0]))
    // `@CLASS=INDEX` stands for the benchmark's queries of that class, picked from INDEX.
    var texts: [String] = []
    for argument in arguments.dropFirst(2) {
        guard argument.hasPrefix("@"), let equals = argument.firstIndex(of: "=") else { texts.append(argument); continue }
        let kind = String(argument[argument.index(after: argument.startIndex)..<equals])
        let source = try IndexReader(path: String(argument[argument.index(after: equals)...]))
        texts += try QuerySetMaker(index: source, perClass: 20).make(seed: 20261127).filter { $0.kind == kind }.map(\.missive)
    }
    let queries = try texts.map(parse)
    var found = 0
    let started = monotonicNanoseconds()
    for _ in 0..<repetitions { for query in queries { found += try searcher.rank(query, limit: 10).count } }
    let microseconds = Double(monotonicNanoseconds() - started) / 1e3 / Double(repetitions * queries.count)
    print("\(found) letters ranked, \(String(format: "%.2f", microseconds)) µs a query")
}

/// Reads every file under `folder` once, so the timed builds find them in the page cache.
func warmPageCache(_ folder: String) throws {
    for file in try CorpusWalker.list(folder).files {
        _ = FileManager.default.contents(atPath: file.fullPath)
    }
}

func decodeJSON(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw BenchError("unexpected output: \(text.prefix(200))")
    }
    return object
}

func measureMissive(folder: String, name: String, options: Options) throws -> (EngineResult, [BenchQuery]) {
    let indexPath = "\(options.work)/\(name).missive"
    // The files are read once first, so no build pays for a cold page cache. Then the
    // parallel build (its index is discarded) and the single-threaded one, measured against
    // the peers and searched.
    try warmPageCache(folder)
    var parallel: (seconds: Double, threads: Int, peak: Int)?
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if cores > 1 {
        log("\(name): building Missive index with \(cores) threads")
        let run = try runChild(CommandLine.arguments[0], ["__build", folder, indexPath, String(options.memoryMB), String(cores)])
        guard run.status == 0 else { throw BenchError("Missive build of \(folder) failed (exit \(run.status))") }
        let summary = try decodeJSON(run.output)
        parallel = (summary["seconds"] as? Double ?? run.seconds, summary["threads"] as? Int ?? 1, run.peakRSSBytes)
    }
    log("\(name): building a stemmed Missive index with 1 thread")
    let stemmedRun = try runChild(CommandLine.arguments[0], ["__build", folder, indexPath + ".stemmed", String(options.memoryMB), "1", "stem"])
    guard stemmedRun.status == 0 else { throw BenchError("stemmed build of \(folder) failed (exit \(stemmedRun.status))") }
    let stemmedSeconds = try decodeJSON(stemmedRun.output)["seconds"] as? Double
    log("\(name): building Missive index with 1 thread")
    let child = try runChild(CommandLine.arguments[0], ["__build", folder, indexPath, String(options.memoryMB), "1"])
    guard child.status == 0 else { throw BenchError("Missive build of \(folder) failed (exit \(child.status))") }
    let summary = try decodeJSON(child.output)
    let letters = summary["letters"] as? Int ?? 0
    let bytes = summary["bytes"] as? Int ?? 0
    let seconds = summary["seconds"] as? Double ?? child.seconds

    var opens: [Double] = []
    for _ in 0..<50 {
        let started = monotonicNanoseconds()
        _ = try IndexReader(path: indexPath)
        opens.append(Double(monotonicNanoseconds() - started) / 1e3)
    }
    let reader = try IndexReader(path: indexPath)
    var sections: [String: Int] = [:]
    for section in reader.sectionBytes { sections[section.kind.name] = section.bytes }
    let stored = sections[SectionKind.store.name] ?? 0

    log("\(name): timing queries")
    let queries = try QuerySetMaker(index: reader, perClass: options.queriesPerClass).make(seed: 20261127)
        .filter { options.only?.contains($0.kind) ?? true }
    let searcher = Searcher(index: reader)
    var samples: [String: [Double]] = [:]
    var exhaustiveSamples: [String: [Double]] = [:]
    var counts: [String: Int] = [:]
    for query in queries {
        for _ in 0..<2 { _ = try searcher.rank(try parse(query.missive), limit: 10) }
        for repetition in 0..<options.repetitions {
            // The same query is also scored exhaustively (every match), interleaved and in
            // alternating order so noise and cache warmth hit both alike.
            for exhaustive in repetition % 2 == 0 ? [false, true] : [true, false] {
                let started = monotonicNanoseconds()
                if exhaustive {
                    _ = try searcher.rankExhaustively(try parse(query.missive), limit: 10)
                    exhaustiveSamples[query.kind, default: []].append(Double(monotonicNanoseconds() - started) / 1e3)
                } else {
                    _ = try searcher.rank(try parse(query.missive), limit: 10)
                    samples[query.kind, default: []].append(Double(monotonicNanoseconds() - started) / 1e3)
                }
            }
        }
        counts[query.kind, default: 0] += 1
    }
    var latency: [String: LatencySummary] = [:]
    for (kind, values) in samples { latency[kind] = LatencySummary(microseconds: values, queries: counts[kind] ?? 0) }
    var exhaustive: [String: LatencySummary] = [:]
    for (kind, values) in exhaustiveSamples { exhaustive[kind] = LatencySummary(microseconds: values, queries: counts[kind] ?? 0) }

    var processMilliseconds: Double?
    let missive = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("missive").path
    if FileManager.default.isExecutableFile(atPath: missive), let first = queries.first(where: { $0.kind == "single" }) {
        var times: [Double] = []
        for _ in 0..<11 {
            let run = try runChild(missive, ["search", first.missive, "--index", indexPath])
            if run.status == 0 { times.append(run.seconds * 1000) }
        }
        if !times.isEmpty { processMilliseconds = times.sorted()[times.count / 2] }
    }
    let result = EngineResult(engine: "missive", letters: letters, bytes: bytes, buildSeconds: seconds,
                              peakRSSBytes: child.peakRSSBytes, indexBytes: reader.fileSize - stored,
                              openMicroseconds: opens.sorted()[opens.count / 2], latency: latency,
                              exhaustiveLatency: exhaustive, sections: sections, processMilliseconds: processMilliseconds,
                              segments: summary["segments"] as? Int, parallelBuildSeconds: parallel?.seconds,
                              parallelThreads: parallel?.threads, parallelPeakRSSBytes: parallel?.peak,
                              stemmedBuildSeconds: stemmedSeconds)
    return (result, queries)
}

func parse(_ text: String) throws -> Query {
    try Query(parsing: text)
}

func measureFTS5(folder: String, name: String, queries: [BenchQuery], options: Options) throws -> EngineResult {
    let script = packageRoot() + "/Benchmarks/peers/fts5.py"
    let database = "\(options.work)/\(name).fts5.db"
    log("\(name): building SQLite FTS5 index")
    let build = try runChild("python3", [script, "build", folder, database])
    guard build.status == 0 else { throw BenchError("FTS5 build failed (exit \(build.status))") }
    let summary = try decodeJSON(build.output)
    let queryFile = "\(options.work)/\(name).queries.json"
    try JSONEncoder().encode(queries).write(to: URL(fileURLWithPath: queryFile))
    log("\(name): timing FTS5 queries")
    let run = try runChild("python3", [script, "query", database, queryFile, "--repetitions", String(options.repetitions)])
    guard run.status == 0 else { throw BenchError("FTS5 queries failed (exit \(run.status))") }
    let answers = try decodeJSON(run.output)
    var latency: [String: LatencySummary] = [:]
    if let raw = answers["latencies_microseconds"] as? [String: [Double]] {
        for (kind, values) in raw {
            latency[kind] = LatencySummary(microseconds: values, queries: queries.filter { $0.kind == kind }.count)
        }
    }
    return EngineResult(engine: "fts5", letters: summary["letters"] as? Int ?? 0, bytes: summary["bytes"] as? Int ?? 0,
                        buildSeconds: summary["seconds"] as? Double ?? build.seconds, peakRSSBytes: build.peakRSSBytes,
                        indexBytes: summary["index_bytes"] as? Int ?? 0,
                        openMicroseconds: answers["open_microseconds"] as? Double ?? 0, latency: latency,
                        errors: answers["errors"] as? [String])
}

func machineDescription() -> String {
    var cpu = "unknown CPU"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let colon = line.firstIndex(of: ":") {
        cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)"
}

func main() throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "__build" { return try buildInChild(Array(arguments.dropFirst())) }
    if arguments.first == "__profile" { return try profileQueries(Array(arguments.dropFirst())) }
    if arguments.first == "peer" { return try PeerAdapter.run(Array(arguments.dropFirst())) }
    if arguments.first == "historian" { return try HistorianTools(Array(arguments.dropFirst())).run() }
    if arguments.first == "serve-load" { return try ServeLoad(Array(arguments.dropFirst())).run() }
    var options = try Options(arguments)
    try FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
    let root = packageRoot()
    var folders: [(name: String, folder: String)] = options.corpora.map { (URL(fileURLWithPath: $0).lastPathComponent, $0) }
    for megabytes in options.synthetic {
        let corpus = SyntheticCorpus(megabytes: megabytes, seed: 1941)
        folders.append(("synthetic-\(megabytes)MB", try corpus.materialize(under: options.work, log: log)))
    }
    if folders.isEmpty {
        folders.append(("Corpus", root + "/Corpus"))
        let shared = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        if let names = try? FileManager.default.contentsOfDirectory(atPath: shared) {
            for name in names.sorted() where !name.hasPrefix(".") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: shared + "/" + name, isDirectory: &isFolder), isFolder.boolValue {
                    folders.append((name, shared + "/" + name))
                }
            }
        } else {
            log("no ../shared/corpus here; measuring the bundled Corpus only")
        }
    }
    if options.updates {
        var report = "# missive-bench --updates\n\nMachine: \(machineDescription()). Release build; `missive index` timed as a whole process.\n\n"
        for (name, folder) in folders {
            let section = try UpdateBenchmark(name: name, folder: folder, options: options).run()
            print(section)
            report += section
        }
        let label = options.label ?? "updates"
        try report.write(toFile: "\(root)/Benchmarks/results/\(label).md", atomically: true, encoding: .utf8)
        log("results written to Benchmarks/results/\(label).md")
        return
    }
    var results: [CorpusResult] = []
    for (name, folder) in folders {
        let (missive, queries) = try measureMissive(folder: folder, name: name, options: options)
        var fts5: EngineResult?
        if options.withFTS5 { fts5 = try measureFTS5(folder: folder, name: name, queries: queries, options: options) }
        let result = CorpusResult(corpus: name, folder: folder, queries: queries, missive: missive, fts5: fts5)
        print(MarkdownReport.render(result))
        results.append(result)
    }
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss"
    formatter.timeZone = TimeZone(identifier: "UTC")
    let stamp = formatter.string(from: Date())
    if options.label == nil { options.label = stamp }
    let run = BenchRun(date: stamp, machine: machineDescription(), repetitions: options.repetitions,
                       memoryBudgetMB: options.memoryMB, corpora: results)
    let folder = root + "/Benchmarks/results"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(run).write(to: URL(fileURLWithPath: "\(folder)/\(options.label!).json"))
    try MarkdownReport.render(run).write(toFile: "\(folder)/\(options.label!).md", atomically: true, encoding: .utf8)
    log("results written to \(folder)/\(options.label!).md and .json")
}

do {
    try main()
} catch {
    log("error: \(error)")
    exit(1)
}
