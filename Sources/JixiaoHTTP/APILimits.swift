/// The limits of the API's query parameters, named once: the routes enforce them and the
/// OpenAPI drift test compares them with `/openapi.yaml`.
enum APILimits {
    /// `?limit=` of the history routes.
    static let historyEntries = 1...100_000
    /// The history routes' `limit` when none is given.
    static let defaultHistoryEntries = 1000
    /// `?year=` of `GET /v1/tables`.
    static let listYear = 1...9999
    /// Most tables one export may name (`maxItems` of `?table=`).
    static let exportTables = 1000
}
