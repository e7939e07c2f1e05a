/// A letter's date, at the precision its header gives: a year, a month or a day.
public struct LetterDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month 1–12, or 0 when only the year is known.
    public let month: Int
    /// The day 1–31, or 0 when only the year or month is known.
    public let day: Int

    /// Creates a date; `month` and `day` are 0 when unknown.
    public init?(year: Int, month: Int = 0, day: Int = 0) {
        guard (1...9999).contains(year), (0...12).contains(month), (0...31).contains(day),
              !(month == 0 && day != 0) else { return nil }
        if day > 0 {
            guard day <= Self.daysInMonth[month - 1] else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else gives nil.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let numbers = parts.map { Int($0)! }
        self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : 0, day: numbers.count > 2 ? numbers[2] : 0)
    }

    /// Restores a date from its ``sortKey``.
    public init?(sortKey: UInt32) {
        guard sortKey != 0 else { return nil }
        let key = Int(sortKey)
        self.init(year: key / 10000, month: key / 100 % 100, day: key % 100)
    }

    /// `yyyymmdd` as one number (unknown parts are 0): dates order as their keys do.
    public var sortKey: UInt32 { UInt32(year * 10000 + month * 100 + day) }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        if month > 0 { text += "-" + two(month) }
        if day > 0 { text += "-" + two(day) }
        return text
    }

    /// Orders by year, month, day; a less precise date sorts before the more precise ones it contains.
    public static func < (lhs: LetterDate, rhs: LetterDate) -> Bool { lhs.sortKey < rhs.sortKey }

    /// The dates this date covers: `1942` is `1942...1942-12-31` (letters dated by the year
    /// alone included), `1942-02` is `1942-02...1942-02-29`, a day is itself.
    public var coveredRange: ClosedRange<LetterDate> {
        if month == 0 { return self...LetterDate(year: year, month: 12, day: 31)! }
        if day == 0 { return self...LetterDate(year: year, month: month, day: Self.daysInMonth[month - 1])! }
        return self...self
    }

    /// The earliest date there is (year 1).
    public static let earliest = LetterDate(year: 1)!
    /// The latest date there is (9999-12-31).
    public static let latest = LetterDate(year: 9999, month: 12, day: 31)!

    /// Days in each month (February's 29, since years are not checked for leap days).
    private static let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
}
