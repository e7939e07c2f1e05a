import Foundation
import Synchronization
import Testing
import MissiveTestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import MissiveIndex
@testable import MissiveQuery

/// An index updated in place must answer exactly as a full rebuild of the same folder: a
/// generated corpus of 1,000 letters goes through 30 rounds of adds, edits (some keeping size and
/// time, found with `verify`), deletions, renames and moves between folders, with the merge
/// policy at work and one `optimize`; after each round, generated queries of every kind give the
/// same letters, in the same order, with the same scores, totals, date order, timelines and facets
/// as a fresh build.
@Suite("Updates answer exactly as a full rebuild", .serialized)
struct UpdateOracleTests {
    /// Every live letter's path and its place in path order, by id.
    struct Paths {
        var names: [Int: String] = [:]
        var rank: [Int: Int] = [:]
        var byRank: [String] = []
    }

    static func paths(_ index: IndexReader) throws -> Paths {
        var paths = Paths()
        for segment in index.segments {
            for local in 0..<segment.letterCount where !segment.isDeleted(local) { paths.names[segment.base + local] = try segment.path(of: local) }
        }
        let ordered = paths.names.sorted { $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
        for (rank, entry) in ordered.enumerated() { paths.rank[entry.key] = rank }
        paths.byRank = ordered.map(\.value)
        return paths
    }

    /// The answer to `text` that must not depend on how the index was made: every match by path
    /// with its score (one exhaustive evaluation, from which the total, the date order and the
    /// exhaustive top 20 follow), and the pruned top 20; for every tenth query also the whole
    /// `search` (snippets and all) and the production date sorts.
    static func answer(_ text: String, number: Int, _ searcher: Searcher, paths: Paths) throws -> (paths: [String], scores: [Double], extra: String) {
        let query = try Query(parsing: text)
        let prepared = try searcher.prepared(query)
        let statistics = CollectionStatistics(searcher.index)
        let ranked = try searcher.rankPrepared(prepared, limit: 20, statistics: statistics)
        // Every match by its place in path order (so sorting compares integers).
        var scores = [Double?](repeating: nil, count: paths.byRank.count)
        var dates = [UInt32](repeating: 0, count: paths.byRank.count)
        var matched: [Int] = []
        try searcher.forEachMatch(prepared, statistics: statistics) { segment, local, score in
            let reader = searcher.index.segments[segment]
            let rank = paths.rank[reader.base + local]!
            scores[rank] = score
            dates[rank] = reader.dateKey(of: local) == 0 ? UInt32.max : reader.dateKey(of: local)
            matched.append(rank)
        }
        matched.sort()
        // The total a search shows, counted apart from the pruned ranking (``QueryEvaluator/count(_:)``),
        // across segments and deletions, is the number of matches.
        let counted = try searcher.paths(query, limit: 10).total
        #expect(counted == matched.count, "\(text): the search counts \(counted), \(matched.count) letters match")
        let byDate = matched.sorted { (dates[$0], -scores[$0]!, $0) < (dates[$1], -scores[$1]!, $1) }
        let name = { (letter: ScoredLetter) in paths.names[letter.id.value]! }
        var extra = "total \(matched.count) date \(byDate.prefix(15).map { paths.byRank[$0] })"
        if number % 10 == 0 {
            let top = try searcher.search(query, limit: 3)
            let earliest = try searcher.topByDate(prepared, limit: 10, descending: false, statistics: statistics).top
            let latest = try searcher.topByDate(prepared, limit: 5, descending: true, statistics: statistics).top
            extra += " search \(top.total) \(top.hits.map(\.path)) earliest \(earliest.map(name)) latest \(latest.map(name))"
        }
        return (ranked.map(name) + matched.map { paths.byRank[$0] }, ranked.map(\.score) + matched.map { scores[$0]! }, extra)
    }

    /// The differences between the updated index's answers and the fresh build's.
    static func differences(_ updated: IndexReader, _ fresh: IndexReader, queries: [String]) throws -> [String] {
        let left = Searcher(index: updated), right = Searcher(index: fresh)
        let leftPaths = try paths(updated), rightPaths = try paths(fresh)
        var found: [String] = []
        #expect(updated.letterCount == fresh.letterCount)
        #expect(updated.totalTextTokens == fresh.totalTextTokens)
        // The queries in two halves, one per core.
        let halves = Mutex<[[String]]>([[], []])
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            var differences: [String] = []
            do {
                for (number, text) in queries.enumerated() where number % 2 == half {
                    let a = try answer(text, number: number, left, paths: leftPaths), b = try answer(text, number: number, right, paths: rightPaths)
                    if a.paths != b.paths || a.extra != b.extra {
                        differences.append("[\(text)] \(a.paths.prefix(6)) \(a.extra.prefix(160)) ≠ \(b.paths.prefix(6)) \(b.extra.prefix(160))")
                        continue
                    }
                    for (x, y) in zip(a.scores, b.scores) where abs(x - y) > 1e-9 * max(abs(y), 1e-12) {
                        differences.append("[\(text)] score \(x) ≠ \(y)")
                        break
                    }
                }
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
            halves.withLock { $0[half] = differences }
        }
        found += errors.withLock { $0 } + halves.withLock { $0.flatMap { $0 } }
        for text in ["second front", "convoy*", "date:1942..1944", "churchill OR stalin"] {
            let query = try Query(parsing: text)
            for period in [TimelinePeriod.year, .month] {
                let a = try left.timeline(query, by: period), b = try right.timeline(query, by: period)
                if a.buckets != b.buckets || a.undated != b.undated { found.append("[\(text)] timeline by \(period)") }
            }
            for field in [FacetField.from, .to] where try left.facets(query, field: field, limit: 50) != right.facets(query, field: field, limit: 50) {
                found.append("[\(text)] facets \(field)")
            }
        }
        return found
    }

    /// One round of changes to the letters under `root`; returns whether an edit kept a file's
    /// size and time (so only `verify` finds it).
    static func change(_ root: String, round: Int, random: inout SeededGenerator, next: inout Int) throws -> Bool {
        let manager = FileManager.default
        var files = try manager.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".txt") }.sorted()
        func text(_ number: Int) -> String {
            let words = ["convoy", "second", "front", "murmansk", "stalin", "churchill", "army", "division", "reply", "allies",
                         "war", "letter", "Bénes", "overlord", "штаб", "telegram", "archangel", "peace", "terms", "ally"]
            var body = ""
            for _ in 0..<(20 + random.next(below: 200)) { body += words[random.next(below: words.count)] + (random.next(below: 9) == 0 ? ". " : " ") }
            if random.next(below: 10) == 0 { return body }
            let year = 1941 + random.next(below: 5)
            let people = ["J. V. Stalin", "W. Churchill", "F. D. Roosevelt", "A. Eden"]
            return "Title: Letter \(number) of round \(round)\nFrom: \(people[random.next(below: 4)])\nTo: \(people[random.next(below: 4)])\n"
                + "Date: \(year)-0\(1 + random.next(below: 9))\n\n\(body)"
        }
        // Adds, some in a folder of their own.
        for _ in 0..<(5 + random.next(below: 20)) {
            let shard = random.next(below: 9)
            try write(text(next), to: "\(root)/shard\(shard)/added-\(next).txt")
            next += 1
        }
        // Deletions, renames, moves.
        for _ in 0..<(3 + random.next(below: 10)) where !files.isEmpty {
            let victim = files.remove(at: random.next(below: files.count))
            switch random.next(below: 3) {
            case 0: try manager.removeItem(atPath: root + "/" + victim)
            case 1: try manager.moveItem(atPath: root + "/" + victim, toPath: root + "/" + victim.replacingOccurrences(of: ".txt", with: "-renamed.txt"))
            default:
                let target = "\(root)/moved\(random.next(below: 3))"
                try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
                try manager.moveItem(atPath: root + "/" + victim, toPath: target + "/" + (victim as NSString).lastPathComponent)
            }
        }
        // Edits: new content; every third round one keeps the file's size and time.
        for _ in 0..<(3 + random.next(below: 10)) where !files.isEmpty {
            try write(text(next), to: root + "/" + files[random.next(below: files.count)])
            next += 1
        }
        guard round % 3 == 2, let victim = files.first(where: { (try? String(contentsOfFile: root + "/" + $0, encoding: .utf8))?.contains("convoy") == true }) else {
            return false
        }
        let path = root + "/" + victim
        var info = stat()
        try #require(stat(path, &info) == 0)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try write(original.replacingOccurrences(of: "convoy", with: "cONVOY"), to: path)
        var times = [info.st_atim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
        return true
    }

    @Test func thirtyRoundsOfChangesAnswerAsAFullRebuild() throws {
        let folder = try TemporaryFolder()
        let letters = folder.appending("letters")
        _ = try OracleTests.generateCorpus(in: letters, letters: 1000, seed: 1917)
        let updatedPath = folder.appending("updated")
        var first = try IndexBuilder().update(folder: letters, indexPath: updatedPath)
        #expect(first.action == .built)
        var random = SeededGenerator(seed: 1918)
        var next = 0
        var failures: [String] = []
        var segmentsSeen = Set<Int>()
        var merged = 0
        for round in 0..<30 {
            let sameSizeAndTime = try Self.change(letters, round: round, random: &random, next: &next)
            let optimize = round == 15
            first = try IndexBuilder().update(folder: letters, indexPath: updatedPath, verify: sameSizeAndTime, optimize: optimize)
            #expect(first.action == .updated, "round \(round)")
            segmentsSeen.insert(first.segmentCount)
            merged += first.mergedSegments
            if optimize { #expect(first.segmentCount == 1) }
            let freshPath = folder.appending("fresh-\(round)")
            _ = try IndexBuilder().build(folder: letters, indexPath: freshPath)
            let updated = try IndexReader(path: updatedPath), fresh = try IndexReader(path: freshPath)
            #expect(IndexChecker(reader: updated).check().problems == [], "round \(round)")
            let naive = try NaiveIndex(folder: letters)
            let queries = OracleTests.generateQueries(naive, count: 200, seed: UInt64(2000 + round))
            failures += try Self.differences(updated, fresh, queries: queries).map { "round \(round): \($0)" }
            try FileManager.default.removeItem(atPath: freshPath)
        }
        #expect(failures.isEmpty, "\(failures.count) differences:\n\(failures.prefix(8).joined(separator: "\n"))")
        // The rounds did exercise several segments, deletions and merges.
        #expect(segmentsSeen.contains { $0 >= 3 })
        #expect(merged > 0)
    }

    @Test func nothingChangedIsUpToDateAndAnEditKeepingSizeAndTimeNeedsVerify() throws {
        let folder = try TemporaryFolder()
        let letters = folder.appending("letters")
        try write("Title: One\n\nThe convoy sails.", to: letters + "/a/one.txt")
        try write("Title: Two\n\nNo news.", to: letters + "/two.txt")
        let index = folder.appending("idx")
        #expect(try IndexBuilder().update(folder: letters, indexPath: index).action == .built)
        let again = try IndexBuilder().update(folder: letters, indexPath: index)
        #expect(again.action == .upToDate)
        #expect(again.letters == 2)
        // Same size, same time, other words: only verify finds it.
        let path = letters + "/a/one.txt"
        var info = stat()
        try #require(stat(path, &info) == 0)
        try write("Title: One\n\nThe CONVOY sails.".replacingOccurrences(of: "CONVOY", with: "cargos"), to: path)
        var times = [info.st_atim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(try IndexBuilder().update(folder: letters, indexPath: index).action == .upToDate)
        let verified = try IndexBuilder().update(folder: letters, indexPath: index, verify: true)
        #expect(verified.action == .updated && verified.changed == 1)
        let searcher = Searcher(index: try IndexReader(path: index))
        #expect(try searcher.search("cargos").total == 1)
        #expect(try searcher.search("convoy").total == 0)
        // An index of another folder is rebuilt, and says so.
        try write("Title: Three\n\nElsewhere.", to: folder.appending("other/three.txt"))
        let other = try IndexBuilder().update(folder: folder.appending("other"), indexPath: index)
        #expect(other.action == .built && other.note?.contains("rebuilt") == true)
    }

    /// Files a build skips are remembered with the size and time they were listed with, found
    /// among the listed files by path (a search by halving), so an update leaves them alone until
    /// they change; here they sit first, last and between folders among 60 letters.
    @Test func skippedFilesAreRememberedWithTheirListedSizeAndTime() throws {
        let folder = try TemporaryFolder()
        let letters = folder.appending("letters")
        for number in 0..<60 { try write("Title: L\(number)\n\nThe convoy \(number).", to: letters + "/f\(number % 3)/l\(number).txt") }
        let unreadable = ["a-first.txt": "", "f1/m-middle.txt": "\u{0}\u{0}binary\u{0}", "f2/zz-last.txt": ""]
        for (path, text) in unreadable { try write(text, to: letters + "/" + path) }
        let index = folder.appending("idx")
        let built = try IndexBuilder().update(folder: letters, indexPath: index)
        #expect(built.action == .built && built.letters == 60)
        let skipped = try #require(try IndexFolder(path: index).manifest()).skipped
        #expect(skipped.map(\.path) == unreadable.keys.sorted())
        for entry in skipped {
            let listed = try FileManager.default.attributesOfItem(atPath: letters + "/" + entry.path)
            #expect(entry.size == (listed[.size] as? Int))
            let modified = try #require(listed[.modificationDate] as? Date).timeIntervalSince1970
            #expect(abs(Double(entry.modified) / 1e9 - modified) < 1e-3, "\(entry.path)")
        }
        #expect(try IndexBuilder().update(folder: letters, indexPath: index).action == .upToDate)
        // A skipped file that becomes a letter is indexed by the next update.
        try write("Title: Middle\n\nThe convoy returns.", to: letters + "/f1/m-middle.txt")
        let updated = try IndexBuilder().update(folder: letters, indexPath: index)
        #expect(updated.action == .updated && updated.added == 1 && updated.letters == 61)
        #expect(try IndexFolder(path: index).manifest()?.skipped.map(\.path) == ["a-first.txt", "f2/zz-last.txt"])
    }

    /// A skipped file is remembered with its listed size and time (what the next update compares),
    /// not those it had when read: each is found among the listed files by halving.
    @Test func aSkippedFileIsFoundAmongTheListedOnes() {
        let listed = (0..<101).map { LetterFile(relativePath: "d\($0 % 7)/f\($0).txt", root: "/r", byteCount: $0, modified: Int64($0) * 10) }
            .sorted { ByteComparison.precedes($0.relativePath, $1.relativePath) }
        let picked = [listed[0], listed[50], listed[100], LetterFile(relativePath: "d3/gone.txt", root: "/r")]
        let skipped = picked.map { (source: LetterSource(path: $0.relativePath, size: 999, modified: 999, checksum: 0), reason: SkipReason.empty) }
        let remembered = IndexUpdate.skippedFiles(skipped, listed: listed.map(LetterInput.file))
        #expect(remembered.map(\.path) == picked.map(\.relativePath))
        #expect(remembered.map(\.size) == [listed[0].byteCount, listed[50].byteCount, listed[100].byteCount, 999])
        #expect(remembered.map(\.modified) == [listed[0].modified, listed[50].modified, listed[100].modified, 999])
    }

    /// The score bounds stored in a segment assume the average length it was written with; when
    /// later letters raise the index's average, a long letter's share of the score grows past
    /// them, and pruning must still find it (the bounds are scaled; see `SegmentReader.scoreBound(stored:)`).
    @Test func pruningStaysExactWhenTheAverageLengthGrows() throws {
        let folder = try TemporaryFolder()
        let letters = folder.appending("letters")
        let filler = { (count: Int) in (0..<count).map { "w\($0 % 97)" }.joined(separator: " ") }
        // Short letters first in path order (two words, alpha twice), then long ones (alpha five
        // times in 200 words), in blocks of 128.
        for number in 0..<128 { try write("Title: a\n\nalpha alpha " + filler(6), to: letters + "/a\(1000 + number).txt") }
        for number in 0..<128 { try write("Title: b\n\nalpha " + filler(48), to: letters + "/b\(1000 + number).txt") }
        for number in 0..<128 { try write("Title: c\n\n" + String(repeating: "alpha ", count: 5) + filler(195), to: letters + "/c\(1000 + number).txt") }
        let index = folder.appending("idx")
        _ = try IndexBuilder().update(folder: letters, indexPath: index)
        // Then very long letters without the word: the average length grows thirtyfold.
        for number in 0..<50 { try write("Title: z\n\n" + filler(20_000), to: letters + "/z\(number).txt") }
        let summary = try IndexBuilder().update(folder: letters, indexPath: index)
        #expect(summary.segmentCount == 2)
        let searcher = Searcher(index: try IndexReader(path: index))
        #expect(try compareRanking(Query(parsing: "alpha"), searcher: searcher) == nil)
        let best = try #require(try searcher.rank(Query(parsing: "alpha"), limit: 1).first)
        #expect(try searcher.index.path(of: best.id).hasPrefix("c"), "a long letter with five alphas ranks first at the new average")
    }
}
