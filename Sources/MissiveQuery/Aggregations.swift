import MissiveIndex

/// How the hits of a search are ordered.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Best BM25 score first (ties: earlier date, then path).
    case score
    /// Earliest date first (undated last; ties: higher score, then path).
    case date
    /// Latest date first (undated last; ties: higher score, then path).
    case dateDescending = "-date"
}

/// The period a timeline counts letters by.
public enum TimelinePeriod: String, Sendable, CaseIterable {
    /// Calendar years.
    case year
    /// Calendar months (letters dated only by year are counted under the year's own row).
    case month
}

/// How many matching letters fall in one period.
public struct TimelineBucket: Sendable, Hashable {
    /// The period: `1942` or `1942-03` (`1942` for letters dated only by year, in a month timeline).
    public var period: String
    /// Matching letters dated in it.
    public var count: Int
}

/// Matching letters per period, every period from the first to the last included (empty ones as 0).
public struct Timeline: Sendable {
    /// The periods, in order.
    public var buckets: [TimelineBucket]
    /// Matching letters without a date.
    public var undated: Int
}

/// How many matching letters name one sender or recipient.
public struct FacetCount: Sendable, Hashable {
    /// The `From` or `To` header as written.
    public var value: String
    /// Matching letters with it.
    public var count: Int
}

extension Searcher {
    /// Every match of `query` ordered by date (`.date`, `.dateDescending`); the first `limit`.
    func topByDate(_ query: Query, limit: Int, descending: Bool) throws -> (top: [(doc: Int, score: Double)], total: Int) {
        // `query` is already prepared (stemmed, fuzzy words expanded).
        let list = try QueryEvaluator(index: index).evaluate(query)
        let matches = (0..<list.count).map { (doc: Int(list.docs[$0]), score: list.scores[$0]) }
        let sorted = matches.sorted { lhs, rhs in
            let left = index.dateKey(lhs.doc), right = index.dateKey(rhs.doc)
            if left != right {
                if left == 0 || right == 0 { return right == 0 }
                return descending ? left > right : left < right
            }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.doc < rhs.doc
        }
        return (Array(sorted.prefix(limit)), matches.count)
    }

    /// How many letters matching `query` fall in each year or month.
    public func timeline(_ query: Query, by period: TimelinePeriod) throws -> Timeline {
        var counts: [UInt32: Int] = [:]
        var undated = 0
        for match in try allMatches(query) {
            let key = index.dateKey(match.doc)
            guard key != 0 else { undated += 1; continue }
            // Sort keys are yyyymmdd with 00 for a missing month or day.
            counts[period == .year ? key / 10000 : key / 100, default: 0] += 1
        }
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return Timeline(buckets: [], undated: undated) }
        var buckets: [TimelineBucket] = []
        if period == .year {
            for year in first...last { buckets.append(TimelineBucket(period: String(year), count: counts[year] ?? 0)) }
        } else {
            // Month keys are yyyymm; yyyy00 holds letters dated by year alone.
            var key = first
            while key <= last {
                let year = key / 100, month = key % 100
                let label = month == 0 ? String(year) : "\(year)-\(month < 10 ? "0" : "")\(month)"
                // A year's own row (letters dated by year alone) only when it has letters.
                if month != 0 || counts[key] != nil { buckets.append(TimelineBucket(period: label, count: counts[key] ?? 0)) }
                key = month >= 12 ? (year + 1) * 100 : key + 1
            }
        }
        return Timeline(buckets: buckets, undated: undated)
    }

    /// The senders (`.from`) or recipients (`.to`) of the letters matching `query`, most frequent
    /// first (ties alphabetical), at most `limit`; letters without the header are not counted.
    public func facets(_ query: Query, field: IndexField, limit: Int = 10) throws -> [FacetCount] {
        precondition(field != .text, "facets count the From or To header")
        var counts: [String: Int] = [:]
        for match in try allMatches(query) {
            let letter = try index.letter(match.doc)
            let value = field == .from ? letter.from : letter.to
            if !value.isEmpty { counts[value, default: 0] += 1 }
        }
        return counts.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .prefix(limit).map { $0 }
    }
}
