import Foundation
import Testing
@testable import MissiveTokenizer

@Suite("The scalar fold table")
struct ScalarFoldTableTests {
    /// Every letter and digit beyond ASCII folds as Foundation folds it alone (case- and
    /// diacritic-insensitive, the letters and digits of the result kept): the table the
    /// tokenizer reads instead of Foundation is complete and right. When a toolchain's Foundation
    /// folds differently, the lines of a new table are printed.
    @Test func everyScalarFoldsAsFoundationFoldsIt() {
        var wrong: [String] = []
        var newTable: [String] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), ScalarFoldingCache.classify(scalar) == .wordStart else { continue }
            let folded = String(Character(scalar)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            var expected: [UInt8] = []
            for piece in folded.unicodeScalars where ScalarFoldingCache.classify(piece) == .wordStart {
                expected.append(contentsOf: String(piece).utf8)
            }
            if expected != Array(String(scalar).utf8) { newTable.append(String(value, radix: 16) + " " + String(decoding: expected, as: UTF8.self) + ";") }
            if ScalarFoldingCache.fold(value).folded != expected { wrong.append(String(value, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) scalars fold otherwise than Foundation (\(wrong.prefix(10))); a new table:\n\(newTable.joined())")
        #expect(ScalarFoldTable.entries.scalars.count == newTable.count)
        #expect(ScalarFoldTable.entries.scalars == ScalarFoldTable.entries.scalars.sorted())
    }

    @Test func knownFolds() {
        var tokenizer = Tokenizer()
        #expect(tokenizer.terms(in: "Ÿ Ñandú İstanbul Straße ŁÓDŹ Ǆ ΆΘΗΝΑ Москва") == ["y", "nandu", "istanbul", "strasse", "łodz", "ǆ", "αθηνα", "москва"])
    }
}
