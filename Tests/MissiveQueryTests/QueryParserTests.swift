import Testing
import MissiveIndex
@testable import MissiveQuery

private func parse(_ text: String) throws -> Query {
    var parser = QueryParser()
    return try parser.parse(text)
}

private func error(_ text: String) -> QueryError? {
    do { _ = try parse(text); return nil } catch let error as QueryError { return error } catch { return nil }
}

@Suite("Query syntax")
struct QueryParserTests {
    @Test func wordsAreANDed() throws {
        #expect(try parse("second front") == .and([.term(.text, "second"), .term(.text, "front")]))
        #expect(try parse("second AND front") == .and([.term(.text, "second"), .term(.text, "front")]))
        #expect(try parse("Churchill's") == .term(.text, "churchill"))
    }

    @Test func orBindsLooserThanAnd() throws {
        #expect(try parse("a b OR c") == .or([.and([.term(.text, "a"), .term(.text, "b")]), .term(.text, "c")]))
        #expect(try parse("a (b OR c)") == .and([.term(.text, "a"), .or([.term(.text, "b"), .term(.text, "c")])]))
        #expect(try parse("a or b") == .and([.term(.text, "a"), .term(.text, "or"), .term(.text, "b")]))
    }

    @Test func negation() throws {
        #expect(try parse("stalin -churchill") == .and([.term(.text, "stalin"), .not(.term(.text, "churchill"))]))
        #expect(try parse("stalin NOT churchill") == .and([.term(.text, "stalin"), .not(.term(.text, "churchill"))]))
        #expect(try parse("-from:stalin") == .not(.term(.from, "stalin")))
    }

    @Test func phrasesGoThroughTheTokenizer() throws {
        #expect(try parse("\"Second Front\"") == .phrase(.text, ["second", "front"]))
        #expect(try parse("anti-Hitler") == .phrase(.text, ["anti", "hitler"]))
        #expect(try parse("\"Stalin\"") == .term(.text, "stalin"))
        // A missing closing quote is forgiven.
        #expect(try parse("\"second front") == .phrase(.text, ["second", "front"]))
        #expect(try parse("“second front”") == .phrase(.text, ["second", "front"]))
    }

    @Test func prefixes() throws {
        #expect(try parse("convoy*") == .prefix(.text, "convoy"))
        #expect(try parse("Bén*") == .prefix(.text, "ben"))
        #expect(try parse("from:roos*") == .prefix(.from, "roos"))
    }

    @Test func fields() throws {
        #expect(try parse("from:Roosevelt") == .term(.from, "roosevelt"))
        #expect(try parse("to:\"W. Churchill\"") == .phrase(.to, ["w", "churchill"]))
        #expect(try parse("FROM:stalin") == .term(.from, "stalin"))
    }

    @Test func dates() throws {
        #expect(try parse("date:1942") == .date(19420000...19421299))
        #expect(try parse("date:1942-03") == .date(19420300...19420399))
        #expect(try parse("date:1942-03-15") == .date(19420315...19420315))
        #expect(try parse("date:1942-01..1942-06") == .date(19420100...19420699))
        #expect(try parse("date:..1942") == .date(1...19421299))
        #expect(try parse("date:1944..") == .date(19440000...(UInt32.max - 1)))
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
        #expect(error("from:")?.message.contains("needs a name") == true)
        #expect(error("-")?.message == "the query has no words to search for")
        #expect(error("*")?.message == "the query has no words to search for")
        #expect(error("stalin NOT")?.column == 8)
        #expect(error(String(repeating: "(", count: 100) + "a")?.message.contains("nests deeper") == true)
    }

    @Test func forgivenAndOdd() throws {
        #expect(try parse("(stalin") == .term(.text, "stalin"))
        #expect(try parse("stalin \u{7}\u{0}") == .term(.text, "stalin"))
        #expect(try parse("-stalin") == .not(.term(.text, "stalin")))
        #expect(try parse("stalin — churchill") == .and([.term(.text, "stalin"), .term(.text, "churchill")]))
    }

    @Test func manyWordsAreBounded() throws {
        let many = (0..<10_000).map { "w\($0)" }.joined(separator: " ")
        #expect(error(many)?.message.contains("more than") == true)
        let fine = (0..<1000).map { "w\($0)" }.joined(separator: " ")
        #expect(try parse(fine) != .all)
    }

    @Test func nearAndFuzzy() throws {
        var parser = QueryParser()
        #expect(try parser.parse("NEAR(Stalin Churchill, 5)") == .near(["stalin", "churchill"], 5))
        #expect(try parser.parse("NEAR(stalin churchill,3)") == .near(["stalin", "churchill"], 3))
        #expect(try parser.parse("NEAR(stalin churchill)") == .near(["stalin", "churchill"], 10))
        #expect(try parser.parse("NEAR(stalin stalin, 2)") == .term(.text, "stalin"))
        #expect(try parser.parse("NEAR(a b, 2) convoy") == .and([.near(["a", "b"], 2), .term(.text, "convoy")]))
        #expect(try parser.parse("near") == .term(.text, "near"))
        #expect(throws: QueryError.self) { try parser.parse("NEAR(a b, x)") }
        #expect(throws: QueryError.self) { try parser.parse("NEAR(a \"b c\")") }
        #expect(try parser.parse("recd~ genl~2") == .and([.fuzzy(.text, "recd", 1), .fuzzy(.text, "genl", 2)]))
        #expect(throws: QueryError.self) { try parser.parse("~") }
    }
}
