/// The published state of an index folder: which segment files (and deletions files) make up
/// the index, what folder it was built from, and what that folder looked like. A new state is
/// written to a temporary file, synced, and renamed over `manifest`, so a reader always sees
/// one complete state, old or new (as Lucene's `segments_N` and Tantivy's `meta.json`).
///
/// ```
/// magic "MSVINDEX"                 8 bytes
/// manifest version                 u32 (1)
/// generation                       u64  +1 at each publication
/// built                            i64  when, nanoseconds since 1970
/// analyzer                         u32  (``Analyzer``; every segment has it)
/// next segment number              u32  (names are never reused)
/// corpus as given                  string (varint length + UTF-8)
/// corpus resolved                  string (absolute, links resolved)
/// segments                         varint count, per segment: file name string, letters varint,
///                                  deletions file name string ("" for none), deleted letters varint
/// folders                          varint count, per folder of the corpus: path relative to it
///                                  string ("" for the corpus itself), modification time i64 (ns)
/// skipped files                    varint count, per file: path string, size u64, modification
///                                  time i64, reason string
/// crc32 of everything before       u32
/// ```
/// The folders' times let a search tell cheaply whether the corpus has changed; the skipped
/// files are remembered so an update does not retry a file that has not changed.
public struct Manifest: Equatable, Sendable {
    static let magic: [UInt8] = Array("MSVINDEX".utf8)
    static let formatVersion: UInt32 = 1
    /// The manifest's file name in an index folder.
    public static let fileName = "manifest"

    /// One segment of the index.
    public struct Segment: Equatable, Sendable {
        /// The segment file's name in the index folder.
        public var name: String
        /// Letters in the segment (live and deleted).
        public var letters: Int
        /// The deletions file's name, nil when the segment has none.
        public var deletions: String?
        /// Deleted letters.
        public var deleted: Int
    }

    /// A folder of the corpus and its modification time.
    public struct Folder: Equatable, Sendable {
        /// Relative to the corpus ("" for the corpus itself).
        public var path: String
        /// Nanoseconds since 1970.
        public var modified: Int64
    }

    /// A file of the corpus that is not in the index, and why.
    public struct SkippedFile: Equatable, Sendable {
        /// Relative to the corpus.
        public var path: String
        public var size: Int
        public var modified: Int64
        /// Why it was not indexed.
        public var reason: String
    }

    public var generation: UInt64
    /// When the index was last built or updated, nanoseconds since 1970.
    public var built: Int64
    public var analyzer: Analyzer
    var nextSegmentNumber: UInt32
    /// The corpus folder as it was given.
    public var corpus: String
    /// The corpus folder resolved to an absolute path.
    public var resolvedCorpus: String
    public var segments: [Segment]
    public var folders: [Folder]
    public var skipped: [SkippedFile]

    /// The manifest's bytes.
    func encoded() -> [UInt8] {
        var out = ByteEncoder()
        out.append(Self.magic)
        out.u32(Self.formatVersion)
        out.u64(generation)
        out.u64(UInt64(bitPattern: built))
        out.u32(analyzer.rawValue)
        out.u32(nextSegmentNumber)
        out.string(corpus)
        out.string(resolvedCorpus)
        out.varint(segments.count)
        for segment in segments {
            out.string(segment.name)
            out.varint(segment.letters)
            out.string(segment.deletions ?? "")
            out.varint(segment.deleted)
        }
        out.varint(folders.count)
        for folder in folders {
            out.string(folder.path)
            out.u64(UInt64(bitPattern: folder.modified))
        }
        out.varint(skipped.count)
        for file in skipped {
            out.string(file.path)
            out.u64(UInt64(file.size))
            out.u64(UInt64(bitPattern: file.modified))
            out.string(file.reason)
        }
        let checksum = out.bytes.withUnsafeBytes { CRC32.checksum($0) }
        out.u32(checksum)
        return out.bytes
    }

    /// Reads a manifest (checksum first; every name checked to be a plain file name).
    init(decoding bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count >= 12, bytes.prefix(8).elementsEqual(Self.magic) else { throw IndexError.notAnIndex(path: path) }
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])) == stored else {
            throw IndexError.corrupt("\(path): checksum mismatch")
        }
        var reader = ByteDecoder(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)]), offset: 8, what: path)
        let version = try reader.u32()
        guard version == Self.formatVersion else { throw IndexError.unsupportedVersion(found: version, expected: Self.formatVersion) }
        generation = try reader.u64()
        built = Int64(bitPattern: try reader.u64())
        let analyzerCode = try reader.u32()
        guard let analyzer = Analyzer(rawValue: analyzerCode) else { throw IndexError.corrupt("\(path) names an unknown analyzer") }
        self.analyzer = analyzer
        nextSegmentNumber = try reader.u32()
        corpus = try reader.string()
        resolvedCorpus = try reader.string()
        func fileName() throws -> String {
            let name = try reader.string()
            guard !name.contains("/"), name != ".", name != ".." else { throw IndexError.corrupt("\(path) names a file outside the index") }
            return name
        }
        segments = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let name = try fileName()
            guard !name.isEmpty else { throw IndexError.corrupt("\(path) lists a segment without a name") }
            let letters = try reader.count(atMost: Int(UInt32.max))
            let deletions = try fileName()
            let deleted = try reader.count(atMost: letters)
            segments.append(Segment(name: name, letters: letters, deletions: deletions.isEmpty ? nil : deletions, deleted: deleted))
        }
        folders = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            folders.append(Folder(path: try reader.string(), modified: Int64(bitPattern: try reader.u64())))
        }
        skipped = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let file = try reader.string()
            let size = try reader.u64()
            guard size <= UInt64(Int.max) else { throw IndexError.corrupt("\(path): a size out of range") }
            skipped.append(SkippedFile(path: file, size: Int(size), modified: Int64(bitPattern: try reader.u64()), reason: try reader.string()))
        }
        guard reader.isAtEnd else { throw IndexError.corrupt("\(path): bytes after the last entry") }
    }

    init(generation: UInt64, built: Int64, analyzer: Analyzer, nextSegmentNumber: UInt32, corpus: String, resolvedCorpus: String,
         segments: [Segment], folders: [Folder], skipped: [SkippedFile]) {
        self.generation = generation
        self.built = built
        self.analyzer = analyzer
        self.nextSegmentNumber = nextSegmentNumber
        self.corpus = corpus
        self.resolvedCorpus = resolvedCorpus
        self.segments = segments
        self.folders = folders
        self.skipped = skipped
    }

    /// Live letters in the index.
    public var liveLetters: Int { segments.reduce(0) { $0 + $1.letters - $1.deleted } }
}
