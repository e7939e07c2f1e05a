import MissiveIndex

/// The edit distance from one ASCII word to each word of a dictionary walked in byte order: the
/// rows of the dynamic-programming table are kept for the bytes a word shares with the one
/// before it, so each word costs only its new bytes, and once a prefix is more than `limit`
/// edits away every word starting with it is passed over (no row can shrink as bytes are added).
/// Words with bytes beyond ASCII are measured over Unicode scalars by ``EditDistance``, as is
/// everything when the wanted word is not ASCII.
struct EditDistanceRows {
    /// What is known of a dictionary word.
    enum Outcome: Equatable {
        /// Within the limit, at this distance.
        case within(Int)
        /// Beyond the limit.
        case beyond
        /// Beyond the limit, as is every word starting with this word's first `sharing` bytes.
        case beyondWithPrefix(sharing: Int)
        /// Beyond the limit, as is every word after it that comes before this word's first
        /// `sharing` bytes followed by `then`.
        case beyondUntil(sharing: Int, then: UInt8)
    }

    private let wanted: [Unicode.Scalar]
    /// The wanted word's bytes, when they are all ASCII (bytes are then scalars).
    private let wantedASCII: [UInt8]?
    private let limit: Int
    /// Row `d` (of `wanted.count + 1` cells) is the distance of each prefix of the wanted word to
    /// the first `d` bytes of `prefix`; rows 0...prefixLength are valid (in a row, only the cells
    /// of its band, ±limit around the diagonal, and the one just outside each side).
    private var rows: [Int]
    /// The bytes the valid rows were computed for (the longest useful prefix is
    /// `wanted.count + limit` bytes).
    private var prefix: [UInt8]
    private var prefixLength = 0

    /// Distances to `word`, counted only up to `limit`.
    init(to word: String, limit: Int) {
        wanted = Array(word.unicodeScalars)
        let bytes = Array(word.utf8)
        wantedASCII = bytes.count == wanted.count ? bytes : nil
        self.limit = limit
        // Rows beyond wanted.count + limit are never needed: such a prefix is too long.
        rows = [Int](repeating: 0, count: (wanted.count + limit + 1) * (wanted.count + 1))
        for column in 0...wanted.count { rows[column] = column }
        prefix = [UInt8](repeating: 0, count: wanted.count + limit + 1)
    }

    /// How far `word` (UTF-8 bytes) is, reusing the rows of the bytes it shares with the word
    /// measured before.
    mutating func measure(_ word: UnsafeRawBufferPointer) -> Outcome {
        guard let wantedASCII else { return measureScalars(word) }
        let limit = self.limit
        var depth = 0
        var known = prefixLength
        let outcome: Outcome? = prefix.withUnsafeMutableBufferPointer { prefix in
            rows.withUnsafeMutableBufferPointer { rows in
                wantedASCII.withUnsafeBufferPointer { wanted in
                    let width = wanted.count + 1
                    while depth < known && depth < word.count && prefix[depth] == word[depth] { depth += 1 }
                    known = depth
                    while depth < word.count {
                        let byte = word[depth]
                        guard byte < 0x80 else { return .some(.beyond) }  // measured over scalars below
                        // A prefix longer than the word plus the limit needs more insertions than
                        // allowed. (The word of these `depth` bytes alone, if any, came before.)
                        guard depth < wanted.count + limit else { return .beyondWithPrefix(sharing: depth) }
                        let above = depth * width, row = above + width
                        rows[row] = depth + 1
                        var smallest = depth + 1
                        // Only the band of columns within `limit` of this row can be within the
                        // limit (a cell is at least the difference of its prefixes' lengths); the
                        // cells just outside it are set to limit + 1, all the next row needs.
                        let low = max(1, depth + 1 - limit), high = min(width - 1, depth + 1 + limit)
                        if low > 1 { rows[row + low - 1] = limit + 1 }
                        var column = low
                        while column <= high {
                            let cell = min(rows[above + column - 1] + (wanted[column - 1] == byte ? 0 : 1),
                                           rows[above + column] + 1, rows[row + column - 1] + 1)
                            rows[row + column] = cell
                            smallest = min(smallest, cell)
                            column += 1
                        }
                        if high + 1 < width { rows[row + high + 1] = limit + 1 }
                        if smallest > limit { return Self.nextPossible(after: byte, below: depth, rows: rows, wanted: wanted, limit: limit) }
                        prefix[depth] = byte
                        depth += 1
                        known = depth
                    }
                    guard abs(word.count - wanted.count) <= limit else { return .beyond }
                    let distance = rows[word.count * width + wanted.count]
                    return distance <= limit ? .within(distance) : .beyond
                }
            }
        }
        prefixLength = known
        if depth < word.count && word[depth] >= 0x80 { return measureScalars(word) }
        return outcome ?? .beyond
    }

    /// Where the next word that could be near starts, when the first `depth` bytes of a word are
    /// near enough (row `depth` holds a cell within the limit) but no word with `byte` after them
    /// is. Then the row's smallest cell is exactly the limit (one less and any byte would do),
    /// so a byte keeps a word near only by matching the wanted word where the row is at the
    /// limit: the smallest such byte above `byte` is where to go on, and with none every word
    /// with these `depth` bytes is too far.
    private static func nextPossible(after byte: UInt8, below depth: Int, rows: UnsafeMutableBufferPointer<Int>,
                                     wanted: UnsafeBufferPointer<UInt8>, limit: Int) -> Outcome {
        let width = wanted.count + 1
        let row = depth * width
        var next: UInt8? = nil
        // Only the cells of the row's band are kept (the others are beyond the limit).
        let low = max(1, depth - limit + 1), high = min(width - 1, depth + limit + 1)
        for column in stride(from: low, through: high, by: 1) where rows[row + column - 1] <= limit && wanted[column - 1] > byte {
            next = min(next ?? .max, wanted[column - 1])
        }
        if let next { return .beyondUntil(sharing: depth, then: next) }
        return .beyondWithPrefix(sharing: depth)
    }

    /// The distance over Unicode scalars, with nothing kept for the next word.
    private func measureScalars(_ word: UnsafeRawBufferPointer) -> Outcome {
        // A scalar takes at most 4 bytes: a longer word has too many scalars.
        guard word.count <= 4 * (wanted.count + limit) else { return .beyond }
        let scalars = Array(String(decoding: word, as: UTF8.self).unicodeScalars)
        return EditDistance.within(wanted, scalars, limit: limit).map { .within($0) } ?? .beyond
    }
}
