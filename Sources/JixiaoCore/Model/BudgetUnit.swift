import Foundation

/// 单位: a budget unit, e.g. 和政县就业服务中心.
///
/// `parentID` is its supervising department (主管部门), e.g. 和政县人力资源和社会保障局;
/// nil for a department at the top, whose own tables it supervises itself.
/// Named `BudgetUnit`, not `Unit`, because Foundation declares a `Unit` class.
public struct BudgetUnit: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity.
    public var id: Int64
    /// The official unit code (单位编码).
    public var code: String
    /// The official name, e.g. 和政县就业服务中心.
    public var name: String
    /// The supervising department (主管部门), if any.
    public var parentID: Int64?

    /// A unit; `parentID` nil for a top-level department.
    public init(id: Int64, code: String, name: String, parentID: Int64? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.parentID = parentID
    }

    /// The unit that supervises this unit's tables: its parent, or itself at the top.
    public var supervisingUnitID: Int64 { self.parentID ?? self.id }

    enum CodingKeys: String, CodingKey {
        case id, code, name
        case parentID = "parent_id"
    }
}
