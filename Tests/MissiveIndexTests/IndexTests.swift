import Foundation
import Testing
import MissiveTestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import MissiveIndex

@Suite("Index build, open and read")
struct IndexTests {
    static let letters: [(String, String)] = [
        ("b.txt", "Title: Second front\nFrom: J. V. Stalin\nTo: W. Churchill\nDate: 1941-09-03\n\nA second front in France, a second front now."),
        ("a.txt", "Title: Convoys\nFrom: W. Churchill\nTo: J. V. Stalin\nDate: 1942-07\n\nThe convoys to Archangel. Churchill's view."),
        ("sub/c.txt", "No header here, only the second letter body."),
    ]

    func buildSample() throws -> (folder: String, index: String, summary: IndexBuildSummary) {
        let folder = try temporaryFolder()
        for (name, text) in Self.letters { try write(text, to: folder + "/letters/" + name) }
        let index = folder + "/idx"
        let summary = try IndexBuilder().build(folder: folder + "/letters", indexPath: index)
        return (folder, index, summary)
    }

    @Test func buildsAndReadsBack() throws {
        let (folder, indexPath, summary) = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(summary.lettersIndexed == 3)
        #expect(summary.skipped.isEmpty)
        let reader = try IndexReader(path: indexPath)
        #expect(reader.letterCount == 3)
        // Letters are numbered in path order.
        #expect(try (0..<3).map { try reader.path(of: LetterID($0)) } == ["a.txt", "b.txt", "sub/c.txt"])
        #expect(try reader.letterID(atPath: "b.txt") == LetterID(1))
        #expect(try reader.letterID(atPath: "zzz.txt") == nil)
        let letter = try reader.letter(LetterID(1))
        #expect(letter.title == "Second front")
        #expect(letter.body == "A second front in France, a second front now.")
        #expect(try reader.info(of: LetterID(0)).date == LetterDate(year: 1942, month: 7))
        #expect(try reader.info(of: LetterID(2)).date == nil)

        let segment = try #require(reader.segments.first)
        let second = try #require(try segment.term("second", in: .text))
        #expect(second.letterFrequency == 2)
        var cursor = segment.postings(second)
        #expect(try cursor.next())
        #expect(cursor.letter == 1)
        #expect(cursor.frequency == 3)
        // Title "Second front" holds positions 0–1; the body starts after a one-position gap.
        #expect(try cursor.positions() == [0, 4, 9])
        #expect(try cursor.next())
        #expect(cursor.letter == 2)
        #expect(try !cursor.next())

        #expect(try reader.term("stalin", in: .from)?.letterFrequency == 1)
        #expect(try reader.term("stalin", in: .text) == nil)
        #expect(try reader.term("churchill", in: .text)?.letterFrequency == 1)
        let prefixed = try reader.terms(withPrefix: "co", in: .text).map(\.text)
        #expect(prefixed == ["convoys"])
        #expect(throws: IndexError.tooManyTerms(limit: 1)) {
            try reader.terms(withPrefix: "n", in: .text, limit: 1)
        }
        let report = IndexChecker(reader: reader).check()
        #expect(report.problems.isEmpty)
        // Document lengths are exact: title words + body words.
        #expect(segment.length(of: 1) == 2 + 9)
    }

    @Test func dictionarySpansManyBlocks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var words: [String] = []
        for index in 0..<1000 { words.append("w\(index)x") }
        try write("Title: many\n\n" + words.joined(separator: " "), to: folder + "/l/one.txt")
        try write("Title: few\n\n" + words.prefix(10).joined(separator: " "), to: folder + "/l/two.txt")
        _ = try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        let reader = try IndexReader(path: folder + "/idx")
        for word in words {
            let info = try #require(try reader.term(word, in: .text))
            #expect(info.letterFrequency == (words.prefix(10).contains(word) ? 2 : 1))
        }
        #expect(try reader.term("w1000x", in: .text) == nil)
        #expect(try reader.term("a", in: .text) == nil)
        #expect(try reader.term("zzz", in: .to) == nil)
        #expect(try reader.terms(withPrefix: "w99", in: .text).count == 11)
        #expect(IndexChecker(reader: reader).check().problems.isEmpty)
    }

    @Test func badFilesAreSkippedAndCounted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("Title: good\n\nfine", to: folder + "/l/good.txt")
        try write("", to: folder + "/l/empty.txt")
        try Data([0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: folder + "/l/binary.txt"))
        try Data([0x41, 0xE9, 0x42]).write(to: URL(fileURLWithPath: folder + "/l/latin.txt"))
        try write("ignored", to: folder + "/l/notes.md")
        try write("hidden", to: folder + "/l/.hidden.txt")
        let summary = try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 2)
        #expect(Set(summary.skipped.map(\.path)) == ["empty.txt", "binary.txt"])
        #expect(summary.skippedByReason.map(\.category) == ["binary", "empty"])
        #expect(summary.warnings.map(\.path) == ["latin.txt"])
        let reader = try IndexReader(path: folder + "/idx")
        #expect(try reader.letter(reader.letterID(atPath: "latin.txt")!).body == "AéB")
    }

    /// One folder of odd letters: each is indexed as written or skipped with a reason, the
    /// build completes, and the summary counts them.
    @Test func hostileLettersAreIndexedOrSkippedAndCounted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = folder + "/l"
        try write("Title: Nul\n\nbefore\u{0}after convoys", to: letters + "/nul.txt")
        try write("!!! ... ??? --- ;;; «» — …", to: letters + "/punctuation.txt")
        try write("Title: Only a header\nFrom: Nobody\n", to: letters + "/header-only.txt")
        try write("just a body about convoys, no header at all", to: letters + "/body-only.txt")
        try write("From: Alpha\nFrom: Beta\n\nduplicate keys and convoys", to: letters + "/duplicate.txt")
        try write("Title: Crlf\r\nFrom: Carriage Return\r\n\r\nline one convoys\r\nline two\r\n", to: letters + "/crlf.txt")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Title: Wide\n\nconvoys in sixteen bits".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: URL(fileURLWithPath: letters + "/utf16.txt"))
        try Data([0x63, 0x6F, 0x6E, 0x76, 0x6F, 0x79, 0x73, 0x20, 0xE9, 0xFF]).write(to: URL(fileURLWithPath: letters + "/latin.txt"))
        try write("", to: letters + "/empty.txt")
        try FileManager.default.createSymbolicLink(atPath: letters + "/loop", withDestinationPath: letters)
        // One line of 4 MB: 700,000 words, no newline anywhere.
        var line = ""
        line.reserveCapacity(4_300_000)
        for number in 0..<700_000 { line += "w\(number % 5000) " }
        line += "convoys"
        try write(line, to: letters + "/one-line.txt")

        let summary = try IndexBuilder().build(folder: letters, indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 8)
        #expect(summary.skippedByReason.map { "\($0.category) \($0.count)" } == ["binary 1", "empty 1"])
        #expect(summary.warnings.map(\.path) == ["latin.txt", "utf16.txt"])
        let reader = try IndexReader(path: folder + "/idx")
        func paths(_ term: String, _ field: IndexField = .text) throws -> [String] {
            guard let info = try reader.segments[0].term(term, in: field) else { return [] }
            var cursor = reader.segments[0].postings(info)
            var found: [String] = []
            while try cursor.next() { found.append(try reader.path(of: LetterID(cursor.letter))) }
            return found
        }
        #expect(try paths("convoys") == ["body-only.txt", "crlf.txt", "duplicate.txt", "latin.txt", "one-line.txt", "utf16.txt"])
        #expect(try paths("alpha", .from) == ["duplicate.txt"] || paths("beta", .from) == ["duplicate.txt"])
        #expect(try paths("return", .from) == ["crlf.txt"])
        #expect(try paths("nobody", .from) == ["header-only.txt"])
        #expect(try paths("only") == ["body-only.txt", "header-only.txt"])  // body-only is titled by its name
        let crlf = try reader.letter(try #require(try reader.letterID(atPath: "crlf.txt")))
        #expect(crlf.body == "line one convoys\nline two\n")
        let oneLine = try #require(try reader.letterID(atPath: "one-line.txt"))
        // Lengths count the title too: a letter without one is titled by its file name.
        #expect(try reader.info(of: oneLine).length == 2 + 700_001)
        let punctuation = try #require(try reader.letterID(atPath: "punctuation.txt"))
        #expect(try reader.info(of: punctuation).length == 1)
        #expect(IndexChecker(reader: reader).check().problems.isEmpty)
    }

    /// 100,000 tiny letters in 100 folders: all indexed, each findable by its own word.
    @Test func aHundredThousandTinyFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = folder + "/l"
        for group in 0..<100 {
            let subfolder = "\(letters)/\(group)"
            try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true)
            for number in 0..<1000 {
                let text = "n\(group * 1000 + number) tiny"
                let descriptor = open("\(subfolder)/\(number).txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                try #require(descriptor >= 0)
                _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
                close(descriptor)
            }
        }
        let summary = try IndexBuilder().build(folder: letters, indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 100_000)
        #expect(summary.skipped.isEmpty)
        let reader = try IndexReader(path: folder + "/idx")
        #expect(reader.letterCount == 100_000)
        #expect(try reader.term("tiny", in: .text)?.letterFrequency == 100_000)
        let info = try #require(try reader.segments[0].term("n54321", in: .text))
        var cursor = reader.segments[0].postings(info)
        #expect(try cursor.next())
        #expect(try reader.path(of: LetterID(cursor.letter)) == "54/321.txt")
    }

    @Test func symlinkLoopsEnd() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("Title: x\n\nbody", to: folder + "/l/d/x.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/l/d/loop", withDestinationPath: folder + "/l")
        let listing = try CorpusWalker.list(folder + "/l")
        #expect(listing.files.map(\.relativePath) == ["d/x.txt"])
    }

    @Test func listingIsInPathByteOrder() throws {
        // Folders whose names sort differently with and without the `/` after them, big folders
        // (statted from two threads), upper case, a link to a file, files that are not letters.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = ["a/x.txt", "a.b/x.txt", "a-b/x.txt", "ab/x.txt", "a0.txt", "a.txt", "A/Z.TXT", "a/b/c.txt",
                     "a/b.txt", "a/b-c/d.txt", "z.txt"] + (0..<600).map { "big/\($0 * 7919 % 600).txt" }
        for path in paths { try write("Title: x\n\nbody", to: folder + "/l/" + path) }
        try write("not a letter", to: folder + "/l/a/notes.md")
        try FileManager.default.createSymbolicLink(atPath: folder + "/l/link.txt", withDestinationPath: folder + "/l/z.txt")
        let listing = try CorpusWalker.list(folder + "/l")
        let expected = (paths + ["link.txt"]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(listing.files.map(\.relativePath) == expected)
        #expect(listing.files.allSatisfy { $0.byteCount == 14 && $0.modified > 0 })
    }

    @Test func folderErrors() throws {
        #expect(throws: IndexError.notAFolder(path: "/nonexistent/folder")) {
            try IndexBuilder().build(folder: "/nonexistent/folder", indexPath: "/tmp/never")
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("", to: folder + "/l/empty.txt")
        #expect(throws: IndexError.noLetters(path: folder + "/l")) {
            try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/idx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["l"])
    }

    @Test func failedRebuildKeepsThePreviousIndex() throws {
        let (folder, indexPath, _) = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try FileManager.default.contentsOfDirectory(atPath: indexPath).sorted()
        let manifest = try Data(contentsOf: URL(fileURLWithPath: indexPath + "/manifest"))
        try write("", to: folder + "/empty/e.txt")
        #expect(throws: IndexError.self) { try IndexBuilder().build(folder: folder + "/empty", indexPath: indexPath) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: indexPath).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath + "/manifest")) == manifest)
        // A stale temporary file from a killed build is removed by the next build.
        let stale = indexPath + "/s000009.seg.tmp-999999"
        try write("half an index", to: stale)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: indexPath)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func unwritableDestinationGivesAnErrorNamingThePath() throws {
        let (folder, _, _) = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/missing-folder/idx"
        do {
            _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: target)
            Issue.record("expected an error")
        } catch let error as IndexError {
            #expect(error.description.contains("missing-folder/idx"))
        }
    }

    @Test func damagedIndexesAreRejected() throws {
        let (folder, indexPath, _) = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Data(contentsOf: URL(fileURLWithPath: indexPath + "/s000001.seg"))
        let manifest = try Data(contentsOf: URL(fileURLWithPath: indexPath + "/manifest"))
        let damaged = folder + "/damaged"
        let file = folder + "/file"

        /// The index with its segment's bytes (or its manifest's) replaced.
        func open(segment bytes: Data, manifest replacement: Data? = nil) throws -> IndexReader {
            try? FileManager.default.removeItem(atPath: damaged)
            try FileManager.default.createDirectory(atPath: damaged, withIntermediateDirectories: true)
            try (replacement ?? manifest).write(to: URL(fileURLWithPath: damaged + "/manifest"))
            try bytes.write(to: URL(fileURLWithPath: damaged + "/s000001.seg"))
            return try IndexReader(path: damaged)
        }
        // Not an index at all: a file of text, an empty file, a folder of something else.
        try Data("hello world, not an index at all, no no no no no".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: IndexError.notAnIndex(path: file)) { try IndexReader(path: file) }
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(throws: IndexError.notAnIndex(path: file)) { try IndexReader(path: file) }
        #expect(throws: IndexError.notAnIndex(path: folder + "/letters")) { try IndexReader(path: folder + "/letters") }
        // A single-file index of format 3: a clear error (the command line says to rebuild).
        try Data(Array("MISSIVE\0".utf8) + [3, 0, 0, 0]).write(to: URL(fileURLWithPath: file))
        #expect(throws: IndexError.unsupportedVersion(found: 3, expected: UInt32(IndexReader.formatVersion))) { try IndexReader(path: file) }
        // Truncated anywhere.
        for cut in [0, 8, 40, 100, good.count / 2, good.count - 1] {
            #expect(throws: IndexError.self) { try open(segment: good.prefix(cut)) }
        }
        // A newer segment format version (its header checksum right): not readable here; the
        // same byte changed without the checksum: damage.
        var versioned = good
        versioned[8] = 99
        #expect(throws: IndexError.corrupt("header checksum mismatch")) { try open(segment: versioned) }
        let headerSize = FileHeader.completeSize
        let checksum = versioned.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(headerSize - 4)])) }
        withUnsafeBytes(of: checksum.littleEndian) { versioned.replaceSubrange((headerSize - 4)..<headerSize, with: $0) }
        #expect(throws: IndexError.unsupportedVersion(found: 99, expected: UInt32(IndexReader.formatVersion))) { try open(segment: versioned) }
        // A flipped header byte fails the header checksum; a flipped manifest byte, the manifest's.
        var flipped = good
        flipped[20] ^= 0x01
        #expect(throws: IndexError.self) { try open(segment: flipped) }
        var badManifest = manifest
        badManifest[12] ^= 0x01
        #expect(throws: IndexError.self) { try open(segment: good, manifest: badManifest) }
        // A flipped byte in a section is caught by the checker.
        var inSection = good
        inSection[good.count - 20] ^= 0x40
        let reader = try open(segment: inSection)
        #expect(!IndexChecker(reader: reader).check().problems.isEmpty)
        #expect(throws: IndexError.notFound(path: folder + "/nothing")) { try IndexReader(path: folder + "/nothing") }
    }
}
