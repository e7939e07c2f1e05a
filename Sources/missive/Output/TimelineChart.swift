import MissiveQuery

/// A timeline as a horizontal bar chart: one row per period, bars of Unicode blocks scaled to
/// the terminal's width.
enum TimelineChart {
    static func print(_ timeline: Timeline) {
        guard !timeline.buckets.isEmpty || timeline.undated > 0 || timeline.datedByYearOnly > 0 else {
            Swift.print("No letters match.")
            return
        }
        let largest = max(timeline.buckets.map(\.count).max() ?? 0, 1)
        let labelWidth = timeline.buckets.map(\.period.count).max() ?? 4
        let countWidth = Terminal.count(largest).count
        let barWidth = max(10, Terminal.columns - labelWidth - countWidth - 4)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for bucket in timeline.buckets {
            let units = bucket.count * barWidth * 8 / largest
            let bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            Swift.print(bucket.period.rightPadded(labelWidth) + "  " + Terminal.count(bucket.count).leftPadded(countWidth) + "  " + bar)
        }
        let total = timeline.buckets.reduce(0) { $0 + $1.count }
        var footer = "\(Terminal.count(total)) dated letter\(total == 1 ? "" : "s")"
        if timeline.datedByYearOnly > 0 { footer += ", \(Terminal.count(timeline.datedByYearOnly)) dated by year alone (not shown by month)" }
        if timeline.undated > 0 { footer += ", \(Terminal.count(timeline.undated)) undated" }
        Swift.print(footer + ".")
    }
}
