/// Whether an index is older than its corpus, told cheaply from the folders' modification times
/// recorded in the manifest: a letter added, removed or renamed changes its folder's time. (A
/// file edited in place keeps its folder's time; `missive index` finds those by the files' own
/// sizes and times.)
public enum IndexFreshness {
    /// Whether every folder of the corpus still has the time the manifest recorded (one `stat`
    /// per folder).
    public static func isFresh(_ manifest: Manifest) -> Bool {
        for folder in manifest.folders {
            let path = folder.path.isEmpty ? manifest.resolvedCorpus : manifest.resolvedCorpus + "/" + folder.path
            guard let status = try? FileSystem.status(of: path), status.kind == .folder, status.modified == folder.modified else {
                return false
            }
        }
        return true
    }

    /// What changed in the corpus of `reader`'s index since it was published: files added and
    /// changed, and letters whose file is gone (a walk of the corpus and a look at every letter's
    /// recorded size and time).
    public static func changes(of reader: IndexReader) throws -> (added: Int, changed: Int, removed: Int) {
        let listing = try CorpusWalker.list(reader.manifest.resolvedCorpus)
        let changes = try CorpusChanges(reader: reader, manifest: reader.manifest, listing: listing, verify: false)
        return (changes.added.count, changes.changed.count, changes.removed)
    }
}

extension IndexBuilder {
    /// Stops this process from creating files, then removes the temporary files it was writing
    /// into the index at `indexPath`: what a command stopped by a signal does before it exits (a
    /// killed one's are removed by the next run). Nothing can be written afterwards.
    public static func stopAndRemoveTemporaryFiles(of indexPath: String) {
        FileCreation.stop()
        if let status = try? FileSystem.status(of: indexPath), status.kind == .folder {
            IndexFolder(path: indexPath).removeStaleTemporaries()
        }
        let fresh = IndexFolder.temporary(indexPath)
        if let status = try? FileSystem.status(of: fresh), status.kind == .folder {
            for name in (try? FileSystem.names(inFolder: fresh)) ?? [] { FileSystem.removeFile(fresh + "/" + name) }
            FileSystem.removeFolder(fresh)
        }
    }
}
