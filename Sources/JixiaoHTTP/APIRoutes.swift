import Hummingbird
import JixiaoService

/// The routes of the endpoint, each a thin translation between HTTP and one service call.
struct APIRoutes: Sendable {
    let service: JixiaoService
    let configuration: JixiaoHTTPConfiguration
    let metrics: RequestMetrics

    /// Every route, public and authenticated.
    var all: [Route] {
        self.operationRoutes + self.tableRoutes + self.indicatorRoutes + self.workflowRoutes + self.historyRoutes + self.importRoutes
            + self.sessionRoutes + self.secondFactorRoutes
    }

    var bodyLimit: Int { self.configuration.maxBodySize }
}
