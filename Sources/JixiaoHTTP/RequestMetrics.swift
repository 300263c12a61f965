import Synchronization

/// Request counters and latency histograms, kept in memory and rendered in the Prometheus
/// text format by ``render(pool:)``. Routes are labelled by their template
/// (`/v1/tables/{id}`), so the number of series stays bounded.
final class RequestMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct CounterKey: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.route, lhs.method, lhs.status) < (rhs.route, rhs.method, rhs.status)
        }
    }

    struct RouteKey: Hashable, Comparable {
        var method: String
        var route: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.route, lhs.method) < (rhs.route, rhs.method)
        }
    }

    struct Histogram {
        /// Observations per bucket (not cumulative); the last slot is `+Inf`.
        var counts = [Int](repeating: 0, count: RequestMetrics.buckets.count + 1)
        var sum: Double = 0
        var count = 0
    }

    struct State {
        var requests: [CounterKey: Int] = [:]
        var latency: [RouteKey: Histogram] = [:]
        var inFlight = 0
    }

    let state = Mutex(State())

    /// A request has started.
    func started() {
        self.state.withLock { $0.inFlight += 1 }
    }

    /// A request has finished with `status` after `seconds`.
    func finished(method: String, route: String, status: Int, seconds: Double) {
        let bucket = Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count
        self.state.withLock { state in
            state.inFlight -= 1
            state.requests[CounterKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[RouteKey(method: method, route: route)] ?? Histogram()
            histogram.counts[bucket] += 1
            histogram.sum += seconds
            histogram.count += 1
            state.latency[RouteKey(method: method, route: route)] = histogram
        }
    }

    /// A copy of the current values.
    var snapshot: State { self.state.withLock { $0 } }
}
