import JixiaoCore

// Foundation declares `class Unit` and `typealias Comparator`; these module-level aliases make
// the names mean JixiaoCore's types in this module (local declarations win over imports).
typealias Unit = JixiaoCore.Unit
typealias Comparator = JixiaoCore.Comparator
