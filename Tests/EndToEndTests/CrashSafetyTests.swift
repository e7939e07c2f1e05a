import Foundation
import Testing
import MissiveTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash safety and concurrent readers", .serialized)
struct CrashSafetyTests {
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
        // Room for the index and half of it again: not enough for a second copy.
        let probe = try prepare()
        defer { try? FileManager.default.removeItem(atPath: probe.folder) }
        let indexBytes = try FileManager.default.contentsOfDirectory(atPath: probe.index).reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: probe.index + "/" + name)[.size] as? Int) ?? 0)
        }
        let mountPoint = try TemporaryFolder("missive-e2e-tmpfs")
        let mount = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(indexBytes * 3 / 2 / 1024 + 8)k", "tmpfs", mountPoint.path])
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
        #expect(index.stdout.contains("Skipped 1 file: 1 unreadable."), "\(index.stdout)")
        #expect(index.stdout.contains("Skipped 1 unreadable folder"), "\(index.stdout)")
        #expect(index.stderr.contains("secret.txt"), "\(index.stderr)")
        #expect(index.stderr.contains("locked"), "\(index.stderr)")
        let found = try missive(["search", "second front", "--index", output + "/idx", "--paths"])
        #expect(found.stdout.hasSuffix("/letters/open.txt\n"), "\(found.stdout)")
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
