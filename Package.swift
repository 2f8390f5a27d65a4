// swift-tools-version:6.2
import PackageDescription

/// Every target of ours treats warnings as errors, locally and in CI alike.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "ltx-report",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ltx-report", targets: ["ltx-report"]),
        .library(name: "LTXReport", targets: ["LTXReport"]),
        .library(name: "LTXSimulator", targets: ["LTXSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // report.html and the email digest: logic-less templates that escape by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Already resolved through Hummingbird; the executable traps SIGINT/SIGTERM with it.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Tests only: unzips report.xlsx so a test can read it back independently of the writer.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .target(
            name: "XLSX",
            dependencies: ["CXLSXWriter"],
            swiftSettings: strict
        ),
        .target(
            name: "LTXReport",
            dependencies: [
                "XLSX",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LTXSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ltx-report",
            dependencies: [
                "LTXReport",
                "LTXSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // `make bench`: drives the release binary through fixed scenarios (BENCHMARKS.md).
        // The library and AsyncHTTPClient only for the transport floor: the same pages
        // through the client's own HTTP setup with nothing else, a baseline beside curl's.
        .executableTarget(
            name: "ltx-bench",
            dependencies: [
                // The simulator's generator gives the bench its ground truth (what changed, where).
                "LTXReport", "LTXSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // The tests' one way to run external programs, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "LTXReportTests",
            dependencies: [
                "LTXReport",
                "TestSupport",
                "LTXSimulator",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "XLSXTests",
            dependencies: [
                "XLSX",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LTXSimulatorTests",
            dependencies: [
                "LTXSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Concurrent requests on several connections, for the single-worker test.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ltx-reportTests",
            dependencies: ["LTXReport", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
