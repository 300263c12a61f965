import ArgumentParser
import JixiaoCore

extension TableStatus: ExpressibleByArgument {}
extension TableKind: ExpressibleByArgument {}

/// Reads `--comparator` in any spelling of the sources (`≥`, `>=`, `\\geq`, `大于等于` …): see
/// `IndicatorComparator(parsing:)`; `none` clears it.
enum ComparatorArgument {
    /// The change an option asks for: nil when not given, `.some(nil)` for `none`, else the
    /// comparator. Throws a usage error for anything else.
    static func change(_ text: String?) throws -> IndicatorComparator?? {
        guard let text else { return nil }
        if text.lowercased() == "none" { return .some(nil) }
        guard let comparator = IndicatorComparator(parsing: text) else {
            throw ValidationError("comparator \"\(text)\" is not one of ≥ (>=), ≤ (<=), =, >, <, 定性, 定量 or none")
        }
        return .some(comparator)
    }
}

/// Reads `--weight` (权重): a number with up to 2 decimals; an empty string clears it.
enum WeightArgument {
    /// The change an option asks for: nil when not given, `.some(nil)` for `""`, else the weight.
    /// Throws a usage error for anything else.
    static func change(_ text: String?) throws -> Weight?? {
        guard let text else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .some(nil) }
        do {
            return .some(try Weight(parsing: text))
        } catch {
            throw ValidationError("--weight \(error.description)")
        }
    }
}
