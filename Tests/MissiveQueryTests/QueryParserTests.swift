import Testing
import MissiveTestSupport
import MissiveIndex
@testable import MissiveQuery

private func parse(_ text: String) throws -> Query {
    return try Query(parsing: text)
}

/// A date (month and day 0 when unknown).
private func day(_ year: Int, _ month: Int = 0, _ day: Int = 0) -> LetterDate { LetterDate(year: year, month: month, day: day)! }

private func error(_ text: String) -> QueryError? {
    do { _ = try parse(text); return nil } catch let error as QueryError { return error } catch { return nil }
}

@Suite("Query syntax")
struct QueryParserTests {
    @Test func wordsAreANDed() throws {
        #expect(try parse("second front") == .and([.term("second"), .term("front")]))
        #expect(try parse("second AND front") == .and([.term("second"), .term("front")]))
        #expect(try parse("Churchill's") == .term("churchill"))
    }

    @Test func orBindsLooserThanAnd() throws {
        #expect(try parse("a b OR c") == .or([.and([.term("a"), .term("b")]), .term("c")]))
        #expect(try parse("a (b OR c)") == .and([.term("a"), .or([.term("b"), .term("c")])]))
        #expect(try parse("a or b") == .and([.term("a"), .term("or"), .term("b")]))
    }

    @Test func negation() throws {
        #expect(try parse("stalin -churchill") == .and([.term("stalin"), .not(.term("churchill"))]))
        #expect(try parse("stalin NOT churchill") == .and([.term("stalin"), .not(.term("churchill"))]))
        #expect(try parse("-from:stalin") == .not(.term("stalin", field: .from)))
    }

    @Test func phrasesGoThroughTheTokenizer() throws {
        #expect(try parse("\"Second Front\"") == .phrase(["second", "front"]))
        #expect(try parse("anti-Hitler") == .phrase(["anti", "hitler"]))
        #expect(try parse("\"Stalin\"") == .term("stalin"))
        // A missing closing quote is forgiven.
        #expect(try parse("\"second front") == .phrase(["second", "front"]))
        #expect(try parse("“second front”") == .phrase(["second", "front"]))
    }

    @Test func prefixes() throws {
        #expect(try parse("convoy*") == .prefix("convoy"))
        #expect(try parse("Bén*") == .prefix("ben"))
        #expect(try parse("from:roos*") == .prefix("roos", field: .from))
    }

    @Test func fields() throws {
        #expect(try parse("from:Roosevelt") == .term("roosevelt", field: .from))
        #expect(try parse("to:\"W. Churchill\"") == .phrase(["w", "churchill"], field: .to))
        #expect(try parse("FROM:stalin") == .term("stalin", field: .from))
    }

    @Test func dates() throws {
        #expect(try parse("date:1942") == .date(day(1942)...day(1942, 12, 31)))
        #expect(try parse("date:1942-03") == .date(day(1942, 3)...day(1942, 3, 31)))
        #expect(try parse("date:1942-03-15") == .date(day(1942, 3, 15)...day(1942, 3, 15)))
        #expect(try parse("date:1942-01..1942-06") == .date(day(1942, 1)...day(1942, 6, 30)))
        #expect(try parse("date:..1942") == .date(LetterDate.earliest...day(1942, 12, 31)))
        #expect(try parse("date:1944..") == .date(day(1944)...LetterDate.latest))
    }

    @Test func errorsPointAtTheProblem() {
        #expect(error("")?.message == "the query is empty")
        #expect(error("   ")?.message == "the query is empty")
        #expect(error("OR stalin")?.column == 1)
        #expect(error("stalin OR")?.column == 8)
        #expect(error("stalin OR OR churchill")?.column == 8)
        #expect(error("a )")?.column == 3)
        #expect(error("date:1942-13")?.message.contains("not a date") == true)
        #expect(error("date:1943..1942")?.message.contains("ends before it starts") == true)
        #expect(error("from:")?.message.contains("needs a word") == true)
        #expect(error("-")?.message == "the query has no words to search for")
        #expect(error("*")?.message.contains("* needs a word before it") == true)
        // Nothing typed is dropped or rewritten: each of these is an error at its column.
        #expect(error("(stalin")?.column == 1)
        #expect(error("stalin)")?.column == 7)
        #expect(error("NEAR(a b")?.message.contains("never closed") == true)
        #expect(error("stalin~3")?.column == 7)
        #expect(error("con*voy")?.column == 4)
        #expect(error("re~cd")?.column == 3)
        #expect(error("\"declaration of independ*\"")?.column == 25)
        #expect(error("to:\"W. Churc*\"")?.column == 13)
        #expect(error("NEAR(genl~ howe)")?.column == 10)
        #expect(error("stalin NOT")?.column == 8)
        #expect(error(String(repeating: "(", count: 100) + "a")?.message.contains("nests deeper") == true)
    }

    @Test func forgivenAndOdd() throws {
        #expect(try parse("(stalin)") == .term("stalin"))
        #expect(try parse("\"second front") == .phrase(["second", "front"]))
        #expect(try parse("stalin \u{7}\u{0}") == .term("stalin"))
        #expect(try parse("-stalin") == .not(.term("stalin")))
        #expect(try parse("stalin — churchill") == .and([.term("stalin"), .term("churchill")]))
    }

    @Test func manyWordsAreBounded() throws {
        let many = (0..<10_000).map { "w\($0)" }.joined(separator: " ")
        #expect(error(many)?.message.contains("more than") == true)
        let fine = (0..<1000).map { "w\($0)" }.joined(separator: " ")
        #expect(try parse(fine) != .all)
    }

    @Test func nearAndFuzzy() throws {
        #expect(try Query(parsing: "NEAR(Stalin Churchill, 5)") == .near(["stalin", "churchill"], distance: 5))
        #expect(try Query(parsing: "NEAR(stalin churchill,3)") == .near(["stalin", "churchill"], distance: 3))
        #expect(try Query(parsing: "NEAR(stalin churchill)") == .near(["stalin", "churchill"], distance: 10))
        #expect(try Query(parsing: "NEAR(stalin stalin, 2)") == .term("stalin"))
        #expect(try Query(parsing: "NEAR(a b, 2) convoy") == .and([.near(["a", "b"], distance: 2), .term("convoy")]))
        #expect(try Query(parsing: "near") == .term("near"))
        #expect(throws: QueryError.self) { try Query(parsing: "NEAR(a b, x)") }
        #expect(throws: QueryError.self) { try Query(parsing: "NEAR(a \"b c\")") }
        #expect(try Query(parsing: "recd~ genl~2") == .and([.fuzzy("recd", maxEdits: 1), .fuzzy("genl", maxEdits: 2)]))
        #expect(throws: QueryError.self) { try Query(parsing: "~") }
        #expect(try Query(parsing: "stalin~1") == .fuzzy("stalin", maxEdits: 1))
        #expect(try Query(parsing: "from:jeferson~") == .fuzzy("jeferson", maxEdits: 1, field: .from))
    }

    @Test func everyHeaderIsAField() throws {
        #expect(try Query(parsing: "title:Stalin") == .term("stalin", field: .title))
        #expect(try Query(parsing: "Type:cablegram") == .term("type:cablegram", field: .header))
        #expect(try Query(parsing: "type:cable*") == .prefix("type:cable", field: .header))
        #expect(try Query(parsing: "type:cablegrm~") == .fuzzy("type:cablegrm", maxEdits: 1, field: .header))
        #expect(try Query(parsing: "archive:\"AA A3196\"") == .phrase(["archive:aa", "archive:a3196"], field: .header))
        #expect(try Query(parsing: "-to:churchill") == .not(.term("churchill", field: .to)))
        // Not a key: a word with a colon inside stays words.
        #expect(try Query(parsing: "12:30") == .phrase(["12", "30"]))
    }
}
