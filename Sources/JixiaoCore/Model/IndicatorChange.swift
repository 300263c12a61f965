/// A change to some fields of an indicator: the fields it names take their value from
/// `values`; the others stay as they are. Built from `IndicatorContent.Field`, so it holds any
/// field without listing them.
public struct IndicatorChange: Sendable, Hashable {
    /// The fields to change.
    public private(set) var fields: Set<IndicatorContent.Field> = []
    /// The new values of `fields` (the other fields' values mean nothing).
    public private(set) var values = IndicatorContent()

    /// A change of nothing; add fields with `set`.
    public init() {}

    /// A change of the fields given; `comparator` set to `.some(nil)` clears it.
    public init(
        level1: String? = nil,
        level2: String? = nil,
        level3: String? = nil,
        comparator: IndicatorComparator?? = nil,
        value: String? = nil,
        unitOfMeasure: String? = nil,
        content: String? = nil,
        remark: String? = nil
    ) {
        self.set(\.level1, level1)
        self.set(\.level2, level2)
        self.set(\.level3, level3)
        self.set(\.comparator, comparator)
        self.set(\.value, value)
        self.set(\.unitOfMeasure, unitOfMeasure)
        self.set(\.content, content)
        self.set(\.remark, remark)
    }

    /// Changes the field at `keyPath` to `value`; `nil` leaves the change as it is.
    public mutating func set<Value>(_ keyPath: WritableKeyPath<IndicatorContent, Value>, _ value: Value?) {
        guard let value else { return }
        self.values[keyPath: keyPath] = value
        self.fields.insert(IndicatorContent.Field(keyPath))
    }

    /// Changes `field` to its value in `content`.
    public mutating func set(_ field: IndicatorContent.Field, from content: IndicatorContent) {
        self.values.take(field, from: content)
        self.fields.insert(field)
    }

    /// The change that turns `old` into `new`: the fields that differ.
    public init(from old: IndicatorContent, to new: IndicatorContent) {
        for field in IndicatorContent.Field.allCases where !old.same(field, as: new) {
            self.set(field, from: new)
        }
    }

    /// Whether the change touches nothing.
    public var isEmpty: Bool { self.fields.isEmpty }

    /// Whether the change touches `field`.
    public func changes(_ field: IndicatorContent.Field) -> Bool { self.fields.contains(field) }

    /// `content` with the change applied.
    public func applied(to content: IndicatorContent) -> IndicatorContent {
        var result = content
        for field in self.fields { result.take(field, from: self.values) }
        return result
    }
}

extension IndicatorChange: Decodable {
    /// Reads a change from a JSON object with the content's keys (other keys are ignored): an
    /// absent or null key leaves its field as it is, except a nullable field, where null
    /// clears it (`"comparator": null`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONFieldKey.self)
        self.init()
        for field in IndicatorContent.Field.allCases where container.contains(JSONFieldKey(field)) {
            if try container.decodeNil(forKey: JSONFieldKey(field)) {
                // Empty content holds no value in a nullable field: taking it clears the field.
                if field.isNullable { self.set(field, from: IndicatorContent()) }
                continue
            }
            var value = IndicatorContent()
            try value.decode(field, from: container, reading: .strict)
            self.set(field, from: value)
        }
    }
}
