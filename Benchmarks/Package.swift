// swift-tools-version:6.0
// Benchmarks for PQ: a package of its own so that postgres-nio (the comparison) never becomes a
// dependency of the main package. Run with `Benchmarks/run.sh` from the repository root.
import PackageDescription

let package = Package(
    name: "jixiao-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "jixiao", path: ".."),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libpq's headers and library for the C baseline (pkg-config adds -I/usr/include/postgresql).
        // Named apart from the main package's CLibPQ: target names must be unique in the graph.
        .systemLibrary(
            name: "CLibPQBench",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // The limit: the same sequential prepared-statement loop written in C against libpq.
        .target(
            name: "CLoop",
            dependencies: ["CLibPQBench"],
            linkerSettings: [.linkedLibrary("pq")]
        ),
        .executableTarget(
            name: "pq-bench",
            dependencies: [
                "CLoop",
                .product(name: "PQ", package: "jixiao"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
