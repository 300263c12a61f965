import ArgumentParser
import JixiaoCore
import JixiaoService

/// `jixiao user add|list|grant|revoke|disable` (admin).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users and their roles.",
        discussion: """
            Roles: drafter (单位填报), supervisor (主管部门审核), finance (财政审核), auditor (审计), \
            admin (系统管理). --role takes a comma-separated list.

            EXAMPLE
              jixiao user add kang --name 康亚运 --unit 301002 --role drafter --as admin
              jixiao user grant kang --role auditor --as admin
            """,
        subcommands: [
            UserAdd.self, UserList.self, UserGrant.self, UserRevoke.self, UserDisable.self, UserPassword.self, UserTOTPReset.self,
            UserTOTPRequired.self,
        ]
    )
}

/// Parses `--role drafter,supervisor`.
func parseRoles(_ text: String) throws -> Set<Role> {
    do { return try Role.parseList(text) } catch { throw ValidationError(error.description) }
}

/// Prints one user.
func printUser(_ user: User, verb: String, json: Bool) throws {
    if json { return try Output.json(user) }
    Output.line("\(verb) \(user.login) (\(user.displayName)): roles \(Role.formatList(user.roles))\(user.disabled ? ", disabled" : "")")
}

/// `jixiao user add LOGIN --unit CODE --role R[,R…]`.
struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user of a unit with one or more roles (admin).",
        discussion: """
            EXAMPLE
              jixiao user add kang --name 康亚运 --unit 301002 --role drafter --as admin
              jixiao user add li --unit 301 --role supervisor,auditor --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The sign-in name (also used with --as).")
    var login: String

    @Option(help: "The name shown to people (default: the login).")
    var name: String?

    @Option(help: ArgumentHelp("Code or name of the user's unit.", valueName: "code"))
    var unit: String

    @Option(
        name: .customLong("role"),
        help: ArgumentHelp("Comma-separated roles: drafter, supervisor, finance, auditor, admin.", valueName: "roles"),
        transform: parseRoles
    )
    var roles: Set<Role>

    func run() async throws {
        let user = try await Session.withCaller(self.global) { service, caller in
            try await service.addUser(caller, login: self.login, displayName: self.name ?? self.login, unitCode: self.unit, roles: self.roles)
        }
        try printUser(user, verb: "added", json: self.global.json)
    }
}

/// `jixiao user list` (admin, auditor).
struct UserList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List users with their units and roles (admin, auditor).",
        discussion: """
            EXAMPLE
              jixiao user list --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (users, units) = try await Session.withCaller(self.global) { service, caller in
            (try await service.listUsers(caller), try await Session.unitNames(service, caller))
        }
        if self.global.json { return try Output.json(users) }
        var table = TextTable([.init("login"), .init("name"), .init("unit"), .init("roles"), .init("state")])
        for user in users {
            table.append([
                user.login, user.displayName, units[user.unitID].map { "\($0.code) \($0.name)" } ?? "\(user.unitID)",
                Role.formatList(user.roles), user.disabled ? "disabled" : "active",
            ])
        }
        Output.block(table.render())
    }
}

/// `jixiao user grant LOGIN --role R[,R…]`.
struct UserGrant: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Add roles to a user (admin).",
        discussion: """
            EXAMPLE
              jixiao user grant kang --role auditor --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user's login.")
    var login: String

    @Option(name: .customLong("role"), help: ArgumentHelp("Comma-separated roles to add.", valueName: "roles"), transform: parseRoles)
    var roles: Set<Role>

    func run() async throws {
        let user = try await Session.withCaller(self.global) { service, caller in
            try await service.grant(caller, login: self.login, roles: self.roles)
        }
        try printUser(user, verb: "updated", json: self.global.json)
    }
}

/// `jixiao user revoke LOGIN --role R[,R…]`.
struct UserRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Remove roles from a user (admin); a user keeps at least one role.",
        discussion: """
            EXAMPLE
              jixiao user revoke kang --role auditor --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user's login.")
    var login: String

    @Option(name: .customLong("role"), help: ArgumentHelp("Comma-separated roles to remove.", valueName: "roles"), transform: parseRoles)
    var roles: Set<Role>

    func run() async throws {
        let user = try await Session.withCaller(self.global) { service, caller in
            try await service.revoke(caller, login: self.login, roles: self.roles)
        }
        try printUser(user, verb: "updated", json: self.global.json)
    }
}

/// `jixiao user disable LOGIN`.
struct UserDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a user (admin): their tokens stop working; their history stays.",
        discussion: """
            EXAMPLE
              jixiao user disable kang --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user's login.")
    var login: String

    func run() async throws {
        let user = try await Session.withCaller(self.global) { service, caller in
            try await service.disable(caller, login: self.login)
        }
        try printUser(user, verb: "disabled", json: self.global.json)
    }
}

/// `jixiao user password LOGIN`: change one's own password, or reset another user's (admin).
struct UserPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Change your own password, or reset a user's (admin; they must change it at next sign-in).",
        discussion: """
            On a terminal the passwords are asked for without echo; otherwise they are read from \
            stdin, one per line: the current and the new password to change your own, only the \
            new one for a reset. Never pass a password as an argument. A password has at least \
            \(PasswordRules.minimumLength) characters, does not contain the login and is not a common one. \
            Every session of the user ends.

            EXAMPLE
              jixiao user password kang --as kang                   # asks for current and new
              jixiao user password kang --as admin                  # reset: asks for the new one
              jixiao user password admin --reset --as admin         # the first password of db init's admin
              printf '%s\\n' "$NEW" | jixiao user password kang --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user's login.")
    var login: String

    @Flag(help: "Reset (admin) even when LOGIN is yourself: no current password; a change is due at next sign-in.")
    var reset = false

    func run() async throws {
        let acting = try self.global.actingLogin()
        let own = acting == self.login && !self.reset
        let login = self.login
        let (current, new) = try await Blocking.run {
            let current = own ? try PasswordInput.read("current password for \(login): ", confirm: false) : nil
            return (current, try PasswordInput.read("new password for \(login): ", confirm: true))
        }
        try await Session.withCaller(self.global) { service, caller in
            if let current {
                try await service.changePassword(caller, current: current, new: new)
            } else {
                try await service.resetPassword(caller, login: login, new: new)
            }
        }
        Output.error(
            own
                ? "password of \(login) changed; every session of \(login) ended"
                : "password of \(login) reset: it must be changed at the next sign-in"
        )
    }
}

/// `jixiao user totp-reset LOGIN` (admin).
struct UserTOTPReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp-reset",
        abstract: "Remove a user's second factor (admin); they set up a new one (POST /v1/me/totp).",
        discussion: """
            EXAMPLE
              jixiao user totp-reset fin --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user's login.")
    var login: String

    func run() async throws {
        try await Session.withCaller(self.global) { service, caller in
            try await service.resetSecondFactor(caller, login: self.login)
        }
        Output.error("second factor of \(self.login) removed")
    }
}

/// `jixiao user totp-required [on|off]` (admin).
struct UserTOTPRequired: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp-required",
        abstract: "Show, or set, whether finance and admin users must use a second factor (admin).",
        discussion: """
            With on, users holding finance or admin who have no second factor must set one up \
            at their next request in a session; every sign-in then needs a code.

            EXAMPLE
              jixiao user totp-required on --as admin
              jixiao user totp-required --as admin --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "on or off; without it, the current setting is shown.")
    var setting: Setting?

    enum Setting: String, ExpressibleByArgument {
        case on, off
    }

    func run() async throws {
        let required = try await Session.withCaller(self.global) { service, caller in
            if let setting = self.setting { try await service.setSecondFactorRequired(caller, setting == .on) }
            return try await service.secondFactorRequired(caller)
        }
        if self.global.json { return try Output.json(["totp_required": required]) }
        Output.line("second factor required for finance and admin: \(required ? "on" : "off")")
    }
}
