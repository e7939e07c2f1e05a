/// A read-only view of an index: the segments its manifest names (``IndexFolder``), each
/// memory-mapped, with the figures BM25 needs over their live letters.
///
/// Letters are numbered across segments: segment *s*'s letter *i* is ``LetterID`` base(s) + *i*.
/// Letters deleted by updates are never returned. Opening reads the manifest and the segments'
/// headers and deletions; everything else is read on demand and verified before it is trusted
/// (see ``SegmentReader``). Safe to share between threads.
public final class IndexReader: @unchecked Sendable {
    /// The index folder's path.
    public let path: String
    /// What the index holds and where it came from.
    public let manifest: Manifest
    /// The segments, in the manifest's order.
    package let segments: [SegmentReader]
    /// Letters in the index (deleted ones not counted).
    public let letterCount: Int
    /// Words in the live letters' titles and bodies (the sum of their lengths).
    public let totalTextTokens: Int
    /// Term–letter pairs of the live letters (all fields).
    public let postingsCount: Int
    /// How the letters' words became terms (queries must be analysed the same way).
    public let analyzer: Analyzer
    /// The average letter length in words (BM25's avgdl) over the live letters.
    public let averageLength: Double
    /// Whether the per-unit checksums are verified (see ``init(path:verifyingChecksums:)``).
    package let verifiesChecksums: Bool
    /// The walks of each field and the searches so far, and per field the smaller segments'
    /// merged dictionary once built (``walkTerms(in:_:)``, ``terms(key:)``).
    private let mergedDictionaries = Locked(MergedDictionaries())
    /// Every segment's letter table verified (``verifyLetterTables()``).
    private let letterTablesCheck = OnceCheck()

    /// The format version of the segments this build reads and writes.
    public static let formatVersion = Int(FileHeader.formatVersion)

    /// Opens the index at `path` (a folder).
    public convenience init(path: String) throws {
        try self.init(path: path, verifyingChecksums: true)
    }

    /// Opens the index at `path`. With `verifyingChecksums: false` the per-unit checksums are not
    /// checked (headers and manifests still are): only for exercising the bounds checks behind
    /// them (the tests and the fuzzer do), never to read an index whose answers matter.
    package init(path: String, verifyingChecksums: Bool) throws {
        self.path = path
        verifiesChecksums = verifyingChecksums
        let folder = IndexFolder(path: path)
        switch IndexFolder.kind(at: path) {
        case .missing, .unfinished: throw IndexError.notFound(path: path)
        case .legacyFile: throw IndexError.unsupportedVersion(found: 3, expected: FileHeader.formatVersion)
        case .other: throw IndexError.notAnIndex(path: path)
        case .index: break
        }
        // An update may publish a new state and remove the old one's files between reading the
        // manifest and opening its segments: then read the manifest again.
        var attempt = 0
        while true {
            attempt += 1
            guard let manifest = try folder.manifest() else { throw IndexError.notFound(path: path) }
            do {
                segments = try Self.open(manifest, in: folder, verifyingChecksums: verifyingChecksums)
                self.manifest = manifest
                break
            } catch IndexError.notFound(let missing) where attempt < 10 {
                _ = missing
                continue
            }
        }
        analyzer = manifest.analyzer
        letterCount = segments.reduce(0) { $0 + $1.liveLetterCount }
        totalTextTokens = segments.reduce(0) { $0 + $1.totalTextTokens - ($1.deletions?.deletedTokens ?? 0) }
        postingsCount = segments.reduce(0) { $0 + $1.postingsCount - ($1.deletions?.deletedPostings ?? 0) }
        averageLength = Scoring.averageLength(totalTokens: totalTextTokens, letterCount: letterCount)
    }

    /// Opens every segment of `manifest` with its deletions, scored at the whole index's average.
    private static func open(_ manifest: Manifest, in folder: IndexFolder, verifyingChecksums: Bool) throws -> [SegmentReader] {
        var opened: [SegmentReader.Opened] = []
        var deletions: [Deletions?] = []
        var live = 0
        var tokens = 0
        for entry in manifest.segments {
            let segment = try SegmentReader.open(folder.file(entry.name), name: entry.name)
            guard segment.header.letterCount == entry.letters, segment.header.analyzer == manifest.analyzer else {
                throw IndexError.corrupt("\(entry.name) does not match the manifest")
            }
            var deleted: Deletions?
            if let name = entry.deletions {
                let deletionsPath = folder.file(name)
                let bytes: [UInt8]
                do {
                    bytes = try FileSystem.contents(of: deletionsPath)
                } catch {
                    if error.isNoSuchFile { throw IndexError.notFound(path: deletionsPath) }
                    throw IndexError.io(path: deletionsPath, reason: error.description)
                }
                deleted = try bytes.withUnsafeBytes { try Deletions(decoding: $0, letterCount: entry.letters, path: deletionsPath) }
                guard deleted?.deleted.count == entry.deleted else { throw IndexError.corrupt("\(name) does not match the manifest") }
            }
            live += segment.header.letterCount - (deleted?.deleted.count ?? 0)
            tokens += segment.header.totalTextTokens - (deleted?.deletedTokens ?? 0)
            opened.append(segment)
            deletions.append(deleted)
        }
        let average = Scoring.averageLength(totalTokens: tokens, letterCount: live)
        var segments: [SegmentReader] = []
        var base = 0
        for (number, segment) in opened.enumerated() {
            let count = segment.header.letterCount
            segments.append(try SegmentReader(segment, base: base, deletions: deletions[number], averageLength: average,
                                              verifyingChecksums: verifyingChecksums))
            base += count
        }
        return segments
    }

    /// Size of the index's files in bytes (segments and deletions).
    public var fileSize: Int { segments.reduce(0) { $0 + $1.fileSize } }

    /// Bytes per section kind, summed over the segments.
    public var sectionBytes: [(kind: SectionKind, bytes: Int)] {
        SectionKind.allCases.map { kind in
            (kind, segments.reduce(0) { total, segment in total + (segment.sections.first { $0.kind == kind }?.length ?? 0) })
        }
    }

    /// Letters deleted from the segments since they were written (dropped at the next merge).
    public var deletedLetterCount: Int { segments.reduce(0) { $0 + ($1.deletions?.deleted.count ?? 0) } }

    /// Recomputes every section's CRC-32 and returns the damaged sections, with their segment's name.
    public func damagedSections() -> [(segment: String, kind: SectionKind)] {
        segments.flatMap { segment in segment.damagedSections().map { (segment.name, $0) } }
    }

    // MARK: Letters

    /// The segment holding global letter `id` and its number there.
    package func locate(_ id: Int) throws -> (segment: SegmentReader, local: Int) {
        var low = 0, high = segments.count
        while low + 1 < high {
            let middle = (low + high) / 2
            if segments[middle].base <= id { low = middle } else { high = middle }
        }
        guard !segments.isEmpty, id >= 0 else { throw IndexError.letterNotFound(path: "#\(id)") }
        let segment = segments[low]
        let local = id - segment.base
        guard local < segment.letterCount, !segment.isDeleted(local) else { throw IndexError.letterNotFound(path: "#\(id)") }
        return (segment, local)
    }

    /// Stored letter `id`: path, header and body.
    public func letter(_ id: LetterID) throws -> Letter {
        let (segment, local) = try locate(id.value)
        return try segment.letter(local)
    }

    /// Stored letter `id`, its store block kept in `blocks` for the next letter read through it
    /// (for readers of many letters: each block of letters read in order is decompressed once).
    package func letter(_ id: LetterID, blocks: inout StoreBlockCache) throws -> Letter {
        let (segment, local) = try locate(id.value)
        return try segment.letter(local, blocks: &blocks)
    }

    /// The stored path of letter `id`.
    public func path(of id: LetterID) throws -> String {
        let (segment, local) = try locate(id.value)
        return try segment.path(of: local)
    }

    /// What the letter table says of letter `id`: its length and date.
    public func info(of id: LetterID) throws -> LetterInfo {
        let (segment, local) = try locate(id.value)
        let record = try segment.letters.record(local)
        return LetterInfo(length: Int(record.length), date: LetterDate(sortKey: record.dateKey))
    }

    /// The letter stored under `path` (relative to the indexed folder), or nil.
    public func letterID(atPath path: String) throws -> LetterID? {
        for segment in segments {
            if let local = try segment.id(ofPath: path), !segment.isDeleted(local) { return LetterID(segment.base + local) }
        }
        return nil
    }

    // MARK: Terms

    /// Letters holding the term `key` (field byte + term), over every segment, deleted ones not counted.
    package func letterFrequency(ofKey key: [UInt8]) throws -> Int {
        var total = 0
        for (number, term) in try terms(key: key).enumerated() {
            if let term { total += term.letterFrequency - segments[number].deletedLetters(holding: key) }
        }
        return total
    }

    /// The term `text` (normalised) in `field`, or nil when no letter holds it.
    public func term(_ text: String, in field: IndexField) throws -> TermInfo? {
        let key = [field.rawValue] + text.utf8
        let frequency = try letterFrequency(ofKey: key)
        return frequency > 0 ? TermInfo(field: field, bytes: Array(text.utf8), letterFrequency: frequency) : nil
    }

    /// Every term of `field` that starts with `prefix`, in term order, each with its letter
    /// count; throws ``IndexError/tooManyTerms(limit:)`` when more than `limit` match.
    public func terms(withPrefix prefix: String, in field: IndexField, limit: Int = .max) throws -> [TermInfo] {
        var frequencies: [[UInt8]: Int] = [:]
        for segment in segments {
            for term in try segment.terms(withPrefix: prefix, in: field, limit: limit) {
                frequencies[term.bytes, default: 0] += term.letterFrequency - segment.deletedLetters(holding: term.key)
            }
            if frequencies.count > limit { throw IndexError.tooManyTerms(limit: limit) }
        }
        return frequencies.filter { $0.value > 0 }.keys.sorted { $0.lexicographicallyPrecedes($1) }
            .map { TermInfo(field: field, bytes: $0, letterFrequency: frequencies[$0]!) }
    }

    /// Calls `body` with every term of `field` held by a live letter, in term order, with its
    /// letter count (reads the whole field's dictionary of every segment).
    public func forEachTerm(in field: IndexField, _ body: (TermInfo) throws -> Void) throws {
        if segments.count == 1, segments[0].deletions == nil {
            try segments[0].forEachTerm(in: field) { try body(TermInfo(field: field, bytes: $0.bytes, letterFrequency: $0.letterFrequency)) }
            return
        }
        var frequencies: [[UInt8]: Int] = [:]
        for segment in segments {
            try segment.forEachTerm(in: field) { frequencies[$0.bytes, default: 0] += $0.letterFrequency - segment.deletedLetters(holding: $0.key) }
        }
        for bytes in frequencies.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where frequencies[bytes]! > 0 {
            try body(TermInfo(field: field, bytes: bytes, letterFrequency: frequencies[bytes]!))
        }
    }

    /// Whether the folder has published another state since this reader opened it (an update or
    /// a rebuild): reads the manifest, a few hundred bytes. A long-lived reader (the web server)
    /// asks now and then and opens the index again when it has.
    public var isSuperseded: Bool {
        guard let published = try? IndexFolder(path: path).manifest() else { return false }
        return published != manifest
    }

    /// Verifies every segment's letter table (once per reader: later calls repeat the outcome
    /// with one check, not one per segment).
    package func verifyLetterTables() throws {
        try letterTablesCheck.run {
            do {
                for segment in segments { try segment.verifyLetterTable() }
                return nil
            } catch {
                return error as? IndexError ?? .corrupt("\(error)")
            }
        }
    }
}

/// What an ``IndexReader`` keeps of its smaller segments' dictionaries (``MergedDictionary``).
struct MergedDictionaries {
    /// Walks of each field so far.
    var walks: [IndexField: Int] = [:]
    /// Searches begun (``IndexReader/searchBegins()``).
    var searches = 0
    /// Per field, once built.
    var built: [IndexField: MergedDictionary] = [:]
}

extension IndexReader {
    /// Walks the words of `field` over the whole index, each as its UTF-8 bytes (valid during the
    /// call), in byte order within each walk; `visit` may pass over the words that share a word's
    /// first bytes (``KeyWalkStep``). From the index's second walk of the field on (or once its
    /// lookups have built it), the segments that ``MergedDictionary`` holds are walked as one;
    /// the others (the largest) on disk. A word is visited at least once and at most twice.
    package func walkTerms(in field: IndexField, _ visit: (UnsafeRawBufferPointer) throws -> KeyWalkStep) throws {
        let merged = try mergedDictionary(of: field, forLookup: false)
        let largest = largestSegment
        for (number, segment) in segments.enumerated() where merged == nil || !isMerged(number, largest: largest) {
            try segment.walkTerms(in: field) { key, _ in try visit(key) }
        }
        try merged?.walk { key, _ in try visit(key) }
    }

    /// The term `key` (field byte + term) in every segment, by segment (nil where absent). From
    /// the index's ``searchesBeforeMerging``-th search on, the segments a ``MergedDictionary``
    /// holds are looked up there, the largest on disk: a reader that answers many searches (the
    /// web page, a benchmark) then pays one binary search in memory per word where it paid a
    /// term filter probe, a term-index search and a block scan per segment; one that answers a
    /// few (a `missive search`) reads nothing more than the lookups need.
    package func terms(key: [UInt8]) throws -> [SegmentTerm?] {
        guard segments.count > 1, let field = key.first.flatMap(IndexField.init(rawValue:)),
              let merged = try mergedDictionary(of: field, forLookup: true) else {
            return try segments.map { try $0.term(key: key) }
        }
        let entries = key.withUnsafeBytes { merged.entries(of: UnsafeRawBufferPointer(rebasing: $0[1...])) }
        let largest = largestSegment
        var found: [SegmentTerm?] = []
        found.reserveCapacity(segments.count)
        var next = 0
        for number in segments.indices {
            if !isMerged(number, largest: largest) {
                found.append(try segments[number].term(key: key))
            } else if next < entries.count, Int(entries[next].segment) == number {
                found.append(try segments[number].term(key: key, merged: entries[next]))
                next += 1
            } else {
                found.append(nil)
            }
        }
        return found
    }

    /// The entries of every term of `field` starting with `prefix`, segment by segment, in term
    /// order; throws ``IndexError/tooManyTerms(limit:)`` when more than `limit` match in one
    /// segment. Found with one walk of each segment's dictionary, or, where ``terms(key:)``
    /// would use the ``MergedDictionary``, one walk of it for the segments it holds.
    package func segmentTerms(withPrefix prefix: String, in field: IndexField, limit: Int = .max) throws -> [[SegmentTerm]] {
        guard segments.count > 1, let merged = try mergedDictionary(of: field, forLookup: true) else {
            return try segments.map { try $0.terms(withPrefix: prefix, in: field, limit: limit) }
        }
        let largest = largestSegment
        var found = try segments.indices.map { isMerged($0, largest: largest) ? [] : try segments[$0].terms(withPrefix: prefix, in: field, limit: limit) }
        try Array(prefix.utf8).withUnsafeBytes { prefix in
            try merged.forEachKey(withPrefix: prefix) { word, entries in
                let key = [field.rawValue] + word
                for entry in entries {
                    let number = Int(entry.segment)
                    guard found[number].count < limit else { throw IndexError.tooManyTerms(limit: limit) }
                    if let term = try segments[number].term(key: key, merged: entry) { found[number].append(term) }
                }
            }
        }
        return found
    }

    /// The segment with the most terms (the first of those with as many).
    private var largestSegment: Int {
        segments.indices.max { (segments[$0].termCount, $1) < (segments[$1].termCount, $0) } ?? 0
    }

    /// Whether segment `number` is one a ``MergedDictionary`` holds: every one but the largest
    /// whose number and sections fit its entries.
    private func isMerged(_ number: Int, largest: Int) -> Bool {
        number != largest && number <= Int(UInt16.max) && segments[number].canMergeDictionary
    }

    /// Searches after which lookups build the smaller segments' ``MergedDictionary`` (a few
    /// times what one `missive search` begins: the search, its facets, its timeline).
    static let searchesBeforeMerging = 16

    /// Notes that a search begins (counted, for when to build a ``MergedDictionary``).
    package func searchBegins() {
        mergedDictionaries.withLock { $0.searches += 1 }
    }

    /// The merged dictionary of `field` over the segments ``isMerged(_:largest:)`` picks, built
    /// at the field's second walk, or at a lookup once the index has begun
    /// ``searchesBeforeMerging`` searches (nil before, and for an index of one segment).
    private func mergedDictionary(of field: IndexField, forLookup: Bool) throws -> MergedDictionary? {
        try mergedDictionaries.withLock { kept in
            if let dictionary = kept.built[field] { return dictionary }
            guard segments.count > 1 else { return nil }
            if forLookup {
                guard kept.searches >= Self.searchesBeforeMerging else { return nil }
            } else {
                kept.walks[field, default: 0] += 1
                guard kept.walks[field, default: 0] >= 2 else { return nil }
            }
            let largest = largestSegment
            let members = segments.indices.filter { isMerged($0, largest: largest) }
            guard !members.isEmpty else { return nil }
            let dictionary = try MergedDictionary(try members.map { (try segments[$0].dictionaryToMerge(), $0) }, field: field)
            kept.built[field] = dictionary
            return dictionary
        }
    }

    /// How many words of `field` are held in memory (nil while none is; for tests).
    package func keysInMemory(_ field: IndexField) -> Int? {
        mergedDictionaries.withLock { $0.built[field]?.count }
    }
}
