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
        struct Group {
            var forms: [String: Int] = [:]
            var recipients: [String: Int] = [:]
            var letters = 0
            var first = UInt32.max
            var last = UInt32(0)
        }
        var groups: [String: Group] = [:]
        var tokenizer = Tokenizer()
        func add(_ segment: SegmentReader, _ local: Int) throws {
            let letter = try segment.letter(local)
            let key = tokenizer.terms(in: letter.from).joined(separator: " ") + "\u{0}" + tokenizer.terms(in: letter.to).joined(separator: " ")
            var group = groups[key] ?? Group()
            group.forms[letter.from, default: 0] += 1
            group.recipients[letter.to, default: 0] += 1
            group.letters += 1
            let date = segment.dateKey(of: local)
            if date != 0 {
                group.first = min(group.first, date)
                group.last = max(group.last, date)
            }
            groups[key] = group
        }
        if let query {
            try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, _ in
                try add(index.segments[number], local)
            }
        } else {
            try index.verifyLetterTables()
            for segment in index.segments {
                for local in 0..<segment.letterCount where !segment.isDeleted(local) { try add(segment, local) }
            }
        }
        func commonest(_ forms: [String: Int]) -> String {
            forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
        }
        return groups.values.map { group in
            CorrespondencePair(from: commonest(group.forms), to: commonest(group.recipients), letters: group.letters,
                               first: group.first == .max ? nil : LetterDate(sortKey: group.first),
                               last: group.first == .max ? nil : LetterDate(sortKey: group.last))
        }
        .sorted { ($0.letters, $1.from, $1.to) > ($1.letters, $0.from, $0.to) }
    }
}
