#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A failure of the benchmark itself (not of the engine under test).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a finished child process left: its exit status, standard output, wall time and peak RSS.
struct ChildResult {
    var status: Int32
    var output: String
    var seconds: Double
    var peakRSSBytes: Int
}

/// Runs a program to completion, capturing standard output and measuring its peak resident set
/// (from `wait4`'s resource usage, so each build is measured in a process of its own).
func runChild(_ executable: String, _ arguments: [String]) throws -> ChildResult {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw BenchError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let started = Date()
    let spawnResult = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
    close(pipeEnds[1])
    guard spawnResult == 0 else {
        close(pipeEnds[0])
        throw BenchError("cannot run \(executable): \(String(cString: strerror(spawnResult)))")
    }
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(pipeEnds[0], &chunk, chunk.count)
        if count <= 0 { break }
        output.append(contentsOf: chunk[0..<count])
    }
    close(pipeEnds[0])
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(started)
    let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildResult(status: exitCode, output: String(decoding: output, as: UTF8.self),
                       seconds: seconds, peakRSSBytes: Int(usage.ru_maxrss) * 1024)
}

/// Monotonic time in nanoseconds.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Latency percentiles of one query class, in microseconds.
struct LatencySummary: Codable {
    var queries: Int
    var samples: Int
    var p50: Double
    var p95: Double
    var p99: Double

    init(microseconds samples: [Double], queries: Int) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        self.queries = queries
        self.samples = sorted.count
        p50 = percentile(0.50)
        p95 = percentile(0.95)
        p99 = percentile(0.99)
    }
}
