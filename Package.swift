// swift-tools-version:6.0
// Dossier: renders Arabic right-to-left PDF dossiers of a development convention.
// One module per pipeline stage; dependencies point one way (see README "Modules").
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierKit", targets: ["DossierKit"]),
        // For the fuzzers in Fuzz/ (a package of its own, so that they never touch this build).
        .library(name: "DossierModel", targets: ["DossierModel"]),
        .library(name: "DossierTemplate", targets: ["DossierTemplate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        // The rendering service (dossier serve): HTTP server, metrics, logs, graceful shutdown, multipart.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // NIOCore, for the one channel handler the service adds to Hummingbird's pipeline (`FlushBeforeClose`).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // The web page of dossier serve: HTML from Mustache templates (Web/*.mustache).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C wrappers: module maps only. Only DossierText imports CPango, only DossierRender imports CCairo.
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libharfbuzz-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft",
                       providers: [.apt(["libcairo2-dev"])]),
        // Only DossierArchive imports CQPDF (libqpdf's C API).
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        // zlib, to read compressed streams and for CRC-32.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate, to compress the streams the finishing writes (page contents, maps, attached data): whole
        // buffers, which is all the finishing has, at about 1.5 times zlib's speed and a little smaller.
        .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"])]),

        // A C target: libcurl's SMTP client behind one non-variadic function (Swift cannot call curl_easy_setopt).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // A C target: PKCS#12 files read with OpenSSL's libcrypto (neither swift-crypto nor swift-certificates reads them).
        .target(name: "CPKCS12", linkerSettings: [.linkedLibrary("crypto")]),

        // Pure value stages.
        .target(name: "DossierFrames"),
        // Output files: scratch names, one atomic rename, regular files only, batches put in place together.
        .target(name: "DossierFiles"),
        // The one number formatter (digit style, decimals) that every printed number goes through.
        .target(name: "DossierNumbers"),
        .target(name: "DossierContent", dependencies: ["DossierNumbers"]),
        .target(name: "DossierModel", dependencies: ["DossierNumbers", "DossierFiles", .product(name: "Yams", package: "Yams")]),

        // Layouts/*.xml -> located templates, checked, then bound to a convention -> content tree.
        .target(name: "DossierTemplate", dependencies: ["DossierModel", "DossierContent"]),
        // Text shaping (Pango/HarfBuzz/fontconfig) producing frame glyph runs.
        .target(name: "DossierText", dependencies: ["CPango", "DossierFrames"]),
        // Chart specs -> vector shapes and shaped labels (pure geometry).
        .target(name: "DossierCharts", dependencies: ["DossierContent", "DossierText", "DossierFrames"]),
        // Content tree -> pages of frames (zlib: images are checked to decode before they are placed).
        .target(name: "DossierLayout", dependencies: ["DossierContent", "DossierText", "DossierCharts", "DossierFrames", "CZlib"]),
        // Frames -> PDF / PNG through Cairo.
        .target(name: "DossierRender", dependencies: ["CCairo", "DossierFrames", "DossierFiles"]),
        // Finishing: PDF/A-3b, language and direction, attached source data, integrity seal (libqpdf).
        .target(name: "DossierArchive", dependencies: [
            "CQPDF", "CZlib", "CDeflate", "DossierFrames", "DossierFiles", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Signatures: CMS SignedData for PAdES (DER with swift-asn1, keys and certificates with swift-certificates),
        // RFC 3161 timestamps; no PDF here.
        .target(name: "DossierSignature", dependencies: [
            "CCurl", "CPKCS12",
            .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Partner email: MIME messages, and delivery over SMTP through libcurl.
        .target(name: "DossierMail", dependencies: ["CCurl", "DossierFiles"]),
        // Facade: load, validate, lay out, render.
        .target(name: "DossierKit", dependencies: [
            "DossierModel", "DossierContent", "DossierTemplate", "DossierText", "DossierLayout", "DossierRender", "DossierFrames",
            "DossierArchive", "DossierMail", "DossierFiles", "DossierSignature",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "X509", package: "swift-certificates"),
        ]),
        // The rendering service (dossier serve): an HTTP server that hands each render to a child process
        // (dossier worker), with a bounded queue, time-outs, metrics and structured logs.
        .target(name: "DossierService", dependencies: [
            // CZlib (the project's zlib module map) for the zip's CRC-32: ZIPFoundation's own module map is also
            // named CZlib and cannot be built next to it.
            "DossierKit", "CZlib",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The command line names the facade only, and the service it starts (README "Modules").
        // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc for the whole process, Cairo, Pango and
        // libqpdf included: linked before libc, its malloc is the one every library binds to. Measured in
        // Benchmarks/README.md ("mimalloc"): the 1000-project convention 12 % faster, the 10 000-project one
        // 12 % faster and 154 MiB lighter at its peak.
        .executableTarget(name: "dossier", dependencies: [
            "DossierKit", "DossierService", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.linkedLibrary("mimalloc")]),
        // The README's library example: a convention built in code, rendered through the facade alone. A test
        // builds and runs it (DossierCLITests.LibraryExampleTests).
        .executableTarget(name: "library-example", dependencies: ["DossierKit"], path: "Examples/library"),

        // Tests read their fixtures and goldens from the source tree (#filePath), so that
        // `UPDATE_GOLDENS=1 swift test` can rewrite them in place.
        // Helpers shared by the test targets (a plain target, so that several test targets can use it).
        .target(name: "DossierTestSupport", path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel"], exclude: ["Fixtures"]),
        .testTarget(name: "DossierTypesetTests",
                    dependencies: ["DossierKit", "DossierText", "DossierLayout", "DossierCharts", "DossierRender", "DossierFrames", "DossierArchive",
                                   "DossierContent", "DossierModel", "DossierTestSupport"],
                    exclude: ["Goldens"]),
        .testTarget(name: "DossierCLITests", dependencies: ["DossierKit", "DossierModel", "DossierContent", "DossierText", "DossierFrames", "DossierFiles", "DossierNumbers", "DossierMail", "dossier", "library-example", "DossierTestSupport"]),
        .testTarget(name: "DossierMailTests", dependencies: ["DossierMail"]),
        // The service and the sharding, tested from outside: the real dossier executable, real HTTP on loopback.
        .testTarget(name: "DossierServiceTests", dependencies: [
            "dossier", "DossierTestSupport", .product(name: "Yams", package: "Yams"),
            // One channel handler of the service, tested on NIO's embedded channel (`FlushBeforeCloseTests`).
            "DossierService", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "DossierTemplateTests", dependencies: ["DossierTemplate", "DossierModel", "DossierContent"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
