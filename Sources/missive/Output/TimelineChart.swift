import MissiveQuery

/// A timeline as a horizontal bar chart: one row per period with its count of matching letters
/// and their share of all the period's letters, bars of Unicode blocks scaled to the terminal's
/// width (by count, or by share with `byShare`).
enum TimelineChart {
    static func print(_ timeline: Timeline, byShare: Bool) {
        guard !timeline.buckets.isEmpty || timeline.undated > 0 || timeline.datedByYearOnly > 0 else {
            Swift.print("No letters match.")
            return
        }
        let largest = max(timeline.buckets.map(\.count).max() ?? 0, 1)
        let largestShare = max(timeline.buckets.map(\.share).max() ?? 0, 1e-12)
        let labelWidth = timeline.buckets.map(\.period.count).max() ?? 4
        let countWidth = Terminal.count(largest).count
        let shareWidth = 6
        let barWidth = max(10, Terminal.columns - labelWidth - countWidth - shareWidth - 6)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for bucket in timeline.buckets {
            let units = byShare ? Int(bucket.share / largestShare * Double(barWidth * 8)) : bucket.count * barWidth * 8 / largest
            let bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            let share = (Terminal.fixed(bucket.share * 100, 1) + "%").leftPadded(shareWidth)
            Swift.print(bucket.period.rightPadded(labelWidth) + "  " + Terminal.count(bucket.count).leftPadded(countWidth) + "  " + share + "  " + bar)
        }
        let total = timeline.buckets.reduce(0) { $0 + $1.count }
        var footer = "\(Terminal.count(total)) dated letter\(total == 1 ? "" : "s")"
        if timeline.datedByYearOnly > 0 { footer += ", \(Terminal.count(timeline.datedByYearOnly)) dated by year alone (not shown by month)" }
        if timeline.undated > 0 { footer += ", \(Terminal.count(timeline.undated)) undated" }
        Swift.print(footer + "; % is the share of each period's letters" + (byShare ? ", which the bars show." : "."))
    }
}
