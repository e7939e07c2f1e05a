import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery
import MissiveTokenizer

@Suite("Sorting, timeline and facets")
struct AggregationTests {
    @Test func agreeWithANaiveScan() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OracleTests.generateCorpus(in: folder + "/letters", letters: 400, seed: 7)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let reader = try IndexReader(path: folder + "/idx")
        let naive = try NaiveIndex(folder: folder + "/letters")
        let searcher = Searcher(index: reader)
        for text in ["second", "front OR convoy", "date:1942..1944", "churchill -stalin", "\"second front\""] {
            let query = try Query(parsing: text)
            let expected = naive.matches(query)
            // Timeline by year and by month.
            let years = try searcher.timeline(query, by: .year)
            var perYear: [String: Int] = [:]
            var undated = 0
            for match in expected {
                let key = naive.documents[match.letter].dateKey
                if key == 0 { undated += 1 } else { perYear[String(key / 10000), default: 0] += 1 }
            }
            #expect(years.undated == undated, "\(text)")
            #expect(Dictionary(uniqueKeysWithValues: years.buckets.filter { $0.count > 0 }.map { ($0.period, $0.count) }) == perYear, "\(text)")
            if let first = years.buckets.first, let last = years.buckets.last {
                #expect(years.buckets.count == Int(last.period)! - Int(first.period)! + 1, "every year between is listed")
            }
            let months = try searcher.timeline(query, by: .month)
            // By month, letters dated by the year alone are counted apart.
            let yearOnly = expected.filter { let key = naive.documents[$0.letter].dateKey; return key != 0 && key % 10000 == 0 }.count
            #expect(months.datedByYearOnly == yearOnly, "\(text)")
            #expect(months.buckets.reduce(0) { $0 + $1.count } == expected.count - undated - yearOnly)
            #expect(months.buckets.allSatisfy { $0.period.count == 7 }, "only yyyy-mm rows")
            // Sorted by date: dated letters in date order, undated last, ties by score then id.
            let keyOf = { (letter: Int) -> UInt32 in let key = naive.documents[letter].dateKey; return key == 0 ? .max : key }
            let byDate = expected.sorted { lhs, rhs in
                keyOf(lhs.letter) != keyOf(rhs.letter) ? keyOf(lhs.letter) < keyOf(rhs.letter)
                    : lhs.score != rhs.score ? lhs.score > rhs.score : lhs.letter < rhs.letter
            }
            let sorted = try searcher.search(query, limit: 25, order: .date)
            #expect(sorted.total == expected.count)
            #expect(sorted.hits.map(\.id.value) == byDate.prefix(25).map(\.letter), "\(text)")
            let latest = try searcher.search(query, limit: 5, order: .dateDescending)
            let newest = expected.map { naive.documents[$0.letter].dateKey }.filter { $0 != 0 }.max()
            #expect(latest.hits.first?.date?.sortKey == newest, "\(text): the latest letter first")
            // Facets: From headers of the matching letters, counted.
            var senders: [String: Int] = [:]
            for match in expected {
                let from = try reader.letter(LetterID(match.letter)).from
                if !from.isEmpty { senders[from, default: 0] += 1 }
            }
            let facets = try searcher.facets(query, field: .from, limit: 100)
            #expect(Dictionary(uniqueKeysWithValues: facets.map { ($0.value, $0.count) }) == senders, "\(text)")
            #expect(facets.map(\.count) == facets.map(\.count).sorted(by: >))
            // Timeline shares: each year's letters of the whole index, counted naively.
            var lettersPerYear: [String: Int] = [:]
            for document in naive.documents where document.dateKey != 0 { lettersPerYear[String(document.dateKey / 10000), default: 0] += 1 }
            for bucket in years.buckets {
                #expect(bucket.letters == lettersPerYear[bucket.period] ?? 0, "\(text) \(bucket.period)")
                #expect(bucket.share == (bucket.letters > 0 ? Double(bucket.count) / Double(bucket.letters) : 0))
            }
            // Correspondents: sender → recipient pairs of the matching letters (grouped by their
            // folded words), with counts and date spans.
            try expectCorrespondents(searcher.correspondents(query), letters: expected.map(\.letter), reader: reader, naive: naive, text)
        }
        try expectCorrespondents(searcher.correspondents(nil), letters: Array(naive.documents.indices), reader: reader, naive: naive, "every letter")
    }

    func expectCorrespondents(_ pairs: [CorrespondencePair], letters: [Int], reader: IndexReader, naive: NaiveIndex, _ text: String) throws {
        var tokenizer = Tokenizer()
        var expected: [String: (letters: Int, first: UInt32, last: UInt32)] = [:]
        for id in letters {
            let letter = try reader.letter(LetterID(id))
            let key = tokenizer.terms(in: letter.from).joined(separator: " ") + "|" + tokenizer.terms(in: letter.to).joined(separator: " ")
            var entry = expected[key] ?? (0, .max, 0)
            entry.letters += 1
            let date = naive.documents[id].dateKey
            if date != 0 { entry.first = min(entry.first, date); entry.last = max(entry.last, date) }
            expected[key] = entry
        }
        var found: [String: (letters: Int, first: UInt32, last: UInt32)] = [:]
        for pair in pairs {
            let key = tokenizer.terms(in: pair.from).joined(separator: " ") + "|" + tokenizer.terms(in: pair.to).joined(separator: " ")
            found[key] = (pair.letters, pair.first?.sortKey ?? .max, pair.last?.sortKey ?? 0)
        }
        #expect(found.count == pairs.count, "\(text): each pair once")
        #expect(found.keys.sorted() == expected.keys.sorted(), "\(text)")
        for (key, value) in expected { #expect(found[key].map { $0 == value } == true, "\(text) \(key)") }
        #expect(pairs.map(\.letters) == pairs.map(\.letters).sorted(by: >), "most letters first")
    }
}
