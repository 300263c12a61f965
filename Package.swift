// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "jixiao",
    products: [
        .library(name: "PQ", targets: ["PQ"]),
        .library(name: "JixiaoCore", targets: ["JixiaoCore"]),
        .library(name: "JixiaoService", targets: ["JixiaoService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The HTTP target's channel handler for unparsable requests (Hummingbird builds on them).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Password hashing (bcrypt, a maintained C implementation) and, later, TOTP.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Test-only: the OpenAPI drift test parses the YAML document.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "PQ",
            dependencies: [
                "CLibPQ",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "JixiaoCore"),
        .target(
            name: "JixiaoService",
            dependencies: [
                "JixiaoCore", "PQ",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ]
        ),
        .target(
            name: "JixiaoHTTP",
            dependencies: [
                "JixiaoService", "JixiaoCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // The OpenAPI document, served at /openapi.yaml; the bundle sits next to the binary.
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoHTTP", "JixiaoService", "JixiaoCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares (the cluster, databases, fixtures, spawning); not a product.
        .target(
            name: "JixiaoTestSupport",
            dependencies: ["JixiaoService", "JixiaoCore", "PQ"],
            path: "Tests/JixiaoTestSupport"
        ),
        .testTarget(name: "PQTests", dependencies: ["PQ", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoCoreTests", dependencies: ["JixiaoCore", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoServiceTests", dependencies: ["JixiaoService", "JixiaoCore", "PQ", "JixiaoTestSupport"]),
        .testTarget(
            name: "JixiaoHTTPTests",
            dependencies: [
                "JixiaoHTTP", "JixiaoService", "JixiaoCore", "PQ", "JixiaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "jixiaoTests",
            dependencies: [
                "jixiao", "JixiaoService", "JixiaoCore", "PQ", "JixiaoTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
