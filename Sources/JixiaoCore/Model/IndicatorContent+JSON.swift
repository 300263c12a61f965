/// A coding key of any name: the indicator content's keys come from `IndicatorContent.Field.jsonKey`.
public struct JSONFieldKey: CodingKey, Sendable, Hashable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { self.stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }

    /// The key of a content field.
    public init(_ field: IndicatorContent.Field) { self.stringValue = field.jsonKey }
}

extension IndicatorContent: Codable {
    /// How strictly a JSON object is read.
    public enum JSONReading: Sendable {
        /// API bodies, responses and reports: the required keys (`Field.isRequiredInBody`)
        /// must be there, the comparator is one of its symbols.
        case strict
        /// Files people write (`table create`): every key may be absent, the comparator may be
        /// written in any spelling the sources use.
        case lenient
        /// Row images of the audit trail: the keys are the database's column names
        /// (`Field.column`), otherwise read as `lenient` (images older than a column lack it).
        case columns
    }

    /// Reads the content keys of a JSON object strictly (other keys are ignored).
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, reading: .strict)
    }

    /// Reads the content keys of a JSON object (other keys are ignored); absent optional text
    /// fields are empty, an absent comparator is none.
    public init(from decoder: any Decoder, reading: JSONReading) throws {
        let container = try decoder.container(keyedBy: JSONFieldKey.self)
        self.init()
        for field in Field.allCases { try self.decode(field, from: container, reading: reading) }
    }

    /// Reads `field` from its key of `container`: absent (or null), a text field is empty and
    /// the comparator none, unless strict reading requires the key.
    mutating func decode(_ field: Field, from container: KeyedDecodingContainer<JSONFieldKey>, reading: JSONReading) throws {
        let key = reading == .columns ? JSONFieldKey(field.column) : JSONFieldKey(field)
        func text() throws -> String {
            if reading == .strict && field.isRequiredInBody { return try container.decode(String.self, forKey: key) }
            return try container.decodeIfPresent(String.self, forKey: key) ?? ""
        }
        switch field.storage {
        case .text(let path): self[keyPath: path] = try text()
        case .comparator:
            switch reading {
            case .strict: self.comparator = try container.decodeIfPresent(IndicatorComparator.self, forKey: key)
            case .lenient, .columns:
                if let spelled = try container.decodeIfPresent(String.self, forKey: key), !spelled.isEmpty {
                    guard let parsed = IndicatorComparator(parsing: spelled) else {
                        throw DecodingError.dataCorruptedError(
                            forKey: key,
                            in: container,
                            debugDescription: "comparator \"\(spelled)\" is not one of ≥ ≤ = > < 定性 定量"
                        )
                    }
                    self.comparator = parsed
                }
            }
        case .weight: self.weight = try container.decodeIfPresent(Weight.self, forKey: key)
        }
    }

    /// Writes every content key, `null` included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONFieldKey.self)
        try self.encode(to: &container)
    }

    /// Writes every content key, `null` included, into an object that has other keys too.
    public func encode(to container: inout KeyedEncodingContainer<JSONFieldKey>) throws {
        for field in Field.allCases {
            let key = JSONFieldKey(field)
            switch field.storage {
            case .text(let path): try container.encode(self[keyPath: path], forKey: key)
            case .comparator: try container.encode(self.comparator, forKey: key)
            case .weight: try container.encode(self.weight, forKey: key)
            }
        }
    }
}
