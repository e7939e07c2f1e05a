import Testing
import MissiveTestSupport
@testable import MissiveIndex

private func parse(_ text: String, path: String = "a/letter.txt") -> (Letter, [String]) {
    switch LetterParser.parse(bytes: Array(text.utf8), path: path) {
    case .letter(let letter, let warnings): return (letter, warnings)
    case .skipped(let reason): Issue.record("skipped: \(reason)"); return (Letter(path: path, header: [], body: ""), [])
    }
}

private func skipReason(_ bytes: [UInt8]) -> SkipReason? {
    if case .skipped(let reason) = LetterParser.parse(bytes: bytes, path: "x.txt") { return reason }
    return nil
}

@Suite("Letter headers and decoding")
struct LetterParsingTests {
    @Test func readsHeaderAndBody() {
        let (letter, warnings) = parse("Title: A\nFrom: J. V. Stalin\nTo: W. Churchill\nDate: 1941-09-03\nNote: kept\n\nBody text.\nMore: not a header\n")
        #expect(warnings.isEmpty)
        #expect(letter.title == "A")
        #expect(letter.from == "J. V. Stalin")
        #expect(letter.to == "W. Churchill")
        #expect(letter.date == LetterDate(year: 1941, month: 9, day: 3))
        #expect(letter.header.map(\.key) == ["Title", "From", "To", "Date", "Note"])
        #expect(letter.body == "Body text.\nMore: not a header\n")
    }

    /// Header keys match whatever their case: ASCII letters folded byte by byte (other ASCII
    /// bytes as they are), other keys through their lower case; the first non-empty value wins.
    @Test func headerKeysMatchWhateverTheirCase() {
        let letter = Letter(path: "a.txt", header: [
            HeaderField(key: "FROM", value: ""), HeaderField(key: "fRoM", value: "J. V. Stalin"),
            HeaderField(key: "From", value: "W. Churchill"), HeaderField(key: "Réf", value: "12"),
            HeaderField(key: "K@Y", value: "at"), HeaderField(key: "To", value: "F. D. Roosevelt"),
        ], body: "")
        #expect(letter.from == "J. V. Stalin" && letter.to == "F. D. Roosevelt")
        #expect(letter.value(of: "RÉF") == "12" && letter.value(of: "réf") == "12")
        #expect(letter.value(of: "k@y") == "at" && letter.value(of: "K`Y") == "" && letter.value(of: "k@") == "")
        #expect(letter.value(of: "title") == "" && letter.title == "a")
    }

    @Test func noHeaderMeansAllBodyTitledByFileName() {
        let (letter, _) = parse("Dear Sir: I write to you.\n\nYours.", path: "x/1942-letter.txt")
        #expect(letter.header.isEmpty)
        #expect(letter.title == "1942-letter")
        #expect(letter.body == "Dear Sir: I write to you.\n\nYours.")
    }

    @Test func reducedPrecisionDates() {
        #expect(parse("Date: 1942\n\nx").0.date == LetterDate(year: 1942))
        #expect(parse("Date: 1942-03\n\nx").0.date == LetterDate(year: 1942, month: 3))
        #expect(LetterDate(parsing: "1942-02-30") == nil)
        #expect(LetterDate(parsing: "42-02-03") == nil)
        #expect(LetterDate(parsing: "1942-2-3") == nil)
        #expect(LetterDate(year: 1942, month: 3)!.coveredRange == LetterDate(year: 1942, month: 3)!...LetterDate(year: 1942, month: 3, day: 31)!)
    }

    @Test func badDateIsKeptWithAWarning() {
        let (letter, warnings) = parse("Date: spring 1942\nTitle: T\n\nbody")
        #expect(letter.date == nil)
        #expect(letter.dateText == "spring 1942")
        #expect(warnings.count == 1)
        #expect(warnings[0].contains("spring 1942"))
    }

    @Test func emptyValuesAndDuplicateKeys() {
        let (letter, _) = parse("To: \nFrom: A\nFrom: B\n\nbody")
        #expect(letter.to == "")
        #expect(letter.from == "A")
        #expect(letter.header.count == 3)
    }

    @Test func headerWithoutBlankLineKeepsTheRestAsBody() {
        let (letter, warnings) = parse("Title: T\nthis line is body\nand this")
        #expect(letter.title == "T")
        #expect(letter.body == "this line is body\nand this")
        #expect(warnings.count == 1)
    }

    @Test func headerOnlyLetter() {
        let (letter, _) = parse("Title: Only a title\nFrom: X")
        #expect(letter.title == "Only a title")
        #expect(letter.body == "")
    }

    @Test func crlfLineEnds() {
        let (letter, _) = parse("Title: T\r\nFrom: A\r\n\r\nline one\r\nline two")
        #expect(letter.title == "T")
        #expect(letter.from == "A")
        #expect(letter.body == "line one\nline two")
    }

    @Test func keysMustLookLikeKeys() {
        #expect(LetterParser.headerField(in: "Dear Sir: hello") == nil)
        #expect(LetterParser.headerField(in: "http://example.org") == nil)
        #expect(LetterParser.headerField(in: "Key:value") == nil)
        #expect(LetterParser.headerField(in: "Key:") == HeaderField(key: "Key", value: ""))
        #expect(LetterParser.headerField(in: "X-Ref_2: a b  ") == HeaderField(key: "X-Ref_2", value: "a b"))
    }

    @Test func invalidUTF8IsReadAsWindows1252WithAWarning() {
        let bytes: [UInt8] = Array("Title: Caf".utf8) + [0xE9] + Array("\n\n".utf8) + [0x93, 0x68, 0x69, 0x94]
        guard case .letter(let letter, let warnings) = LetterParser.parse(bytes: bytes, path: "x.txt") else {
            Issue.record("not read"); return
        }
        #expect(letter.title == "Café")
        #expect(letter.body == "“hi”")
        #expect(warnings.contains { $0.contains("Windows-1252") })
    }

    @Test func utf16WithByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Title: Ж\n\nbody".utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        guard case .letter(let letter, _) = LetterParser.parse(bytes: bytes, path: "x.txt") else { Issue.record("not read"); return }
        #expect(letter.title == "Ж")
        #expect(letter.body == "body")
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        guard case .letter(let letter, _) = LetterParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("Title: T\n\nb".utf8), path: "x.txt") else {
            Issue.record("not read"); return
        }
        #expect(letter.title == "T")
    }

    @Test func emptyAndBinaryFilesAreSkipped() {
        #expect(skipReason([]) == .empty)
        #expect(skipReason(Array(" \n\t\n".utf8)) == .empty)
        #expect(skipReason([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]) == .binary)
    }

    @Test func fileTextRoundTrips() {
        let text = "Title: T\nFrom: A\n\nBody"
        #expect(parse(text).0.fileText == text)
    }
}
