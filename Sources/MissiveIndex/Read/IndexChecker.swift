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

    /// Runs every check and collects the problems, stopping at `limit` of them.
    public func check(limit: Int = 50) -> IndexCheckReport {
        var report = IndexCheckReport()
        for kind in reader.damagedSections() {
            report.problems.append("section \(kind.name): checksum mismatch")
        }
        if report.problems.count < limit { checkTerms(&report) }
        if report.problems.count < limit { checkLetters(&report, limit: limit) }
        if report.problems.count > limit { report.problems = Array(report.problems.prefix(limit)) }
        return report
    }

    private func checkTerms(_ report: inout IndexCheckReport) {
        var previous: [UInt8]?
        var terms = 0
        var postings = 0
        var totalTextLength = 0
        do {
            for field in IndexField.allCases {
                try reader.forEachTerm(in: field) { info in
                    let key = [info.field.rawValue] + info.bytes
                    if let before = previous, !before.lexicographicallyPrecedes(key) {
                        report.problems.append("term dictionary: '\(info.text)' is out of order")
                    }
                    previous = key
                    terms += 1
                    let (letters, positions) = try checkPostings(of: info)
                    postings += letters
                    totalTextLength += positions
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

    /// Walks one term's postings; returns its letters and (text field) its positions.
    private func checkPostings(of info: TermInfo) throws -> (letters: Int, positions: Int) {
        var cursor = reader.postings(info)
        var letters = 0
        var positionCount = 0
        while try cursor.next() {
            letters += 1
            let positions = try cursor.positions()
            guard info.field == .text else { continue }
            let length = reader.length(of: cursor.letter)
            let saturation = Scoring.saturation(freq: cursor.frequency, length: length, averageLength: reader.averageLength)
            guard let bound = try cursor.blockBound(atOrAfter: cursor.letter), bound.saturation >= saturation * (1 - 1e-6) else {
                throw IndexError.corrupt("term '\(info.text)': the score bound of letter \(cursor.letter)'s block is too low")
            }
            if let last = positions.last, last > length {
                throw IndexError.corrupt("term '\(info.text)': position \(last) beyond the length \(length) of letter \(cursor.letter)")
            }
            positionCount += positions.count
        }
        if letters != info.letterFrequency {
            throw IndexError.corrupt("term '\(info.text)': the dictionary says \(info.letterFrequency) letters, the postings hold \(letters)")
        }
        return (letters, positionCount)
    }

    private func checkLetters(_ report: inout IndexCheckReport, limit: Int) {
        var previousPath: [UInt8]?
        var lengths = 0
        for id in 0..<reader.letterCount {
            do {
                let record = try reader.letters.record(id)
                lengths += Int(record.length)
                if record.dateKey != 0 && LetterDate(sortKey: record.dateKey) == nil {
                    report.problems.append("letter table: letter \(id) has an invalid date key \(record.dateKey)")
                }
                let path = Array(try reader.letters.path(of: id).utf8)
                _ = try reader.letters.letter(id)
                if let before = previousPath, !before.lexicographicallyPrecedes(path) {
                    report.problems.append("store: letter \(id) (\(String(decoding: path, as: UTF8.self))) is out of path order")
                }
                previousPath = path
            } catch {
                report.problems.append("letter \(id): \(error)")
                if report.problems.count >= limit { return }
            }
        }
        if lengths != reader.totalTextTokens {
            report.problems.append("letter table lengths sum to \(lengths), the header says \(reader.totalTextTokens)")
        }
    }
}
