import Foundation
import Testing
import MissiveTestSupport

/// The built `missive` binary, beside the test bundle.
private let binary: String = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("missive").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repositoryRoot + "/.build/debug/missive"
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `missive` with `arguments` in `folder`, with `NO_COLOR` set; through `prefix` when
/// given (a command that runs its arguments, e.g. `setpriv …` or `sh -c …`).
private func missive(_ arguments: [String], in folder: String = repositoryRoot, through prefix: [String] = []) throws -> Run {
    let command = prefix + [binary] + arguments
    return try run(command[0], Array(command.dropFirst()), in: folder)
}

/// Runs `executable` with `arguments` in `folder`, with `NO_COLOR` set.
private func run(_ executable: String, _ arguments: [String], in folder: String = repositoryRoot) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// The bytes of the segment files of the index at `path`.
private func segmentBytes(_ path: String) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".seg") }.reduce(0) { total, name in
        total + ((try FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0)
    }
}

/// The paths of a `--json` search.
private func jsonPaths(_ run: Run) throws -> [String] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let hits = try #require(object["hits"] as? [[String: Any]])
    return hits.compactMap { $0["path"] as? String }
}

@Suite("missive, end to end", .serialized)
struct CommandLineTests {
    /// Each test's own folder, removed when the test ends.
    let scratch: TemporaryFolder
    let folder: String
    let index: String

    init() throws {
        scratch = try TemporaryFolder("missive-e2e")
        folder = scratch.path
        index = folder + "/corpus.missive"
        let built = try missive(["index", repositoryRoot + "/Corpus", "--index", index])
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
        for key in ["path", "score", "date", "from", "to", "title", "snippet"] { #expect(hits[0][key] != nil, "missing \(key)") }
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func outputForScriptsSortingTimelineAndFacets() throws {
        // Every letter of Corpus/ is dated 1941–1945. --paths and --json-lines carry the same hits
        // as --json, in the same order.
        let json = try jsonPaths(try missive(["search", "date:..1945", "--index", index, "--json", "--limit", "all"]))
        #expect(json.count == 11)
        let paths = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "all"])
        #expect(paths.status == 0)
        #expect(paths.stdout.split(separator: "\n").map(String.init) == json)
        let lines = try missive(["search", "date:..1945", "--index", index, "--json-lines", "--limit", "3"])
        let objects = try lines.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.compactMap { $0["path"] as? String } == Array(json.prefix(3)))
        // --sort date / -date: by the Date header (file names start with it in Corpus/).
        let byDate = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "all", "--sort", "date"])
        #expect(byDate.stdout.split(separator: "\n").map(String.init) == json.sorted())
        let latest = try missive(["search", "date:..1945", "--index", index, "--paths", "--limit", "2", "--sort", "-date"])
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
        #expect(try missive(["index", repositoryRoot + "/Corpus", "--index", stemmedIndex, "--stem"]).status == 0)
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
        let run = try missive(["search", "second", "front", "--json"], in: work)
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

@Suite("Crash safety and concurrent readers", .serialized)
struct CrashSafetyTests {
    /// `count` generated letters, 1.3 MB for 600 (deterministic).
    func writeCorpus(_ folder: String, count: Int = 600) throws {
        var random = SeededGenerator(seed: 1941)
        func next(_ bound: Int) -> Int { random.next(below: bound) }
        let words = ["alpha", "omega", "convoy", "front", "second", "murmansk", "division", "army", "letter", "reply",
                     "the", "of", "and", "to", "in", "we", "you", "our", "allies", "war"]
        for number in 0..<count {
            var body = ""
            for index in 0..<(100 + next(400)) { body += (index % 12 == 0 ? ". " : " ") + words[next(words.count)] }
            let text = "Title: Letter \(number)\nFrom: Sender \(number % 7)\nDate: 194\(1 + number % 5)-0\(1 + number % 9)-1\(number % 10)\n\n\(body)\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: String(format: "%@/l%05d.txt", folder, number)))
        }
    }

    /// Starts `missive` with `arguments` in the background, its output discarded.
    func startQuietly(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A corpus, its index built, and the answer a fixed query gives: the state each failed
    /// build must leave untouched.
    struct Prepared {
        var folder: String, letters: String, index: String, query: [String], expected: String
    }

    func prepare(indexFolder: String? = nil) throws -> Prepared {
        let folder = try temporaryFolder("missive-e2e")
        let letters = folder + "/letters"
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters, count: 200)
        let index = (indexFolder ?? folder) + "/idx"
        let built = try missive(["index", letters, "--index", index, "--threads", "1"])
        #expect(built.status == 0, "\(built.stderr)")
        let query = ["search", "murmansk OR \"second front\"", "--index", index, "--json", "--limit", "20"]
        let expected = try missive(query).stdout
        #expect(expected.contains("\"total\""))
        return Prepared(folder: folder, letters: letters, index: index, query: query, expected: expected)
    }

    /// After a failed build: the error names the index, the old index checks and answers as
    /// before, and no temporary file is left.
    func expectIntact(_ run: Run, _ prepared: Prepared, _ label: String) throws {
        #expect(run.status == 1, "\(label): status \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("could not write the index \(prepared.index)"), "\(label): \(run.stderr)")
        #expect(run.stderr.contains("the previous index, if any, is unchanged"))
        let check = try missive(["check", "--index", prepared.index])
        #expect(check.status == 0, "\(label): \(check.stdout) \(check.stderr)")
        #expect(try missive(prepared.query).stdout == prepared.expected, "\(label)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: prepared.index).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(label): left \(leftovers)")
    }

    /// Write errors at 16 points of a build (a file-size limit: each write past it fails with
    /// EFBIG, as a full disk fails with ENOSPC), with several segments and two threads so every
    /// kind of temporary file is hit: each gives a clear error and loses nothing.
    @Test func writeErrorsAnywhereLoseNothing() throws {
        let prepared = try prepare()
        defer { try? FileManager.default.removeItem(atPath: prepared.folder) }
        let finalSize = try segmentBytes(prepared.index)
        var failed = 0
        for point in 1...16 {
            let kilobytes = max(1, point * finalSize / 16 / 1024)
            let shell = "ulimit -f \(kilobytes); trap '' XFSZ; exec \"$0\" \"$@\""
            let run = try missive(["index", prepared.letters, "--index", prepared.index, "--rebuild", "--threads", "2", "--memory", "1"],
                                  through: [FileManager.default.fileExists(atPath: "/bin/bash") ? "/bin/bash" : "/bin/sh", "-c", shell])
            if run.status == 0 { continue }  // the limit was above every file this build wrote
            failed += 1
            try expectIntact(run, prepared, "limit \(kilobytes) KB")
        }
        #expect(failed >= 12, "only \(failed) of 16 limits made the build fail")
    }

    /// Whether this machine lets the tests mount a small tmpfs (as root, with /bin/mount).
    static let canMountTmpfs: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/bin/mount"), let probe = try? TemporaryFolder("missive-mount-probe"),
              let mounted = try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]), mounted.status == 0 else { return false }
        _ = try? run("/bin/umount", [probe.path])
        return true
    }()

    /// A real full disk: the index on a small tmpfs with too little room for the rebuild.
    @Test(.enabled(if: canMountTmpfs, "needs permission to mount a tmpfs (root and /bin/mount)"))
    func fullDiskLosesNothing() throws {
        let mountPoint = try TemporaryFolder("missive-e2e-tmpfs")
        let mount = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=640k", "tmpfs", mountPoint.path])
        try #require(mount.status == 0, "\(mount.stderr)")
        defer { _ = try? run("/bin/umount", [mountPoint.path]) }
        let prepared = try prepare(indexFolder: mountPoint.path)
        defer { try? FileManager.default.removeItem(atPath: prepared.folder) }
        for memory in ["1", "256"] {
            let build = try missive(["index", prepared.letters, "--index", prepared.index, "--rebuild", "--memory", memory])
            #expect(build.stderr.contains("No space left on device"), "\(build.stderr)")
            try expectIntact(build, prepared, "tmpfs, --memory \(memory)")
        }
    }

    /// Files and folders the indexing user may not read are skipped with a warning and counted
    /// (run as `nobody` through `setpriv` when the tests run as root, for whom nothing is unreadable).
    /// How to run `missive` as a user who cannot read a file made unreadable: nothing to add when
    /// the tests do not run as root; as `nobody` through `setpriv` when they do; nil when neither
    /// works here (root without setpriv, or a checkout or temporary folder `nobody` cannot reach).
    static let unprivilegedPrefix: [String]? = {
        guard getuid() == 0 else { return [] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), let probe = try? TemporaryFolder("missive-e2e-probe") else {
            return nil
        }
        let prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let output = probe.appending("out")
        guard (try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)) != nil else { return nil }
        chmod(probe.path, 0o755)
        chmod(output, 0o777)
        let canRun = (try? missive(["--version"], through: prefix))?.status == 0
        let canWrite = (try? run(prefix[0], Array(prefix.dropFirst()) + ["/usr/bin/test", "-w", output]))?.status == 0
        return canRun && canWrite ? prefix : nil
    }()

    @Test(.enabled(if: unprivilegedPrefix != nil, "needs a user who cannot read every file (tests run as root without setpriv, or nobody cannot reach the build)"))
    func unreadableFilesAndFoldersAreSkippedAndCounted() throws {
        let folder = try temporaryFolder("missive-e2e")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = folder + "/letters"
        try FileManager.default.createDirectory(atPath: letters + "/locked", withIntermediateDirectories: true)
        try Data("Title: Open\n\nThe second front.".utf8).write(to: URL(fileURLWithPath: letters + "/open.txt"))
        try Data("Title: Secret\n\nThe second front.".utf8).write(to: URL(fileURLWithPath: letters + "/secret.txt"))
        try Data("Title: Inside\n\nThe second front.".utf8).write(to: URL(fileURLWithPath: letters + "/locked/inside.txt"))
        chmod(letters + "/secret.txt", 0)
        chmod(letters + "/locked", 0)
        defer { chmod(letters + "/locked", 0o755) }
        let output = folder + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        chmod(output, 0o777)
        let prefix = try #require(Self.unprivilegedPrefix)
        let index = try missive(["index", letters, "--index", output + "/idx"], through: prefix)
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("Indexed 1 letter"), "\(index.stdout)")
        #expect(index.stdout.contains("Skipped 2 files: 2 unreadable."), "\(index.stdout)")
        #expect(index.stderr.contains("secret.txt"), "\(index.stderr)")
        #expect(index.stderr.contains("locked"), "\(index.stderr)")
        let found = try missive(["search", "second front", "--index", output + "/idx", "--paths"])
        #expect(found.stdout == "open.txt\n")
    }

    @Test func killedBuildsLeaveThePreviousIndexAndReadersNeverFail() throws {
        let folder = try temporaryFolder("missive-e2e")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = folder + "/letters"
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters)
        let index = folder + "/idx"
        let build = ["index", letters, "--index", index, "--rebuild", "--threads", "1"]
        #expect(try missive(build).status == 0)
        let query = ["search", "murmansk OR \"second front\"", "--index", index, "--json", "--limit", "20"]
        let expected = try missive(query).stdout
        #expect(expected.contains("\"total\""))
        let started = Date()
        #expect(try missive(build).status == 0)
        let buildSeconds = max(Date().timeIntervalSince(started), 0.05)
        let finalSize = max(1, try segmentBytes(index))

        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.contains(".tmp-") }
        }
        func temporarySize() throws -> Int {
            try temporaryFiles().reduce(0) { total, name in
                total + ((try? FileManager.default.attributesOfItem(atPath: index + "/" + name)[.size] as? Int) ?? 0)
            }
        }
        // 50 kill points: 30 spread over the build's duration, 20 at growing sizes of its files.
        var survived = 0
        var interrupted = 0
        for point in 0..<50 {
            let process = try startQuietly(build)
            if point < 30 {
                usleep(UInt32(Double(point) / 30 * buildSeconds * 1_000_000))
            } else {
                let target = (point - 29) * finalSize / 21
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning, Date() < deadline, (try temporarySize()) < target { usleep(200) }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // A build killed mid-way leaves its temporary files (the next build removes them).
            if process.terminationReason == .uncaughtSignal, !(try temporaryFiles()).isEmpty { interrupted += 1 }
            let check = try missive(["check", "--index", index])
            #expect(check.status == 0, "kill point \(point): \(check.stdout) \(check.stderr)")
            let answer = try missive(query)
            #expect(answer.status == 0 && answer.stdout == expected, "kill point \(point)")
            if check.status == 0 && answer.stdout == expected { survived += 1 }
        }
        #expect(survived == 50)
        #expect(interrupted >= 20, "only \(interrupted) of 50 kills landed mid-build")
        // The next build removes what the killed builds left behind.
        #expect(try missive(build).status == 0)
        #expect(try temporaryFiles().isEmpty)

        // Searches while the index is rebuilt (three times over) all succeed with the same answer.
        var searches = 0
        for _ in 0..<3 {
            let rebuild = try startQuietly(build)
            repeat {
                let answer = try missive(query)
                #expect(answer.status == 0 && answer.stdout == expected, "search during a rebuild: \(answer.stderr)")
                searches += 1
            } while rebuild.isRunning
            rebuild.waitUntilExit()
            #expect(rebuild.terminationStatus == 0)
        }
        #expect(searches >= 3)
    }
}
