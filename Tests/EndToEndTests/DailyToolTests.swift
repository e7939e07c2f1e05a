import Foundation
import Testing
import MissiveTestSupport

/// The CLI as a daily tool: a binary that runs when copied elsewhere, paths that open from where
/// the user is, a query language that never drops what was typed, help that tells it all,
/// options that never do nothing silently, colour by the usual conventions, and output details.
@Suite("missive as a daily tool", .serialized)
struct DailyToolTests {
    let scratch: TemporaryFolder
    /// The eleven Kremlin letters, indexed as `index`.
    let letters: String
    let index: String
    /// The whole bundled corpus (with the wartime cables), indexed as `corpusIndex`.
    let corpusIndex: String

    init() throws {
        scratch = try TemporaryFolder("missive-daily")
        letters = try copyKremlinLetters(to: scratch.appending("letters"))
        index = scratch.appending("kremlin.missive")
        corpusIndex = scratch.appending("corpus.missive")
        #expect(try missive(["index", letters, "--index", index]).status == 0)
        let built = try missive(["index", repositoryRoot + "/Corpus", "--index", corpusIndex])
        #expect(built.stdout.contains("Indexed 147 letters"), "\(built.stdout)")
    }

    /// Runs a search on the whole bundled corpus.
    func search(_ arguments: [String], in folder: String = repositoryRoot, environment: [String: String?] = [:]) throws -> Run {
        try run(binary, ["search"] + arguments + ["--index", corpusIndex], in: folder, environment: environment)
    }

    @Test func theBinaryRunsWhenCopiedWithoutTheToolchain() throws {
        let copy = scratch.appending("bin/missive")
        try FileManager.default.createDirectory(atPath: scratch.appending("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: binary, toPath: copy)
        // Nothing of the toolchain on the PATH or the library path.
        let environment: [String: String?] = ["PATH": "/usr/bin:/bin", "HOME": scratch.path]
        let version = try run(copy, ["--version"], in: scratch.path, environment: environment, exactly: true)
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.hasPrefix("missive "))
        let found = try run(copy, ["search", "\"second front\"", "--index", index, "--paths"], in: letters, environment: environment, exactly: true)
        #expect(found.stdout == "1941-09-03-stalin-to-churchill.txt\n", "\(found.stderr)")
    }

    @Test func thePrintedPathsOpenFromWhereTheUserIs() throws {
        let query = ["\"second front\"", "--index", index, "--paths"]
        // Inside the indexed folder: relative to it.
        #expect(try missive(["search"] + query, in: letters).stdout == "1941-09-03-stalin-to-churchill.txt\n")
        // Above it: relative to the working folder.
        #expect(try missive(["search"] + query, in: scratch.path).stdout == "letters/1941-09-03-stalin-to-churchill.txt\n")
        // Elsewhere: absolute, and each opens.
        let elsewhere = try missive(["search"] + query, in: "/")
        let path = elsewhere.stdout.trimmingCharacters(in: .newlines)
        #expect(path.hasPrefix("/") && FileManager.default.fileExists(atPath: path), "\(path)")
        // JSON gives both the stored path and the one that opens.
        let json = try missive(["search", "\"second front\"", "--index", index, "--json"], in: scratch.path)
        let hit = try #require(((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]])?.first)
        #expect(hit["path"] as? String == "1941-09-03-stalin-to-churchill.txt")
        #expect(hit["file"] as? String == "letters/1941-09-03-stalin-to-churchill.txt")
        // show takes the stored path, the printed one, or an absolute one.
        for given in ["1941-09-03-stalin-to-churchill.txt", "letters/1941-09-03-stalin-to-churchill.txt", path] {
            let show = try missive(["show", given, "--index", index], in: scratch.path)
            #expect(show.status == 0 && show.stdout.hasPrefix("Title: Stalin asks Churchill for a second front"), "\(given): \(show.stderr)")
        }
    }

    @Test func everyQueryConstructWorksOrIsAnErrorAtItsColumn() throws {
        let errors: [(query: String, message: String)] = [
            ("\"declaration of independ*\"", "column 25: a prefix (*) cannot be used inside a phrase"),
            ("\"genl~ washington\"", "column 6: a fuzzy word (~) cannot be used inside a phrase"),
            ("NEAR(genl~ howe, 3)", "column 10: NEAR( ) takes plain words"),
            ("stalin~3", "column 7: a fuzzy word allows 1 or 2 edits"),
            ("con*voy", "column 4: * may only end a word"),
            ("(stalin", "column 1: this ( is never closed"),
            ("stalin)", "column 7: unmatched ')'"),
            ("NEAR(stalin churchill", "column 1: this NEAR( is never closed"),
            ("nosuchkey:cable", "no letter has a 'nosuchkey:' header"),
        ]
        for (query, message) in errors {
            let run = try search([query])
            #expect(run.status == 2, "\(query)")
            #expect(run.stderr.contains(message), "\(query): \(run.stderr)")
        }
        // title: and any other header by its key; -to: leaves out letters to someone.
        #expect(try jsonPaths(try search(["title:stalin", "--json", "--limit", "all"])).count == 5)
        let cables = try jsonPaths(try search(["type:cablegram", "--json", "--limit", "all"]))
        #expect(cables.count > 50 && cables.allSatisfy { $0.hasPrefix("wartime-cables/") })
        let stalin = try jsonPaths(try search(["stalin -churchill", "--json", "--limit", "all"]))
        let notToChurchill = try jsonPaths(try search(["stalin -to:churchill", "--json", "--limit", "all"]))
        #expect(stalin.contains("1941-09-03-stalin-to-churchill.txt") == false)
        #expect(!notToChurchill.contains { $0.contains("to-churchill") } && !notToChurchill.isEmpty)
        // Fuzzy names: a misspelt sender within an edit.
        let fuzzyName = try jsonPaths(try search(["from:rosevelt~ bern", "--json"]))
        #expect(Set(fuzzyName) == ["1945-04-04-roosevelt-to-stalin.txt", "1945-04-11-roosevelt-to-churchill.txt", "1945-04-11-roosevelt-to-stalin.txt"])
        // -word on the command line is an option unless after -- or inside the quoted query.
        let dashed = try search(["stalin", "-churchill"])
        #expect(dashed.status == 2 && dashed.stderr.contains("unknown option -churchill"))
        let afterDashes = try run(binary, ["search", "--index", corpusIndex, "--json", "--limit", "all", "--", "stalin", "-churchill"])
        #expect(try jsonPaths(afterDashes) == stalin)
    }

    @Test func helpTellsTheWholeStoryAndNoOptionIsIgnored() throws {
        let searchHelp = try missive(["search", "--help"]).stdout
        for needle in ["NEAR(stalin churchill, 5)", "type:cablegram", "recd~", "date:1942-01..1942-06", "--color WHEN", "--by year|month"] {
            #expect(searchHelp.contains(needle), "search --help lacks \(needle)")
        }
        #expect(try missive(["help", "search"]).stdout == searchHelp)
        for command in ["index", "show", "stats", "check"] {
            #expect(try missive(["help", command]).stdout == missive([command, "--help"]).stdout)
        }
        #expect(try missive(["help", "query"]).stdout.contains("NEAR(stalin churchill, 5)"))
        let summary = try missive(["--help"]).stdout
        for option in ["--fragments N", "--limit N|all", "--color", "--json-lines", "--by year|month", "--facets from|to", "--rebuild",
                       "--verify", "--optimize", "--stem", "--memory MB", "--threads N", "help [COMMAND | query]", "NEAR("] {
            #expect(summary.contains(option), "--help lacks \(option)")
        }
        let misuses: [([String], String)] = [
            (["search", "x", "--by", "year"], "--by only works with --timeline"),
            (["search", "x", "--paths", "--facets", "from"], "--paths does not apply to --facets"),
            (["search", "x", "--timeline", "--facets", "from"], "--timeline and --facets cannot be used together"),
            (["search", "x", "--timeline", "--sort", "date"], "--sort does not apply to --timeline"),
            (["search", "x", "--timeline", "--limit", "3"], "--limit does not apply to --timeline"),
            (["search", "x", "--paths", "--fragments", "2"], "--fragments does not apply to --paths"),
            (["search", "x", "--color", "sometimes"], "--color takes auto, always or never"),
            (["index", "--rebuild", "--verify"], "--rebuild and --verify cannot be used together"),
            (["index", "--rebuild", "--optimize"], "--rebuild and --optimize cannot be used together"),
            (["check", "extra"], "check takes no arguments"),
            (["stats", "extra"], "stats takes no arguments"),
            (["help", "nothing"], "help takes one of"),
        ]
        for (arguments, message) in misuses {
            let run = try missive(arguments + ["--index", index])
            #expect(run.status == 2 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test func theBundledCorpusKeepsItsExpectations() throws {
        #expect(try jsonPaths(try search(["\"second front\"", "--json"])) == ["1941-09-03-stalin-to-churchill.txt"])
        #expect(Set(try jsonPaths(try search(["from:roosevelt bern", "--json"])))
                == ["1945-04-04-roosevelt-to-stalin.txt", "1945-04-11-roosevelt-to-churchill.txt", "1945-04-11-roosevelt-to-stalin.txt"])
        // The cables give the README's examples something to find.
        for query in ["convoy OR convoys", "convoy*", "poland", "japan OR japanese"] {
            #expect(try jsonPaths(try search([query, "--json"])).count > 1, "\(query)")
        }
    }

    @Test func colourFollowsTheConventions() throws {
        let always = try search(["\"second front\"", "--color", "always"])
        #expect(always.stdout.contains("\u{1B}[1msecond\u{1B}[0m"))
        let never = try search(["\"second front\"", "--color", "never"], environment: ["NO_COLOR": nil])
        #expect(!never.stdout.contains("\u{1B}") && never.stdout.contains("[[second]]"))
    }

    static let script: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/script") ? "/usr/bin/script" : nil

    /// `search` run on a pseudo-terminal of 60 columns (through `script`), with `environment`.
    func searchOnATerminal(_ query: String, environment: String) throws -> String {
        let command = "stty cols 60 2>/dev/null; \(environment) '\(binary)' search '\(query)' --index '\(corpusIndex)' --limit 1"
        return try run(try #require(Self.script), ["-qec", command, "/dev/null"], in: repositoryRoot, environment: ["NO_COLOR": nil]).stdout
    }

    @Test(.enabled(if: script != nil, "needs script(1) for a pseudo-terminal"))
    func onATerminalColourUnlessNoColorOrDumbAndPassagesWrap() throws {
        #expect(try searchOnATerminal("\"second front\"", environment: "").contains("\u{1B}[1m"))
        #expect(try searchOnATerminal("\"second front\"", environment: "NO_COLOR=").contains("\u{1B}[1m"))
        #expect(!(try searchOnATerminal("\"second front\"", environment: "NO_COLOR=1").contains("\u{1B}")))
        #expect(!(try searchOnATerminal("\"second front\"", environment: "TERM=dumb").contains("\u{1B}")))
        // Passages wrap to the 60 columns, indented by three spaces.
        let lines = try searchOnATerminal("\"second front\"", environment: "TERM=dumb").split(whereSeparator: \.isNewline)
        let passage = lines.filter { $0.hasPrefix("   ") }
        #expect(passage.count >= 4 && passage.allSatisfy { $0.count <= 60 }, "\(lines)")
    }

    @Test func outputDetails() throws {
        // Filters alone do not score: no column of zeros.
        let filtered = try search(["from:stalin", "--limit", "1"])
        #expect(filtered.stdout.hasPrefix("1. 1941-09-03  J. V. Stalin"), "\(filtered.stdout)")
        // A date-sorted list does not call its first letters the best.
        let byDate = try search(["stalin", "--sort", "date", "--limit", "2"])
        #expect(byDate.stdout.contains("showing the earliest 2"))
        #expect(try search(["stalin", "--sort", "-date", "--limit", "2"]).stdout.contains("showing the latest 2"))
        // JSON: a plain snippet, null for a missing date, the header as written beside it.
        let undated = scratch.appending("undated")
        try write("Title: Note\nDate: 5 May 1942\n\nThe convoy sailed.", to: undated + "/note.txt")
        try write("Title: Year\nDate: 1942\n\nThe convoy waited.", to: undated + "/year.txt")
        try write("Title: Month\nDate: 1942-05\n\nThe convoy arrived.", to: undated + "/month.txt")
        #expect(try missive(["index", undated, "--index", undated + ".missive"]).status == 0)
        let json = try missive(["search", "convoy", "--index", undated + ".missive", "--json", "--sort", "date"])
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]])
        let note = try #require(hits.first { $0["path"] as? String == "note.txt" })
        #expect(note["date"] is NSNull && note["dateText"] as? String == "5 May 1942")
        #expect((note["snippet"] as? String)?.contains("[[") == false)
        // By month, letters dated by the year alone are counted apart, not shown as a row.
        let months = try missive(["search", "convoy", "--index", undated + ".missive", "--timeline", "--by", "month"])
        #expect(months.stdout.hasPrefix("1942-05  1"), "\(months.stdout)")
        #expect(months.stdout.contains("1 dated letter, 1 dated by year alone (not shown by month), 1 undated;"), "\(months.stdout)")
        // check names damaged letters by path and gives its advice once.
        let damaged = scratch.appending("damaged.missive")
        try FileManager.default.copyItem(atPath: index, toPath: damaged)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: damaged + "/s000001.seg"))
        // A byte of the first store block's compressed letters (the store is section 0: its
        // offset at byte 48 + 8 of the section table; 12 bytes of block header).
        let store = bytes[(48 + 8)..<(48 + 16)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        bytes[store + 12 + 40] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: damaged + "/s000001.seg"))
        let check = try missive(["check", "--index", damaged])
        #expect(check.status == 1)
        #expect(check.stderr.contains("1941-09-03-stalin-to-churchill.txt (letter"), "\(check.stderr)")
        #expect(check.stderr.components(separatedBy: "rebuild it").count == 2, "\(check.stderr)")
        // A flipped byte in the format version is damage, not a format from the future.
        var header = try Data(contentsOf: URL(fileURLWithPath: index + "/s000001.seg"))
        header[9] ^= 0x01
        let flipped = scratch.appending("flipped.missive")
        try FileManager.default.copyItem(atPath: index, toPath: flipped)
        try header.write(to: URL(fileURLWithPath: flipped + "/s000001.seg"))
        let opened = try missive(["search", "stalin", "--index", flipped])
        #expect(opened.status == 1 && opened.stderr.contains("damaged") && !opened.stderr.contains("format"), "\(opened.stderr)")
    }
}
