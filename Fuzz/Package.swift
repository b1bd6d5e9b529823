// swift-tools-version: 6.0
// Coverage-guided fuzzing of alliance's parsers with libFuzzer. A package of its own, so the
// main build and tests never need the fuzzer runtime. Run it with `script/fuzz [SECONDS]`.
import PackageDescription

// libFuzzer supplies `main`; each target defines `LLVMFuzzerTestOneInput` with @_cdecl,
// so its one file is compiled as a library file (no top-level code).
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

// A path dependency is known by its folder's name: the checkout's, whatever it is called.
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"

let package = Package(
    name: "alliance-fuzz",
    dependencies: [
        .package(path: "..")
    ],
    targets: ["fuzz-pack", "fuzz-plugin", "fuzz-log", "fuzz-command"].map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "AllianceKit", package: mainPackage)],
            swiftSettings: fuzzSettings
        )
    },
    swiftLanguageModes: [.v6]
)
