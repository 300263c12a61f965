import Foundation

/// One field that differs between two states of a table: named as the API names it
/// (`title`, `expense.personnel`, `goals[2]`, `value`, `unit`), old and new value as text
/// (nil: the field is empty or absent on that side).
public struct FieldChange: Sendable, Hashable, Codable {
    /// The API's name of the field; nested header fields joined by dots, goals by number.
    public var field: String
    public var old: String?
    public var new: String?

    /// A change from its parts.
    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// `expense.personnel: 157.56 → 151.584` (an empty side as `—`).
    public var description: String {
        "\(self.field): \(Self.shown(self.old)) → \(Self.shown(self.new))"
    }

    private static func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "—" }
        return value
    }

    /// Writes every key, an empty side as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.field, forKey: .field)
        try container.encode(self.old, forKey: .old)
        try container.encode(self.new, forKey: .new)
    }
}

/// How one indicator differs between two states of its table.
public struct IndicatorDifference: Sendable, Hashable, Codable {
    /// Added (only in the newer state), removed (only in the older) or changed (in both).
    public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
        case added, removed, changed
    }

    public var indicatorID: Int64
    /// The row's position in the newer state (in the older one when removed).
    public var position: Int
    /// 三级指标 of the newer state (of the older one when removed).
    public var name: String
    public var change: Change
    /// The fields that differ (`position` included when the row moved); for an added or
    /// removed row, every field that has a value.
    public var fields: [FieldChange]

    /// A difference from its parts.
    public init(indicatorID: Int64, position: Int, name: String, change: Change, fields: [FieldChange]) {
        self.indicatorID = indicatorID
        self.position = position
        self.name = name
        self.change = change
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case position, name, change, fields
        case indicatorID = "indicator_id"
    }
}

/// What differs between two states of one table, part by part.
public struct TableDifference: Sendable, Hashable, Codable {
    /// The title and the header's fields (`project_name`, `funds_total`, `expense.personnel` …).
    public var header: [FieldChange]
    /// The goals, by number (`goals[1]` …).
    public var goals: [FieldChange]
    /// The indicators, in the newer state's order, removed rows last.
    public var indicators: [IndicatorDifference]

    /// A difference from its parts.
    public init(header: [FieldChange] = [], goals: [FieldChange] = [], indicators: [IndicatorDifference] = []) {
        self.header = header
        self.goals = goals
        self.indicators = indicators
    }

    /// Nothing differs.
    public var isEmpty: Bool { self.header.isEmpty && self.goals.isEmpty && self.indicators.isEmpty }
}

/// The rules for comparing two states of a table (DESIGN §1.9: "what changed since I
/// returned it?"): fields by their API names, compared as the text the API writes, so that
/// no value passes through a float and people read the values they know.
public enum TableComparison {
    /// What differs from `old` to `new` (two states of the same table).
    public static func compare(_ old: TargetTable, _ new: TargetTable) -> TableDifference {
        var header: [FieldChange] = []
        if old.title != new.title { header.append(FieldChange(field: "title", old: old.title, new: new.title)) }
        header += self.changes(self.fields(of: old.header), self.fields(of: new.header))
        let goals = (0..<max(old.goals.count, new.goals.count)).compactMap { index -> FieldChange? in
            let before = index < old.goals.count ? old.goals[index] : nil
            let after = index < new.goals.count ? new.goals[index] : nil
            return before == after ? nil : FieldChange(field: "goals[\(index + 1)]", old: before, new: after)
        }
        return TableDifference(header: header, goals: goals, indicators: self.indicators(old.indicators, new.indicators))
    }

    /// The indicators matched by id: changed fields of those in both, added and removed rows
    /// (also one row's own change, as history shows it: `[old]`, `[new]`, or one side empty).
    public static func indicators(_ old: [Indicator], _ new: [Indicator]) -> [IndicatorDifference] {
        let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = Set(new.map(\.id))
        var result: [IndicatorDifference] = []
        for indicator in new.sorted(by: { $0.position < $1.position }) {
            guard let previous = before[indicator.id] else {
                result.append(self.whole(indicator, .added))
                continue
            }
            var fields: [FieldChange] = []
            if previous.position != indicator.position {
                fields.append(FieldChange(field: "position", old: String(previous.position), new: String(indicator.position)))
            }
            for field in IndicatorContent.Field.allCases {
                let was = previous.fields.text(field)
                let now = indicator.fields.text(field)
                if was != now { fields.append(FieldChange(field: field.jsonKey, old: self.value(was), new: self.value(now))) }
            }
            if !fields.isEmpty {
                result.append(
                    IndicatorDifference(
                        indicatorID: indicator.id,
                        position: indicator.position,
                        name: indicator.fields.level3,
                        change: .changed,
                        fields: fields
                    )
                )
            }
        }
        for indicator in old.sorted(by: { $0.position < $1.position }) where !kept.contains(indicator.id) {
            result.append(self.whole(indicator, .removed))
        }
        return result
    }

    /// An added or removed row: every field with a value, on its side.
    private static func whole(_ indicator: Indicator, _ change: IndicatorDifference.Change) -> IndicatorDifference {
        let fields = IndicatorContent.Field.allCases.compactMap { field -> FieldChange? in
            guard let text = self.value(indicator.fields.text(field)) else { return nil }
            return change == .added ? FieldChange(field: field.jsonKey, old: nil, new: text) : FieldChange(field: field.jsonKey, old: text, new: nil)
        }
        return IndicatorDifference(
            indicatorID: indicator.id,
            position: indicator.position,
            name: indicator.fields.level3,
            change: change,
            fields: fields
        )
    }

    private static func value(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// The changes between two flattened field maps, in field-name order.
    private static func changes(_ old: [String: String], _ new: [String: String]) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            old[field] == new[field] ? nil : FieldChange(field: field, old: old[field], new: new[field])
        }
    }

    /// The header's fields as the API writes them, flattened to `a.b` paths; nulls and empty
    /// texts are left out (absent and empty read the same to people).
    static func fields(of header: TableHeader) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(header), let flat = try? JSONDecoder().decode(FlatFields.self, from: data) else {
            // A header always encodes (its values are texts, integers and booleans); should it
            // ever not, compare it as one field rather than hide the difference.
            return ["header": String(describing: header)]
        }
        return flat.values.filter { $0.key != "kind" }
    }
}

/// A JSON value flattened to `path → text`: objects by `.key`, arrays by `[n]` (from 1);
/// strings as they are, integers and booleans as JSON writes them. Numbers with a fraction are
/// refused rather than read through a float (the header writes amounts as strings).
private struct FlatFields: Decodable {
    var values: [String: String] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        try Self.read(decoder, path: "", into: &self.values)
    }

    private static func read(_ decoder: any Decoder, path: String, into values: inout [String: String]) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            for key in object.allKeys {
                let name = path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
                try self.read(try object.superDecoder(forKey: key), path: name, into: &values)
            }
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var index = 1
            while !array.isAtEnd {
                try self.read(try array.superDecoder(), path: "\(path)[\(index)]", into: &values)
                index += 1
            }
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { return }
        if let text = try? single.decode(String.self) {
            if !text.isEmpty { values[path] = text }
        } else if let flag = try? single.decode(Bool.self) {
            values[path] = flag ? "true" : "false"
        } else {
            values[path] = String(try single.decode(Int64.self))
        }
    }
}
