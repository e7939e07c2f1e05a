/// Levenshtein distance with a bound, over Unicode scalars.
package enum EditDistance {
    /// The edit distance between `a` and `b` when it is at most `limit`, else nil. Rows of the
    /// dynamic-programming table stop early once every entry exceeds the limit.
    package static func within(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Only cells within `limit` of the diagonal can stay within the limit; the rest count as over.
        let over = limit + 1
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            current[0] = min(i, over)
            var rowMinimum = current[0]
            let low = max(1, i - limit), high = min(b.count, i + limit)
            if low > 1 { current[low - 1] = over }
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1, over)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if high < b.count { current[high + 1] = over }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
