/// Reading units of measure (度量单位) the way the rules need them.
enum MeasureUnit {
    /// Units that count things: heads, times, events, places.
    static let countUnits: Set<String> = [
        "人", "人次", "次", "场", "场次", "所", "户", "个", "家", "名", "件", "项", "期", "批", "班", "处", "座", "台", "套", "辆",
    ]

    /// Whitespace removed, full-width % and / made ASCII.
    static func normalized(_ unit: String) -> String {
        TextNormalization.withoutWhitespace(unit).replacing("％", with: "%").replacing("／", with: "/")
    }

    static func isPercent(_ unit: String) -> Bool { self.normalized(unit) == "%" }

    static func isWanyuan(_ unit: String) -> Bool { self.normalized(unit) == "万元" }

    /// The counting unit, if `unit` counts things (`人`, `场`).
    static func countUnit(_ unit: String) -> String? {
        let normalized = self.normalized(unit)
        return self.countUnits.contains(normalized) ? normalized : nil
    }

    /// A per-head standard such as `元/人` or `万元/人次`: the money unit's size in 元
    /// relative to 万元 and the counting unit it divides by. Rates per month (`万元/月`) are not.
    static func perHead(_ unit: String) -> (inYuan: Bool, per: String)? {
        let parts = self.normalized(unit).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, self.countUnits.contains(String(parts[1])) else { return nil }
        switch parts[0] {
        case "元": return (true, String(parts[1]))
        case "万元": return (false, String(parts[1]))
        default: return nil
        }
    }
}
