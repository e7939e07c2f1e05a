import MissiveIndex

extension Searcher {
    /// The keys (in lower case, byte order) of the headers whose words the index holds besides
    /// `Title`, `From`, `To` and `Date`: what `key:word` queries can name (`type`, `id`, …).
    public func headerKeys() throws -> [String] {
        var keys = Set<String>()
        try index.walkTerms(in: .header) { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return .next }
            keys.insert(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self))
            return .passOverKeys(sharing: colon + 1)
        }
        return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The header keys `query` names (`type` of `type:cablegram`, under NOT too) that no letter
    /// of the index has: such a clause can never match, which is worth saying.
    public func unknownHeaderKeys(in query: Query) throws -> [String] {
        var named: [String] = []
        func collect(_ clause: Query) {
            switch clause {
            case .term(let word, .header), .prefix(let word, .header), .fuzzy(let word, _, .header):
                named.append(String(word.prefix { $0 != ":" }))
            case .phrase(let words, .header):
                if let first = words.first { named.append(String(first.prefix { $0 != ":" })) }
            case .and(let clauses), .or(let clauses): clauses.forEach(collect)
            case .not(let inner): collect(inner)
            default: break
            }
        }
        collect(query)
        guard !named.isEmpty else { return [] }
        let known = Set(try headerKeys())
        var unknown: [String] = []
        for key in named where !known.contains(key) && !unknown.contains(key) { unknown.append(key) }
        return unknown
    }
}
