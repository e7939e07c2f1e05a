import Foundation
import MissiveTestSupport

/// Draws ranks 0..<n with probability ∝ 1/(rank+1)^s in constant time (Walker's alias method).
struct ZipfSampler {
    private var probability: [Double]
    private var alias: [Int32]

    init(count: Int, exponent: Double) {
        var weights = (0..<count).map { 1 / pow(Double($0 + 1), exponent) }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] *= Double(count) / total }
        probability = [Double](repeating: 1, count: count)
        alias = (0..<count).map(Int32.init)
        var small = weights.indices.filter { weights[$0] < 1 }
        var large = weights.indices.filter { weights[$0] >= 1 }
        while let s = small.popLast(), let l = large.popLast() {
            probability[s] = weights[s]
            alias[s] = Int32(l)
            weights[l] -= 1 - weights[s]
            if weights[l] < 1 { small.append(l) } else { large.append(l) }
        }
    }

    func sample(_ random: inout SeededGenerator) -> Int {
        let slot = Int(random.next() % UInt64(probability.count))
        return random.unit() < probability[slot] ? slot : Int(alias[slot])
    }
}

/// Writes a synthetic collection of letters: a Zipf-distributed vocabulary (English function
/// words first, then made-up words), log-normal letter lengths like real correspondence (median
/// about 450 words), `From`/`To`/`Date` headers from a fixed cast, and known phrases planted at
/// known rates. 1 GB is about 380,000 letters.
struct SyntheticCorpus {
    /// Phrases planted in the given share of letters.
    static let plantedPhrases: [(phrase: String, rate: Double)] = [
        ("second front", 0.05), ("unconditional surrender", 0.02), ("operation overlord", 0.005),
    ]
    static let functionWords = """
    the of and to in a that is it for as with was his he be on by not at this are which from
    have or had but we you they all their an i been has were will would there our one so no more
    your its them other who than my very these may any should what me shall can upon some such
    """.split(whereSeparator: \.isWhitespace).map(String.init)

    let megabytes: Int
    let seed: UInt64
    var vocabularySize = 200_000

    /// The folder the corpus is written to (reused when complete).
    func folder(under root: String) -> String { "\(root)/synthetic-\(megabytes)mb-seed\(seed)-v2" }

    /// Writes the corpus unless a complete copy exists; returns its folder.
    func materialize(under root: String, log: (String) -> Void) throws -> String {
        let folder = folder(under: root)
        let marker = folder + "/.complete"
        if FileManager.default.fileExists(atPath: marker) { return folder }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        log("writing \(megabytes) MB of synthetic letters to \(folder)")
        var random = SeededGenerator(seed: seed)
        let words = makeVocabulary(&random)
        let zipf = ZipfSampler(count: words.count, exponent: 1.0)
        let people = makePeople(&random)
        let target = megabytes * 1_000_000
        var written = 0
        var number = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        while written < target {
            let sub = String(format: "%@/v%04d", folder, number / 1000)
            if number % 1000 == 0 { try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true) }
            buffer.removeAll(keepingCapacity: true)
            writeLetter(into: &buffer, number: number, words: words, zipf: zipf, people: people, random: &random)
            let path = String(format: "%@/l%06d.txt", sub, number)
            guard FileManager.default.createFile(atPath: path, contents: Data(buffer)) else {
                throw BenchError("cannot write \(path)")
            }
            written += buffer.count
            number += 1
        }
        _ = FileManager.default.createFile(atPath: marker, contents: Data("\(number) letters\n".utf8))
        return folder
    }

    private func writeLetter(into out: inout [UInt8], number: Int, words: [[UInt8]], zipf: ZipfSampler,
                             people: [String], random: inout SeededGenerator) {
        let from = people[Int(random.next() % UInt64(people.count))]
        var to = people[Int(random.next() % UInt64(people.count))]
        if to == from { to = people[(people.firstIndex(of: from)! + 1) % people.count] }
        let year = 1941 + Int(random.next() % 5)
        let month = 1 + Int(random.next() % 12)
        let day = 1 + Int(random.next() % 28)
        let header = "Title: \(from) to \(to)\nFrom: \(from)\nTo: \(to)\nDate: \(String(format: "%04d-%02d-%02d", year, month, day))\nType: Letter\n\n"
        out.append(contentsOf: header.utf8)
        // Log-normal length: median 250 words, sigma 0.8, clamped to 20...20,000.
        let gaussian = sqrt(-2 * log(max(random.unit(), 1e-12))) * cos(2 * Double.pi * random.unit())
        let length = min(20_000, max(20, Int(250 * exp(0.8 * gaussian))))
        var planted: [[UInt8]] = []
        for (phrase, rate) in Self.plantedPhrases where random.unit() < rate { planted.append(Array(phrase.utf8)) }
        var sentenceLeft = 0
        var paragraphLeft = 4 + Int(random.next() % 5)
        for index in 0..<length {
            if sentenceLeft == 0 {
                if index > 0 {
                    out.append(UInt8(ascii: "."))
                    paragraphLeft -= 1
                    if paragraphLeft == 0 {
                        out.append(contentsOf: [10, 10])
                        paragraphLeft = 4 + Int(random.next() % 5)
                    } else {
                        out.append(32)
                    }
                }
                sentenceLeft = 6 + Int(random.next() % 20)
                if let phrase = planted.popLast() {
                    out.append(contentsOf: phrase)
                    out.append(32)
                }
                var word = words[zipf.sample(&random)]
                if let first = word.first, first >= 97, first <= 122 { word[0] = first - 32 }
                out.append(contentsOf: word)
            } else {
                if random.next() % 14 == 0 { out.append(UInt8(ascii: ",")) }
                out.append(32)
                out.append(contentsOf: words[zipf.sample(&random)])
            }
            sentenceLeft -= 1
        }
        out.append(contentsOf: ".\n".utf8)
    }

    private func makeVocabulary(_ random: inout SeededGenerator) -> [[UInt8]] {
        let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
                      "br", "ch", "cl", "cr", "dr", "fr", "gr", "pl", "pr", "sh", "st", "th", "tr", ""]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        let codas = ["", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "rd", "ck"]
        var seen = Set(Self.functionWords)
        var result = Self.functionWords.map { Array($0.utf8) }
        while result.count < vocabularySize {
            // Frequent words short, rare words long.
            let syllables = 1 + Int(random.next() % UInt64(result.count < 2000 ? 2 : 4))
            var word = ""
            for _ in 0..<syllables {
                word += onsets[Int(random.next() % UInt64(onsets.count))]
                word += vowels[Int(random.next() % UInt64(vowels.count))]
                word += codas[Int(random.next() % UInt64(codas.count))]
            }
            if word.count >= 2, seen.insert(word).inserted { result.append(Array(word.utf8)) }
        }
        return result
    }

    private func makePeople(_ random: inout SeededGenerator) -> [String] {
        let first = ["Joseph", "Winston", "Franklin", "Harry", "Anthony", "Cordell", "Averell", "Vyacheslav",
                     "Clement", "George", "Dwight", "Harold", "Ivan", "Alexander", "Edward", "John"]
        let last = ["Stalin", "Churchill", "Roosevelt", "Hopkins", "Eden", "Hull", "Harriman", "Molotov",
                    "Attlee", "Marshall", "Eisenhower", "Macmillan", "Maisky", "Cadogan", "Stettinius",
                    "Winant", "Clark", "Kerr", "Gromyko", "Standley"]
        var people: [String] = []
        for l in last { people.append("\(first[Int(random.next() % UInt64(first.count))]) \(l)") }
        return people
    }
}
