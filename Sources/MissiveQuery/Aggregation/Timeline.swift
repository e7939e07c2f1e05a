import MissiveIndex

/// The period a timeline counts letters by.
public enum TimelinePeriod: String, Sendable, CaseIterable {
    /// Calendar years.
    case year
    /// Calendar months (letters dated only by year are counted apart, ``Timeline/datedByYearOnly``).
    case month
}

/// How many matching letters fall in one period.
public struct TimelineBucket: Sendable, Hashable {
    /// The period: `1942` or `1942-03`.
    public var period: String
    /// Matching letters dated in it.
    public var count: Int
    /// All the index's letters dated in it, matching or not.
    public var letters: Int = 0

    /// The share of the period's letters that match (0 when it has none).
    public var share: Double { letters > 0 ? Double(count) / Double(letters) : 0 }
}

/// Matching letters per period, every period from the first to the last included (empty ones as 0).
public struct Timeline: Sendable {
    /// The periods, in order.
    public var buckets: [TimelineBucket]
    /// Matching letters without a date.
    public var undated: Int
    /// Matching letters dated by year alone, left out of a timeline by month (0 by year).
    public var datedByYearOnly: Int = 0
}

extension Searcher {
    /// How many letters matching `query` fall in each year or month, beside how many letters of
    /// the index fall there at all (so each period's share can be read).
    public func timeline(_ query: Query, by period: TimelinePeriod) throws -> Timeline {
        var counts: [UInt32: Int] = [:]
        var undated = 0
        var yearOnly = 0
        try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, _ in
            let key = index.segments[number].dateKey(of: local)
            guard key != 0 else { undated += 1; return }
            // Sort keys are yyyymmdd with 00 for a missing month or day.
            if period == .month && key % 10000 == 0 { yearOnly += 1; return }
            counts[period == .year ? key / 10000 : key / 100, default: 0] += 1
        }
        // Every live letter per period, for each period's share.
        var all: [UInt32: Int] = [:]
        for segment in index.segments {
            for local in 0..<segment.letterCount where !segment.isDeleted(local) {
                let key = segment.dateKey(of: local)
                if key != 0 && !(period == .month && key % 10000 == 0) { all[period == .year ? key / 10000 : key / 100, default: 0] += 1 }
            }
        }
        guard let first = counts.keys.min(), let last = counts.keys.max() else {
            return Timeline(buckets: [], undated: undated, datedByYearOnly: yearOnly)
        }
        var buckets: [TimelineBucket] = []
        if period == .year {
            for year in first...last {
                buckets.append(TimelineBucket(period: String(year), count: counts[year] ?? 0, letters: all[year] ?? 0))
            }
        } else {
            // Month keys are yyyymm (letters dated by year alone are counted apart).
            var key = first
            while key <= last {
                let year = key / 100, month = key % 100
                if month >= 1 {
                    buckets.append(TimelineBucket(period: "\(year)-\(month < 10 ? "0" : "")\(month)", count: counts[key] ?? 0,
                                                  letters: all[key] ?? 0))
                }
                key = month >= 12 ? (year + 1) * 100 + 1 : key + 1
            }
        }
        return Timeline(buckets: buckets, undated: undated, datedByYearOnly: yearOnly)
    }
}
