/// Which segments to merge after an update, so that their number stays logarithmic in the
/// letters (after Lucene's tiered policy): segments are grouped into levels by their live letters
/// (level = ⌊log_f(live)⌋ for a merge factor f); whenever a level holds f segments they are
/// merged into one of the next level, which may cascade. A segment that has lost more than a
/// quarter of its letters to deletions is rewritten (merged with its level, or alone), so
/// deletions never pile up. With f segments per level at most f − 1 remain on each, so an index
/// of n letters has at most (f − 1)·log_f(n) + 1 segments.
struct MergePolicy: Sendable {
    /// Segments per level that trigger a merge (0: never merge).
    var factor: Int

    /// A segment as the policy sees it.
    struct Candidate: Equatable {
        var name: String
        var letters: Int
        var deleted: Int
        var live: Int { letters - deleted }
    }

    /// Groups of segment names to merge, each group into one new segment (a group of one is a
    /// segment rewritten without its deleted letters). `segments` are the index's segments once
    /// the update's own are in; segments with no live letter are for the caller to drop.
    func merges(_ segments: [Candidate]) -> [[String]] {
        guard factor >= 2 else { return [] }
        struct Entry { var names: [String]; var live: Int; var rewritten: Bool }
        var entries = segments.filter { $0.live > 0 }.map {
            Entry(names: [$0.name], live: $0.live, rewritten: $0.deleted * 4 > $0.letters)
        }
        while true {
            let byLevel = Dictionary(grouping: entries.indices, by: { level(of: entries[$0].live) })
            guard let members = byLevel.filter({ $0.value.count >= factor }).min(by: { $0.key < $1.key })?.value else { break }
            let chosen = Set(members.sorted { (entries[$0].live, $0) < (entries[$1].live, $1) }.prefix(factor))
            let merged = Entry(names: chosen.sorted().flatMap { entries[$0].names },
                               live: chosen.reduce(0) { $0 + entries[$1].live }, rewritten: true)
            entries = entries.indices.filter { !chosen.contains($0) }.map { entries[$0] } + [merged]
        }
        return entries.filter(\.rewritten).map(\.names)
    }

    private func level(of live: Int) -> Int {
        var level = 0
        var size = max(live, 1)
        while size >= factor { size /= factor; level += 1 }
        return level
    }
}
