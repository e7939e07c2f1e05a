import Foundation
import Testing
import MissiveTestSupport

/// The built `missive` binary, beside the test bundle.
let binary: String = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("missive").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repositoryRoot + "/.build/debug/missive"
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `missive` with `arguments` in `folder`, with `NO_COLOR` set; through `prefix` when
/// given (a command that runs its arguments, e.g. `setpriv …` or `sh -c …`).
func missive(_ arguments: [String], in folder: String = repositoryRoot, through prefix: [String] = []) throws -> Run {
    let command = prefix + [binary] + arguments
    return try run(command[0], Array(command.dropFirst()), in: folder)
}

/// Runs `executable` with `arguments` in `folder`, with `NO_COLOR` set and then the variables of
/// `changes` set (or, for nil, removed); with `exactly`, in an environment of `changes` alone.
func run(_ executable: String, _ arguments: [String], in folder: String = repositoryRoot,
         environment changes: [String: String?] = [:], exactly: Bool = false) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = exactly ? [:] : ProcessInfo.processInfo.environment
    if !exactly { environment["NO_COLOR"] = "1" }
    for (name, value) in changes { environment[name] = value }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// The bytes of the segment files of the index at `path`.
func segmentBytes(_ path: String) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".seg") }.reduce(0) { total, name in
        total + ((try FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0)
    }
}

/// The paths of a `--json` search.
func jsonPaths(_ run: Run) throws -> [String] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let hits = try #require(object["hits"] as? [[String: Any]])
    return hits.compactMap { $0["path"] as? String }
}

/// `count` generated letters numbered from `first`, 1.3 MB for 600 (deterministic for a seed).
func writeCorpus(_ folder: String, count: Int = 600, from first: Int = 0, seed: UInt64 = 1941) throws {
    var random = SeededGenerator(seed: seed)
    func next(_ bound: Int) -> Int { random.next(below: bound) }
    let words = ["alpha", "omega", "convoy", "front", "second", "murmansk", "division", "army", "letter", "reply",
                 "the", "of", "and", "to", "in", "we", "you", "our", "allies", "war"]
    for number in first..<(first + count) {
        var body = ""
        for index in 0..<(100 + next(400)) { body += (index % 12 == 0 ? ". " : " ") + words[next(words.count)] }
        let text = "Title: Letter \(number)\nFrom: Sender \(number % 7)\nDate: 194\(1 + number % 5)-0\(1 + number % 9)-1\(number % 10)\n\n\(body)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: String(format: "%@/l%05d.txt", folder, number)))
    }
}

/// Starts `missive` with `arguments` in the background, its output discarded.
func startQuietly(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}
