import MissiveIndex
import MissiveQuery

/// `missive similar`: the letters most like one letter.
enum SimilarCommand {
    static let usage = """
    Usage: missive similar PATH [--limit N] [--index PATH] [--json]

    Ranks the other letters by BM25 against the letter's most distinctive words (as Lucene's
    MoreLikeThis: title and body words occurring at least twice in it, held by at least two
    letters and by at most half of them, weighted tf·idf, the 25 heaviest), showing under each
    hit the words it shares. PATH is as search prints it (or as stored, or absolute).
      --limit N    how many letters (default 10)
      --json       {"path", "words": [{"word", "weight"}], "total", "hits": [{"path", "file", "score",
                   "date", "from", "to", "title", "words"}]}

    Example:
      missive similar Corpus/1945-04-07-stalin-to-roosevelt.txt --limit 3
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "limit"], switches: ["json"])
        guard parsed.positionals.count == 1 else { throw UsageError("similar takes one letter path") }
        let limit = try parsed.positiveInteger("limit", default: 10)
        let reader = try SearchCommand.openIndex(explicit: parsed.options["index"])
        let id = try ShowCommand.letterID(parsed.positionals[0], in: reader)
        let similar = try Searcher(index: reader).similar(to: id, limit: limit)
        let paths = LetterPaths(reader)
        if parsed.flags.contains("json") {
            print(JSON.object([
                ("path", .string(try reader.path(of: id))),
                ("words", .array(similar.words.map { .object([("word", .string($0.word)), ("weight", .number($0.weight))]) })),
                ("total", .integer(similar.results.total)),
                ("hits", .array(zip(similar.results.hits, similar.sharedWords).map { hit, words in
                    .object([("path", .string(hit.path)), ("file", .string(paths.openable(hit.path))), ("score", .number(hit.score)),
                             ("date", hit.date.map { .string($0.description) } ?? .null), ("from", .string(hit.from)),
                             ("to", .string(hit.to)), ("title", .string(hit.title)), ("words", .array(words.map(JSON.string)))])
                })),
            ]).text)
            return
        }
        guard !similar.words.isEmpty else {
            return print("The letter has no distinctive words to match (none occurs twice in it and in other letters).")
        }
        print("Letters like \(paths.openable(try reader.path(of: id))), by its words: " + similar.words.map(\.word).joined(separator: ", "))
        print("")
        guard !similar.results.hits.isEmpty else { return print("No other letter shares them.") }
        for (rank, (hit, words)) in zip(similar.results.hits, similar.sharedWords).enumerated() {
            print(ResultsPrinter.headline(rank: rank, hit))
            print("   \(hit.title)")
            print("   \(paths.openable(hit.path))")
            print("   shares: " + words.joined(separator: ", "))
            print("")
        }
        print("\(Terminal.count(similar.results.total)) other letter\(similar.results.total == 1 ? "" : "s") share some of these words.")
    }
}
