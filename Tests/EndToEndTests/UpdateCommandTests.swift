import Foundation
import Testing
import MissiveTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `missive index` as an update, as a user meets it: a letter added to the corpus is found by the
/// next search, a mistyped `--index` never becomes a new index, a file that is not an index is
/// never overwritten, an interrupted update leaves nothing behind, two updates take turns, and an
/// update killed anywhere leaves the index exactly as before or exactly as after.
@Suite("Updating an index in place", .serialized)
struct UpdateCommandTests {
    @Test func aLetterAddedToTheCorpusIsFoundWithoutAManualStep() throws {
        let work = try TemporaryFolder("missive-e2e")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Corpus", toPath: work.appending("Corpus"))
        #expect(try missive(["search", "zeppelin"], in: work.path).stdout.contains("No letters match."))
        try write("Title: A zeppelin\nFrom: W. Churchill\nDate: 1942-05-01\n\nA zeppelin over London.", to: work.appending("Corpus/zeppelin.txt"))
        let found = try missive(["search", "zeppelin", "--paths"], in: work.path)
        #expect(found.status == 0)
        #expect(found.stdout == "Corpus/zeppelin.txt\n")
        #expect(found.stderr.contains("Corpus/ has changed; updating the index first."), "\(found.stderr)")
        #expect(found.stderr.contains("Updated .missive: 1 added, 0 changed, 0 removed (148 letters)"), "\(found.stderr)")
        // Nothing changed since: no update, no message.
        let again = try missive(["search", "zeppelin", "--paths"], in: work.path)
        #expect(again.stderr.isEmpty && again.stdout == "Corpus/zeppelin.txt\n")
        let index = try missive(["index"], in: work.path)
        #expect(index.stdout == "Index is up to date (148 letters).\n")
        // An explicit --index is not updated behind the user's back, only warned about.
        try FileManager.default.removeItem(atPath: work.appending("Corpus/zeppelin.txt"))
        let warned = try missive(["search", "zeppelin", "--index", ".missive", "--paths"], in: work.path)
        #expect(warned.stdout == "Corpus/zeppelin.txt\n")
        #expect(warned.stderr.contains("the index is older than Corpus/ (1 letter changed); run 'missive index --index .missive' to update"), "\(warned.stderr)")
        let updated = try missive(["index"], in: work.path)
        #expect(updated.stdout.hasPrefix("Updated .missive: 0 added, 0 changed, 1 removed (147 letters)"), "\(updated.stdout)")
        let stats = try missive(["stats"], in: work.path)
        #expect(stats.stdout.contains("corpus    Corpus (") && stats.stdout.contains("built     20"))
    }

    @Test func aMistypedIndexIsAnErrorAndNoNewIndex() throws {
        let work = try TemporaryFolder("missive-e2e")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Corpus", toPath: work.appending("Corpus"))
        let run = try missive(["search", "independence", "--index", "dcc.missive"], in: work.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("no index at dcc.missive"))
        #expect(!FileManager.default.fileExists(atPath: work.appending("dcc.missive")))
        #expect(!FileManager.default.fileExists(atPath: work.appending(".missive")))
    }

    @Test func aFileThatIsNotAnIndexIsNeverReplaced() throws {
        let work = try TemporaryFolder("missive-e2e")
        try write("my notes, not an index\n", to: work.appending("notes.txt"))
        let run = try missive(["index", repositoryRoot + "/Corpus", "--index", "notes.txt"], in: work.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("notes.txt exists and is not a Missive index; refusing to replace it"), "\(run.stderr)")
        #expect(try String(contentsOfFile: work.appending("notes.txt"), encoding: .utf8) == "my notes, not an index\n")
        // A folder of other things likewise.
        try write("keep me", to: work.appending("papers/keep.md"))
        #expect(try missive(["index", repositoryRoot + "/Corpus", "--index", "papers"], in: work.path).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appending("papers")) == ["keep.md"])
    }

    /// SIGINT and SIGTERM during an index run: the command stops with 130 or 143 and leaves no
    /// temporary file; the previous index still answers.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunsLeaveNoTemporaryFiles(signal: Int32) throws {
        let work = try TemporaryFolder("missive-e2e")
        let letters = work.appending("letters")
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters, count: 1500)
        let index = work.appending("idx")
        #expect(try missive(["index", letters, "--index", index, "--threads", "1"]).status == 0)
        let query = ["search", "murmansk", "--index", index, "--json"]
        let expected = try missive(query).stdout
        var stopped = 0
        for delay in [30_000, 80_000, 150_000, 250_000] {
            let process = try startQuietly(["index", letters, "--index", index, "--rebuild", "--threads", "1", "--memory", "1"])
            usleep(UInt32(delay))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if process.terminationStatus == 128 + signal { stopped += 1 }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "signal \(signal) after \(delay) µs left \(leftovers)")
            #expect(try missive(query).stdout == expected)
            #expect(try missive(["check", "--index", index]).status == 0)
        }
        #expect(stopped >= 2, "only \(stopped) of 4 signals arrived mid-run")
    }

    /// Two updates of one index at once: the second waits for the first (saying so), and both end well.
    @Test func twoUpdatesTakeTurns() throws {
        let work = try TemporaryFolder("missive-e2e")
        let letters = work.appending("letters")
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters, count: 800)
        let index = work.appending("idx")
        let first = try startQuietly(["index", letters, "--index", index, "--threads", "1"])
        usleep(50_000)
        let second = try missive(["index", letters, "--index", index, "--threads", "1"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0, "\(second.stderr)")
        if first.isRunning == false && second.stderr.contains("waiting") {
            #expect(second.stdout.contains("Index is up to date (800 letters)."), "\(second.stdout)")
        }
        #expect(try missive(["check", "--index", index]).status == 0)
    }

    /// An update (adds, edits, removals, and a merge of four small segments) killed at 50 points:
    /// afterwards the index passes `check` and answers exactly as before the update or exactly as
    /// after it; the next run removes what the killed ones left and ends in the state after.
    @Test func killedUpdatesLeaveTheIndexBeforeOrAfter() throws {
        let work = try TemporaryFolder("missive-e2e")
        let letters = work.appending("letters")
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        try writeCorpus(letters, count: 600)
        let index = work.appending("idx"), pristine = work.appending("pristine")
        let update = ["index", letters, "--index", index, "--threads", "1"]
        #expect(try missive(update).status == 0)
        // Three small updates: four segments, so the next update merges the small ones with its own.
        for round in 0..<3 {
            try writeCorpus(letters, count: 20, from: 10_000 + round * 100, seed: UInt64(round))
            #expect(try missive(update).stdout.contains("Updated"))
        }
        #expect(try missive(["stats", "--index", index]).stdout.contains("segments  4"))
        try FileManager.default.copyItem(atPath: index, toPath: pristine)
        let query = ["search", "murmansk OR \"second front\" OR alpha", "--index", index, "--json", "--limit", "40"]
        let before = try missive(query).stdout
        // The change: 15 added, 10 edited, 10 removed.
        try writeCorpus(letters, count: 15, from: 20_000, seed: 7)
        for number in 0..<10 { try write("Title: Edited \(number)\n\nThe second front, edited.", to: String(format: "%@/l%05d.txt", letters, number * 7)) }
        for number in 0..<10 { try FileManager.default.removeItem(atPath: String(format: "%@/l%05d.txt", letters, 300 + number * 5)) }
        let started = Date()
        let completed = try missive(update)
        let seconds = max(Date().timeIntervalSince(started), 0.05)
        #expect(completed.stdout.contains("15 added, 10 changed, 10 removed"), "\(completed.stdout)")
        #expect(completed.stdout.contains("segments merged"), "\(completed.stdout)")
        let after = try missive(query).stdout
        #expect(after != before)
        let finalSize = max(1, try segmentBytes(index))

        func restore() throws {
            try FileManager.default.removeItem(atPath: index)
            try FileManager.default.copyItem(atPath: pristine, toPath: index)
        }
        func temporaryBytes() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: index).filter { $0.contains(".tmp-") }) ?? []
            return names.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: index + "/" + $1)[.size] as? Int) ?? 0) }
        }
        var asBefore = 0, asAfter = 0, interrupted = 0
        for point in 0..<50 {
            try restore()
            let process = try startQuietly(update)
            if point < 30 {
                usleep(UInt32(Double(point) / 30 * seconds * 1_000_000))
            } else {
                let target = (point - 29) * finalSize / 21 / 10
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning, Date() < deadline, temporaryBytes() < target { usleep(200) }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 }
            let check = try missive(["check", "--index", index])
            #expect(check.status == 0, "kill point \(point): \(check.stdout) \(check.stderr)")
            let answer = try missive(query).stdout
            if answer == before { asBefore += 1 } else if answer == after { asAfter += 1 } else {
                Issue.record("kill point \(point): the answer is neither the one before nor the one after")
            }
        }
        #expect(asBefore + asAfter == 50)
        #expect(interrupted >= 20, "only \(interrupted) of 50 kills landed mid-update")
        #expect(asBefore > 0)
        // The next run finishes the job and removes the leftovers.
        #expect(try missive(update).status == 0)
        #expect(try missive(query).stdout == after)
        #expect(try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.contains(".tmp-") }.isEmpty)
    }
}
