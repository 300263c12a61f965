import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import JixiaoHTTP

/// Keeps every log record, rendered with its metadata, for inspection.
final class LogRecorder: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "jixiao.http.test") { _ in RecordingHandler(recorder: self) }
    }

    struct RecordingHandler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            self.recorder.lines.withLock { $0.append("\(event.level) \(event.message) \(rendered)") }
        }
    }
}

@Suite("HTTP: request logs")
struct RequestLogTests {
    @Test("one structured line per request with method, path, route, status and duration; never the token")
    func requestLines() async throws {
        let recorder = LogRecorder()
        let f = try await HTTPFixture.make()
        let app = buildApplication(service: f.service, logger: recorder.logger)
        try await app.test(.router) { client in
            let api = API(client: client)
            _ = try await api.send(.get, "/v1/me", token: f.auditorToken)
            _ = try await api.send(.get, "/v1/tables/abc", token: f.auditorToken)
        }
        await f.service.database.close()
        let lines = recorder.lines.withLock { $0 }.filter { $0.contains(" request ") }
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("info request"))
        #expect(first.contains("http.method=GET"))
        #expect(first.contains("http.path=/v1/me"))
        #expect(first.contains("http.route=/v1/me"))
        #expect(first.contains("http.status=200"))
        #expect(first.contains("http.duration_ms="))
        #expect(lines.last?.contains("http.route=/v1/tables/{id}") == true)
        #expect(lines.last?.contains("http.status=400") == true)
        let everything = recorder.lines.withLock { $0.joined(separator: "\n") }
        #expect(!everything.contains(f.auditorToken))
        #expect(!everything.localizedCaseInsensitiveContains("bearer"))
    }
}
