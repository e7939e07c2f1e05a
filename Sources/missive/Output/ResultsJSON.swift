import MissiveQuery

/// The JSON shapes `search --json` and `--json-lines` print.
enum ResultsJSON {
    /// `{"query", "parsed", "total", "hits": [...], "suggestion", "variants"}`.
    static func search(_ results: SearchResults, queryText: String, suggestion: String?, variants: [SpellingHint], paths: LetterPaths) -> JSON {
        .object([
            ("query", .string(queryText)),
            ("parsed", .string(results.query.description)),
            ("total", .integer(results.total)),
            ("hits", .array(results.hits.map { hit($0, paths: paths) })),
            ("suggestion", suggestion.map(JSON.string) ?? .null),
            ("variants", .array(variants.map {
                .object([("word", .string($0.word)), ("letters", .integer($0.letters)),
                         ("variant", .string($0.variant)), ("variantLetters", .integer($0.variantLetters))])
            })),
        ])
    }

    /// One hit (also one line of `--json-lines`): `path` as stored (relative to the indexed
    /// folder), `file` as it opens from the working folder; `date` null when the letter has none
    /// (or a malformed one), `dateText` the header as written; `snippet` plain, the highlights
    /// as UTF-8 byte ranges in `fragments` (the first of which is the snippet).
    static func hit(_ hit: SearchHit, paths: LetterPaths) -> JSON {
        .object([
            ("path", .string(hit.path)),
            ("file", .string(paths.openable(hit.path))),
            ("score", .number(hit.score)),
            ("date", hit.date.map { .string($0.description) } ?? .null),
            ("dateText", .string(hit.dateText)),
            ("from", .string(hit.from)),
            ("to", .string(hit.to)),
            ("title", .string(hit.title)),
            ("snippet", .string(hit.snippet.text)),
            // Plain passages with the matched words as UTF-8 byte ranges [start, end).
            ("fragments", .array(hit.fragments.map { fragment in
                .object([
                    ("text", .string(fragment.text)),
                    ("highlights", .array(fragment.highlights.map { .array([.integer($0.lowerBound), .integer($0.upperBound)]) })),
                ])
            })),
        ])
    }

    /// `{"query", "parsed", "by", "undated", "datedByYearOnly", "timeline": [{"period", "count", "letters", "share"}]}`.
    static func timeline(_ timeline: Timeline, queryText: String, query: Query, period: TimelinePeriod) -> JSON {
        .object([
            ("query", .string(queryText)), ("parsed", .string(query.description)),
            ("by", .string(period.rawValue)), ("undated", .integer(timeline.undated)),
            ("datedByYearOnly", .integer(timeline.datedByYearOnly)),
            ("timeline", .array(timeline.buckets.map {
                .object([("period", .string($0.period)), ("count", .integer($0.count)), ("letters", .integer($0.letters)), ("share", .number($0.share))])
            })),
        ])
    }

    /// `{"query", "parsed", "field", "facets": [{"value", "count"}]}`.
    static func facets(_ counts: [FacetCount], queryText: String, query: Query, field: FacetField) -> JSON {
        .object([
            ("query", .string(queryText)), ("parsed", .string(query.description)), ("field", .string(field.rawValue)),
            ("facets", .array(counts.map { .object([("value", .string($0.value)), ("count", .integer($0.count))]) })),
        ])
    }

    /// `{"query", "parsed", "pairs": [{"from", "to", "letters", "first", "last"}]}` (`query` and
    /// `parsed` null for every letter).
    static func correspondents(_ pairs: [CorrespondencePair], queryText: String, query: Query?) -> JSON {
        .object([
            ("query", query == nil ? .null : .string(queryText)), ("parsed", query.map { .string($0.description) } ?? .null),
            ("pairs", .array(pairs.map { pair in
                .object([("from", .string(pair.from)), ("to", .string(pair.to)), ("letters", .integer(pair.letters)),
                         ("first", pair.first.map { .string($0.description) } ?? .null),
                         ("last", pair.last.map { .string($0.description) } ?? .null)])
            })),
        ])
    }
}
