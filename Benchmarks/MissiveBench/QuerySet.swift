import MissiveIndex
import MissiveTokenizer
import MissiveTestSupport

/// One benchmark query, written for Missive and for the SQLite FTS5 peer.
struct BenchQuery: Codable {
    /// The query class (single, and, or, phrase, rare, frequent, prefix, filtered, near, fuzzy).
    var kind: String
    /// Missive's query syntax.
    var missive: String
    /// The FTS5 MATCH expression ("" when FTS5 has no equivalent, as for fuzzy words).
    var fts5: String
    /// For a date filter, the FTS5 peer's `date >= dateFrom AND date < dateTo` bounds.
    var dateFrom: String?
    var dateTo: String?
}

/// The query classes, in report order.
let queryClasses = ["single", "and", "or", "phrase", "rare", "frequent", "prefix", "filtered", "near", "fuzzy"]

/// Picks queries from an index's own vocabulary, deterministically (seeded), so the same
/// corpus always gets the same queries: mid-frequency words (0.1%–5% of letters) for single,
/// AND, OR and filtered queries; word pairs read from the letters for phrases; words in 2–5
/// letters for rare; the most frequent words; 4-letter prefixes of mid-frequency words.
/// Only plain a–z words are used, which both engines tokenize the same way.
struct QuerySetMaker {
    let index: IndexReader
    var perClass = 20

    func make(seed: UInt64) throws -> [BenchQuery] {
        var random = SeededGenerator(seed: seed)
        var mid: [(String, Int)] = []
        var rare: [String] = []
        var all: [(String, Int)] = []
        let n = index.letterCount
        try index.forEachTerm(in: .text) { info in
            guard info.bytes.count >= 3, info.bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return }
            let text = info.text
            all.append((text, info.letterFrequency))
            if info.letterFrequency >= max(2, n / 1000) && info.letterFrequency <= max(3, n / 20) { mid.append((text, info.letterFrequency)) }
            if info.letterFrequency >= 2 && info.letterFrequency <= 5 { rare.append(text) }
        }
        guard !mid.isEmpty else { throw BenchError("too few words in \(index.path) to pick queries from") }
        if rare.isEmpty { rare = mid.map(\.0) }
        let frequent = all.sorted { $0.1 > $1.1 }.prefix(perClass).map(\.0)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        func midWord() -> String { pick(mid).0 }

        var queries: [BenchQuery] = []
        func add(_ kind: String, _ missive: String, _ fts5: String, _ from: String? = nil, _ to: String? = nil) {
            queries.append(BenchQuery(kind: kind, missive: missive, fts5: fts5, dateFrom: from, dateTo: to))
        }
        for _ in 0..<perClass { let w = midWord(); add("single", w, w) }
        for _ in 0..<perClass { let a = midWord(), b = midWord(); add("and", "\(a) \(b)", "\(a) AND \(b)") }
        for _ in 0..<perClass { let a = midWord(), b = midWord(); add("or", "\(a) OR \(b)", "\(a) OR \(b)") }
        for phrase in try phrases(count: perClass, random: &random) {
            add("phrase", "\"\(phrase)\"", "\"\(phrase)\"")
        }
        for _ in 0..<perClass { let w = pick(rare); add("rare", w, w) }
        for w in frequent { add("frequent", w, w) }
        for _ in 0..<perClass {
            let w = midWord()
            let prefix = String(w.prefix(4))
            add("prefix", "\(prefix)*", "\(prefix)*")
        }
        var senders: [(String, Int)] = []
        try index.forEachTerm(in: .from) { info in
            if info.bytes.count >= 3, info.bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) { senders.append((info.text, info.letterFrequency)) }
        }
        senders.sort { $0.1 > $1.1 }
        var years: [Int: Int] = [:]
        for id in 0..<n { if let date = try index.info(of: LetterID(id)).date { years[date.year, default: 0] += 1 } }
        let busyYears = years.sorted { $0.value > $1.value }.prefix(5).map(\.key)
        for number in 0..<perClass {
            let w = midWord()
            if number % 2 == 0, !senders.isEmpty {
                let sender = senders[Int(random.next() % UInt64(min(10, senders.count)))].0
                add("filtered", "\(w) from:\(sender)", "{title body} : \(w) AND sender : \(sender)")
            } else if let year = busyYears.isEmpty ? nil : pick(busyYears) {
                add("filtered", "\(w) date:\(year)", "\(w)", "\(year)", "\(year + 1)")
            } else {
                add("filtered", w, w)
            }
        }
        // NEAR: two words of one letter, within 10 (FTS5's default); fuzzy: a word within one edit.
        for phrase in try phrases(count: perClass, random: &random) {
            let words = phrase.split(separator: " ")
            add("near", "NEAR(\(words[0]) \(words[words.count - 1]), 10)", "NEAR(\(words[0]) \(words[words.count - 1]), 10)")
        }
        for _ in 0..<perClass { let w = midWord(); add("fuzzy", "\(w)~", "") }
        return queries
    }

    /// Two- and three-word phrases read from sampled letters, avoiding the most common words
    /// as the phrase's first word, so they are phrases a reader would look up.
    private func phrases(count: Int, random: inout SeededGenerator) throws -> [String] {
        var result: [String] = []
        var tokenizer = Tokenizer()
        var attempts = 0
        while result.count < count && attempts < count * 50 {
            attempts += 1
            let id = LetterID(Int(random.next() % UInt64(index.letterCount)))
            let words = tokenizer.terms(in: try index.letter(id).body)
            guard words.count > 10 else { continue }
            let length = 2 + Int(random.next() % 2)
            let start = Int(random.next() % UInt64(words.count - length))
            let slice = Array(words[start..<(start + length)])
            guard slice.allSatisfy({ $0.count >= 2 && $0.utf8.allSatisfy { $0 >= 97 && $0 <= 122 } }),
                  slice[0].count >= 4 else { continue }
            result.append(slice.joined(separator: " "))
        }
        return result
    }
}
