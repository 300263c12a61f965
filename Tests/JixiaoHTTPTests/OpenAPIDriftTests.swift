import Foundation
import JixiaoCore
import Testing

@testable import JixiaoHTTP
@testable import JixiaoService

/// `/openapi.yaml` against what the code really does: enums, limits and, for every response
/// schema, the keys that encoding a real value writes. Drift fails `swift test`, not only
/// schemathesis.
@Suite("OpenAPI document: no drift from the code")
struct OpenAPIDriftTests {
    let spec: OpenAPISpec

    init() throws {
        self.spec = try OpenAPISpec()
    }

    // MARK: enums

    @Test("every enum of the document is exactly the Swift enum's cases")
    func enums() throws {
        func documented(_ schema: String, _ property: String? = nil) throws -> [String] {
            var node = try self.spec.schema(schema)
            if let property { node = try #require((node["properties"] as? [String: Any])?[property] as? [String: Any], "\(schema).\(property)") }
            return try #require(self.spec.enumeration(node), "\(schema).\(property ?? "")")
        }
        #expect(try documented("TableKind") == TableKind.allCases.map(\.rawValue))
        #expect(try documented("TableStatus") == TableStatus.allCases.map(\.rawValue))
        #expect(try documented("Comparator") == IndicatorComparator.allCases.map(\.rawValue))
        #expect(try documented("Role") == Role.allCases.map(\.rawValue))
        #expect(try documented("ErrorCode") == ErrorCode.allCases.map(\.rawValue))
        #expect(try documented("Finding", "code") == FindingCode.allCases.map(\.rawValue))
        #expect(try documented("Finding", "severity") == Severity.allCases.map(\.rawValue))
        #expect(try documented("ReportFinding", "severity") == Severity.allCases.map(\.rawValue))
        #expect(try documented("AuditWorkflowEvent", "action") == WorkflowAction.allCases.map(\.rawValue))
        #expect(try documented("AuditEntry", "entity") == AuditImage.entities)
        // One documented route per workflow step, and no other.
        let paths = try #require(self.spec.root["paths"] as? [String: Any])
        let steps = paths.keys.filter { path in
            let post = (paths[path] as? [String: Any])?["post"] as? [String: Any]
            return path.hasPrefix("/v1/tables/{id}/") && (post?["tags"] as? [String]) == ["workflow"]
        }.map { String($0.dropFirst("/v1/tables/{id}/".count)) }
        #expect(Set(steps) == Set(WorkflowAction.allCases.map(\.rawValue)))
        // The query filters of the table list take the same enums.
        let listParameters = try #require(self.spec.value(at: ["paths", "/v1/tables", "get", "parameters"]) as? [[String: Any]])
        func parameter(_ name: String) throws -> [String: Any] {
            try #require(listParameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any], "\(name)")
        }
        #expect(self.spec.enumeration(try parameter("status")) == TableStatus.allCases.map(\.rawValue))
        #expect(self.spec.enumeration(try parameter("kind")) == TableKind.allCases.map(\.rawValue))
    }

    // MARK: limits

    @Test("every documented limit is the code's constant")
    func limits() throws {
        let limit = try #require(self.spec.value(at: ["components", "parameters", "Limit"]) as? [String: Any])
        let limitSchema = try #require(limit["schema"] as? [String: Any])
        #expect(limitSchema["minimum"] as? Int == APILimits.historyEntries.lowerBound)
        #expect(limitSchema["maximum"] as? Int == APILimits.historyEntries.upperBound)
        #expect((limit["description"] as? String)?.contains("(default \(APILimits.defaultHistoryEntries))") == true)

        let listParameters = try #require(self.spec.value(at: ["paths", "/v1/tables", "get", "parameters"]) as? [[String: Any]])
        let year = try #require(listParameters.first { $0["name"] as? String == "year" }?["schema"] as? [String: Any])
        #expect(year["minimum"] as? Int == APILimits.listYear.lowerBound)
        #expect(year["maximum"] as? Int == APILimits.listYear.upperBound)

        let exportParameters = try #require(self.spec.value(at: ["paths", "/v1/export.csv", "get", "parameters"]) as? [[String: Any]])
        let tables = try #require(exportParameters.first { $0["name"] as? String == "table" }?["schema"] as? [String: Any])
        #expect(tables["maxItems"] as? Int == APIRoutes.maxExportTables)
        #expect(tables["minItems"] as? Int == 1)

        let int64 = try self.spec.schema("Int64")
        #expect(int64["minimum"] as? Int == Int(Int64.min))
        #expect(int64["maximum"] as? Int == Int(Int64.max))
        let move = try #require((try self.spec.schema("MoveIndicator")["properties"] as? [String: Any])?["position"] as? [String: Any])
        #expect(move["maximum"] as? Int == Int.max)

        // "at most 1 MiB by default": the configuration's default body limit.
        let description = try #require(self.spec.value(at: ["info", "description"]) as? String)
        let mebibytes = try #require(description.firstMatch(of: /at most (\d+) MiB by\s+default/)?.output.1)
        #expect(Int(mebibytes).map { $0 << 20 } == JixiaoHTTPConfiguration().maxBodySize)
    }

    // MARK: response schemas

    @Test("every response schema: a real value's encoding writes exactly its properties, its required keys, null only where allowed")
    func responseSchemas() throws {
        let samples = try ResponseSamples.all()
        #expect(Set(samples.keys).isSuperset(of: try self.responseSchemaNames()), "a response schema without a sample: add one")
        for (name, values) in samples.sorted(by: { $0.key < $1.key }) {
            let schema = try self.spec.schema(name)
            for (index, bytes) in values.enumerated() {
                let value = try JSONValue.parse(bytes)
                let problems = self.spec.problems(value, schema, at: "\(name)#\(index)")
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            }
        }
    }

    @Test("the checker catches drift: an undocumented key, a missing required key, a null where none is allowed")
    func checkerCatchesDrift() throws {
        let finding = try self.spec.schema("ChainProblem")
        #expect(self.spec.problems(try JSONValue.parse(Array(#"{"table_id":1,"reason":"x"}"#.utf8)), finding).isEmpty)
        #expect(!self.spec.problems(try JSONValue.parse(Array(#"{"table_id":1,"reason":"x","extra":1}"#.utf8)), finding).isEmpty)
        #expect(!self.spec.problems(try JSONValue.parse(Array(#"{"table_id":1}"#.utf8)), finding).isEmpty)
        #expect(!self.spec.problems(try JSONValue.parse(Array(#"{"table_id":1,"reason":null}"#.utf8)), finding).isEmpty)
        #expect(!self.spec.problems(try JSONValue.parse(Array(#"{"table_id":"1","reason":"x"}"#.utf8)), finding).isEmpty)
    }

    /// The component schemas that a JSON response of any operation names.
    func responseSchemaNames() throws -> Set<String> {
        var names: Set<String> = []
        func collect(_ response: Any?) {
            guard let response = response as? [String: Any] else { return }
            if let reference = response["$ref"] as? String {
                collect(self.spec.value(at: reference.dropFirst(2).split(separator: "/").map(String.init)))
                return
            }
            let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
            if let reference = schema?["$ref"] as? String { names.insert(String(reference.split(separator: "/").last!)) }
        }
        let paths = try #require(self.spec.root["paths"] as? [String: Any])
        for case let operations as [String: Any] in paths.values {
            for case let operation as [String: Any] in operations.values {
                for response in (operation["responses"] as? [String: Any] ?? [:]).values { collect(response) }
            }
        }
        return names
    }
}
