import Foundation
import MissiveIndex
import MissiveQuery
import MissiveTestSupport

/// `missive-bench serve-load`: `missive serve` under load on loopback. Builds an index of a
/// collection (default ../shared/corpus, else Corpus/), starts the release `missive serve` beside
/// this binary, and lets CLIENTS keep-alive clients (default 16) send a mix of requests for
/// SECONDS (default 30): search pages (60%: the benchmark's queries of every class, a tenth of
/// them on page 2 sorted by date), JSON searches (20%) and letter pages with their matches
/// marked (20%). Reports requests per second, p50/p99 latency per kind, errors, and the server's
/// resident memory each second (its growth from the first quarter of the run to the end).
struct ServeLoad {
    var folder: String
    var seconds = 30.0
    var clients = 16
    var work = "/tmp/missive-bench"
    var label = "serve-load"

    init(_ arguments: [String]) throws {
        let root = packageRoot()
        let shared = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        folder = FileManager.default.fileExists(atPath: shared) ? shared : root + "/Corpus"
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError("\(argument) needs a value") }
            switch argument {
            case "--corpus": folder = value
            case "--seconds": seconds = Double(value) ?? seconds
            case "--clients": clients = Int(value) ?? clients
            case "--work": work = value
            case "--label": label = value
            default: throw BenchError("serve-load takes --corpus DIR, --seconds N, --clients N, --work DIR, --label NAME")
            }
        }
    }

    /// One request a client may send.
    struct Request {
        var kind: String
        var target: String
    }

    /// What one client measured.
    final class Tally: @unchecked Sendable {
        var latencies: [String: [Double]] = [:]
        var errors: [String] = []
        var samples: [Int] = []
    }

    func run() throws {
        let missive = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("missive").path
        let index = "\(work)/serve-load.missive"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        log("indexing \(folder)")
        let built = try runChild(missive, ["index", folder, "--index", index, "--rebuild"])
        guard built.status == 0 else { throw BenchError("missive index failed") }
        let requests = try mix(index: index)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: missive)
        server.arguments = ["serve", "--index", index, "--port", "0"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let portText = line.split(separator: ":").last?.split(separator: "/").first, let port = Int(portText) else {
            throw BenchError("missive serve printed no URL: \(line)")
        }
        log("serving on port \(port); \(clients) clients for \(Int(seconds)) s after a 3 s warm-up")
        _ = try drive(port: port, requests: requests, seconds: 3, clients: clients)
        let memory = Tally()
        let pid = server.processIdentifier
        let sampler = Thread {
            while !Thread.current.isCancelled {
                memory.samples.append(Self.residentKilobytes(pid))
                Thread.sleep(forTimeInterval: 1)
            }
        }
        sampler.start()
        let started = Date()
        let tallies = try drive(port: port, requests: requests, seconds: seconds, clients: clients)
        let elapsed = Date().timeIntervalSince(started)
        sampler.cancel()
        Thread.sleep(forTimeInterval: 1.1)
        let report = render(tallies, elapsed: elapsed, memory: memory.samples, letters: built.output)
        print(report)
        let path = "\(packageRoot())/Benchmarks/results/\(label).md"
        try report.write(toFile: path, atomically: true, encoding: .utf8)
        log("results written to \(path)")
    }

    /// The requests, in a fixed shuffled order every client walks from its own offset.
    private func mix(index: String) throws -> [Request] {
        let reader = try IndexReader(path: index)
        let queries = try QuerySetMaker(index: reader, perClass: 20).make(seed: 20261127).map(\.missive)
        let searcher = Searcher(index: reader)
        var letters: [Request] = []
        for text in queries.prefix(40) {
            let query = try Query(parsing: text)
            for path in try searcher.paths(query, limit: 1).paths {
                letters.append(Request(kind: "letter page", target: "/letter?path=\(enc(path))&q=\(enc(text))"))
            }
        }
        var requests: [Request] = []
        for (number, text) in queries.enumerated() {
            let paged = number % 10 == 0
            requests.append(Request(kind: "search page", target: "/?q=\(enc(text))" + (paged ? "&sort=date&page=2" : "")))
            requests.append(Request(kind: "search page", target: "/?q=\(enc(text))"))
            requests.append(Request(kind: "search page", target: "/?q=\(enc(text))&sort=-date"))
            requests.append(Request(kind: "JSON search", target: "/api/search?q=\(enc(text))"))
            if !letters.isEmpty { requests.append(letters[number % letters.count]) }
        }
        var random = SeededGenerator(seed: 1942)
        for index in stride(from: requests.count - 1, to: 0, by: -1) { requests.swapAt(index, random.next(below: index + 1)) }
        return requests
    }

    private func enc(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// `clients` threads sending `requests` over keep-alive connections for `seconds`.
    private func drive(port: Int, requests: [Request], seconds: Double, clients: Int) throws -> [Tally] {
        let deadline = Date().addingTimeInterval(seconds)
        let tallies = (0..<clients).map { _ in Tally() }
        let group = DispatchGroup()
        for (number, tally) in tallies.enumerated() {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var connection: HTTPClientConnection?
                var next = number * requests.count / max(clients, 1)
                while Date() < deadline {
                    let request = requests[next % requests.count]
                    next += 1
                    do {
                        if connection == nil { connection = try HTTPClientConnection(port: port, timeout: 30) }
                        let start = monotonicNanoseconds()
                        connection!.request(request.target)
                        let response = try connection!.readResponse()
                        tally.latencies[request.kind, default: []].append(Double(monotonicNanoseconds() - start) / 1e3)
                        if response.status != 200 { tally.errors.append("\(response.status) \(request.target)") }
                        if response.headers["connection"] == "close" { connection = nil }
                    } catch {
                        tally.errors.append("\(error) \(request.target)")
                        connection = nil
                    }
                }
            }
            thread.start()
        }
        group.wait()
        return tallies
    }

    private func render(_ tallies: [Tally], elapsed: Double, memory: [Int], letters: String) -> String {
        var byKind: [String: [Double]] = [:]
        for tally in tallies { for (kind, samples) in tally.latencies { byKind[kind, default: []] += samples } }
        let all = byKind.values.flatMap { $0 }
        let errors = tallies.flatMap(\.errors)
        func row(_ name: String, _ samples: [Double]) -> String {
            let summary = LatencySummary(microseconds: samples, queries: 0)
            return "| \(name) | \(samples.count) | \(String(format: "%.1f", Double(samples.count) / elapsed)) | \(String(format: "%.2f", summary.p50 / 1000)) | \(String(format: "%.2f", summary.p99 / 1000)) |\n"
        }
        var out = "# missive serve under load\n\nMachine: \(machineDescription()). Release build. Index of `\(folder)`"
        out += " (\(letters.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")).\n"
        out += "\(clients) keep-alive clients on loopback for \(String(format: "%.1f", elapsed)) s after a 3 s warm-up; server: `missive serve` defaults (16 threads).\n"
        out += "Command: `swift build -c release && .build/release/missive-bench serve-load --seconds \(Int(seconds)) --clients \(clients)`\n\n"
        out += "| requests | count | per second | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n"
        out += row("all", all)
        for kind in byKind.keys.sorted() { out += row(kind, byKind[kind]!) }
        out += "\nErrors: \(errors.count)\(errors.isEmpty ? "" : " (first: \(errors[0]))").\n\n"
        let quarter = memory.isEmpty ? 0 : memory[memory.count / 4]
        let end = memory.last ?? 0
        out += "Server resident memory (VmRSS), sampled each second: first \(mb(memory.first ?? 0)), at a quarter \(mb(quarter)), "
        out += "highest \(mb(memory.max() ?? 0)), last \(mb(end)); growth from the first quarter to the end: \(mb(end - quarter)).\n"
        out += "\nSamples (MB): " + memory.map { String(format: "%.1f", Double($0) / 1024) }.joined(separator: " ") + "\n"
        return out
    }

    private func mb(_ kilobytes: Int) -> String { String(format: "%.1f MB", Double(kilobytes) / 1024) }

    /// The resident set size of process `pid` in kilobytes (0 when unreadable).
    static func residentKilobytes(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
