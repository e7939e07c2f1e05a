import Foundation
import MissiveIndex

/// A fresh temporary folder; the caller removes it.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "missive-query-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` to `path`, creating folders.
func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// Writes each of `letters` to `folder/letters/N.txt` (N its number).
func writeLetters(_ letters: [String], in folder: String) throws {
    for (number, text) in letters.enumerated() { try write(text, to: "\(folder)/letters/\(number).txt") }
}

/// The repository's root folder (for `Corpus/` and `../shared/corpus`).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A deterministic random number generator (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
