// swift-tools-version: 6.0
//
// contractc — the Chengdu 人社 data-service standard as an executable contract language.
//
// Modules follow the flow of a contract through the compiler:
//   ContractSyntax  bytes → YAML tree with a place for every key and value (libyaml events)
//   ContractModel   YAML tree → typed contract model (shape problems, no judgement)
//   ContractRules   model → diagnostics; one file per rule, each with its clause and examples
//   ContractCompiler  discovery, configuration, lint/codes drivers, report formats
//   contractc       the command line; only wires arguments to ContractCompiler
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "contractc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "contractc", targets: ["contractc"]),
        .library(name: "ContractCompiler", targets: ["ContractCompiler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "ContractSyntax",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "ContractModel", dependencies: ["ContractSyntax"], swiftSettings: strict),
        .target(name: "ContractRules", dependencies: ["ContractModel"], swiftSettings: strict),
        .target(name: "ContractCompiler", dependencies: ["ContractRules"], swiftSettings: strict),
        .executableTarget(
            name: "contractc",
            dependencies: [
                "ContractCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ContractSyntaxTests", dependencies: ["ContractSyntax"], swiftSettings: strict),
        .testTarget(name: "ContractRulesTests", dependencies: ["ContractRules", "ContractCompiler"], swiftSettings: strict),
        .testTarget(name: "ContractCompilerTests", dependencies: ["ContractCompiler"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["ContractCompiler"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
