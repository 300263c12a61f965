import Foundation

/// Paths of the checkout the tests run from, found from this file's location
/// (`<root>/Tests/JixiaoTestSupport/ProjectPath.swift`), so that the tests need nothing outside it.
public enum ProjectPath {
    /// The package root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // <root>/Tests/JixiaoTestSupport
        .deletingLastPathComponent()  // <root>/Tests
        .deletingLastPathComponent()  // <root>

    /// `Deploy/local-postgres.sh`: starts (or finds) the private cluster.
    public static let localPostgres = root.appendingPathComponent("Deploy/local-postgres.sh").path

    /// The migrations (`Schema/`).
    public static let schema = root.appendingPathComponent("Schema")

    /// The real source document: the repository's copy of `shared/seeds/000_f6b97af974f3ec0e.txt`
    /// (`Deploy/samples/targets-2025.txt`, byte for byte).
    public static let seed = root.appendingPathComponent("Deploy/samples/targets-2025.txt")

    /// The seed's text (the file is part of the repository; a missing file is a broken checkout).
    public static func seedText() throws -> String {
        try String(contentsOf: self.seed, encoding: .utf8)
    }
}

/// An error of the test support itself (a cluster that does not start, a process that fails).
public struct TestSupportError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// The name the CLI tests knew it by.
public typealias CLIRunnerError = TestSupportError
