import Foundation
import MissiveTestSupport

/// `missive serve` running in the background on a free port, for the server tests.
final class ServerProcess {
    let process: Process
    let port: Int
    private let errors: Pipe

    /// Starts `missive serve --port 0` with `arguments` and waits for the line with its URL.
    init(_ arguments: [String], in folder: String = repositoryRoot) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // "Serving PATH (N letters) at http://127.0.0.1:PORT/ — Ctrl-C to stop."
        var line: [UInt8] = []
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"http://[^ ]+:\d+/"#, options: .regularExpression),
              let port = Int(text[range].dropLast().split(separator: ":").last ?? "") else {
            process.terminate()
            throw HTTPClientError("missive serve printed no URL: \(text) \(String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))")
        }
        self.port = port
    }

    /// One GET (or HEAD) on a new connection.
    func get(_ target: String, headers: [String: String] = [:], method: String = "GET") throws -> HTTPClientResponse {
        try HTTPClientConnection.get(target, port: port, headers: headers, method: method)
    }

    /// Stops the server with Ctrl-C's signal; returns its exit status and what it wrote on stderr.
    func interrupt() -> (status: Int32, stderr: String) {
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
