import MissiveIndex

/// The edit distance from one ASCII word to each word of a dictionary walked in byte order, as a
/// Levenshtein automaton run bit-parallel (Wu and Manber's simulation of the nondeterministic
/// automaton): after a prefix of a dictionary word, state vector `j` has bit `i` set when the
/// wanted word's first `i` bytes are within `j` edits of that prefix — one row of the
/// dynamic-programming table, thresholded, in `limit + 1` machine words, each byte costing a few
/// shifts and masks whatever the word's length. The vectors are kept for the bytes a word shares
/// with the one before it, so each word costs only its new bytes, and once a prefix is more than
/// `limit` edits away from every prefix of the wanted word (vector `limit` empty) every word
/// starting with it is passed over. Words with bytes beyond ASCII are measured over Unicode
/// scalars by ``EditDistance``, as is everything when the wanted word is not ASCII or longer
/// than 63 bytes.
struct EditDistanceRows: ~Copyable {
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
    /// The wanted word's bytes, when they are all ASCII and at most 63 (bytes are then scalars,
    /// and the prefixes' lengths 0…count fit a 64-bit vector).
    private let wantedASCII: [UInt8]?
    private let limit: Int
    /// For each ASCII byte, bit `i + 1` set where the wanted word's byte `i` is that byte.
    private let matches: UnsafeMutableBufferPointer<UInt64>
    /// `limit + 1` state vectors per prefix length `d` of the word measured last (rows
    /// 0...prefixLength are valid); held in memory of their own, freed with the value (which
    /// cannot be copied), so that measuring a word touches no reference count.
    private let states: UnsafeMutableBufferPointer<UInt64>
    /// The bytes the valid rows were computed for (the longest useful prefix is
    /// `wanted.count + limit` bytes).
    private let prefix: UnsafeMutableBufferPointer<UInt8>
    /// How many of `prefix`'s bytes the rows are valid for (in that memory too, so that
    /// measuring does not mutate the value: a walk's closure captures it without the runtime's
    /// exclusivity checks).
    private let prefixLengthStorage: UnsafeMutablePointer<Int>
    private var prefixLength: Int {
        get { prefixLengthStorage.pointee }
        nonmutating set { prefixLengthStorage.pointee = newValue }
    }

    /// Distances to `word`, counted only up to `limit`.
    init(to word: String, limit: Int) {
        let limit = max(0, limit)
        wanted = Array(word.unicodeScalars)
        let bytes = Array(word.utf8)
        wantedASCII = bytes.count == wanted.count && bytes.count <= 63 ? bytes : nil
        self.limit = limit
        matches = .allocate(capacity: 128)
        matches.initialize(repeating: 0)
        for (index, byte) in bytes.enumerated() where byte < 0x80 && index < 63 { matches[Int(byte)] |= 1 << UInt64(index + 1) }
        // Rows beyond wanted.count + limit are never needed: such a prefix is too long.
        states = .allocate(capacity: (bytes.count + limit + 1) * (limit + 1))
        states.initialize(repeating: 0)
        // The empty prefix is within j edits of the wanted word's first j bytes (deleting them).
        let valid: UInt64 = bytes.count >= 63 ? .max : (1 << UInt64(bytes.count + 1)) &- 1
        for edits in 0...limit { states[edits] = ((1 << UInt64(min(edits + 1, 63))) &- 1) & valid }
        prefix = .allocate(capacity: bytes.count + limit + 1)
        prefix.initialize(repeating: 0)
        prefixLengthStorage = .allocate(capacity: 1)
        prefixLengthStorage.initialize(to: 0)
    }

    deinit {
        matches.deallocate()
        states.deallocate()
        prefix.deallocate()
        prefixLengthStorage.deallocate()
    }

    /// How far `word` (UTF-8 bytes) is, reusing the rows of the bytes it shares with the word
    /// measured before.
    func measure(_ word: UnsafeRawBufferPointer) -> Outcome {
        guard let length = wantedASCII?.count else { return measureScalars(word) }
        let limit = self.limit, width = limit + 1
        // Bits 0…length: the prefixes of the wanted word.
        let valid: UInt64 = length == 63 ? .max : (1 << UInt64(length + 1)) &- 1
        var depth = 0
        while depth < prefixLength && depth < word.count && prefix[depth] == word[depth] { depth += 1 }
        prefixLength = depth
        while depth < word.count {
            let byte = word[depth]
            guard byte < 0x80 else { return measureScalars(word) }
            // A prefix longer than the word plus the limit needs more insertions than allowed.
            // (The word of these `depth` bytes alone, if any, came before.)
            guard depth < length + limit else { return .beyondWithPrefix(sharing: depth) }
            let mask = matches[Int(byte)]
            let above = depth * width, row = above + width
            // Within 0 edits: a match of the next byte; within j: also a byte inserted or
            // substituted after j - 1 edits, or a wanted byte deleted (from the new row).
            var previousOld = states[above]
            var previousNew = (previousOld << 1) & mask
            states[row] = previousNew
            var edits = 1
            while edits <= limit {
                let old = states[above + edits]
                let new = (((old << 1) & mask) | previousOld | (previousOld << 1) | (previousNew << 1)) & valid
                states[row + edits] = new
                previousOld = old
                previousNew = new
                edits += 1
            }
            if previousNew == 0 { return nextPossible(after: byte, below: depth) }
            prefix[depth] = byte
            depth += 1
            prefixLength = depth
        }
        let last = UInt64(1) << UInt64(length)
        let row = word.count * width
        for edits in 0...limit where states[row + edits] & last != 0 { return .within(edits) }
        return .beyond
    }

    /// Where the next word that could be near starts, when the first `depth` bytes of a word are
    /// near enough but no word with `byte` after them is. Then no prefix of the wanted word is
    /// within `limit - 1` edits of those bytes (else one more edit would do for any byte), so a
    /// byte keeps a word near only by matching the wanted word's next byte after a prefix at
    /// exactly the limit: the smallest such byte above `byte` is where to go on, and with none
    /// every word with these `depth` bytes is too far.
    private func nextPossible(after byte: UInt8, below depth: Int) -> Outcome {
        guard let wanted = wantedASCII else { return .beyondWithPrefix(sharing: depth) }
        var atLimit = states[depth * (limit + 1) + limit]
        var next: UInt8? = nil
        while atLimit != 0 {
            let index = atLimit.trailingZeroBitCount
            atLimit &= atLimit &- 1
            if index < wanted.count && wanted[index] > byte { next = min(next ?? .max, wanted[index]) }
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
