/// The kind-specific header of a target table.
///
/// JSON: the header's own fields plus `"kind"`, e.g. `{"kind": "project", "project_name": …}`,
/// so a header can be decoded on its own.
public enum TableHeader: Sendable, Hashable {
    /// 部门（单位）整体支出绩效目标表
    case department(DepartmentHeader)
    /// 项目支出绩效目标表
    case project(ProjectHeader)
    /// 专项转移支付区域绩效目标表
    case transfer(TransferHeader)

    /// The table kind this header belongs to.
    public var kind: TableKind {
        switch self {
        case .department: return .department
        case .project: return .project
        case .transfer: return .transfer
        }
    }

    /// The name that tells a unit's tables of one year apart besides their (often identical)
    /// title: 项目名称 of a project, 专项名称 of a transfer; nil for a department.
    public var name: String? {
        switch self {
        case .department: return nil
        case .project(let header): return header.projectName
        case .transfer(let header): return header.fundName
        }
    }

    /// The funds in 万元 of a project or transfer header; nil for a department.
    public var funds: HeaderFunds? {
        switch self {
        case .department: return nil
        case .project(let header): return header.funds
        case .transfer(let header): return header.funds
        }
    }
}

extension TableHeader: Codable {
    private enum KindKey: String, CodingKey { case kind }

    /// Decodes the header named by its `kind` key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        switch try container.decode(TableKind.self, forKey: .kind) {
        case .department: self = .department(try DepartmentHeader(from: decoder))
        case .project: self = .project(try ProjectHeader(from: decoder))
        case .transfer: self = .transfer(try TransferHeader(from: decoder))
        }
    }

    /// Encodes `kind` and the header's own fields in one object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try container.encode(self.kind, forKey: .kind)
        switch self {
        case .department(let header): try header.encode(to: encoder)
        case .project(let header): try header.encode(to: encoder)
        case .transfer(let header): try header.encode(to: encoder)
        }
    }
}
