import JixiaoCore

// Foundation declares `class Unit` and `typealias Comparator = (Any, Any) -> ComparisonResult`.
// In a module that imports both Foundation and JixiaoCore, these module-level aliases make the
// names mean JixiaoCore's types everywhere in the module (local declarations win over imports).
typealias Unit = JixiaoCore.Unit
typealias Comparator = JixiaoCore.Comparator
