// swift-tools-version: 6.0
import PackageDescription

// Supported platform: Linux (Debian 12 and its kin, with Glibc). The library calls Glibc
// directly, `renameat2(RENAME_EXCHANGE)` for the atomic output swap (CSystemCalls) and inotify
// for the preview; SwiftPM cannot declare Linux as a platform, so the code says it: the files
// that import Glibc stop a build elsewhere with `#error`.
let package = Package(
    name: "Newsdesk",
    products: [
        .executable(name: "newsdesk", targets: ["newsdesk"]),
        .executable(name: "newsdesk-serve", targets: ["newsdesk-serve"]),
        .library(name: "NewsdeskCore", targets: ["NewsdeskCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The preview server (`newsdesk serve`, in its own executable: see NewsdeskPreviewServer).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Test-only: the preview server's integration tests talk real HTTP on loopback.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Debian's libcmark-gfm-dev + libcmark-gfm-extensions-dev, found through pkg-config.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's libvips42, loaded on first use: photos decoded, rotated, resized and encoded
        // (Sources/NewsdeskCore/Images, Sources/CVipsLoader).
        .target(name: "CVipsLoader", linkerSettings: [.linkedLibrary("dl")]),
        // Debian's libvips-dev, for the tests only: they read the variants' metadata, and check
        // CVipsLoader's declarations against libvips' own headers.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // Linux system calls that Glibc's Swift module does not expose (renameat2).
        .systemLibrary(name: "CSystemCalls"),
        // Debian's libmimalloc-dev: the newsdesk executable's allocator (Sources/newsdesk/Allocator.swift).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .target(
            name: "NewsdeskCore",
            dependencies: [
                "CCmarkGFM",
                "CSystemCalls",
                "CVipsLoader",
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedDefaultTheme"]
        ),
        // Build time: themes/default (the only copy) becomes a generated source of NewsdeskCore,
        // so the installed binary builds a site that has no themes/ folder.
        .executableTarget(name: "theme-embedder"),
        .plugin(name: "EmbedDefaultTheme", capability: .buildTool(), dependencies: ["theme-embedder"]),
        // The preview's HTTP side. FlyingFox links FoundationNetworking (its proxy handler uses
        // URLSession), and with it libcurl and some thirty libraries that every command would
        // load when it starts (docs/performance.md): only `newsdesk-serve` links them.
        .target(
            name: "NewsdeskPreviewServer",
            dependencies: [
                "NewsdeskCore",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // What both executables' command lines share: site options, exit statuses, the terminal.
        .target(
            name: "NewsdeskCommandLine",
            dependencies: ["NewsdeskCore", "CMimalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "newsdesk",
            dependencies: [
                "NewsdeskCore",
                "NewsdeskCommandLine",
                "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `newsdesk serve` runs this executable, installed next to `newsdesk`.
        .executableTarget(
            name: "newsdesk-serve",
            dependencies: [
                "NewsdeskCore",
                "NewsdeskCommandLine",
                "NewsdeskPreviewServer",
                "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: generated archives built by newsdesk and Hugo, measured side by side.
        .executableTarget(
            name: "newsdesk-bench",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "NewsdeskCoreTests",
            dependencies: [
                "NewsdeskCore",
                "NewsdeskPreviewServer",
                // The photo tests read the variants' metadata with libvips, and check the
                // loader's declarations against libvips' headers.
                "CVips",
                "CVipsLoader",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
