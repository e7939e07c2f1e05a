import MissiveIndex

/// How many matching letters name one sender or recipient.
public struct FacetCount: Sendable, Hashable {
    /// The `From` or `To` header as written.
    public var value: String
    /// Matching letters with it.
    public var count: Int
}

/// The header a facet counts.
public enum FacetField: String, Sendable, CaseIterable {
    /// The `From` header: senders.
    case from
    /// The `To` header: recipients.
    case to
}

extension Searcher {
    /// The senders or recipients of the letters matching `query`, most frequent first (ties
    /// alphabetical), at most `limit`; letters without the header are not counted.
    public func facets(_ query: Query, field: FacetField, limit: Int = 10) throws -> [FacetCount] {
        var values: [String] = []
        try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, _ in
            let letter = try index.segments[number].letter(local)
            values.append(field == .from ? letter.from : letter.to)
        }
        return FacetCount.counts(of: values, limit: limit)
    }
}

extension FacetCount {
    /// How often each non-empty value occurs in `values`, most frequent first (ties
    /// alphabetical), at most `limit`.
    public static func counts(of values: [String], limit: Int) -> [FacetCount] {
        var counts: [String: Int] = [:]
        for value in values where !value.isEmpty { counts[value, default: 0] += 1 }
        return counts.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .prefix(limit).map { $0 }
    }
}
