/// What ``IndexChecker`` found.
public struct IndexCheckReport: Sendable {
    /// Each problem, with where it is.
    public var problems: [String] = []
    /// Postings decoded and checked.
    public var postingsChecked = 0
}

/// Verifies an index the way Lucene's `CheckIndex` does, segment by segment: every section's
/// checksum, then the structure — terms strictly ordered, postings within bounds with increasing
/// letter ids, counts matching the header, score bounds covering every letter, positions within
/// the letters' lengths, stored letters readable and in path order, one source per letter naming
/// the same path. (The manifest and the deletions files are verified whole when the index opens.)
public struct IndexChecker {
    /// The index checked.
    public let reader: IndexReader

    /// Creates a checker for `reader`.
    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Runs every check and collects the problems, stopping at `limit` of them.
    public func check(limit: Int = 50) -> IndexCheckReport {
        var report = IndexCheckReport()
        for segment in reader.segments {
            var problems: [String] = []
            for kind in segment.damagedSections() { problems.append("section \(kind.name): checksum mismatch") }
            if problems.count < limit { report.postingsChecked += checkTerms(segment, &problems) }
            if problems.count < limit { checkLetters(segment, &problems, limit: limit) }
            let prefix = reader.segments.count > 1 ? "\(segment.name): " : ""
            report.problems += problems.map { prefix + $0 }
            if report.problems.count >= limit { break }
        }
        if report.problems.count > limit { report.problems = Array(report.problems.prefix(limit)) }
        return report
    }

    /// Checks the dictionary and every postings list of `segment`; returns the postings checked.
    private func checkTerms(_ segment: SegmentReader, _ problems: inout [String]) -> Int {
        var previous: [UInt8]?
        var terms = 0
        var postings = 0
        var totalTextLength = 0
        do {
            for field in IndexField.allCases {
                try segment.forEachTerm(in: field) { term in
                    let key = term.key
                    if let before = previous, !before.lexicographicallyPrecedes(key) {
                        problems.append("term dictionary: '\(term.text)' is out of order")
                    }
                    previous = key
                    terms += 1
                    if try !segment.filterMayContain(key: key) {
                        problems.append("term filter: '\(term.text)' is missing from it")
                    }
                    let (letters, positions) = try checkPostings(of: term, in: segment)
                    postings += letters
                    totalTextLength += positions
                }
            }
        } catch {
            problems.append(Self.detail(of: error))
            return postings
        }
        do {
            if let block = try segment.dictionary.blockWithWrongPrefix() {
                problems.append("term index: block \(block)'s first-key prefix is not its first key's")
            }
        } catch {
            problems.append(Self.detail(of: error))
        }
        if terms != segment.termCount {
            problems.append("header says \(segment.termCount) terms, the dictionary holds \(terms)")
        }
        if postings != segment.postingsCount {
            problems.append("header says \(segment.postingsCount) postings, the postings hold \(postings)")
        }
        if totalTextLength != segment.totalTextTokens {
            problems.append("header says \(segment.totalTextTokens) words, the positions hold \(totalTextLength)")
        }
        return postings
    }

    /// Walks one term's postings, deleted letters included; returns its letters and (text
    /// field) its positions.
    private func checkPostings(of term: SegmentTerm, in segment: SegmentReader) throws -> (letters: Int, positions: Int) {
        var cursor = segment.postings(term, includingDeleted: true)
        var letters = 0
        var positionCount = 0
        while try cursor.next() {
            letters += 1
            let positions = try cursor.positions()
            guard term.field == .text else { continue }
            let length = segment.length(of: cursor.letter)
            let block = cursor.currentBlock
            if block.isFull {
                // The stored bound covers the block at the average the segment was written with.
                let saturation = Scoring.saturation(freq: cursor.frequency, length: length, averageLength: segment.ownAverageLength)
                guard try cursor.storedBound(ofBlock: block.number) >= saturation * (1 - 1e-6) else {
                    throw IndexError.corrupt("term '\(term.text)': the score bound of letter \(cursor.letter)'s block is too low")
                }
            }
            if let last = positions.last, last > length {
                throw IndexError.corrupt("term '\(term.text)': position \(last) beyond the length \(length) of letter \(cursor.letter)")
            }
            positionCount += positions.count
        }
        if letters != term.letterFrequency {
            throw IndexError.corrupt("term '\(term.text)': the dictionary says \(term.letterFrequency) letters, the postings hold \(letters)")
        }
        return (letters, positionCount)
    }

    /// What is wrong, without the "the index is damaged" every problem line would repeat.
    static func detail(of error: any Error) -> String {
        if case IndexError.corrupt(let detail) = error { return detail }
        return "\(error)"
    }

    /// Checks every letter record, stored letter and source of `segment`.
    private func checkLetters(_ segment: SegmentReader, _ problems: inout [String], limit: Int) {
        var previousPath: [UInt8]?
        var lengths = 0
        var sources: [LetterSource] = []
        do {
            sources = try segment.sources()
        } catch {
            problems.append("sources: \(Self.detail(of: error))")
        }
        var blocks = StoreBlockCache()
        // A damaged column is reported with the section checksums; an intact one must agree with the records.
        let lengthsVerified = (try? segment.verifyLetterTable()) != nil
        for id in 0..<segment.letterCount {
            do {
                let record = try segment.letters.record(id)
                lengths += Int(record.length)
                if lengthsVerified, segment.length(of: id) != Int(record.length) {
                    problems.append("letter lengths: letter \(id) has length \(segment.length(of: id)), its record \(record.length)")
                }
                if record.dateKey != 0 && LetterDate(sortKey: record.dateKey) == nil {
                    problems.append("letter table: letter \(id) has an invalid date key \(record.dateKey)")
                }
                let letter = try segment.letter(id, blocks: &blocks)
                let path = Array(letter.path.utf8)
                if let before = previousPath, !before.lexicographicallyPrecedes(path) {
                    problems.append("store: letter \(id) (\(letter.path)) is out of path order")
                }
                if id < sources.count, sources[id].path != letter.path {
                    problems.append("sources: letter \(id) is recorded as \(sources[id].path), stored as \(letter.path)")
                }
                // The source index leads to the same record.
                if id < sources.count, try segment.path(of: id) != sources[id].path {
                    problems.append("source index: letter \(id) (\(letter.path)) is not where its block says")
                }
                // The names section agrees with the stored header.
                let names = try segment.nameIDs(of: id)
                if try segment.name(names.from) != letter.from || segment.name(names.to) != letter.to {
                    problems.append("names: letter \(id) (\(letter.path)) is recorded with another sender or recipient than it is stored with")
                }
                previousPath = path
            } catch {
                // Named by its path (from the sources section) when that can be read.
                let name = id < sources.count ? "\(sources[id].path) (letter \(id) of \(segment.name))" : "letter \(id) of \(segment.name)"
                problems.append("\(name): \(Self.detail(of: error))")
                if problems.count >= limit { return }
            }
        }
        do {
            try segment.names.checkAll()
        } catch {
            problems.append("names of \(segment.name): \(Self.detail(of: error))")
        }
                if lengths != segment.totalTextTokens {
            problems.append("letter table lengths sum to \(lengths), the header says \(segment.totalTextTokens)")
        }
    }
}
