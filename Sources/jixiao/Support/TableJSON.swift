import JixiaoCore

/// A target table in `--json` output: the HTTP API's shape (`id`, `kind`, `title`,
/// `fiscal_year`, `unit`, `status`, `revision`, `version`, `indicators`, `open_return` …) with `unit` and
/// `supervising_unit` as unit names; indicators use JixiaoCore's own coding.
struct TableJSON: Encodable {
    var table: TargetTable
    var unitName: String
    var supervisingUnitName: String

    init(_ table: TargetTable, units: [Int64: BudgetUnit]) {
        self.table = table
        self.unitName = units[table.unitID]?.name ?? String(table.unitID)
        self.supervisingUnitName = units[table.supervisingUnitID]?.name ?? String(table.supervisingUnitID)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, unit, status, revision, version, header, goals, indicators
        case openReturn = "open_return"
        case fiscalYear = "fiscal_year"
        case unitID = "unit_id"
        case supervisingUnit = "supervising_unit"
        case supervisingUnitID = "supervising_unit_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.table.id, forKey: .id)
        try container.encode(self.table.kind, forKey: .kind)
        try container.encode(self.table.title, forKey: .title)
        try container.encode(self.table.fiscalYear, forKey: .fiscalYear)
        try container.encode(self.unitName, forKey: .unit)
        try container.encode(self.table.unitID, forKey: .unitID)
        try container.encode(self.supervisingUnitName, forKey: .supervisingUnit)
        try container.encode(self.table.supervisingUnitID, forKey: .supervisingUnitID)
        try container.encode(self.table.status, forKey: .status)
        try container.encode(self.table.revision, forKey: .revision)
        try container.encode(self.table.version, forKey: .version)
        try container.encode(self.table.header, forKey: .header)
        try container.encode(self.table.goals, forKey: .goals)
        try container.encode(self.table.indicators, forKey: .indicators)
        try container.encode(self.table.openReturn, forKey: .openReturn)
    }
}

/// The input file of `jixiao table create`: a table as in `--json` output (`title`,
/// `fiscal_year`, `unit` as code or name, `header` with its `kind`, `goals`, `indicators`).
/// Ids, versions and status are ignored: a new table starts as a draft.
struct TableFile: Decodable {
    var title: String
    var fiscalYear: Int
    var unit: String
    var kind: TableKind?
    var header: TableHeader
    var goals: [String]
    var indicators: [IndicatorFile]

    enum CodingKeys: String, CodingKey {
        case title, unit, kind, header, goals, indicators
        case fiscalYear = "fiscal_year"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.title = try container.decode(String.self, forKey: .title)
        self.fiscalYear = try container.decode(Int.self, forKey: .fiscalYear)
        self.unit = try container.decode(String.self, forKey: .unit)
        self.kind = try container.decodeIfPresent(TableKind.self, forKey: .kind)
        self.header = try container.decode(TableHeader.self, forKey: .header)
        self.goals = try container.decodeIfPresent([String].self, forKey: .goals) ?? []
        self.indicators = try container.decodeIfPresent([IndicatorFile].self, forKey: .indicators) ?? []
        if let kind = self.kind, kind != self.header.kind {
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "kind \"\(kind.rawValue)\" disagrees with the header's kind \"\(self.header.kind.rawValue)\""
            )
        }
    }
}

/// One indicator row of a `table create` file; the comparator may be written in any spelling
/// the sources use (`≥`, `>=`, `\geq`, `定性` …).
struct IndicatorFile: Decodable {
    var fields: IndicatorContent

    init(from decoder: any Decoder) throws {
        self.fields = try IndicatorContent(from: decoder, reading: .lenient)
    }
}
