/// What ``IndexChecker`` found.
public struct IndexCheckReport: Sendable {
    /// Each problem, with where it is.
    public var problems: [String] = []
    /// Postings decoded and checked.
    public var postingsChecked = 0
}

/// Verifies an index the way Lucene's `CheckIndex` does: every section's checksum, then the
/// structure — terms strictly ordered, postings within bounds with increasing letter ids,
/// counts matching the header, positions within the letters' lengths, stored letters readable
/// and in path order.
public struct IndexChecker {
    /// The index checked.
    public let reader: IndexReader

    /// Creates a checker for `reader`.
    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Runs every check and collects the problems (at most `limit`).
    public func check(limit: Int = 50) -> IndexCheckReport {
        var report = IndexCheckReport()
        for kind in reader.damagedSections() {
            report.problems.append("section \(kind.name): checksum mismatch")
        }
        checkTerms(&report)
        checkLetters(&report)
        if report.problems.count > limit { report.problems = Array(report.problems.prefix(limit)) }
        return report
    }

    private func checkTerms(_ report: inout IndexCheckReport) {
        var previous: [UInt8]?
        var terms = 0
        var postings = 0
        var totalTextLength = 0
        do {
            try reader.forEachTerm { info in
                let key = [info.field.rawValue] + info.term
                if let before = previous, !before.lexicographicallyPrecedes(key) {
                    report.problems.append("term dictionary: '\(info.termText)' is out of order")
                }
                previous = key
                terms += 1
                var cursor = reader.postings(info)
                var letters = 0
                while try cursor.next() {
                    postings += 1
                    letters += 1
                    if info.field == .text {
                        let saturation = PostingsLayout.saturation(freq: cursor.freq, length: reader.documentLength(cursor.doc),
                                                                   averageLength: reader.averageLength)
                        guard let bound = try cursor.blockBound(atOrAfter: cursor.doc), bound.saturation >= saturation * (1 - 1e-6) else {
                            throw IndexError.corrupt("term '\(info.termText)': the score bound of letter \(cursor.doc)'s block is too low")
                        }
                    }
                    let positions = try cursor.positions()
                    if info.field == .text {
                        let length = reader.documentLength(cursor.doc)
                        if let last = positions.last, last > length {
                            throw IndexError.corrupt("term '\(info.termText)': position \(last) beyond the length \(length) of letter \(cursor.doc)")
                        }
                        totalTextLength += positions.count
                    }
                }
                if letters != info.docFreq {
                    throw IndexError.corrupt("term '\(info.termText)': the dictionary says \(info.docFreq) letters, the postings hold \(letters)")
                }
            }
        } catch {
            report.problems.append("\(error)")
            return
        }
        report.postingsChecked = postings
        if terms != reader.termCount {
            report.problems.append("header says \(reader.termCount) terms, the dictionary holds \(terms)")
        }
        if postings != reader.postingsCount {
            report.problems.append("header says \(reader.postingsCount) postings, the postings hold \(postings)")
        }
        if totalTextLength != reader.totalTextTokens {
            report.problems.append("header says \(reader.totalTextTokens) words, the positions hold \(totalTextLength)")
        }
    }

    private func checkLetters(_ report: inout IndexCheckReport) {
        var previousPath: [UInt8]?
        var lengths = 0
        for doc in 0..<reader.letterCount {
            do {
                let info = try reader.documentInfo(doc)
                lengths += info.length
                if info.dateKey != 0 && info.date == nil {
                    report.problems.append("document table: letter \(doc) has an invalid date key \(info.dateKey)")
                }
                let letter = try reader.letter(doc)
                let path = Array(letter.path.utf8)
                if let before = previousPath, !before.lexicographicallyPrecedes(path) {
                    report.problems.append("store: letter \(doc) (\(letter.path)) is out of path order")
                }
                previousPath = path
            } catch {
                report.problems.append("letter \(doc): \(error)")
                if report.problems.count > 50 { return }
            }
        }
        if lengths != reader.totalTextTokens {
            report.problems.append("document table lengths sum to \(lengths), the header says \(reader.totalTextTokens)")
        }
    }
}

extension IndexReader {
    /// Every term of every field, in dictionary order (reads the whole dictionary).
    public func forEachTerm(_ body: (TermInfo) throws -> Void) throws {
        for field in IndexField.allCases {
            try allTerms(in: field, body)
        }
    }
}
