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
    /// The letters to delete (changed and removed), by segment number, ascending (letters are
    /// visited in order).
    var deleted: [Int: [Int]] = [:]
    /// Files skipped before and unchanged since: not tried again.
    var skipped: [Manifest.SkippedFile] = []

    /// Whether nothing was added, changed or removed.
    var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed == 0 }

    /// Compares `listing` with the live letters of `reader` and the skipped files of `manifest`.
    /// Each live letter's recorded path is looked up in the listing by its bytes; a path recorded
    /// twice (which no update writes) keeps its first letter and deletes the other.
    init(reader: IndexReader, manifest: Manifest, listing: CorpusWalker.Listing, verify: Bool) throws {
        let files = listing.files
        let listed = ListedPaths(files.map(\.relativePath))
        enum State: UInt8 { case unseen, same, changed }
        var states = [State](repeating: .unseen, count: files.count)
        for (number, segment) in reader.segments.enumerated() {
            try segment.forEachSource { local, source in
                guard !segment.isDeleted(local) else { return }
                guard let index = listed.number(of: source.path), states[index] == .unseen else {
                    removed += 1
                    deleted[number, default: []].append(local)
                    return
                }
                let file = files[index]
                if source.size != file.byteCount || source.modified != file.modified
                    || (verify && Self.checksum(of: file) != source.checksum) {
                    states[index] = .changed
                    deleted[number, default: []].append(local)
                } else {
                    states[index] = .same
                }
            }
        }
        let skippedBefore = Dictionary(manifest.skipped.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (file, state) in zip(files, states) {
            switch state {
            case .same: continue
            case .changed: changed.append(file)
            case .unseen:
                if let before = skippedBefore[file.relativePath], before.size == file.byteCount, before.modified == file.modified {
                    skipped.append(before)
                } else {
                    added.append(file)
                }
            }
        }
    }

    /// The CRC-32 of the file's bytes (nil when it cannot be read: then it counts as changed).
    private static func checksum(of file: LetterFile) -> UInt32? {
        guard let bytes = try? FileSystem.contents(of: file.fullPath) else { return nil }
        return bytes.withUnsafeBytes { CRC32.checksum($0) }
    }
}
