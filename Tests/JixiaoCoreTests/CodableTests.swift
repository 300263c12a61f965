import Foundation
import Testing

@testable import JixiaoCore

@Suite("JSON shape")
struct CodableTests {
    private func json<T: Encodable>(_ value: T) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("indicator uses snake_case keys, the derived numeric_value and explicit nulls")
    func indicator() throws {
        let indicator = row(3, "成本指标", "经济成本指标", "涉及资金", .eq, "160", "万元", content: "涉及资金", line: 88)
        let object = try self.json(indicator)
        #expect(
            Set(object.keys) == [
                "id", "position", "level1", "level2", "level3", "comparator", "value",
                "numeric_value", "unit", "content", "remark", "weight", "explanation", "version", "line",
            ]
        )
        #expect(object["comparator"] as? String == "=")
        #expect(object["numeric_value"] as? String == "160")
        #expect(object["unit"] as? String == "万元")
        let qualitative = try self.json(row(4, "效益指标", "社会效益指标", "提高", nil, "提高"))
        #expect(qualitative["numeric_value"] is NSNull)
        #expect(qualitative["comparator"] is NSNull)
        #expect(try JSONDecoder().decode(Indicator.self, from: JSONEncoder().encode(indicator)) == indicator)
    }

    @Test("a table round-trips and names its kind")
    func table() throws {
        let table = projectTable(
            name: "2024年全县一般干部考核优秀奖金",
            total: "140",
            fiscal: "140",
            indicators: [row(1, "成本指标", "经济成本指标", "涉及资金", .eq, "160", "万元")]
        )
        let object = try self.json(table)
        #expect(object["kind"] as? String == "project")
        #expect(object["fiscal_year"] as? Int == 2025)
        #expect(object["supervising_unit_id"] as? Int64 == SeedUnits.bureau)
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["kind"] as? String == "project")
        #expect(header["project_name"] as? String == "2024年全县一般干部考核优秀奖金")
        #expect(header["funds_total"] as? String == "140")
        #expect(try JSONDecoder().decode(TargetTable.self, from: JSONEncoder().encode(table)) == table)
    }

    @Test("department header keys and round trip")
    func department() throws {
        let table = departmentTable(bureauHeader())
        let header = try #require(try self.json(table)["header"] as? [String: Any])
        let prior = try #require(header["prior_year"] as? [String: Any])
        #expect(prior["actual_spent"] as? String == "7618.51")
        #expect(prior["execution_rate"] as? String == "78%")
        let expense = try #require(header["expense"] as? [String: Any])
        #expect(expense["public_funds"] as? String == "90.706")
        #expect(header["major_change"] as? Bool == false)
        #expect(try JSONDecoder().decode(TargetTable.self, from: JSONEncoder().encode(table)) == table)
    }

    @Test("transfer header round trip")
    func transfer() throws {
        let header = TableHeader.transfer(
            TransferHeader(
                fundName: "普惠金融发展专项资金",
                supervisingUnit: "和政县人社局",
                implementingUnit: "和政县社保中心",
                fundsTotal: wan("7183")
            )
        )
        let object = try self.json(header)
        #expect(object["kind"] as? String == "transfer")
        #expect(object["fund_name"] as? String == "普惠金融发展专项资金")
        #expect(try JSONDecoder().decode(TableHeader.self, from: JSONEncoder().encode(header)) == header)
    }

    @Test("a kind that disagrees with the header is refused")
    func kindMismatch() throws {
        let table = projectTable(indicators: [])
        var object = try self.json(table)
        object["kind"] = "department"
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TargetTable.self, from: data) }
    }

    @Test("user roles are a sorted array; unit parent_id; finding keys")
    func userUnitFinding() throws {
        let user = User(id: uuid(1), login: "kang", displayName: "康亚运", unitID: SeedUnits.bureau, roles: [.supervisor, .drafter])
        let object = try self.json(user)
        #expect(object["roles"] as? [String] == ["drafter", "supervisor"])
        #expect(object["display_name"] as? String == "康亚运")
        #expect(object["unit_id"] as? Int64 == SeedUnits.bureau)
        #expect(try JSONDecoder().decode(User.self, from: JSONEncoder().encode(user)) == user)

        let unit = BudgetUnit(id: SeedUnits.centre, code: "301002", name: "和政县就业服务中心", parentID: SeedUnits.bureau)
        #expect(try self.json(unit)["parent_id"] as? Int64 == SeedUnits.bureau)
        #expect(unit.supervisingUnitID == SeedUnits.bureau)

        let finding = Finding(code: .costMismatch, severity: .error, message: "m", indicatorID: uuid(1), indicatorPosition: 1, line: 88)
        let findingObject = try self.json(finding)
        #expect(findingObject["code"] as? String == "cost-mismatch")
        #expect(findingObject["indicator_position"] as? Int == 1)
        #expect(findingObject["indicator_id"] as? Int64 == uuid(1))
    }
}
