import MissiveIndex
import MissiveQuery

/// `missive variants`: the spellings of a word the letters use.
enum VariantsCommand {
    static let usage = """
    Usage: missive variants WORD [--max-edits 1|2] [--index PATH] [--json]

    Lists the words of the letters within one or two edits of WORD (default: one for words of
    up to four letters, two for longer), nearest first, then the most letters, each with its
    number of letters and the first and last date it is used: the spellings of a word before
    spelling was fixed (independance, independence), and its misreadings. On a stemmed index
    the stems are compared. --json: {"word", "variants": [{"word", "edits", "letters", "first", "last"}]}.

    Examples:
      missive variants telegram
      missive variants cabled --max-edits 1
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "max-edits"], switches: ["json"])
        guard parsed.positionals.count == 1, let word = parsed.positionals.first else { throw UsageError("variants takes one word") }
        let edits = try parsed.positiveInteger("max-edits", default: word.unicodeScalars.count <= 4 ? 1 : 2)
        guard edits <= 2 else { throw UsageError("--max-edits takes 1 or 2") }
        let searcher = Searcher(index: try SearchCommand.openIndex(explicit: parsed.options["index"]))
        let variants = try searcher.variants(of: word, maxEdits: edits)
        func date(_ value: LetterDate?) -> JSON { value.map { .string($0.description) } ?? .null }
        if parsed.flags.contains("json") {
            print(JSON.object([("word", .string(word)), ("variants", .array(variants.map {
                .object([("word", .string($0.word)), ("edits", .integer($0.distance)), ("letters", .integer($0.letters)),
                         ("first", date($0.first)), ("last", date($0.last))])
            }))]).text)
            return
        }
        guard !variants.isEmpty else { return print("No word of the letters is within \(edits) edit\(edits == 1 ? "" : "s") of \(word).") }
        let wordWidth = variants.map(\.word.count).max() ?? 1
        let countWidth = variants.map { Terminal.count($0.letters).count }.max() ?? 1
        for variant in variants {
            let span = Terminal.dateSpan(variant.first, variant.last)
            let edits = variant.distance == 0 ? "the word" : "\(variant.distance) edit\(variant.distance == 1 ? "" : "s")"
            print(variant.word.rightPadded(wordWidth) + "  " + Terminal.count(variant.letters).leftPadded(countWidth) + " letter\(variant.letters == 1 ? " " : "s")  " + edits.rightPadded(8) + "  " + span)
        }
    }
}
