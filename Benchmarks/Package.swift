// swift-tools-version: 6.0
// In-process measurements for Benchmarks/run (tab completion, durable append). A package of its
// own, like Fuzz/, so the main build never compiles it. Depends on the checkout by path.
import PackageDescription

// A path dependency is known by its folder's name: the checkout's, whatever it is called.
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"

let package = Package(
    name: "alliance-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        .executableTarget(
            name: "alliance-bench",
            dependencies: [.product(name: "AllianceKit", package: mainPackage)]
        )
    ],
    swiftLanguageModes: [.v6]
)
