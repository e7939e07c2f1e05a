/// Decoded file text and, when the file was not plain UTF-8, a note saying how it was read.
struct DecodedText {
    var text: String
    var note: String?
}

/// Decodes the bytes of a letter file: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or — when the bytes are not valid UTF-8 — Windows-1252. Line ends are
/// normalised to `\n`.
enum TextDecoder {
    static func decode(_ bytes: [UInt8]) -> Result<DecodedText, SkipReason> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let pair = littleEndian
                    ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                    : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                units.append(pair)
                index += 2
            }
            if units.contains(0) { return .failure(.binary) }
            let text = String(decoding: units, as: UTF16.self)
            return finish(text, note: "decoded as UTF-16 (byte-order mark)")
        }
        if bytes.withUnsafeBytes({ ByteComparison.firstIndex(of: 0, in: $0) != nil }) { return .failure(.binary) }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let content = bytes[start...]
        if let text = String(validating: content, as: UTF8.self) {
            return finish(text, note: nil)
        }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(content.count)
        for byte in content { scalars.append(windows1252(byte)) }
        return finish(String(scalars), note: "not valid UTF-8; decoded as Windows-1252")
    }

    private static func finish(_ text: String, note: String?) -> Result<DecodedText, SkipReason> {
        var copy = text
        let hasCarriageReturn = copy.withUTF8 { ByteComparison.firstIndex(of: 0x0D, in: UnsafeRawBufferPointer($0)) != nil }
        let normalised = hasCarriageReturn ? normaliseLineEnds(text) : text
        if isBlank(normalised) { return .failure(.empty) }
        return .success(DecodedText(text: normalised, note: note))
    }

    /// Whether `text` holds nothing but white space (checked on the bytes, not per character).
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
    }

    /// `\r\n` and lone `\r` become `\n`.
    static func normaliseLineEnds(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }

    /// The Unicode scalar for a Windows-1252 byte (undefined bytes map to the C1 control of the same value).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 || byte >= 0xA0 { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(byte - 0x80)])!
    }
}
