import MissiveQuery

/// The timeline as an SVG bar chart: one bar per year or month, its height the matching
/// letters; each bar links to the search narrowed to its period (`date:1942`, `date:1942-03`).
enum TimelineSVG {
    static func chart(_ timeline: Timeline, period: TimelinePeriod, query: String) -> HTML {
        guard !timeline.buckets.isEmpty else { return "<p class=\"summary\">No dated letters.</p>" }
        let width = 280, height = 110, axis = 16
        let slot = Double(width) / Double(timeline.buckets.count)
        let highest = max(1, timeline.buckets.map(\.count).max() ?? 1)
        var bars: HTML = ""
        var labels: HTML = ""
        var lastYear = ""
        var lastLabel = -100.0
        for (index, bucket) in timeline.buckets.enumerated() {
            let x = Double(index) * slot
            let barHeight = bucket.count == 0 ? 1.0 : max(2.0, Double(height - axis) * Double(bucket.count) / Double(highest))
            let y = Double(height - axis) - barHeight
            let rect: HTML = "<rect class=\"bar\(bucket.count == 0 ? " empty" : "")\" x=\"\(format(x + slot * 0.1))\" y=\"\(format(y))\" width=\"\(format(min(max(slot * 0.8, 0.5), 24)))\" height=\"\(format(barHeight))\"><title>\(bucket.period): \(bucket.count) letter\(bucket.count == 1 ? "" : "s")</title></rect>"
            if bucket.count > 0 {
                let target = Links.search(Links.refined(query, with: "date:\(bucket.period)"), sort: query.isEmpty ? "date" : "score")
                bars += "<a href=\"\(target)\" aria-label=\"\(bucket.period): \(bucket.count) letter\(bucket.count == 1 ? "" : "s")\">\(rect)</a>"
            } else {
                bars += rect
            }
            let year = String(bucket.period.prefix(4))
            if year != lastYear, x - lastLabel >= 28 {
                lastLabel = x
                labels += "<text x=\"\(format(x + 1))\" y=\"\(height - 3)\">\(year)</text>"
                lastYear = year
            }
        }
        let what = period == .year ? "year" : "month"
        return """
            <svg class="timeline" viewBox="0 0 \(width) \(height)" role="img" aria-label="Matching letters per \(what)">\(bars)\(labels)</svg>
            """
    }

    private static func format(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}
