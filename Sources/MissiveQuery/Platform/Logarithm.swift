#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's natural logarithm (BM25's idf), so that the query module needs no Foundation.
enum Logarithm {
    /// ln(`value`).
    @inline(__always)
    static func natural(_ value: Double) -> Double { log(value) }
}
