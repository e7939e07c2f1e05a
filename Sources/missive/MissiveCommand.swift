import MissiveIndex

/// The top level: picks the subcommand, and says what to do about a library error.
enum MissiveCommand {
    static let defaultIndex = ".missive"
    static let defaultCorpus = "Corpus"

    static let usage = """
    missive — full-text search for collections of letters

    Usage:
      missive search QUERY... [--index PATH] [--limit N] [--sort ORDER] [--json|--json-lines|--paths]
                              [--timeline [--by year|month]] [--facets from|to]
      missive index [DIR] [--index PATH] [--stem] [--memory MB] [--threads N]
      missive show PATH [--index PATH]
      missive stats [--index PATH] [--json]
      missive check [--index PATH]

    Run 'missive COMMAND --help' for a command's options. The index defaults to .missive and
    the folder to Corpus; 'search' builds the index from Corpus when it is missing.

    Query syntax: words are ANDed; OR; -word or NOT word; "exact phrase"; word* prefix;
    ( ) to group; from:NAME, to:NAME; date:1942, date:1942-03, date:1942-01..1942-06.
    """

    static func run(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw UsageError("no command given") }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h", "help":
            print(usage)
        case "--version":
            print("missive 0.2.0 (index format \(IndexReader.formatVersion))")
        case "search": try SearchCommand.run(rest)
        case "index": try IndexCommand.run(rest)
        case "show": try ShowCommand.run(rest)
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
        case .unsupportedVersion, .corrupt: return "; rebuild it with 'missive index'"
        case .tooManyTerms: return "; make it longer"
        default: return ""
        }
    }
}
