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
        // Counted per name id of each segment (the names section: no stored letter is read),
        // then by the names as written.
        var perSegment = index.segments.map { [Int](repeating: 0, count: $0.nameCount) }
        try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, _ in
            let ids = try index.segments[number].nameIDs(of: local)
            perSegment[number][field == .from ? ids.from : ids.to] += 1
        }
        var counts: [String: Int] = [:]
        for (number, segment) in index.segments.enumerated() {
            for (id, count) in perSegment[number].enumerated() where count > 0 {
                let name = try segment.name(id)
                if !name.isEmpty { counts[name, default: 0] += count }
            }
        }
        return counts.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .prefix(limit).map { $0 }
    }
}
