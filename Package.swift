// swift-tools-version: 6.1
//
// contractc — the Chengdu 人社 data-service standard as an executable contract language.
//
// Modules follow the flow of a contract through the compiler:
//   ContractSyntax  bytes → YAML tree with a place for every key and value (libyaml events)
//   ContractModel   YAML tree → typed contract model (shape problems, no judgement)
//   ContractRules   model → diagnostics; one file per rule, each with its clause and examples
//   ContractGenerators  model → Swift, catalogue, OpenAPI (translators + templates in templates/)
//   ContractCompiler  discovery, configuration, lint/codes drivers, report formats
//   contractc       the command line; only wires arguments to ContractCompiler
//   ContractRuntime what generated Swift links: validation, masking, transport, catalogue types
//   ServiceLink     sealed, expiring service links (swift-crypto)
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
        .library(name: "ContractRuntime", targets: ["ContractRuntime"]),
        .library(name: "ServiceLink", targets: ["ServiceLink"]),
        .plugin(name: "ContractGenerator", targets: ["ContractGenerator"]),
        .plugin(name: "LintContracts", targets: ["LintContracts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "ContractSyntax",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "ContractModel", dependencies: ["ContractSyntax"], swiftSettings: strict),
        .target(name: "ContractRules", dependencies: ["ContractModel"], swiftSettings: strict),
        .target(
            name: "ContractGenerators",
            dependencies: ["ContractModel", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(name: "ContractInspection", dependencies: ["ContractRules", "ContractGenerators"], swiftSettings: strict),
        .target(name: "ContractCompiler", dependencies: ["ContractRules", "ContractGenerators", "ContractInspection"], swiftSettings: strict),
        .executableTarget(
            name: "contractc",
            dependencies: [
                "ContractCompiler",
                "ContractSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .plugin(name: "ContractGenerator", capability: .buildTool(), dependencies: ["contractc"]),
        .plugin(
            name: "LintContracts",
            capability: .command(
                intent: .custom(verb: "lint-contracts", description: "Check the package's *.contract.yaml files against the standard")
            ),
            dependencies: ["contractc"]
        ),
        // What generated code links: Foundation only, so every user's build stays lean.
        .target(name: "ContractRuntime", swiftSettings: strict),
        // Signed expiring service links (内部应用 2), apart so only its users pay for swift-crypto.
        .target(name: "ServiceLink", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .testTarget(name: "ContractRuntimeTests", dependencies: ["ContractRuntime"], swiftSettings: strict),
        .testTarget(name: "ServiceLinkTests", dependencies: ["ServiceLink"], swiftSettings: strict),
        .testTarget(name: "ContractSyntaxTests", dependencies: ["ContractSyntax"], swiftSettings: strict),
        .testTarget(name: "ContractRulesTests", dependencies: ["ContractRules", "ContractCompiler"], swiftSettings: strict),
        // Starting processes (the built contractc, git) for the test targets that need it.
        .target(name: "ContractTestSupport", path: "Tests/ContractTestSupport", swiftSettings: strict),
        .testTarget(name: "ContractCompilerTests", dependencies: ["ContractCompiler", "ContractTestSupport"], swiftSettings: strict),
        .testTarget(name: "ContractInspectionTests", dependencies: ["ContractInspection", "ContractCompiler", "ContractTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ContractGeneratorsTests",
            dependencies: ["ContractGenerators", "ContractCompiler", "ContractRuntime"],
            exclude: ["browser"],
            swiftSettings: strict
        ),
        // Builds Examples/PersonService (a copy) to drive the build and command plugins end to end.
        .testTarget(name: "PluginTests", swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["ContractCompiler", "contractc", "ContractTestSupport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
