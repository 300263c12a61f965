import ArgumentParser
import Foundation
import JixiaoHTTP
import JixiaoService
import Logging

/// `jixiao serve`: the HTTP endpoint.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (JSON over HTTP, bearer tokens) until SIGTERM or Ctrl-C.",
        discussion: """
            Every option has an environment variable, for containers and systemd: \
            JIXIAO_DATABASE_URL (logged in as the application role jixiao_app; a superuser or \
            the schema's owner is refused: migrations run separately, with `jixiao db migrate`), \
            JIXIAO_HOST, JIXIAO_PORT, JIXIAO_POOL_SIZE, \
            JIXIAO_MAX_BODY_BYTES, JIXIAO_LOG_LEVEL (trace … critical), JIXIAO_SECURE_COOKIES, \
            JIXIAO_TRUST_FORWARDED_FOR, JIXIAO_TRUSTED_ORIGINS (comma-separated). People sign in \
            with POST /v1/session (a session cookie); scripts use bearer tokens. On SIGTERM the server \
            stops accepting connections, lets requests in flight finish, then exits. Instances \
            are stateless: run several behind a load balancer (Deploy/nginx.conf).

            EXAMPLE
              jixiao serve --host 127.0.0.1 --port 8080 --pool-size 8
              curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/v1/tables
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to listen on (else JIXIAO_HOST, else 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (else JIXIAO_PORT, else 8080).")
    var port: Int?

    @Option(help: "Database connections (else JIXIAO_POOL_SIZE, else 8).")
    var poolSize: Int?

    @Option(help: "Largest request body in bytes (else JIXIAO_MAX_BODY_BYTES, else 1 MiB).")
    var maxBodyBytes: Int?

    @Flag(
        name: .customLong("secure-cookies"),
        help: "Mark the session cookie Secure: clients reach the server over TLS, e.g. through nginx (else JIXIAO_SECURE_COOKIES=1)."
    )
    var secureCookies = false

    @Flag(
        name: .customLong("trust-forwarded-for"),
        help: "Behind a proxy: the client address is the last X-Forwarded-For entry (else JIXIAO_TRUST_FORWARDED_FOR=1)."
    )
    var trustForwardedFor = false

    @Option(
        name: .customLong("trusted-origin"),
        help: ArgumentHelp(
            "An origin whose pages may send signed-in writes, e.g. https://jixiao.example.org (repeatable; else JIXIAO_TRUSTED_ORIGINS).",
            valueName: "origin"
        )
    )
    var trustedOrigins: [String] = []

    func validate() throws {
        if let port = self.port ?? Self.environment("JIXIAO_PORT", Int.init), !(1...65535).contains(port) {
            throw ValidationError("the port must be 1…65535, not \(port)")
        }
        if let size = self.poolSize ?? Self.environment("JIXIAO_POOL_SIZE", Int.init), !(1...200).contains(size) {
            throw ValidationError("the pool size must be 1…200, not \(size)")
        }
        if let limit = self.maxBodyBytes ?? Self.environment("JIXIAO_MAX_BODY_BYTES", Int.init), limit < 1024 {
            throw ValidationError("the body limit must be at least 1024 bytes, not \(limit)")
        }
    }

    func run() async throws {
        let level = Self.environment("JIXIAO_LOG_LEVEL", Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let host = self.host ?? Self.environment("JIXIAO_HOST", { $0 }) ?? "127.0.0.1"
        let port = self.port ?? Self.environment("JIXIAO_PORT", Int.init) ?? 8080
        let poolSize = self.poolSize ?? Self.environment("JIXIAO_POOL_SIZE", Int.init) ?? 8
        let maxBody = self.maxBodyBytes ?? Self.environment("JIXIAO_MAX_BODY_BYTES", Int.init) ?? 1 << 20
        // The login itself is the application role: no SET ROLE that RESET ROLE could undo.
        let service = JixiaoService(database: Database(.init(url: self.global.resolvedURL(), poolSize: poolSize, role: nil)))
        try await service.requireApplicationLogin()
        try await JixiaoHTTPServer.run(
            service: service,
            configuration: JixiaoHTTPConfiguration(
                host: host,
                port: port,
                maxBodySize: maxBody,
                secureCookies: self.secureCookies || Self.environment("JIXIAO_SECURE_COOKIES", Self.flag) == true,
                trustForwardedFor: self.trustForwardedFor || Self.environment("JIXIAO_TRUST_FORWARDED_FOR", Self.flag) == true,
                trustedOrigins: self.trustedOrigins.isEmpty
                    ? (Self.environment("JIXIAO_TRUSTED_ORIGINS") { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [])
                    : self.trustedOrigins
            ),
            logger: Logger(label: "jixiao.http")
        )
    }

    /// `1`, `true`, `yes` → true; `0`, `false`, `no` → false; anything else is unset.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: return nil
        }
    }

    /// An environment variable parsed with `parse`; nil when unset, empty or unparsable.
    static func environment<T>(_ name: String, _ parse: (String) -> T?) -> T? {
        guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else { return nil }
        return parse(text)
    }
}
