/// What changed in a corpus since its index was published, found the way rsync and git find it:
/// by path, size and modification time (and, to verify, the CRC-32 of every file, for edits that
/// keep both).
struct CorpusChanges {
    /// Files not in the index (nor skipped before with the same size and time).
    var added: [LetterFile] = []
    /// Files in the index whose size, time (or, verifying, content) differ.
    var changed: [LetterFile] = []
    /// Letters of the index whose file is gone.
    var removed = 0
    /// The letters to delete (changed and removed), by segment number, ascending.
    var deleted: [Int: [Int]] = [:]
    /// Files skipped before and unchanged since: not tried again.
    var skipped: [Manifest.SkippedFile] = []

    /// Whether nothing was added, changed or removed.
    var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed == 0 }

    /// Compares `listing` with the live letters of `reader` and the skipped files of `manifest`.
    init(reader: IndexReader, manifest: Manifest, listing: CorpusWalker.Listing, verify: Bool) throws {
        var recorded: [String: (segment: Int, local: Int, source: LetterSource)] = [:]
        recorded.reserveCapacity(reader.letterCount)
        for (number, segment) in reader.segments.enumerated() {
            for (local, source) in try segment.sources().enumerated() where !segment.isDeleted(local) {
                recorded[source.path] = (number, local, source)
            }
        }
        let skippedBefore = Dictionary(manifest.skipped.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in listing.files {
            if let entry = recorded.removeValue(forKey: file.relativePath) {
                if entry.source.size != file.byteCount || entry.source.modified != file.modified
                    || (verify && Self.checksum(of: file) != entry.source.checksum) {
                    changed.append(file)
                    deleted[entry.segment, default: []].append(entry.local)
                }
            } else if let before = skippedBefore[file.relativePath], before.size == file.byteCount, before.modified == file.modified {
                skipped.append(before)
            } else {
                added.append(file)
            }
        }
        removed = recorded.count
        for entry in recorded.values { deleted[entry.segment, default: []].append(entry.local) }
        for segment in deleted.keys { deleted[segment]!.sort() }
    }

    /// The CRC-32 of the file's bytes (nil when it cannot be read: then it counts as changed).
    private static func checksum(of file: LetterFile) -> UInt32? {
        guard let bytes = try? FileSystem.contents(of: file.fullPath) else { return nil }
        return bytes.withUnsafeBytes { CRC32.checksum($0) }
    }
}
