import Foundation

/// The OpenAPI 3.1 description of the endpoint, served at `GET /openapi.yaml`.
///
/// Hand-written and kept exact in `Resources/openapi.yaml`: every route, parameter, body,
/// header and error answer the server can give is listed, because the document is used to fuzz
/// the server (schemathesis). The tests check that its paths and methods are exactly the
/// router's, and that its enums, limits and schemas are what the code encodes.
enum OpenAPIDocument {
    /// The resource bundle SwiftPM builds for this target (`<package>_<target>.resources`).
    static let bundleName = "jixiao_JixiaoHTTP.resources"
    static let fileName = "openapi.yaml"

    /// The document's text, read once. A binary installed without its resource bundle stops
    /// here (at `buildApplication`, so at start) with the paths it looked in.
    static let yaml: String = {
        do {
            return try Self.load()
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Reads the document from the resource bundle next to the executable (how SwiftPM lays
    /// out a build and how Deploy installs it), the symlink-resolved executable's folder
    /// after that.
    static func load() throws -> String {
        var folders = [Bundle.main.bundleURL]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        folders.append(executable)
        if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() { folders.append(path) }
        let candidates = folders.map { $0.appendingPathComponent(Self.bundleName).appendingPathComponent(Self.fileName) }
        for file in candidates {
            if let data = FileManager.default.contents(atPath: file.path) { return String(decoding: data, as: UTF8.self) }
        }
        throw MissingResource(paths: candidates.map(\.path))
    }

    /// The document was not found in any of `paths`.
    struct MissingResource: Error, CustomStringConvertible {
        var paths: [String]
        var description: String {
            "the OpenAPI document is missing: install \(OpenAPIDocument.bundleName) next to the jixiao binary (looked for \(paths.joined(separator: ", ")))"
        }
    }
}
