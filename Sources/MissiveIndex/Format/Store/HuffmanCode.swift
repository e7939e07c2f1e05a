/// A canonical prefix code over an alphabet of a few hundred symbols, as ``LZHuffmanBlock`` writes
/// it: each symbol's code length (0 = not used, at most ``maximumLength``), from which the codes
/// themselves follow (DEFLATE's rule: shorter codes first, then by symbol). Codes are written
/// least significant bit first, so the bits of each code are stored reversed.
///
/// A block's code is either complete (every string of ``maximumLength`` bits starts with exactly
/// one code) or empty (no symbol used): anything else in a block is damage.
struct HuffmanCode {
    /// The longest code: a decoding table has 2^12 entries.
    static let maximumLength = 12

    /// Each symbol's code length in bits, 0 for a symbol not used.
    let lengths: [UInt8]
    /// Each symbol's code, bit-reversed (the first bit written in bit 0).
    let codes: [UInt16]

    /// The code for symbols seen `frequencies` times: a Huffman code, flattened until no code is
    /// longer than ``maximumLength``. One symbol used gets a one-bit code and a partner (so that
    /// the code is complete); none used gives the empty code.
    init(frequencies: [Int]) {
        var weights = frequencies
        var lengths = Self.huffmanLengths(weights)
        while let longest = lengths.max(), longest > Self.maximumLength {
            // Halving the weights (keeping every used symbol at 1 or more) flattens the tree.
            for symbol in weights.indices where weights[symbol] > 0 { weights[symbol] = (weights[symbol] + 1) / 2 }
            lengths = Self.huffmanLengths(weights)
        }
        self.init(lengths: lengths)
    }

    /// The code of the given lengths (already checked: see ``tableEntries(lengths:)``).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        var nextCode = Self.firstCodes(lengths)
        codes = lengths.map { length in
            guard length > 0 else { return 0 }
            let code = nextCode[Int(length)]
            nextCode[Int(length)] += 1
            return UInt16(Self.reversed(code, bits: Int(length)))
        }
    }

    /// Depth of each symbol in a Huffman tree of the weights (two queues over the used symbols
    /// sorted by weight, then by symbol, so the result never depends on anything else).
    private static func huffmanLengths(_ weights: [Int]) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: weights.count)
        let used = weights.indices.filter { weights[$0] > 0 }.sorted { (weights[$0], $0) < (weights[$1], $1) }
        if used.count == 1 {
            lengths[used[0]] = 1
            lengths[used[0] == 0 ? 1 : 0] = 1
        }
        guard used.count > 1 else { return lengths }
        // Nodes: the leaves in order, then the merged nodes as they are made (weights never decrease).
        var nodeWeights = used.map { weights[$0] }
        var parents = [Int](repeating: 0, count: 2 * used.count - 1)
        var nextLeaf = 0
        var nextMerged = used.count
        func takeLightest() -> Int {
            if nextLeaf < used.count, nextMerged >= nodeWeights.count || nodeWeights[nextLeaf] <= nodeWeights[nextMerged] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextMerged += 1
            return nextMerged - 1
        }
        for _ in 1..<used.count {
            let first = takeLightest(), second = takeLightest()
            parents[first] = nodeWeights.count
            parents[second] = nodeWeights.count
            nodeWeights.append(nodeWeights[first] + nodeWeights[second])
        }
        // Depths from the root (the last node) down: a parent always comes after its children.
        var depths = [Int](repeating: 0, count: nodeWeights.count)
        for node in stride(from: nodeWeights.count - 2, through: 0, by: -1) { depths[node] = depths[parents[node]] + 1 }
        for (leaf, symbol) in used.enumerated() { lengths[symbol] = UInt8(depths[leaf]) }
        return lengths
    }

    /// The first code of each length, DEFLATE's way.
    private static func firstCodes(_ lengths: [UInt8]) -> [Int] {
        var counts = [Int](repeating: 0, count: maximumLength + 1)
        for length in lengths where length > 0 { counts[Int(length)] += 1 }
        var firstCodes = [Int](repeating: 0, count: maximumLength + 1)
        var code = 0
        for length in 1...maximumLength {
            code = (code + counts[length - 1]) << 1
            firstCodes[length] = code
        }
        return firstCodes
    }

    private static func reversed(_ code: Int, bits: Int) -> Int {
        var reversed = 0
        for bit in 0..<bits where code & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
        return reversed
    }

    /// A decoding table for the code of `lengths`: entry `i` (for the next ``maximumLength`` bits
    /// `i`, first bit in bit 0) is the symbol that starts them, times 16, plus its length; nil
    /// when a length is over the maximum or the code is neither complete nor empty. An empty
    /// code's table is all zeros (length 0: damage if ever used).
    static func tableEntries(lengths: [UInt8]) -> [UInt16]? {
        let size = 1 << maximumLength
        var kraftSum = 0
        for length in lengths where length > 0 {
            guard length <= maximumLength else { return nil }
            kraftSum += size >> Int(length)
        }
        var table = [UInt16](repeating: 0, count: size)
        guard kraftSum != 0 else { return table }
        guard kraftSum == size else { return nil }
        let code = HuffmanCode(lengths: lengths)
        table.withUnsafeMutableBufferPointer { entries in
            for symbol in lengths.indices where lengths[symbol] > 0 {
                let length = Int(lengths[symbol])
                let entry = UInt16(symbol << 4 | length)
                var index = Int(code.codes[symbol])
                while index < size {
                    entries[index] = entry
                    index += 1 << length
                }
            }
        }
        return table
    }
}
