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
        // Each distinct name as written is a number (`forms`), folded once to a key number;
        // groups are pairs of key numbers, their forms counted in small arrays.
        struct Group {
            var senders: [(form: Int, letters: Int)] = []
            var recipients: [(form: Int, letters: Int)] = []
            var tally = Tally()
        }
        var forms: [String] = []
        var formNumbers: [String: Int] = [:]
        var formKeys: [Int] = []
        var keyNumbers: [String: Int] = [:]
        var tokenizer = Tokenizer()
        func form(_ name: String) -> Int {
            if let known = formNumbers[name] { return known }
            let key = tokenizer.terms(in: name).joined(separator: " ")
            let keyNumber = keyNumbers[key] ?? keyNumbers.count
            keyNumbers[key] = keyNumber
            formNumbers[name] = forms.count
            forms.append(name)
            formKeys.append(keyNumber)
            return forms.count - 1
        }
        func count(_ form: Int, _ letters: Int, in list: inout [(form: Int, letters: Int)]) {
            if let at = list.firstIndex(where: { $0.form == form }) { list[at].letters += letters } else { list.append((form, letters)) }
        }
        var groupNumbers: [UInt64: Int] = [:]
        var groups: [Group] = []
        for (number, segmentPairs) in pairs.enumerated() {
            let segment = index.segments[number]
            var segmentForms = [Int](repeating: -1, count: segment.nameCount)
            func segmentForm(_ id: Int) throws -> Int {
                if segmentForms[id] < 0 { segmentForms[id] = form(try segment.name(id)) }
                return segmentForms[id]
            }
            for (ids, tally) in segmentPairs {
                let from = try segmentForm(Int(ids >> 32)), to = try segmentForm(Int(ids & 0xFFFF_FFFF))
                let pair = UInt64(formKeys[from]) << 32 | UInt64(formKeys[to])
                let group = groupNumbers[pair] ?? groups.count
                if group == groups.count {
                    groupNumbers[pair] = group
                    groups.append(Group())
                }
                count(from, tally.letters, in: &groups[group].senders)
                count(to, tally.letters, in: &groups[group].recipients)
                groups[group].tally.add(tally.letters, first: tally.first, last: tally.last)
            }
        }
        // The form most of the pair's letters use (ties: the first in byte order).
        func commonest(_ counts: [(form: Int, letters: Int)]) -> String {
            counts.max { $0.letters != $1.letters ? $0.letters < $1.letters : forms[$0.form] > forms[$1.form] }.map { forms[$0.form] } ?? ""
        }
        var result = groups.map { group in
            CorrespondencePair(from: commonest(group.senders), to: commonest(group.recipients), letters: group.tally.letters,
                               first: group.tally.first == .max ? nil : LetterDate(sortKey: group.tally.first),
                               last: group.tally.first == .max ? nil : LetterDate(sortKey: group.tally.last))
        }
        result.sort { $0.letters != $1.letters ? $0.letters > $1.letters : $0.from != $1.from ? $0.from < $1.from : $0.to < $1.to }
        return result
    }
}
