// swift-tools-version: 6.1
//
// A package that uses contractc as a service team would: contracts sit among the sources of a
// library target, the ContractGenerator build plugin turns them into Swift at build time, a
// small server implements the generated protocol, and the tests call it through the generated
// client over loopback.
import PackageDescription

let package = Package(
    name: "PersonService",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PersonContracts", targets: ["PersonContracts"]),
        .executable(name: "person-server", targets: ["person-server"]),
    ],
    dependencies: [
        // In your package: .package(url: "https://github.com/<org>/contractc.git", from: "0.1.0")
        .package(name: "contractc", path: "../.."),
        // A small async HTTP server with no dependencies of its own (see README: why not Hummingbird).
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        .target(
            name: "PersonContracts",
            dependencies: [.product(name: "ContractRuntime", package: "contractc")],
            plugins: [.plugin(name: "ContractGenerator", package: "contractc")]
        ),
        .target(
            name: "PersonServer",
            dependencies: ["PersonContracts", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(name: "person-server", dependencies: ["PersonServer"]),
        .testTarget(name: "PersonServiceTests", dependencies: ["PersonServer", "PersonContracts"]),
    ],
    swiftLanguageModes: [.v6]
)
