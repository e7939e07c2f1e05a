/// `missive help query`: the whole query syntax, one example per row (also at the end of
/// `missive search --help`).
enum QueryHelp {
    static let text = """
    Query syntax (as in Lucene and SQLite FTS5):
      second front                 both words, anywhere in title or body (AND is implied)
      convoy AND murmansk          the same, AND written out
      convoy OR convoys            either word; AND binds tighter: a b OR c is (a AND b) OR c
      stalin -churchill            stalin but not churchill in title or body (NOT churchill too);
                                   -to:churchill leaves out letters to Churchill
      "second front"               the exact phrase (a missing closing quote is forgiven)
      convoy*                      a word starting with convoy
      recd~  genl~2                a word within one (two) edits: old and misread spellings
      NEAR(stalin churchill, 5)    all the words with at most 5 others between, in any order
                                   (default 10)
      (bern OR berne) -from:stalin parentheses group; every ( needs its )
      from:roosevelt  to:"W. Churchill"  from:roos*  from:rosevelt~
                                   words of the From or To header (prefix and fuzzy too)
      title:convoy                 a word of the title
      type:cablegram               a word of any other header, by its key (Type:, Id:, …)
      date:1942  date:1942-03  date:1942-03-15
                                   dated within that year, month or day
      date:1942-01..1942-06  date:..1942  date:1944..
                                   dated within the range (ends included)
    OR, AND, NOT and NEAR are keywords in capitals only. Words are matched as the letters'
    words are indexed: case and accents folded, punctuation splits words (anti-Hitler is the
    phrase "anti hitler"). * and ~ only end a word, and not inside quotes or NEAR( ); a query
    that cannot be run is an error pointing at its column (exit status 2). On the command
    line, quote a query with a leading -word or put it after --: missive search -- stalin -churchill
    """
}
