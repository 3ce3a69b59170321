// swift-tools-version:6.0
import Foundation
import PackageDescription

// The numeric modules are compiled for the build host's CPU ("native": AVX2/AVX-512 where the
// host has them; their SIMD loops run 2-4x wider than on baseline x86-64). Users build from
// source, so the binary runs where it was built. STYLECAST_TARGET_CPU picks another CPU (e.g.
// `x86-64` for a binary that runs on any x86-64). Swift never fuses a multiply and an add on its
// own, so the CPU chosen changes speed only, never a result.
let targetCPU = ProcessInfo.processInfo.environment["STYLECAST_TARGET_CPU"] ?? "native"
let numericSettings: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-target-cpu", targetCPU])]

// Native libraries come in through pkg-config as system-library targets. Each one is wrapped
// once in a small Swift API (PNG and JSON in StyleCastIO, GEMM in BLAS, drawing in
// StyleCastArt), so nothing else in the package touches C.
let package = Package(
    name: "StyleCast",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stylecast", targets: ["stylecast"]),
        .library(name: "StyleGAN", targets: ["StyleGAN"]),
        .library(name: "StyleCastIO", targets: ["StyleCastIO"]),
        .library(name: "StyleCastProject", targets: ["StyleCastProject"]),
        .library(name: "StyleCastArt", targets: ["StyleCastArt"]),
        .library(name: "CastImaging", targets: ["CastImaging"]),
        .library(name: "ArtQuality", targets: ["ArtQuality"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c",
                       providers: [.apt(["libjson-c-dev"]), .brew(["json-c"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]),
        // libpng reports errors by longjmp, which Swift frames must never see: this C shim
        // owns the setjmp and turns every libpng failure into an error code and message. It also
        // wraps zlib's inflate and crc32 (zlib comes with libpng) for reading .npz latents.
        .target(name: "CPNGShim", dependencies: ["CLibPNG"], linkerSettings: [.linkedLibrary("z")]),

        // Swift modules.
        .target(name: "Randomness"),
        .target(name: "BLAS", dependencies: ["COpenBLAS"],
                swiftSettings: numericSettings),
        .target(name: "StyleCastIO", dependencies: ["CPNGShim", "CJSONC"]),
        // RPG Maker's frame and face sizes and grids, defined once for everything that draws,
        // writes, checks or shows character art.
        .target(name: "RPGMakerFormat"),
        .target(name: "StyleGAN", dependencies: ["BLAS", "StyleCastIO", "Randomness"],
                swiftSettings: numericSettings),
        .target(name: "StyleCastArt", dependencies: ["CCairo", "StyleCastIO", "RPGMakerFormat", "Randomness"]),
        .target(name: "StyleCastProject", dependencies: ["StyleCastIO", "RPGMakerFormat"]),
        // The files under templates/ (preview page, starter manifest): found like models/, loaded
        // and compiled with Mustache, escaping by default; the only module that touches Mustache.
        .target(name: "CastTemplates", dependencies: ["StyleCastIO", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "CastManifest", dependencies: ["StyleCastIO", "StyleCastProject", "CastTemplates"]),
        .target(name: "ArtQuality", dependencies: ["StyleCastIO", "StyleCastArt", "RPGMakerFormat"]),
        .target(name: "CastImaging", dependencies: ["StyleCastIO", "StyleCastArt", "ArtQuality"]),
        .target(name: "ModelEvaluation", dependencies: ["StyleGAN", "StyleCastIO", "StyleCastArt", "ArtQuality", "CastImaging", "Training",
                                                        "CastManifest", "CastPipeline"]),
        .target(name: "CastPreview", dependencies: ["StyleCastIO", "RPGMakerFormat", "CastTemplates"]),
        .target(name: "Projection", dependencies: ["StyleGAN", "StyleCastIO", "BLAS"],
                swiftSettings: numericSettings),
        .target(name: "Training", dependencies: ["StyleGAN", "StyleCastArt", "StyleCastIO", "Projection", "BLAS"],
                swiftSettings: numericSettings),
        .target(name: "CastPipeline", dependencies: ["CastManifest", "CastImaging", "CastPreview", "CastTemplates", "Projection", "StyleGAN",
                                                     "StyleCastArt", "StyleCastIO", "StyleCastProject", "RPGMakerFormat"]),
        .executableTarget(name: "stylecast", dependencies: [
            "Training",
            "StyleGAN", "Projection", "StyleCastIO", "StyleCastArt", "StyleCastProject", "CastManifest",
            "ModelEvaluation", "CastPipeline", "CastTemplates",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests. FuzzSupport is the mutation loop the readers' fuzz tests share.
        .target(name: "FuzzSupport", dependencies: ["Randomness"], path: "Tests/FuzzSupport"),
        // TestSupport: the built `stylecast` for the tests that run the real program, and a
        // fresh temporary folder per test for the tests that write files.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StyleCastIOTests", dependencies: ["StyleCastIO", "FuzzSupport"]),
        .testTarget(name: "StyleCastProjectTests", dependencies: ["StyleCastProject", "StyleCastIO", "RPGMakerFormat", "TestSupport"]),
        .testTarget(name: "CastTemplatesTests", dependencies: ["CastTemplates"]),
        .testTarget(name: "CastManifestTests", dependencies: ["CastManifest", "CastTemplates", "StyleCastProject", "StyleCastIO", "FuzzSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "StyleGANTests", dependencies: ["StyleGAN", "StyleCastIO", "BLAS", "Randomness", "FuzzSupport"]),
        .testTarget(name: "StyleCastArtTests", dependencies: ["StyleCastArt", "StyleCastIO", "RPGMakerFormat", "Randomness", "TestSupport"]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "StyleGAN", "StyleCastIO", "Randomness"]),
        .testTarget(name: "ProjectCommandTests", dependencies: ["stylecast", "Projection", "StyleGAN", "StyleCastIO", "TestSupport"]),
        .testTarget(name: "ArtQualityTests", dependencies: ["ArtQuality", "StyleCastArt", "StyleCastIO", "RPGMakerFormat"]),
        .testTarget(name: "CastImagingTests", dependencies: ["CastImaging", "ArtQuality", "StyleCastArt", "StyleCastIO", "RPGMakerFormat", "Randomness"]),
        .testTarget(name: "ModelEvaluationTests", dependencies: ["ModelEvaluation", "stylecast", "ArtQuality", "StyleGAN", "StyleCastArt", "StyleCastIO", "Training", "TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "stylecast", "StyleGAN", "StyleCastArt", "Randomness", "TestSupport"]),
        .testTarget(name: "CastPreviewTests", dependencies: ["CastPreview", "CastTemplates", "StyleCastIO"],
                    exclude: ["browser_probe.py", "Golden"]),
        .testTarget(name: "GeneratorCommandTests", dependencies: ["stylecast", "StyleGAN", "StyleCastIO", "TestSupport"]),
        .testTarget(name: "CastPipelineTests", dependencies: ["CastPipeline", "CastManifest", "CastTemplates", "StyleGAN", "StyleCastIO",
                                                              "StyleCastProject", "stylecast"]),
    ]
)
