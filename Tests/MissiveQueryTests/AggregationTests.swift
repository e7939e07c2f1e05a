import Foundation
import Testing
@testable import MissiveIndex
@testable import MissiveQuery

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
        var parser = QueryParser()
        for text in ["second", "front OR convoy", "date:1942..1944", "churchill -stalin", "\"second front\""] {
            let query = try parser.parse(text)
            let expected = naive.matches(query)
            // Timeline by year and by month.
            let years = try searcher.timeline(query, by: .year)
            var perYear: [String: Int] = [:]
            var undated = 0
            for match in expected {
                let key = naive.documents[match.doc].dateKey
                if key == 0 { undated += 1 } else { perYear[String(key / 10000), default: 0] += 1 }
            }
            #expect(years.undated == undated, "\(text)")
            #expect(Dictionary(uniqueKeysWithValues: years.buckets.filter { $0.count > 0 }.map { ($0.period, $0.count) }) == perYear, "\(text)")
            if let first = years.buckets.first, let last = years.buckets.last {
                #expect(years.buckets.count == Int(last.period)! - Int(first.period)! + 1, "every year between is listed")
            }
            let months = try searcher.timeline(query, by: .month)
            #expect(months.buckets.reduce(0) { $0 + $1.count } == expected.count - undated)
            // Sorted by date: dated letters in date order, undated last, ties by score then id.
            let keyOf = { (doc: Int) -> UInt32 in let key = naive.documents[doc].dateKey; return key == 0 ? .max : key }
            let byDate = expected.sorted { lhs, rhs in
                keyOf(lhs.doc) != keyOf(rhs.doc) ? keyOf(lhs.doc) < keyOf(rhs.doc)
                    : lhs.score != rhs.score ? lhs.score > rhs.score : lhs.doc < rhs.doc
            }
            let sorted = try searcher.search(query, limit: 25, sort: .date)
            #expect(sorted.total == expected.count)
            #expect(sorted.hits.map(\.doc) == byDate.prefix(25).map(\.doc), "\(text)")
            let latest = try searcher.search(query, limit: 5, sort: .dateDescending)
            let dated = expected.filter { naive.documents[$0.doc].dateKey != 0 }
            if let newest = dated.map({ naive.documents[$0.doc].dateKey }).max(), let top = latest.hits.first {
                #expect(reader.dateKey(top.doc) == newest)
            }
            // Facets: From headers of the matching letters, counted.
            var senders: [String: Int] = [:]
            for match in expected {
                let from = try reader.letter(match.doc).from
                if !from.isEmpty { senders[from, default: 0] += 1 }
            }
            let facets = try searcher.facets(query, field: .from, limit: 100)
            #expect(Dictionary(uniqueKeysWithValues: facets.map { ($0.value, $0.count) }) == senders, "\(text)")
            #expect(facets.map(\.count) == facets.map(\.count).sorted(by: >))
        }
    }
}
