import Testing
import MissiveTestSupport
@testable import MissiveIndex

/// The build's ``TermTable`` hashes and compares keys a few overlapping words at a time: every
/// byte of a key must still count.
@Suite("Term table")
struct TermTableTests {
    /// Keys of every length from 0 to 40 bytes in three fields, many differing in one byte only
    /// (at the start, the middle, the end, and in the bytes two overlapping words share): each
    /// key gets one id however often it is interned, distinct keys get distinct ids, and the
    /// sorted ids follow the keys' bytes.
    @Test func everyKeyHasOneIdOfItsOwn() {
        var random = SeededGenerator(seed: 1947)
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) }
            keys.append(base)
            for position in Set([0, length / 2, max(0, length - 1), min(max(0, length - 1), 3), min(max(0, length - 1), 4)]) where length > 0 {
                var changed = base
                changed[position] = changed[position] == 0x61 ? 0x62 : 0x61
                keys.append(changed)
            }
        }
        var table = TermTable(capacity: 16)
        var ids: [[UInt8]: Int] = [:]
        for round in 0..<3 {
            for field in [UInt8(0), 1, 7] {
                for key in keys {
                    let id = key.withUnsafeBufferPointer { table.intern(field: field, term: $0) }
                    let full = [field] + key
                    if round == 0, ids[full] == nil {
                        ids[full] = id
                    } else {
                        #expect(ids[full] == id, "\(full) changed id")
                    }
                }
            }
        }
        #expect(table.count == ids.count)
        #expect(Set(ids.values).count == ids.count)
        let sorted = table.sortedIds().map { Array(table.key($0)) }
        #expect(sorted == ids.keys.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// The comparison behind a hash match: a key equals its copy and differs from every key
    /// with one byte changed, at every length from 0 to 40. Made to fail by comparing only the
    /// first four bytes of a key of four to eight, and by leaving a longer key's last word out.
    @Test func everyByteOfAKeyIsCompared() {
        var random = SeededGenerator(seed: 1948)
        var failures: [String] = []
        for length in 0...40 {
            let key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let copy = key
            key.withUnsafeBytes { a in
                copy.withUnsafeBytes { b in
                    if length > 0, !TermTable.equal(a.baseAddress!, b.baseAddress!, count: length) { failures.append("\(length): unequal to its copy") }
                }
            }
            for position in 0..<length {
                var changed = key
                changed[position] ^= 0x01
                key.withUnsafeBytes { a in
                    changed.withUnsafeBytes { b in
                        if TermTable.equal(a.baseAddress!, b.baseAddress!, count: length) { failures.append("\(length): byte \(position) not compared") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
