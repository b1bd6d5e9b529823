// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "alliance",
    products: [
        .executable(name: "alliance", targets: ["alliance"]),
        // For the fuzzers in Fuzz/, a package of their own.
        .library(name: "AllianceKit", targets: ["AllianceKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // libyaml: plugins and pack front matter are read by its parser (Rules/YAML.swift).
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // GitHub's CommonMark parser, for packs. No pkgConfig: Debian's libcmark-gfm.pc names an
        // extensions library that libcmark-gfm-dev does not install (see shim.h).
        .systemLibrary(name: "CMarkGFM"),
        .target(
            name: "AllianceKit",
            dependencies: [
                "CLibYAML",
                "CMarkGFM",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            plugins: ["EmbedBundled"]
        ),
        // Compiles packs/ and Plugins/ (YAML rule plugins, not SwiftPM plugins) into AllianceKit
        // at each build, so a binary copied alone has them (docs/architecture.md, "Bundled packs").
        .plugin(name: "EmbedBundled", capability: .buildTool(), path: "BuildTools/EmbedBundled"),
        .target(
            name: "LineEditor",
            dependencies: ["CEditLine"]
        ),
        .executableTarget(
            name: "alliance",
            dependencies: [
                "AllianceKit",
                "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: seeded randomness, the package root, temporary directories.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Golden files are read from their path by the tests, not bundled as resources.
        .testTarget(
            name: "AllianceKitTests",
            dependencies: [
                "AllianceKit", "CMarkGFM", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Export/Golden"]
        ),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor", "TestSupport"]),
        .testTarget(name: "allianceTests", dependencies: ["alliance", "AllianceKit", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
