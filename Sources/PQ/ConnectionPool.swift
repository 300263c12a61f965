import Foundation
import Logging
import Synchronization

/// A fixed-size pool of connections, each living on its own thread.
///
/// `withConnection` hands a whole unit of work to a connection's thread: a transaction of four
/// statements costs one thread hop, not four. Acquisition waits at most `acquireTimeout`, and
/// at most `maxWaiters` tasks may wait. A connection that the server dropped (e.g. after a
/// restart) is detected before use and replaced. Cancelling the calling task sends
/// `PQcancel` to the statement in flight.
///
/// ```swift
/// let pool = ConnectionPool(configuration: .init(conninfo: url, size: 8))
/// let names = try await pool.withConnection { conn in
///     try conn.query("SELECT name FROM unit").map { try $0.decode(String.self, "name") }
/// }
/// ```
///
/// The pool is a ServiceLifecycle `Service`: `run()` checks idle connections periodically and
/// closes the pool on graceful shutdown. Without a service group, call `close()`.
public final class ConnectionPool: Sendable {
    /// How the pool connects and behaves.
    public struct Configuration: Sendable {
        /// URL or key/value conninfo.
        public var conninfo: String
        /// Number of connections (and threads).
        public var size: Int
        /// Longest wait for a free connection before `PQError.Kind.poolTimeout`.
        public var acquireTimeout: Duration
        /// Most tasks allowed to wait at once; more fail at once with `.poolExhausted`.
        public var maxWaiters: Int
        /// `statement_timeout` set on every connection (`nil`: server default).
        public var statementTimeout: Duration?
        /// Seconds libpq waits for a new connection.
        public var connectTimeout: Int
        /// How often `run()` checks idle connections.
        public var healthCheckInterval: Duration
        /// Runs on every new connection, on its thread (e.g. `SET ROLE`).
        public var onConnect: @Sendable (Connection) throws -> Void
        /// The application name the connections report, unless the conninfo sets one.
        public var applicationName: String?

        public init(
            conninfo: String,
            size: Int = 4,
            acquireTimeout: Duration = .seconds(5),
            maxWaiters: Int = 10_000,
            statementTimeout: Duration? = .seconds(30),
            connectTimeout: Int = 5,
            healthCheckInterval: Duration = .seconds(10),
            applicationName: String? = nil,
            onConnect: @escaping @Sendable (Connection) throws -> Void = { _ in }
        ) {
            self.applicationName = applicationName
            self.conninfo = conninfo
            self.size = max(1, size)
            self.acquireTimeout = acquireTimeout
            self.maxWaiters = maxWaiters
            self.statementTimeout = statementTimeout
            self.connectTimeout = connectTimeout
            self.healthCheckInterval = healthCheckInterval
            self.onConnect = onConnect
        }
    }

    /// Counts for monitoring.
    public struct Statistics: Sendable, Equatable {
        public var size: Int
        public var inUse: Int
        public var waiting: Int
    }

    public let configuration: Configuration
    let slots: [Slot]
    private let state: Mutex<State>
    let logger: Logger

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Int, Error>
    }

    struct State {
        var idle: [Int]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
        var inUse = 0
    }

    public init(configuration: Configuration, logger: Logger = Logger(label: "pq.pool")) {
        self.configuration = configuration
        self.logger = logger
        self.slots = (0..<configuration.size).map { Slot(index: $0) }
        self.state = Mutex(State(idle: Array((0..<configuration.size).reversed())))
    }

    /// The name of the pool thread the caller runs on (`pq-pool-N`), or `nil` when the caller is
    /// not on one: a diagnostic for "blocking work stays off the cooperative pool".
    public static var currentThreadName: String? { WorkerThread.currentName }

    /// Current size, connections in use, and tasks waiting.
    public var statistics: Statistics {
        self.state.withLock { Statistics(size: self.slots.count, inUse: $0.inUse, waiting: $0.waiters.count) }
    }

    /// Runs `body` with a connection on that connection's own thread and returns its result.
    ///
    /// Throws `PQError` with kind `.poolTimeout`, `.poolExhausted` or `.poolClosed` when no
    /// connection can be had, `.connection` when the server cannot be reached, `.cancelled`
    /// (or the server's 57014) when the task is cancelled.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let index = try await self.acquire()
        defer { self.release(index) }
        let slot = self.slots[index]
        let job = Job()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                slot.worker.submit { [configuration = self.configuration] in
                    continuation.resume(with: slot.run(job: job, configuration: configuration, body))
                }
            }
        } onCancel: {
            job.cancel()
        }
    }

    // MARK: acquisition

    func acquire() async throws -> Int {
        try Task.checkCancellation()
        enum Immediate {
            case slot(Int)
            case fail(PQError)
            case wait
        }
        let immediate: Immediate = self.state.withLock { state in
            if state.closed { return .fail(PQError(kind: .poolClosed, message: "the connection pool is closed")) }
            if let index = state.idle.popLast() {
                state.inUse += 1
                return .slot(index)
            }
            if state.waiters.count >= self.configuration.maxWaiters {
                return .fail(
                    PQError(
                        kind: .poolExhausted,
                        message:
                            "too many requests are waiting for a database connection (\(state.waiters.count) waiting, pool size \(self.slots.count))"
                    )
                )
            }
            return .wait
        }
        switch immediate {
        case .slot(let index): return index
        case .fail(let error): throw error
        case .wait: break
        }
        let id = self.state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = self.configuration.acquireTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            self?.failWaiter(
                id,
                PQError(kind: .poolTimeout, message: "no database connection became free within \(timeout) (pool size \(self?.slots.count ?? 0))")
            )
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, Error>) in
                enum Outcome {
                    case queued
                    case slot(Int)
                    case fail(PQError)
                }
                let outcome: Outcome = self.state.withLock { state in
                    if state.closed { return .fail(PQError(kind: .poolClosed, message: "the connection pool is closed")) }
                    if let index = state.idle.popLast() {
                        state.inUse += 1
                        return .slot(index)
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch outcome {
                case .queued: break
                case .slot(let index): continuation.resume(returning: index)
                case .fail(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            self.failWaiter(id, CancellationError())
        }
    }

    private func failWaiter(_ id: UInt64, _ error: Error) {
        let waiter = self.state.withLock { state -> Waiter? in
            guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: position)
        }
        waiter?.continuation.resume(throwing: error)
    }

    func release(_ index: Int) {
        let waiter = self.state.withLock { state -> Waiter? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.inUse -= 1
            state.idle.append(index)
            return nil
        }
        waiter?.continuation.resume(returning: index)
    }

    // MARK: closing and health

    /// Refuses new work, fails waiting tasks, waits for work in progress, then closes every
    /// connection and ends the threads.
    public func close() async {
        let waiters = self.state.withLock { state -> [Waiter] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PQError(kind: .poolClosed, message: "the connection pool is closed"))
        }
        while self.state.withLock({ $0.inUse }) > 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // Thread joins block: do them on a thread of their own.
            Thread.detachNewThread { [slots = self.slots] in
                for slot in slots {
                    slot.worker.submit { slot.disconnect() }
                    slot.worker.stop()
                }
                continuation.resume()
            }
        }
    }

    /// Checks every idle connection with `SELECT 1`, replacing the ones the server dropped.
    /// Returns how many connections are healthy afterwards.
    @discardableResult
    public func checkIdleConnections() async -> Int {
        let indices = self.state.withLock { state -> [Int] in
            defer {
                state.inUse += state.idle.count
                state.idle.removeAll()
            }
            return state.idle
        }
        var healthy = 0
        await withTaskGroup(of: Bool.self) { group in
            for index in indices {
                group.addTask {
                    let slot = self.slots[index]
                    let ok = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                        slot.worker.submit { [configuration = self.configuration] in
                            let result = slot.run(job: Job(), configuration: configuration) { conn in
                                try conn.query("SELECT 1")
                                return true
                            }
                            continuation.resume(returning: (try? result.get()) ?? false)
                        }
                    }
                    self.release(index)
                    return ok
                }
            }
            for await ok in group where ok { healthy += 1 }
        }
        return healthy
    }
}

extension ConnectionPool {
    /// One pooled connection and its thread.
    final class Slot: @unchecked Sendable {
        let index: Int
        let worker: WorkerThread
        /// Touched only on `worker`'s thread.
        private var connection: Connection?

        init(index: Int) {
            self.index = index
            self.worker = WorkerThread(name: "pq-pool-\(index)")
        }

        /// On the worker thread: (re)connect when needed, run `body`, report its result.
        func run<T>(job: Job, configuration: Configuration, _ body: (Connection) throws -> T) -> Result<T, Error> {
            do {
                let connection = try self.liveConnection(configuration)
                connection.canceller.reset()
                guard job.attach(connection.canceller) else { return .failure(PQError.cancelled) }
                defer { job.detach() }
                do {
                    return .success(try body(connection))
                } catch let error as PQError {
                    if error.isConnectionLost || !connection.isOK { self.connection = nil }
                    if error.isQueryCanceled && connection.canceller.isCancelled {
                        return .failure(PQError.cancelled)
                    }
                    return .failure(error)
                } catch {
                    return .failure(error)
                }
            } catch {
                return .failure(error)
            }
        }

        func disconnect() { self.connection = nil }

        private func liveConnection(_ configuration: Configuration) throws -> Connection {
            if let connection = self.connection, !connection.inTransaction, connection.checkAlive() {
                return connection
            }
            self.connection = nil
            let connection = try Connection(
                configuration.conninfo,
                connectTimeout: configuration.connectTimeout,
                applicationName: configuration.applicationName
            )
            if let timeout = configuration.statementTimeout {
                let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
                try connection.execute("SELECT set_config('statement_timeout', $1, false)", ["\(milliseconds)ms"])
            }
            try configuration.onConnect(connection)
            self.connection = connection
            return connection
        }
    }

    /// The cancellation state of one `withConnection` call.
    final class Job: Sendable {
        private struct State: @unchecked Sendable {
            var cancelled = false
            var canceller: Canceller?
        }
        private let state = Mutex(State())

        /// Binds the running connection; `false` if the job was cancelled before it started.
        func attach(_ canceller: Canceller) -> Bool {
            self.state.withLock { state in
                if state.cancelled { return false }
                state.canceller = canceller
                return true
            }
        }

        func detach() { self.state.withLock { $0.canceller = nil } }

        func cancel() {
            let canceller = self.state.withLock { state -> Canceller? in
                state.cancelled = true
                return state.canceller
            }
            canceller?.cancel()
        }
    }
}
