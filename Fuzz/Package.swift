// swift-tools-version: 6.1
//
// The libFuzzer target of contractc, kept in its own package so that a plain `swift build` of the
// root never sees a target without a `main` of its own. Build and run it with `scripts/fuzz.sh`
// (see docs/fuzzing.md for the flags and why each is needed).
import PackageDescription

let package = Package(
    name: "ContractFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "contractc", path: ".."),
    ],
    targets: [
        // ContractCompiler's product brings ContractRules, ContractGenerators, ContractModel and
        // ContractSyntax along; the target imports them directly.
        .executableTarget(
            name: "ContractFuzz",
            dependencies: [.product(name: "ContractCompiler", package: "contractc")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
