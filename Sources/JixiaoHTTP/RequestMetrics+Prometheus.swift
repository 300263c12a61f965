/// The connection pool's figures at the time of a scrape.
struct PoolFigures: Sendable {
    var size: Int
    var inUse: Int
    var waiting: Int
}

extension RequestMetrics {
    /// All metrics in the Prometheus text exposition format (version 0.0.4).
    func render(pool: PoolFigures) -> String {
        let state = self.snapshot
        var lines: [String] = []
        lines.append("# HELP jixiao_http_requests_total HTTP requests answered, by route template, method and status.")
        lines.append("# TYPE jixiao_http_requests_total counter")
        for (key, count) in state.requests.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "jixiao_http_requests_total{\(Self.labels(["method": key.method, "route": key.route, "status": String(key.status)]))} \(count)"
            )
        }
        lines.append("# HELP jixiao_http_request_duration_seconds Time from receiving a request to its response, by route template and method.")
        lines.append("# TYPE jixiao_http_request_duration_seconds histogram")
        for (key, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
            let base = ["method": key.method, "route": key.route]
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                lines.append("jixiao_http_request_duration_seconds_bucket{\(Self.labels(base, le: Self.number(bound)))} \(cumulative)")
            }
            lines.append("jixiao_http_request_duration_seconds_bucket{\(Self.labels(base, le: "+Inf"))} \(histogram.count)")
            lines.append("jixiao_http_request_duration_seconds_sum{\(Self.labels(base))} \(Self.number(histogram.sum))")
            lines.append("jixiao_http_request_duration_seconds_count{\(Self.labels(base))} \(histogram.count)")
        }
        lines.append("# HELP jixiao_http_requests_in_flight Requests being handled now.")
        lines.append("# TYPE jixiao_http_requests_in_flight gauge")
        lines.append("jixiao_http_requests_in_flight \(state.inFlight)")
        lines.append("# HELP jixiao_db_pool_size Connections the database pool may hold.")
        lines.append("# TYPE jixiao_db_pool_size gauge")
        lines.append("jixiao_db_pool_size \(pool.size)")
        lines.append("# HELP jixiao_db_pool_in_use Database connections lent out now.")
        lines.append("# TYPE jixiao_db_pool_in_use gauge")
        lines.append("jixiao_db_pool_in_use \(pool.inUse)")
        lines.append("# HELP jixiao_db_pool_waiting Requests waiting for a database connection now.")
        lines.append("# TYPE jixiao_db_pool_waiting gauge")
        lines.append("jixiao_db_pool_waiting \(pool.waiting)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `method="GET",route="/v1/me"` with label values escaped; `le` goes last.
    static func labels(_ values: [String: String], le: String? = nil) -> String {
        var parts = values.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(self.escape($0.value))\"" }
        if let le { parts.append("le=\"\(le)\"") }
        return parts.joined(separator: ",")
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A float as Prometheus reads it (`0.005`, `1`, `2.5`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
