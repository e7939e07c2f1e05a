import Foundation
import Testing
import MissiveTestSupport

@Suite("missive, end to end", .serialized)
struct CommandLineTests {
    /// Each test's own folder, removed when the test ends.
    let scratch: TemporaryFolder
    let folder: String
    let index: String
    /// The eleven letters at the top of `Corpus/` (without its wartime cables), indexed as `index`.
    let kremlin: String

    init() throws {
        scratch = try TemporaryFolder("missive-e2e")
        folder = scratch.path
        index = folder + "/corpus.missive"
        kremlin = try copyKremlinLetters(to: folder + "/kremlin")
        let built = try missive(["index", kremlin, "--index", index])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("Indexed 11 letters"))
    }

    @Test func secondFrontFindsStalinsLetter() throws {
        let words = try missive(["search", "second", "front", "--index", index, "--json"])
        #expect(words.status == 0)
        #expect(try jsonPaths(words) == ["1941-09-03-stalin-to-churchill.txt"])
        let phrase = try missive(["search", "\"second front\"", "--index", index, "--json"])
        #expect(try jsonPaths(phrase) == ["1941-09-03-stalin-to-churchill.txt"])
        let text = try missive(["search", "second", "front", "--index", index])
        #expect(text.stdout.contains("1941-09-03-stalin-to-churchill.txt"))
        #expect(text.stdout.contains("[[second]] [[front]]"))
        #expect(text.stdout.contains("1 letter matches."))
    }

    @Test func rooseveltOnBern() throws {
        let run = try missive(["search", "from:roosevelt bern", "--index", index, "--json"])
        #expect(run.status == 0)
        #expect(Set(try jsonPaths(run)) == ["1945-04-04-roosevelt-to-stalin.txt", "1945-04-11-roosevelt-to-churchill.txt", "1945-04-11-roosevelt-to-stalin.txt"])
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let run = try missive(["search", "stalin", "--index", index, "--json", "--limit", "2"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "stalin")
        #expect((object["total"] as? Int ?? 0) > 2)
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        for key in ["path", "file", "score", "date", "dateText", "from", "to", "title", "snippet", "fragments"] { #expect(hits[0][key] != nil, "missing \(key)") }
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func outputForScriptsSortingTimelineAndFacets() throws {
        // Every letter of Corpus/ is dated 1941–1945. --paths and --json-lines carry the same hits
        // as --json, in the same order.
        let json = try jsonPaths(try missive(["search", "date:..1945", "--index", index, "--json", "--limit", "all"]))
        #expect(json.count == 11)
        // Run from the letters' folder, paths print as stored.
        let paths = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "all"], in: kremlin)
        #expect(paths.status == 0)
        #expect(paths.stdout.split(separator: "\n").map(String.init) == json)
        let lines = try missive(["search", "date:..1945", "--index", index, "--json-lines", "--limit", "3"])
        let objects = try lines.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.compactMap { $0["path"] as? String } == Array(json.prefix(3)))
        // --sort date / -date: by the Date header (file names start with it in Corpus/).
        let byDate = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "all", "--sort", "date"], in: kremlin)
        #expect(byDate.stdout.split(separator: "\n").map(String.init) == json.sorted())
        let latest = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "2", "--sort", "-date"], in: kremlin)
        #expect(latest.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("1945-04-11") })
        // --timeline: counts per year with every year between, and as JSON.
        let chart = try missive(["search", "date:..1945", "--index", index, "--timeline"])
        let rows = chart.stdout.split(separator: "\n").map(String.init)
        #expect(rows.map { String($0.prefix(4)) } == ["1941", "1942", "1943", "1944", "1945", "11 d"])
        #expect(rows[4].hasPrefix("1945  5  ") && rows[4].hasSuffix("█"))
        #expect(rows[2].hasPrefix("1943  1  ") && rows[4].count > rows[2].count)
        let timeline = try missive(["search", "date:..1945", "--index", index, "--timeline", "--by", "month", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [String: Any])
        let buckets = try #require(object["timeline"] as? [[String: Any]])
        #expect(buckets.count == 44) // 1941-09 … 1945-04
        #expect(buckets.first?["period"] as? String == "1941-09")
        #expect(buckets.last?["period"] as? String == "1945-04" && buckets.last?["count"] as? Int == 5)
        #expect(buckets.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 11)
        // --facets: senders of the matching letters, most first.
        let facets = try missive(["search", "date:..1945", "--index", index, "--facets", "from"])
        #expect(facets.stdout == "5  F. D. Roosevelt\n4  J. V. Stalin\n2  W. Churchill\n")
        // Fuzzy words and "did you mean".
        let fuzzy = try jsonPaths(try missive(["search", "churchil~", "--index", index, "--json", "--limit", "all"]))
        let exact = try jsonPaths(try missive(["search", "churchill", "--index", index, "--json", "--limit", "all"]))
        #expect(!exact.isEmpty && Set(exact).isSubset(of: Set(fuzzy)))
        let typo = try missive(["search", "secnd frnt", "--index", index])
        #expect(typo.status == 0)
        #expect(typo.stdout.contains("No letters match."))
        #expect(typo.stderr.contains("Did you mean: second front"))
        let typoJSON = try missive(["search", "secnd frnt", "--index", index, "--json"])
        let suggestion = try #require(try JSONSerialization.jsonObject(with: Data(typoJSON.stdout.utf8)) as? [String: Any])
        #expect(suggestion["suggestion"] as? String == "second front")
        // --fragments: passages with byte-range highlights in JSON.
        let withFragments = try missive(["search", "front", "--index", index, "--json", "--fragments", "2"])
        let hitsObject = try #require(try JSONSerialization.jsonObject(with: Data(withFragments.stdout.utf8)) as? [String: Any])
        for hit in try #require(hitsObject["hits"] as? [[String: Any]]) {
            let fragments = try #require(hit["fragments"] as? [[String: Any]])
            #expect((1...2).contains(fragments.count))
            for fragment in fragments {
                let bytes = Array(try #require(fragment["text"] as? String).utf8)
                for pair in try #require(fragment["highlights"] as? [[Int]]) {
                    #expect(String(decoding: bytes[pair[0]..<pair[1]], as: UTF8.self).lowercased() == "front")
                }
            }
        }
        // index --stem records the analyzer; searches use it.
        let stemmedIndex = folder + "/stemmed.missive"
        #expect(try missive(["index", kremlin, "--index", stemmedIndex, "--stem"]).status == 0)
        #expect(try missive(["stats", "--index", stemmedIndex]).stdout.contains("analyzer  english-stemming"))
        #expect(try missive(["stats", "--index", index]).stdout.contains("analyzer  plain"))
        let plainHits = try jsonPaths(try missive(["search", "division", "--index", index, "--json", "--limit", "all"]))
        let stemmedHits = try jsonPaths(try missive(["search", "division", "--index", stemmedIndex, "--json", "--limit", "all"]))
        #expect(Set(plainHits).isSubset(of: Set(stemmedHits)) && stemmedHits.count > plainHits.count)
        // Bad values are usage errors.
        for bad in [["--sort", "size"], ["--by", "week", "--timeline"], ["--facets", "title"], ["--json", "--paths"], ["--fragments", "0"]] {
            let run = try missive(["search", "stalin", "--index", index] + bad)
            #expect(run.status == 2, "\(bad)")
        }
    }

    @Test func noMatchIsSuccess() throws {
        let run = try missive(["search", "zeppelin", "--index", index])
        #expect(run.status == 0)
        #expect(run.stdout.contains("No letters match."))
    }

    @Test func badQueriesGiveOneLineErrors() throws {
        for query in ["stalin OR", "date:1942-13", "a )", "-"] {
            let run = try missive(["search", query, "--index", index])
            #expect(run.status == 2, "\(query)")
            #expect(run.stderr.hasPrefix("missive: bad query:"), "\(query): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        let forgiven = try missive(["search", "\"second front", "--index", index, "--json"])
        #expect(try jsonPaths(forgiven) == ["1941-09-03-stalin-to-churchill.txt"])
    }

    @Test func usageErrorsAndHelp() throws {
        #expect(try missive(["search", "x", "--bogus"]).status == 2)
        #expect(try missive(["frobnicate"]).status == 2)
        #expect(try missive([]).status == 2)
        #expect(try missive(["search", "x", "--limit", "zero", "--index", index]).status == 2)
        for command in [["--help"], ["search", "--help"], ["index", "--help"], ["show", "--help"], ["stats", "--help"], ["check", "--help"]] {
            let run = try missive(command)
            #expect(run.status == 0)
            #expect(run.stdout.contains("Usage"))
        }
    }

    @Test func showStatsAndCheck() throws {
        let show = try missive(["show", "Corpus/1945-04-07-stalin-to-roosevelt.txt", "--index", index])
        #expect(show.status == 0)
        let original = try String(contentsOfFile: repositoryRoot + "/Corpus/1945-04-07-stalin-to-roosevelt.txt", encoding: .utf8)
        #expect(show.stdout.trimmingCharacters(in: .newlines) == original.trimmingCharacters(in: .newlines))
        #expect(try missive(["show", "nope.txt", "--index", index]).status == 1)
        let stats = try missive(["stats", "--index", index, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["letters"] as? Int == 11)
        #expect((object["terms"] as? Int ?? 0) > 100)
        #expect((object["postings"] as? Int ?? 0) > 100)
        #expect((object["sections"] as? [String: Any])?.keys.contains("postings") == true)
        #expect(try missive(["check", "--index", index]).status == 0)
    }

    @Test func missingOrDamagedIndex() throws {
        let missing = try missive(["search", "stalin", "--index", folder + "/none"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no index at"))
        // Copies of the index with its segment damaged.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: index + "/s000001.seg"))
        bytes[bytes.count / 2] ^= 0xFF
        for (name, damage) in [("damaged", bytes), ("truncated", bytes.prefix(100))] {
            try FileManager.default.copyItem(atPath: index, toPath: folder + "/" + name)
            try Data(damage).write(to: URL(fileURLWithPath: folder + "/" + name + "/s000001.seg"))
        }
        let check = try missive(["check", "--index", folder + "/damaged"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("checksum mismatch"))
        let truncated = try missive(["search", "stalin", "--index", folder + "/truncated"])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("damaged"))
    }

    @Test func searchBuildsTheDefaultIndexWhenMissing() throws {
        let work = try temporaryFolder("missive-e2e")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Corpus", toPath: work + "/Corpus")
        let run = try missive(["search", "\"second front\"", "--json"], in: work)
        #expect(run.status == 0)
        #expect(run.stderr.contains("building it from Corpus"))
        #expect(try jsonPaths(run) == ["1941-09-03-stalin-to-churchill.txt"])
        #expect(FileManager.default.fileExists(atPath: work + "/.missive"))
    }

    @Test func badFilesAreReportedAndSkipped() throws {
        let letters = folder + "/bad"
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try Data("Title: fine\n\nA good letter.".utf8).write(to: URL(fileURLWithPath: letters + "/good.txt"))
        try Data().write(to: URL(fileURLWithPath: letters + "/empty.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: URL(fileURLWithPath: letters + "/binary.txt"))
        try Data([0x43, 0x61, 0x66, 0xE9]).write(to: URL(fileURLWithPath: letters + "/latin1 café.txt"))
        let run = try missive(["index", letters, "--index", folder + "/bad.missive"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Indexed 2 letters"))
        #expect(run.stdout.contains("Skipped 2 files: 1 binary, 1 empty."))
        #expect(run.stderr.contains("warning: latin1 café.txt: not valid UTF-8; decoded as Windows-1252"))
        #expect(run.stderr.contains("skipped: empty.txt: empty file"))
        #expect(run.stderr.contains("skipped: binary.txt: binary file"))
        let found = try missive(["search", "café", "--index", folder + "/bad.missive", "--json"])
        #expect(try jsonPaths(found) == ["latin1 café.txt"])
        let nothing = try missive(["index", folder + "/no-such-folder", "--index", folder + "/x"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("is not a folder"))
    }
}
