import MissiveIndex

/// The top level: picks the subcommand, and says what to do about a library error.
enum MissiveCommand {
    static let defaultIndex = ".missive"
    static let defaultCorpus = "Corpus"

    static let usage = """
    missive — full-text search for collections of letters

    Usage:
      missive search QUERY... [--index PATH] [--limit N|all] [--sort score|date|-date] [--fragments N]
                              [--json | --json-lines | --paths | --csv]
                              [--timeline [--by year|month] [--share]] [--facets from|to]
                              [--color auto|always|never]
      missive correspondents [QUERY...] [--index PATH] [--limit N|all] [--json | --csv]
      missive variants WORD [--max-edits 1|2] [--index PATH] [--json]
      missive similar PATH [--limit N] [--index PATH] [--json]
      missive index [DIR] [--index PATH] [--rebuild] [--verify] [--optimize] [--stem | --no-stem]
                          [--memory MB] [--threads N]
      missive show PATH [--index PATH]
      missive serve [--index PATH] [--port N] [--open] [--log] [--bind ADDR]
      missive stats [--index PATH] [--json]
      missive check [--index PATH]
      missive help [COMMAND | query]
      missive --version

    'missive help COMMAND' (or 'missive COMMAND --help') explains a command and its options;
    'missive help query' the query syntax. The index defaults to .missive and the folder to
    Corpus; 'search' with the default index builds it from Corpus when it is missing and updates
    it when Corpus has changed.

    Query syntax in brief: words are ANDed; OR; -word or NOT word; "exact phrase"; word* prefix;
    word~ fuzzy; NEAR(a b, N); ( ) to group; from:NAME, to:NAME, title:WORD, KEY:WORD for any
    other header; date:1942, date:1942-03, date:1942-01..1942-06.

    Exit status: 0 on success (also when nothing matches), 2 for a usage error or a malformed
    query, 1 for any other error.
    """

    /// Each command's help, by name.
    static let helpPages: [String: String] = [
        "search": SearchCommand.usage, "correspondents": CorrespondentsCommand.usage, "variants": VariantsCommand.usage, "similar": SimilarCommand.usage, "index": IndexCommand.usage, "show": ShowCommand.usage, "serve": ServeCommand.usage,
        "stats": StatsCommand.usage, "check": CheckCommand.usage, "query": QueryHelp.text,
    ]

    static func run(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw UsageError("no command given") }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h":
            print(usage)
        case "help":
            guard let topic = rest.first else { return print(usage) }
            guard rest.count == 1, let page = helpPages[topic] else {
                throw UsageError("help takes one of: \(helpPages.keys.sorted().joined(separator: ", "))")
            }
            print(page)
        case "--version":
            print("missive 0.3.0 (index format \(IndexReader.formatVersion))")
        case "search": try SearchCommand.run(rest)
        case "correspondents": try CorrespondentsCommand.run(rest)
        case "variants": try VariantsCommand.run(rest)
        case "similar": try SimilarCommand.run(rest)
        case "index": try IndexCommand.run(rest)
        case "show": try ShowCommand.run(rest)
        case "serve": try ServeCommand.run(rest)
        case "stats": try StatsCommand.run(rest)
        case "check": try CheckCommand.run(rest)
        default: throw UsageError("unknown command '\(command)'")
        }
    }

    /// Prints `text` and returns true when `arguments` ask for help.
    static func wantsHelp(_ arguments: [String], _ text: String) -> Bool {
        guard arguments.contains("--help") || arguments.contains("-h") else { return false }
        print(text)
        return true
    }

    /// What the user can do about `error`, as a clause to append to its description ("" when
    /// there is nothing to add).
    static func advice(for error: IndexError) -> String {
        switch error {
        case .notFound: return " (build one with 'missive index')"
        case .unsupportedVersion(let found, let expected) where found < expected: return "; run 'missive index' to rebuild it"
        case .corrupt: return "; rebuild it with 'missive index --rebuild'"
        case .tooManyTerms: return "; make it longer"
        default: return ""
        }
    }
}
