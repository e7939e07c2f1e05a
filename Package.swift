// swift-tools-version:6.0
import PackageDescription

/// Missive: a full-text search engine for collections of letters.
/// The package depends on the Swift toolchain alone.
let package = Package(
    name: "Missive",
    products: [
        .library(name: "MissiveTokenizer", targets: ["MissiveTokenizer"]),
        .library(name: "MissiveIndex", targets: ["MissiveIndex"]),
        .library(name: "MissiveQuery", targets: ["MissiveQuery"]),
        .library(name: "MissiveHTTP", targets: ["MissiveHTTP"]),
        .executable(name: "missive", targets: ["missive"]),
        .executable(name: "missive-bench", targets: ["missive-bench"]),
    ],
    targets: [
        .target(name: "MissiveTokenizer"),
        .target(name: "MissiveIndex", dependencies: ["MissiveTokenizer"]),
        .target(name: "MissiveQuery", dependencies: ["MissiveTokenizer", "MissiveIndex"]),
        // HTTP/1.1 over POSIX sockets for `missive serve`: request parsing, responses, the server.
        .target(name: "MissiveHTTP"),
        // The command links the Swift standard library and Foundation statically (Linux), so the
        // one binary runs when copied to another machine without the toolchain.
        .executableTarget(name: "missive", dependencies: ["MissiveQuery", "MissiveIndex", "MissiveHTTP"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lFoundationEssentials", "-lFoundationInternationalization"], .when(platforms: [.linux]))]),
        .executableTarget(name: "missive-bench", dependencies: ["MissiveQuery", "MissiveIndex", "MissiveTokenizer", "MissiveTestSupport"],
                          path: "Benchmarks/MissiveBench"),
        // Seeded generators, temporary folders and letter writers, shared by the tests and the benchmark.
        .target(name: "MissiveTestSupport", path: "Tests/MissiveTestSupport"),
        .testTarget(name: "MissiveTokenizerTests", dependencies: ["MissiveTokenizer", "MissiveTestSupport"]),
        .testTarget(name: "MissiveIndexTests", dependencies: ["MissiveIndex", "MissiveTokenizer", "MissiveTestSupport"]),
        .testTarget(name: "MissiveHTTPTests", dependencies: ["MissiveHTTP"]),
        .testTarget(name: "MissiveQueryTests", dependencies: ["MissiveQuery", "MissiveIndex", "MissiveTokenizer", "MissiveTestSupport"]),
        // The end-to-end tests run the built `missive` binary (swift test builds every product);
        // they do not link it, whose static standard library would clash with the test bundle's.
        .testTarget(name: "EndToEndTests", dependencies: ["MissiveTestSupport"]),
    ]
)
