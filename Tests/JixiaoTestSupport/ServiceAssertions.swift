import JixiaoService
import PQ
import Testing

/// Expects `body` to fail with a `ServiceError` of `kind` (and `code`, when given); returns it.
@discardableResult
public func expectServiceError<T>(
    _ kind: ServiceError.Kind,
    _ code: String? = nil,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> ServiceError? {
    do {
        let value = try await body()
        Issue.record(
            "expected a ServiceError (\(kind)\(code.map { ", \($0)" } ?? "")), got \(value)\(comment.map { " — \($0)" } ?? "")",
            sourceLocation: sourceLocation
        )
        return nil
    } catch let error as ServiceError {
        #expect(error.kind == kind, "\(error.code): \(error.message)\(comment.map { " — \($0)" } ?? "")", sourceLocation: sourceLocation)
        if let code {
            #expect(error.code.rawValue == code, "\(error.kind): \(error.message)\(comment.map { " — \($0)" } ?? "")", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a ServiceError (\(kind)), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The SQLSTATE `body` fails with: `00000` when it succeeds, `?` for an error without one.
/// (Plain function: runs on the thread of a blocking connection, where no `#expect` belongs.)
public func sqlState(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "00000"
    } catch let error as PQError {
        return error.sqlState ?? "?"
    } catch {
        return "?"
    }
}
