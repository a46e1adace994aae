// swift-tools-version: 5.9
//
// The peer of `contractc generate` for Benchmarks/run: apple/swift-openapi-generator, resolved
// from the package mirror by its GitHub URL and built in release as a command-line tool:
//
//   swift build -c release --package-path Benchmarks/peers --scratch-path .build-bench/peers \
//       --product swift-openapi-generator
//
// The placeholder target only exists because a package needs one; nothing links it.
import PackageDescription

let package = Package(
    name: "BenchmarkPeers",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
    ],
    targets: [
        .executableTarget(name: "peers-placeholder", path: "Sources/peers-placeholder"),
    ]
)
