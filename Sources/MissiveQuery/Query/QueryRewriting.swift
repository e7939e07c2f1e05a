extension Query {
    /// The query with clauses replaced top-down: `transform` sees each clause first; where it
    /// returns a replacement, that is used as is, otherwise the clause's own clauses (of AND, OR
    /// and NOT) are rewritten in turn.
    func rewritten(_ transform: (Query) throws -> Query?) rethrows -> Query {
        if let replacement = try transform(self) { return replacement }
        switch self {
        case .and(let clauses): return .and(try clauses.map { try $0.rewritten(transform) })
        case .or(let clauses): return .or(try clauses.map { try $0.rewritten(transform) })
        case .not(let clause): return .not(try clause.rewritten(transform))
        default: return self
        }
    }

    /// The clauses that are neither AND nor OR reached through AND and OR alone: what a letter
    /// must or may contain (a NOT and everything under it is left out).
    var positiveLeaves: [Query] {
        switch self {
        case .and(let clauses), .or(let clauses): return clauses.flatMap(\.positiveLeaves)
        case .not: return []
        default: return [self]
        }
    }
}
