import MissiveIndex

/// The letters every one of several postings lists holds, in order, found by leapfrogging: the
/// lead (the first cursor; callers put the rarest word first) proposes a letter, the others
/// advance to it, and any that overshoots proposes the next. Written once for AND, phrases and
/// NEAR, exhaustive and top-k alike.
struct Conjunction {
    /// The cursors, lead first. After a match, each stands on the matched letter.
    var cursors: [PostingsCursor]

    /// What bringing the other cursors to the lead's letter found.
    enum Alignment {
        /// Every cursor holds the letter.
        case matched
        /// A cursor has none before this letter: try it next.
        case overshot(Int)
        /// A cursor has run out: there are no more matches.
        case exhausted
    }

    /// Moves the lead to its first letter ≥ `target`; nil when it has none.
    @inline(__always)
    mutating func advanceLead(to target: Int) throws -> Int? {
        try cursors[0].advance(to: target) ? cursors[0].letter : nil
    }

    /// Brings the other cursors to `letter`, where the lead stands.
    @inline(__always)
    mutating func align(to letter: Int) throws -> Alignment {
        for i in cursors.indices.dropFirst() {
            guard try cursors[i].advance(to: letter) else { return .exhausted }
            if cursors[i].letter != letter { return .overshot(cursors[i].letter) }
        }
        return .matched
    }

    /// The first letter ≥ `target` that every cursor holds (each left standing on it); nil when
    /// there is none.
    @inline(__always)
    mutating func next(atOrAfter target: Int) throws -> Int? {
        var target = target
        while let letter = try advanceLead(to: target) {
            switch try align(to: letter) {
            case .matched: return letter
            case .overshot(let next): target = next
            case .exhausted: return nil
            }
        }
        return nil
    }
}
