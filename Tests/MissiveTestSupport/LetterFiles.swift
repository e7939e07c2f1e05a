import Foundation

/// Writes `text` to `path`, creating the folders it needs.
public func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// Writes each of `letters` to `folder/letters/N.txt` (N its number).
public func writeLetters(_ letters: [String], in folder: String) throws {
    for (number, text) in letters.enumerated() { try write(text, to: "\(folder)/letters/\(number).txt") }
}

/// The repository's root folder (for `Corpus/` and `../shared/corpus`).
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The shared collections beside the repository (`../shared/corpus`), when they are there.
public let sharedCorpus: String? = {
    let path = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Copies the eleven Stalin–Churchill–Roosevelt letters at the top of the bundled `Corpus/` (not
/// its `wartime-cables/` subfolder) to `folder`, which is created; returns `folder`. Tests whose
/// expectations were written for those eleven letters index this copy.
@discardableResult
public func copyKremlinLetters(to folder: String) throws -> String {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let corpus = repositoryRoot + "/Corpus"
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus) where name.hasSuffix(".txt") {
        try FileManager.default.copyItem(atPath: corpus + "/" + name, toPath: folder + "/" + name)
    }
    return folder
}
