import MissiveIndex
import MissiveTokenizer

/// One sender → recipient pair of an archive: how many letters, from when to when.
public struct CorrespondencePair: Sendable, Hashable {
    /// The sender as most of the pair's letters write it (ties: the first in byte order; "" when
    /// the letters have no `From`).
    public var from: String
    /// The recipient as most of the pair's letters write it ("" when they have no `To`).
    public var to: String
    /// Letters from `from` to `to` (among those counted).
    public var letters: Int
    /// The earliest date among them (nil when none is dated).
    public var first: LetterDate?
    /// The latest date among them (nil when none is dated).
    public var last: LetterDate?
}

extension Searcher {
    /// Every sender → recipient pair among the letters matching `query` (every letter when nil),
    /// most letters first (ties: sender, then recipient). Names are grouped after the folding
    /// `from:` and `to:` queries use (case, accents and punctuation do not split a pair) and shown
    /// as most of the pair's letters write them.
    public func correspondents(_ query: Query? = nil) throws -> [CorrespondencePair] {
        // First per segment and pair of name ids (the names section: no stored letter is read),
        // then per pair of folded names.
        struct Tally {
            var letters = 0
            var first = UInt32.max
            var last = UInt32(0)

            mutating func add(_ letters: Int, first: UInt32, last: UInt32) {
                self.letters += letters
                self.first = min(self.first, first)
                self.last = max(self.last, last)
            }
        }
        var pairs: [[UInt64: Tally]] = Array(repeating: [:], count: index.segments.count)
        func add(_ number: Int, _ local: Int) throws {
            let segment = index.segments[number]
            let ids = try segment.nameIDs(of: local)
            let date = segment.dateKey(of: local)
            pairs[number][UInt64(ids.from) << 32 | UInt64(ids.to), default: Tally()].add(1, first: date == 0 ? .max : date, last: date)
        }
        if let query {
            try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, _ in try add(number, local) }
        } else {
            try index.verifyLetterTables()
            for (number, segment) in index.segments.enumerated() {
                for local in 0..<segment.letterCount where !segment.isDeleted(local) { try add(number, local) }
            }
        }
        struct Group {
            var forms: [String: Int] = [:]
            var recipients: [String: Int] = [:]
            var tally = Tally()
        }
        var groups: [String: Group] = [:]
        var tokenizer = Tokenizer()
        var folded: [String: String] = [:]
        func key(_ name: String) -> String {
            if let known = folded[name] { return known }
            let key = tokenizer.terms(in: name).joined(separator: " ")
            folded[name] = key
            return key
        }
        for (number, segmentPairs) in pairs.enumerated() {
            let segment = index.segments[number]
            for (ids, tally) in segmentPairs {
                let from = try segment.name(Int(ids >> 32)), to = try segment.name(Int(ids & 0xFFFF_FFFF))
                let pair = key(from) + "\u{0}" + key(to)
                var group = groups[pair] ?? Group()
                group.forms[from, default: 0] += tally.letters
                group.recipients[to, default: 0] += tally.letters
                group.tally.add(tally.letters, first: tally.first, last: tally.last)
                groups[pair] = group
            }
        }
        func commonest(_ forms: [String: Int]) -> String {
            forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
        }
        return groups.values.map { group in
            CorrespondencePair(from: commonest(group.forms), to: commonest(group.recipients), letters: group.tally.letters,
                               first: group.tally.first == .max ? nil : LetterDate(sortKey: group.tally.first),
                               last: group.tally.first == .max ? nil : LetterDate(sortKey: group.tally.last))
        }
        .sorted { ($0.letters, $1.from, $1.to) > ($1.letters, $0.from, $0.to) }
    }
}
