/// The service's SQL: every statement it runs, as a named `PQStatement` with typed binds and a
/// typed row decoder, one file per area (`Indicator+Statements.swift`, `Table+Statements.swift` …).
/// Service methods name statements and never hold SQL text; column lists come from `Rows`,
/// which derives the indicator's from `IndicatorContent.Field`.
enum Statements {}
