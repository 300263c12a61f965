import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao token issue|list|revoke`: bearer tokens for the HTTP API.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke API tokens.",
        discussion: """
            Only a SHA-256 of a token is stored: `issue` prints the token once.

            EXAMPLE
              jixiao token issue kang --label laptop --as admin
              jixiao token revoke 3 --as admin
            """,
        subcommands: [TokenIssue.self, TokenList.self, TokenRevoke.self]
    )
}

/// `jixiao token issue LOGIN`.
struct TokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a token for a user (admin, or the user for themself); printed once.",
        discussion: """
            EXAMPLE
              jixiao token issue kang --label laptop --days 30 --as admin
              TOKEN=$(jixiao token issue kang --as admin --json | jq -r .token)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Login of the token's user.")
    var login: String

    @Option(help: "A label to recognise the token by.")
    var label: String = ""

    @Option(help: "Days until the token expires (every token does, within a year).")
    var days: Int = 90

    func validate() throws {
        guard (1...TokenLifetime.maximumDays).contains(self.days) else {
            throw ValidationError("--days must be between 1 and \(TokenLifetime.maximumDays)")
        }
    }

    func run() async throws {
        let validFor: Duration = .seconds(self.days * 86_400)
        let (token, info) = try await Session.withCaller(self.global) { service, caller in
            try await service.issueToken(caller, login: self.login, label: self.label, validFor: validFor)
        }
        if self.global.json {
            return try Output.json(Issued(token: token, id: info.id, login: info.login, label: info.label, expiresAt: info.expiresAt))
        }
        Output.line(token)
        Output.error(
            "token \(info.id) for \(info.login) issued; it is shown only now"
                + (info.expiresAt.map { ", expires \(Time.human($0))" } ?? ", never expires")
        )
    }

    struct Issued: Encodable {
        var token: String
        var id: Int64
        var login: String
        var label: String
        var expiresAt: Date?

        enum CodingKeys: String, CodingKey {
            case token, id, login, label
            case expiresAt = "expires_at"
        }
    }
}

/// Renders tokens as a table.
func tokenTable(_ tokens: [TokenInfo]) -> TextTable {
    var table = TextTable([
        .init("id", right: true), .init("login"), .init("label"), .init("created"), .init("expires"),
        .init("last used"), .init("state"),
    ])
    let now = Date()
    for token in tokens {
        let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 < now } == true ? "expired" : "active")
        table.append([
            "\(token.id)", token.login, token.label, Time.human(token.createdAt), token.expiresAt.map(Time.human) ?? "never",
            token.lastUsedAt.map(Time.human) ?? "", state,
        ])
    }
    return table
}

/// `jixiao token list [--login LOGIN]`.
struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tokens (never their secrets): all (admin) or one user's.",
        discussion: """
            EXAMPLE
              jixiao token list --as admin
              jixiao token list --login kang --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this user's tokens.")
    var login: String?

    func run() async throws {
        let tokens = try await Session.withCaller(self.global) { service, caller in
            try await service.listTokens(caller, login: self.login)
        }
        if self.global.json { return try Output.json(tokens) }
        Output.block(tokenTable(tokens).render())
    }
}

/// `jixiao token revoke ID`.
struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a token by id (admin, or its owner).",
        discussion: """
            EXAMPLE
              jixiao token revoke 3 --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The token's id (see `jixiao token list`).")
    var id: Int64

    func run() async throws {
        let token = try await Session.withCaller(self.global) { service, caller in try await service.revokeToken(caller, id: self.id) }
        if self.global.json { return try Output.json(token) }
        Output.line("revoked token \(token.id) of \(token.login)")
    }
}
