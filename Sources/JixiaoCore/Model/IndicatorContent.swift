/// The content of one indicator row: every field a person writes, and nothing the system
/// assigns (id, position, version, source line live in `Indicator`).
///
/// This is the one list of indicator fields. `Field` names them, and each of its properties
/// and each per-field operation below is an exhaustive `switch`: a new field (with its
/// stored property here) fails compilation at every place that must say how to name, store,
/// encode, export or read it — the JSON bodies, the CSV file, the database columns, the CLI.
public struct IndicatorContent: Sendable, Hashable {
    /// 一级指标, e.g. 产出指标.
    public var level1: String
    /// 二级指标, e.g. 数量指标.
    public var level2: String
    /// 三级指标, the indicator's own name.
    public var level3: String
    /// 指标值类型; nil when the source gives none.
    public var comparator: IndicatorComparator?
    /// 指标值 exactly as written (`98`, `及时`, `2025年`).
    public var value: String
    /// 度量单位 (%, 人, 万元, 元/人 …); empty when none.
    public var unitOfMeasure: String
    /// 指标值内容.
    public var content: String
    /// 备注.
    public var remark: String
    /// 权重: the points the indicator carries in scoring; nil when the table gives none.
    public var weight: Weight?
    /// 指标解释: what the indicator measures and how, as some provinces' forms explain it.
    public var explanation: String

    /// Content with every text cell empty unless given.
    public init(
        level1: String = "",
        level2: String = "",
        level3: String = "",
        comparator: IndicatorComparator? = nil,
        value: String = "",
        unitOfMeasure: String = "",
        content: String = "",
        remark: String = "",
        weight: Weight? = nil,
        explanation: String = ""
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.comparator = comparator
        self.value = value
        self.unitOfMeasure = unitOfMeasure
        self.content = content
        self.remark = remark
        self.weight = weight
        self.explanation = explanation
    }

    /// The fields of `IndicatorContent`, in the official column order.
    public enum Field: String, CaseIterable, Sendable, Hashable {
        case level1, level2, level3, comparator, value, unitOfMeasure, content, remark, weight, explanation

        /// The key in API bodies and responses, in the import report and in `table create` files.
        public var jsonKey: String {
            switch self {
            case .level1, .level2, .level3, .comparator, .value, .content, .remark, .weight, .explanation: self.rawValue
            case .unitOfMeasure: "unit"
            }
        }

        /// The column of the exported and re-imported CSV file.
        public var csvColumn: String {
            switch self {
            case .level1, .level2, .level3, .comparator, .value, .content, .remark, .weight, .explanation: self.rawValue
            case .unitOfMeasure: "unit_of_measure"
            }
        }

        /// The column of the `indicator` table.
        public var column: String {
            switch self {
            case .level1, .level2, .level3, .comparator, .value, .content, .remark, .weight, .explanation: self.rawValue
            case .unitOfMeasure: "unit_of_measure"
            }
        }

        /// The name people know it by, as the official layout heads it.
        public var label: String {
            switch self {
            case .level1: "一级指标"
            case .level2: "二级指标"
            case .level3: "三级指标"
            case .comparator: "指标值类型"
            case .value: "指标值"
            case .unitOfMeasure: "度量单位"
            case .content: "指标值内容"
            case .remark: "备注"
            case .weight: "权重"
            case .explanation: "指标解释"
            }
        }

        /// Whether an API body must carry the key (others default to empty or null).
        public var isRequiredInBody: Bool {
            switch self {
            case .level1, .level2, .level3, .value: true
            case .comparator, .unitOfMeasure, .content, .remark, .weight, .explanation: false
            }
        }

        /// Whether the field may hold no value at all (not even empty text): a change may clear it.
        public var isNullable: Bool {
            switch self {
            case .comparator, .weight: true
            case .level1, .level2, .level3, .value, .unitOfMeasure, .content, .remark, .explanation: false
            }
        }

        /// How the field is held. The operations below (and the JSON, database and CSV
        /// forms) switch over this, not over the fields: a new free-text field needs its case
        /// here and nothing else, a field of a new kind (a number, a choice) adds a `Storage` case
        /// and the compiler lists every place that must say how to read and write it.
        public var storage: Storage {
            switch self {
            case .level1: .text(\.level1)
            case .level2: .text(\.level2)
            case .level3: .text(\.level3)
            case .comparator: .comparator
            case .value: .text(\.value)
            case .unitOfMeasure: .text(\.unitOfMeasure)
            case .content: .text(\.content)
            case .remark: .text(\.remark)
            case .weight: .weight
            case .explanation: .text(\.explanation)
            }
        }

        /// The key path of the field, to name it from a typed setter (see `IndicatorChange`).
        public var keyPath: PartialKeyPath<IndicatorContent> {
            switch self.storage {
            case .text(let path): path
            case .comparator: \.comparator
            case .weight: \.weight
            }
        }

        /// The field a key path of `IndicatorContent` names.
        public init(_ keyPath: PartialKeyPath<IndicatorContent>) {
            // Every stored property has a case, so the search cannot fail for a real key path.
            self = Self.allCases.first { $0.keyPath == keyPath }!
        }
    }

    /// How a field is held (see `Field.storage`).
    public enum Storage {
        /// Text as written, never null: empty when not given.
        case text(WritableKeyPath<IndicatorContent, String>)
        /// 指标值类型: an `IndicatorComparator`, or none.
        case comparator
        /// 权重: an exact `Weight`, or none.
        case weight
    }

    /// Copies `field` from `other`, leaving the other fields as they are.
    public mutating func take(_ field: Field, from other: IndicatorContent) {
        switch field.storage {
        case .text(let path): self[keyPath: path] = other[keyPath: path]
        case .comparator: self.comparator = other.comparator
        case .weight: self.weight = other.weight
        }
    }

    /// Whether `field` has the same value in `other`.
    public func same(_ field: Field, as other: IndicatorContent) -> Bool {
        var probe = self
        probe.take(field, from: other)
        return probe == self
    }

    /// The field as one text cell (CSV, console): a missing comparator is empty.
    public func text(_ field: Field) -> String {
        switch field.storage {
        case .text(let path): self[keyPath: path]
        case .comparator: self.comparator?.rawValue ?? ""
        case .weight: self.weight?.description ?? ""
        }
    }

    /// Sets `field` from one text cell as `text(_:)` writes it; a comparator may be written in
    /// any spelling the sources use (`>=`, `≥`, `大于等于` …), empty for none. Throws a message
    /// for a cell that does not read as the field.
    public mutating func setText(_ text: String, for field: Field) throws(FieldTextError) {
        switch field.storage {
        case .text(let path): self[keyPath: path] = text
        case .comparator:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                self.comparator = nil
            } else {
                guard let parsed = IndicatorComparator(parsing: trimmed) else {
                    throw FieldTextError(message: "\"\(trimmed)\" is not a comparator (≥ ≤ = > < 定性 定量)")
                }
                self.comparator = parsed
            }
        case .weight:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            do {
                self.weight = trimmed.isEmpty ? nil : try Weight(parsing: trimmed)
            } catch {
                throw FieldTextError(message: "\"\(trimmed)\" is not a weight (权重): \(error.description)")
            }
        }
    }

    /// Why a text cell does not read as its field.
    public struct FieldTextError: Error, Sendable, Hashable {
        public var message: String
    }
}
