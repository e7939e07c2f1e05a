/// How a non-ASCII scalar takes part in tokens.
enum ScalarKind: UInt8 {
    /// Ends a token (punctuation, space, symbols).
    case separator
    /// A letter or digit: starts or continues a token.
    case wordStart
    /// A combining mark: continues a token but folds to nothing.
    case continuation
}

/// A scalar's class and its folded UTF-8 bytes.
struct FoldedScalar {
    var kind: ScalarKind
    var folded: [UInt8]
}

/// Case- and diacritic-folds non-ASCII scalars, caching each answer.
///
/// Folding looks the scalar up in ``ScalarFoldTable`` (Foundation's case-insensitive,
/// diacritic-insensitive folding of the single scalar, letters and digits of the result kept). It runs once per distinct
/// scalar; later lookups are a dictionary hit.
struct ScalarFoldingCache {
    private var cache: [UInt32: FoldedScalar] = [:]

    /// The class of `scalar`.
    @inline(__always)
    mutating func kind(of scalar: UInt32) -> ScalarKind {
        entry(for: scalar).kind
    }

    /// The class and folded bytes of `scalar`.
    @inline(__always)
    mutating func entry(for scalar: UInt32) -> FoldedScalar {
        if let hit = cache[scalar] { return hit }
        let computed = Self.fold(scalar)
        cache[scalar] = computed
        return computed
    }

    static func classify(_ scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .wordStart
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .continuation
        default:
            return .separator
        }
    }

    static func fold(_ value: UInt32) -> FoldedScalar {
        guard let scalar = Unicode.Scalar(value) else { return FoldedScalar(kind: .separator, folded: []) }
        let kind = classify(scalar)
        guard kind == .wordStart else { return FoldedScalar(kind: kind, folded: []) }
        return FoldedScalar(kind: kind, folded: ScalarFoldTable.fold(value) ?? Array(String(scalar).utf8))
    }
}
