/// A letter as the store keeps it, for display and snippets.
///
/// ```
/// path          varint length + UTF-8 (relative to the indexed folder, `/` separators)
/// field count   varint
/// per field     key: varint length + UTF-8, value: varint length + UTF-8   (file order)
/// body          varint length + UTF-8
/// ```
/// Records follow one another in letter order; each letter's ``LetterRecord`` gives its offset,
/// length and CRC-32.
enum StoredLetter {
    /// The record of `letter`.
    static func encode(_ letter: Letter) -> [UInt8] {
        var record = ByteEncoder(reservingCapacity: letter.body.utf8.count + 256)
        record.string(letter.path)
        record.varint(letter.header.count)
        for field in letter.header {
            record.string(field.key)
            record.string(field.value)
        }
        record.string(letter.body)
        return record.bytes
    }

    /// The letter in `record` (`what` names it in errors).
    static func decode(_ record: UnsafeRawBufferPointer, what: String) throws -> Letter {
        var reader = ByteDecoder(record, what: what)
        let path = try reader.string()
        let fieldCount = try reader.count(atMost: reader.remaining)
        var header: [HeaderField] = []
        for _ in 0..<fieldCount {
            let key = try reader.string()
            let value = try reader.string()
            header.append(HeaderField(key: key, value: value))
        }
        let body = try reader.string()
        return Letter(path: path, header: header, body: body)
    }

    /// Only the path of the letter in `record`.
    static func decodePath(_ record: UnsafeRawBufferPointer, what: String) throws -> String {
        var reader = ByteDecoder(record, what: what)
        return try reader.string()
    }
}
