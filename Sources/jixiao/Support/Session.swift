import Foundation
import JixiaoCore
import JixiaoService

/// Opens the service for one command and closes its pool afterwards.
enum Session {
    /// Runs `body` with a service connected to the resolved database (as the application role).
    static func withService<T>(_ options: GlobalOptions, _ body: (JixiaoService) async throws -> T) async throws -> T {
        let service = JixiaoService(database: Database(.init(url: options.resolvedURL(), poolSize: 2, role: options.databaseRole())))
        do {
            let result = try await body(service)
            await service.database.close()
            return result
        } catch {
            await service.database.close()
            throw error
        }
    }

    /// Runs `body` as the acting user (`--as` / `JIXIAO_AS`).
    static func withCaller<T>(_ options: GlobalOptions, _ body: (JixiaoService, Caller) async throws -> T) async throws -> T {
        let login = try options.actingLogin()
        return try await self.withService(options) { service in
            let caller = try await service.caller(login: login)
            return try await body(service, caller)
        }
    }

    /// Unit names by id, for output that shows names where the domain holds ids.
    static func unitNames(_ service: JixiaoService, _ caller: Caller) async throws -> [Int64: BudgetUnit] {
        Dictionary(try await service.listUnits(caller).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
