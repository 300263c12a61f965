import ArgumentParser
import JixiaoCore
import JixiaoService

/// `jixiao unit add|list|show`: budget units and their supervising departments.
struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Add and list budget units (单位).",
        discussion: """
            A unit's parent is its supervising department (主管部门), whose supervisors review \
            the unit's tables.

            EXAMPLE
              jixiao unit add 301002 和政县就业服务中心 --parent 301 --as admin
              jixiao unit list --as admin
            """,
        subcommands: [UnitAdd.self, UnitList.self, UnitShow.self]
    )
}

/// `jixiao unit add CODE NAME [--parent CODE]` (admin).
struct UnitAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a unit (admin).",
        discussion: """
            EXAMPLE
              jixiao unit add 301 和政县人力资源和社会保障局 --as admin
              jixiao unit add 301002 和政县就业服务中心 --parent 301 --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The official unit code (单位编码).")
    var code: String

    @Argument(help: "The official name, e.g. 和政县就业服务中心.")
    var name: String

    @Option(help: ArgumentHelp("Code of the supervising department (主管部门).", valueName: "code"))
    var parent: String?

    func run() async throws {
        let unit = try await Session.withCaller(self.global) { service, caller in
            try await service.addUnit(caller, code: self.code, name: self.name, parentCode: self.parent)
        }
        if self.global.json { return try Output.json(unit) }
        Output.line("added unit \(unit.code) \(unit.name)" + (self.parent.map { " under \($0)" } ?? "") + " (id \(unit.id))")
    }
}

/// `jixiao unit list`.
struct UnitList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List all units with their supervising departments.",
        discussion: """
            EXAMPLE
              jixiao unit list --as admin
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let units = try await Session.withCaller(self.global) { service, caller in try await service.listUnits(caller) }
        if self.global.json { return try Output.json(units) }
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var table = TextTable([.init("id", right: true), .init("code"), .init("name"), .init("主管部门 supervisor")])
        for unit in units {
            table.append(["\(unit.id)", unit.code, unit.name, unit.parentID.flatMap { byID[$0] }.map { "\($0.code) \($0.name)" } ?? ""])
        }
        Output.block(table.render())
    }
}

/// `jixiao unit show CODE|NAME`.
struct UnitShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one unit, its supervising department and the units it supervises.",
        discussion: """
            EXAMPLE
              jixiao unit show 301 --as admin
              jixiao unit show 和政县就业服务中心 --as admin --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Code or name of the unit.")
    var unit: String

    func run() async throws {
        let (unit, all) = try await Session.withCaller(self.global) { service, caller in
            (try await service.unit(caller, codeOrName: self.unit), try await service.listUnits(caller))
        }
        if self.global.json { return try Output.json(unit) }
        let parent = unit.parentID.flatMap { id in all.first { $0.id == id } }
        var facts = TextTable(["", ""])
        facts.showsHeader = false
        facts.append(["id", "\(unit.id)"])
        facts.append(["code", unit.code])
        facts.append(["name", unit.name])
        facts.append(["主管部门 supervisor", parent.map { "\($0.code) \($0.name)" } ?? "(none: supervises its own tables)"])
        let children = all.filter { $0.parentID == unit.id }
        facts.append(["下属单位 supervises", children.isEmpty ? "(none)" : children.map { "\($0.code) \($0.name)" }.joined(separator: ", ")])
        Output.block(facts.render())
    }
}
