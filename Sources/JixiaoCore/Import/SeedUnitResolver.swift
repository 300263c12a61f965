/// Unit names across one document: aliases the document itself establishes, and the
/// supervising department of each department table.
enum SeedUnitResolver {
    /// Fills `unitName` of department tables that lack it (from the title), resolves aliases in
    /// every `unitName`/`supervisingUnitName`, and sets the supervising department of department
    /// tables. Returns the aliases (short name → full name).
    ///
    /// - Alias: a department title `和政县人社局部门（单位）整体支出绩效目标表` over a header naming
    ///   `和政县人力资源和社会保障局` makes the two names one unit.
    /// - Supervisor of a department table: the department whose 直属单位 list names the unit
    ///   (`就业服务中心等7个事业单位` names 和政县就业服务中心), else the 主管部门 of a project the unit
    ///   implements, else the unit itself (a department supervises its own table).
    static func resolve(_ tables: inout [ParsedTable]) -> [String: String] {
        var aliases: [String: String] = [:]
        for index in tables.indices where tables[index].kind == .department {
            let prefix = self.titleUnit(tables[index].title)
            if let unit = tables[index].unitName {
                if let prefix, SeedText.key(prefix) != SeedText.key(unit), aliases[prefix] == nil { aliases[prefix] = unit }
            } else if let prefix {
                tables[index].unitName = prefix
                tables[index].issues.append(
                    ParseIssue(
                        code: .missingName,
                        severity: .warning,
                        message: "the header states no 部门（单位）; the unit '\(prefix)' is taken from the title",
                        line: tables[index].sourceLine
                    )
                )
            } else {
                tables[index].issues.append(
                    ParseIssue(
                        .missingName,
                        "neither the header (部门（单位）) nor the title names the unit",
                        line: tables[index].sourceLine
                    )
                )
            }
        }
        let byKey = Dictionary(aliases.map { (SeedText.key($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        func canonical(_ name: String?) -> String? {
            guard let name else { return nil }
            return byKey[SeedText.key(name)] ?? name
        }
        for index in tables.indices {
            tables[index].unitName = canonical(tables[index].unitName)
            tables[index].supervisingUnitName = canonical(tables[index].supervisingUnitName)
        }

        var parents: [String: String] = [:]
        let departments = tables.indices.filter { tables[$0].kind == .department }
        for parent in departments {
            guard let parentUnit = tables[parent].unitName, case .department(let header) = tables[parent].header,
                let list = header.subordinateUnits
            else { continue }
            let items = self.unitNames(in: list)
            for child in departments where child != parent {
                guard let unit = tables[child].unitName, SeedText.key(unit) != SeedText.key(parentUnit) else { continue }
                let key = SeedText.key(unit)
                if parents[key] == nil, items.contains(where: { key == $0 || key.hasSuffix($0) }) { parents[key] = parentUnit }
            }
        }
        for table in tables where table.kind != .department {
            guard let unit = table.unitName, let supervising = table.supervisingUnitName else { continue }
            let key = SeedText.key(unit)
            if key != SeedText.key(supervising), parents[key] == nil { parents[key] = supervising }
        }
        for index in departments {
            guard let unit = tables[index].unitName else { continue }
            tables[index].supervisingUnitName = parents[SeedText.key(unit)] ?? unit
        }
        return aliases
    }

    /// The unit named before `部门（单位）整体支出` / `整体支出` in a department title.
    static func titleUnit(_ title: String) -> String? {
        let compact = TextNormalization.withoutWhitespace(title)
        for marker in ["部门（单位）整体支出", "部门(单位)整体支出", "部门（单位)整体支出", "部门(单位）整体支出", "整体支出"] {
            guard let range = compact.range(of: marker) else { continue }
            var prefix = Substring(compact[..<range.lowerBound])
            // A leading year (`2025年`, `2025年度`) is not part of the name.
            if prefix.count > 5, prefix.prefix(4).allSatisfy({ SeedText.digitValue($0) != nil }), prefix.dropFirst(4).hasPrefix("年") {
                prefix = prefix.dropFirst(5)
                if prefix.hasPrefix("度") { prefix = prefix.dropFirst() }
            }
            return prefix.isEmpty ? nil : String(prefix)
        }
        return nil
    }

    /// Unit names in a 直属单位 list, as keys: `人才交流办公室、…、就业服务中心等7个事业单位` →
    /// [人才交流办公室, …, 就业服务中心]; bracketed alternative names count too. Short words (无) are dropped.
    static func unitNames(in list: String) -> [String] {
        var names: [String] = []
        let items = list.split(whereSeparator: { "、，,；;/ ".contains($0) })
        for item in items {
            var text = SeedText.key(String(item))
            if let cut = self.countSuffix(in: text) { text = String(text[..<cut]) }
            var parts = [text]
            if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
                parts = [String(text[..<open]), String(text[text.index(after: open)..<close])]
            }
            names += parts.filter { $0.count >= 4 }
        }
        return names
    }

    /// Where `等7个事业单位` / `等单位` begins in an item, if anywhere.
    private static func countSuffix(in text: String) -> String.Index? {
        var index = text.startIndex
        while let found = text[index...].firstIndex(of: "等") {
            let next = text.index(after: found)
            if next == text.endIndex { return found }
            let following = text[next]
            if SeedText.digitValue(following) != nil || SeedText.chineseNumeral(following) != nil || following == "单" || following == "个" {
                return found
            }
            index = next
        }
        return nil
    }
}
