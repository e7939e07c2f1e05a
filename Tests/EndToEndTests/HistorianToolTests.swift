import Foundation
import Testing
import MissiveTestSupport

/// The historian's tools: spelling variants, a concordance, similar letters, CSV export, a
/// timeline in proportion, and who wrote to whom.
@Suite("A historian's tools", .serialized)
struct HistorianToolTests {
    let scratch: TemporaryFolder
    let index: String

    init() throws {
        scratch = try TemporaryFolder("missive-historian")
        let letters = scratch.appending("letters")
        try write("Title: Terms, \"final\"\nFrom: Stalin\nTo: Churchill\nDate: 1942-03-01\n\nThe convoy, the front.", to: letters + "/a.txt")
        try write("Title: Reply\nFrom: W. Churchill\nTo: J. Stalin\nDate: 1942-04-01\n\nThe convoy sails.", to: letters + "/b.txt")
        try write("Title: Again\nFrom: STALIN\nTo: churchill\nDate: 1943-05-01\n\nNo convoy this month.", to: letters + "/c.txt")
        try write("Title: Other\nFrom: Stalin\nTo: Churchill\nDate: 1943\n\nAbout the weather.", to: letters + "/d.txt")
        try write("Title: Note\nFrom: Roosevelt\n\nA note on the\nconvoy.", to: letters + "/e.txt")
        index = scratch.appending("idx")
        #expect(try missive(["index", letters, "--index", index]).status == 0)
    }

    @Test func csvQuotesAsRFC4180() throws {
        let run = try missive(["search", "convoy", "--index", index, "--csv", "--sort", "date"], in: scratch.appending("letters"))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "path,date,from,to,title,score,file")
        #expect(lines[1].hasPrefix("a.txt,1942-03-01,Stalin,Churchill,\"Terms, \"\"final\"\"\",") && lines[1].hasSuffix(",a.txt"), "\(lines[1])")
        #expect(lines.count == 6 && lines[5] == "", "four hits, each line ended by CRLF: \(lines)")
        #expect(try missive(["search", "convoy", "--index", index, "--csv", "--json"]).status == 2)
    }

    @Test func timelineGivesEachYearsShare() throws {
        let chart = try missive(["search", "convoy", "--index", index, "--timeline"])
        let rows = chart.stdout.split(separator: "\n").map(String.init)
        // 1942: both letters match; 1943: one of the two (the other is dated by the year alone).
        #expect(rows[0].hasPrefix("1942  2  100.0%  "), "\(rows)")
        #expect(rows[1].hasPrefix("1943  1   50.0%  "), "\(rows)")
        let json = try missive(["search", "convoy", "--index", index, "--timeline", "--json"])
        let buckets = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["timeline"] as? [[String: Any]])
        #expect(buckets[1]["letters"] as? Int == 2 && buckets[1]["share"] as? Double == 0.5)
        let byShare = try missive(["search", "convoy", "--index", index, "--timeline", "--share"])
        #expect(byShare.stdout.contains("which the bars show"))
        #expect(try missive(["search", "convoy", "--index", index, "--share"]).stderr.contains("--share only works with --timeline"))
    }

    @Test func correspondentsArePairsWithTheirSpans() throws {
        let all = try missive(["correspondents", "--index", index])
        #expect(all.stdout == """
        3  Stalin → Churchill  (1942-03-01 – 1943-05-01)
        1  Roosevelt → ?  (undated)
        1  W. Churchill → J. Stalin  (1942-04-01)

        """, "\(all.stdout)")
        let csv = try missive(["correspondents", "convoy", "--index", index, "--csv"])
        #expect(csv.stdout == "from,to,letters,first,last\r\nSTALIN,Churchill,2,1942-03-01,1943-05-01\r\nRoosevelt,,1,,\r\nW. Churchill,J. Stalin,1,1942-04-01,1942-04-01\r\n", "\(csv.stdout)")
        let json = try missive(["correspondents", "weather", "--index", index, "--json"])
        #expect(json.stdout == #"{"query":"weather","parsed":"weather","pairs":[{"from":"Stalin","to":"Churchill","letters":1,"first":"1943","last":"1943"}]}"# + "\n", "\(json.stdout)")
        #expect(try missive(["help", "correspondents"]).stdout == missive(["correspondents", "--help"]).stdout)
    }

    @Test func variantsListSpellingsWithTheirSpans() throws {
        let run = try missive(["variants", "convoi", "--index", index])
        #expect(run.stdout == "convoy  4 letters  1 edit    1942-03-01 – 1943-05-01\n", "\(run.stdout)")
        let json = try missive(["variants", "convoy", "--index", index, "--json", "--max-edits", "1"])
        #expect(json.stdout == #"{"word":"convoy","variants":[{"word":"convoy","edits":0,"letters":4,"first":"1942-03-01","last":"1943-05-01"}]}"# + "\n")
        #expect(try missive(["variants", "convoy", "--index", index, "--max-edits", "3"]).status == 2)
        #expect(try missive(["help", "variants"]).stdout == missive(["variants", "--help"]).stdout)
    }

    @Test func concordanceLinesAndTheirOptions() throws {
        let letters = scratch.appending("letters")
        let run = try missive(["search", "convoy", "--index", index, "--kwic", "--width", "12"], in: letters)
        #expect(run.stdout == """
                 The  convoy  , the front.  1942-03-01  a.txt
                 The  convoy  sails.        1942-04-01  b.txt
                  No  convoy  this month.   1943-05-01  c.txt
         note on the  convoy  .             undated  e.txt

        """, "\(run.stdout)")
        // By the next word: the end of a letter first, then "sails".
        let lines = try missive(["search", "convoy", "--index", index, "--kwic", "--json-lines", "--sort", "next", "--limit", "2"], in: letters)
        let objects = try lines.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["path"] as? String } == ["e.txt", "b.txt"], "\(lines.stdout)")
        #expect(objects[1]["start"] as? Int == 4 && objects[1]["end"] as? Int == 10 && objects[1]["right"] as? String == "sails.")
        for (arguments, message) in [(["--kwic", "--json"], "--json does not apply to --kwic"), (["--width", "5"], "--width only works with --kwic"),
                                     (["--kwic", "--sort", "score"], "--sort takes date, path or next with --kwic")] {
            let bad = try missive(["search", "convoy", "--index", index] + arguments)
            #expect(bad.status == 2 && bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
        }
    }

    @Test func similarLettersFromTheCommandLine() throws {
        let none = try missive(["similar", "a.txt", "--index", index])
        #expect(none.status == 0 && none.stdout.hasPrefix("The letter has no distinctive words"), "\(none.stdout)")
        let corpusIndex = scratch.appending("corpus.missive")
        #expect(try missive(["index", repositoryRoot + "/Corpus", "--index", corpusIndex]).status == 0)
        let corpus = try missive(["similar", "Corpus/wartime-cables/v05-0272.txt", "--json", "--limit", "2", "--index", corpusIndex])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(corpus.stdout.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "wartime-cables/v05-0272.txt")
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 2 && hits.allSatisfy { $0["path"] as? String != "wartime-cables/v05-0272.txt" })
        #expect((hits[0]["words"] as? [String])?.contains("singapore") == true)
        #expect(try missive(["similar", "nope.txt", "--index", corpusIndex]).status == 1)
        #expect(try missive(["help", "similar"]).stdout == missive(["similar", "--help"]).stdout)
    }
}
