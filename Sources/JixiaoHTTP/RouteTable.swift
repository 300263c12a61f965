import Hummingbird

/// The method and path template of every route, for `405 Method Not Allowed`.
struct RouteTable: Sendable {
    var entries: [(method: HTTPRequest.Method, path: String)]

    init(_ routes: [Route]) {
        self.entries = routes.map { ($0.method, $0.path) }
    }

    /// Methods served at a concrete `path`, in registration order.
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: [HTTPRequest.Method] = []
        for entry in self.entries where Self.matches(template: entry.path, segments: segments) {
            if !methods.contains(entry.method) { methods.append(entry.method) }
        }
        return methods
    }

    private static func matches(template: String, segments: [Substring]) -> Bool {
        let parts = template.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in
            (part.hasPrefix("{") && part.hasSuffix("}")) || part == segment
        }
    }
}
