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
        // The command is one static executable on Linux (standard library and C library linked in):
        // it runs when copied to another machine without the toolchain, and starts in about 1.5 ms
        // with no dynamic loading. Nothing it links imports Foundation, which would cost every
        // run several milliseconds. (The linker's warning about `dlopen` comes from the standard
        // library's optional prespecializations, which a static binary does without.)
        .executableTarget(name: "missive", dependencies: ["MissiveQuery", "MissiveIndex", "MissiveHTTP"],
                          linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]),
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
