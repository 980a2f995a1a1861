// swift-tools-version:6.0
// Coverage-guided fuzzers (libFuzzer) for Dossier's input stages. A package of its own, depending on the
// main one by path, so that `swift build` and `make test` of the main package never build them.
// Built and run by `make fuzz` / `make fuzz-ci` (scripts/fuzz.sh) with `-sanitize=fuzzer`; each
// target's main.swift hands its input function to libFuzzer's driver.
import PackageDescription

let package = Package(
    name: "DossierFuzz",
    dependencies: [.package(name: "Dossier", path: "..")],
    targets: [
        // libFuzzer's driver function, declared for Swift.
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        // YAML/JSON text → loading and validation.
        .executableTarget(name: "FuzzData", dependencies: [.product(name: "DossierModel", package: "Dossier"), "FuzzSupport"]),
        // CSV text → the projects and financing importers (through a convention file that imports it).
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "DossierModel", package: "Dossier"), "FuzzSupport"]),
        // Layout XML → checks, compilation and binding to the sample convention.
        .executableTarget(name: "FuzzLayout", dependencies: [.product(name: "DossierTemplate", package: "Dossier"),
                                                              .product(name: "DossierModel", package: "Dossier"), "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
