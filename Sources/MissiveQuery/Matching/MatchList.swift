/// Letters matching a (sub)query, ascending by letter id, with their scores.
struct MatchList {
    var letters: [Int32] = []
    var scores: [Double] = []

    var count: Int { letters.count }

    mutating func append(_ letter: Int, _ score: Double) {
        letters.append(Int32(letter))
        scores.append(score)
    }

    /// The letters in both lists, scores summed (left's first): galloping through the longer.
    func intersection(_ other: MatchList) -> MatchList {
        var result = MatchList()
        var i = 0, j = 0
        while i < count && j < other.count {
            let a = letters[i], b = other.letters[j]
            if a == b {
                result.append(Int(a), scores[i] + other.scores[j])
                i += 1; j += 1
            } else if a < b {
                i = Self.gallop(letters, from: i + 1, to: b)
            } else {
                j = Self.gallop(other.letters, from: j + 1, to: a)
            }
        }
        return result
    }

    /// The letters of this list not in `other`, scores kept.
    func subtracting(_ other: MatchList) -> MatchList {
        var result = MatchList()
        var j = 0
        for i in 0..<count {
            let letter = letters[i]
            while j < other.count && other.letters[j] < letter { j += 1 }
            if j < other.count && other.letters[j] == letter { continue }
            result.append(Int(letter), scores[i])
        }
        return result
    }

    /// The first index ≥ `from` whose letter is ≥ `target` (exponential then binary search).
    private static func gallop(_ letters: [Int32], from: Int, to target: Int32) -> Int {
        var step = 1
        var low = from
        var high = from
        while high < letters.count && letters[high] < target {
            low = high + 1
            high += step
            step <<= 1
        }
        high = min(high, letters.count)
        while low < high {
            let middle = (low + high) / 2
            if letters[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
