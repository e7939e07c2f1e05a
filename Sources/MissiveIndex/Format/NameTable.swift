/// The names section: each letter's `From` and `To` as ids into a table of the segment's
/// distinct names, so senders and recipients are counted (facets, correspondents) without
/// reading a stored letter.
///
/// ```
/// 0          name count N              u32   (N ≥ 1; name 0 is the empty name: no header)
/// 4          per letter, in id order:  from u32, to u32                     (8 bytes each)
/// 4+8L       name offsets              (N + 1) × u32, from the start of the name bytes,
///                                      non-decreasing, the last the bytes' length
/// 8+8L+4N    name bytes                the names' UTF-8, one after another, as written
/// ```
/// The section's CRC-32 (in the header) is verified once per reader before any of it is trusted;
/// each id and offset is still bounds-checked when read.
enum NameTable {
    /// Collects the names of letters added one by one.
    struct Builder {
        /// The distinct names in id order ("" first).
        private(set) var names: [String] = [""]
        private var ids: [String: UInt32] = ["": 0]
        /// Per letter: the ids of its sender and recipient.
        private(set) var letters: [(from: UInt32, to: UInt32)] = []

        /// Makes room for `count` more letters.
        mutating func reserve(letters count: Int) { letters.reserveCapacity(letters.count + count) }

        /// Adds the next letter's sender and recipient.
        mutating func add(from: String, to: String) {
            letters.append((id(of: from), id(of: to)))
        }

        /// The id of `name`, given a new one when it is new.
        mutating func id(of name: String) -> UInt32 {
            if let known = ids[name] { return known }
            let id = UInt32(names.count)
            names.append(name)
            ids[name] = id
            return id
        }

        /// Appends another builder's letters after these, their names mapped to this table's ids.
        mutating func append(_ other: Builder) {
            let mapping = other.names.map { id(of: $0) }
            for letter in other.letters { letters.append((mapping[Int(letter.from)], mapping[Int(letter.to)])) }
        }

        /// The section's bytes.
        func encoded() -> [UInt8] {
            var out = ByteEncoder(reservingCapacity: 8 + letters.count * 8 + names.count * 20)
            out.u32(UInt32(names.count))
            for letter in letters {
                out.u32(letter.from)
                out.u32(letter.to)
            }
            var offset: UInt32 = 0
            out.u32(0)
            for name in names {
                offset += UInt32(name.utf8.count)
                out.u32(offset)
            }
            for name in names { out.append(Array(name.utf8)) }
            return out.bytes
        }
    }

    /// Reads a names section (of a mapped file).
    struct Reader: @unchecked Sendable {
        private let bytes: UnsafeRawBufferPointer
        private let letterCount: Int
        /// Names in the table.
        let nameCount: Int
        private let checksum: UInt32
        private let check: OnceCheck

        /// A reader of `bytes` for `letterCount` letters; `checksum` is the section's CRC-32
        /// from the header, verified on first use (unless `unchecked`). Checks the sizes.
        init(_ bytes: UnsafeRawBufferPointer, letterCount: Int, checksum: UInt32, unchecked: Bool) throws {
            guard bytes.count >= 8 else { throw IndexError.corrupt("the names section is truncated") }
            let count = Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
            guard count >= 1, 4 + letterCount * 8 + (count + 1) * 4 <= bytes.count else {
                throw IndexError.corrupt("the names section is too short for \(letterCount) letters and \(count) names")
            }
            self.bytes = bytes
            self.letterCount = letterCount
            nameCount = count
            self.checksum = checksum
            check = OnceCheck(skipped: unchecked)
        }

        /// Verifies the section's checksum (once per reader).
        func verify() throws {
            try check.run { CRC32.checksum(bytes) == checksum ? nil : IndexError.corrupt("names section checksum mismatch") }
        }

        /// The name ids of letter `letter`'s sender and recipient.
        func ids(of letter: Int) throws -> (from: Int, to: Int) {
            try verify()
            guard letter >= 0, letter < letterCount else { throw IndexError.corrupt("letter \(letter) out of range of the names") }
            let from = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 + letter * 8, as: UInt32.self)))
            let to = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + letter * 8, as: UInt32.self)))
            guard from < nameCount, to < nameCount else { throw IndexError.corrupt("letter \(letter) names an id past the names") }
            return (from, to)
        }

        /// Name `id` as written.
        func name(_ id: Int) throws -> String {
            try verify()
            guard id >= 0, id < nameCount else { throw IndexError.corrupt("name \(id) out of range") }
            let offsets = 4 + letterCount * 8
            let textStart = offsets + (nameCount + 1) * 4
            func offset(_ number: Int) -> Int {
                Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offsets + number * 4, as: UInt32.self)))
            }
            let start = offset(id), end = offset(id + 1)
            guard start <= end, end <= bytes.count - textStart else { throw IndexError.corrupt("name \(id) lies outside the names section") }
            guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[(textStart + start)..<(textStart + end)]), as: UTF8.self) else {
                throw IndexError.corrupt("name \(id) is not UTF-8")
            }
            return text
        }

        /// Checks every letter's ids and every name (for `missive check`).
        func checkAll() throws {
            for letter in 0..<letterCount { _ = try ids(of: letter) }
            for id in 0..<nameCount { _ = try name(id) }
            let offsets = 4 + letterCount * 8
            let last = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offsets + nameCount * 4, as: UInt32.self)))
            guard offsets + (nameCount + 1) * 4 + last == bytes.count else { throw IndexError.corrupt("the names section has bytes past its names") }
        }
    }
}
