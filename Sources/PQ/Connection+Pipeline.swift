import CLibPQ
import Glibc

/// One statement of a pipelined batch: unnamed (parsed and planned each time), or prepared
/// under `name` on first use and executed by name afterwards.
public struct PipelineStatement: Sendable {
    public var sql: String
    public var parameters: [(any PQEncodable)?]
    /// The prepared statement's name, or `nil` for an unnamed statement.
    public var name: String?

    public init(_ sql: String, _ parameters: [(any PQEncodable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    /// A statement prepared under `name` on each connection (once), like `queryPrepared`.
    public init(prepared name: String, _ sql: String, _ parameters: [(any PQEncodable)?] = []) {
        self.init(sql, parameters)
        self.name = name
    }
}

extension Connection {
    /// Runs one statement on its own (prepared under its name, if it has one).
    @discardableResult
    public func query(_ statement: PipelineStatement) throws -> QueryResult {
        if let name = statement.name { return try self.queryPrepared(name, sql: statement.sql, statement.parameters) }
        return try self.query(statement.sql, statement.parameters)
    }

    /// Sends all `statements` without waiting for each answer (libpq pipeline mode), then reads
    /// the results in order: one round trip for the whole batch instead of one per statement.
    ///
    /// The batch ends with one sync point. Outside a transaction block the statements form one
    /// implicit transaction: the first error aborts the rest and is thrown, and nothing of
    /// the batch stays; a batch with its own BEGIN is rolled back. Inside `withTransaction` the
    /// error aborts the transaction as usual.
    public func pipeline(_ statements: [PipelineStatement]) throws -> [QueryResult] {
        try self.checkCancelled()
        if statements.isEmpty { return [] }
        do {
            return try self.inPipelineMode {
                let sent = try self.sendPipelined(statements)
                try self.sendSync()
                defer { self.drainThroughSync() }
                return try self.readPipelined(sent)
            }
        } catch {
            // A batch that opened its own transaction block and failed leaves no aborted block
            // behind (inside `withTransaction` the enclosing transaction handles it).
            if self.transactionDepth == 0, PQtransactionStatus(self.handle) == PQTRANS_INERROR,
                let result = PQexec(self.handle, "ROLLBACK")
            {
                PQclear(result)
            }
            throw error
        }
    }

    /// A transaction in two round trips: BEGIN travels with `opening`; `closing` sees the
    /// opening statements' results and returns the statements that travel with COMMIT (or
    /// throws, and the transaction rolls back). Returns the closing statements' results.
    ///
    /// For the common write "read and lock, check in Swift, change": the check stays in Swift
    /// while the statements around it cost one round trip each side instead of one each.
    /// Errors, retries (40001/40P01, at most `maxAttempts` runs, by default one) and
    /// cancellation behave as in `withTransaction`; with retries `closing` must be safe to run
    /// again. Not inside another transaction.
    public func pipelinedTransaction(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 1,
        opening: [PipelineStatement],
        closing: ([QueryResult]) throws -> [PipelineStatement]
    ) throws -> [QueryResult] {
        guard self.transactionDepth == 0 else {
            throw PQError(kind: .usage, message: "pipelinedTransaction cannot run inside another transaction")
        }
        var attempt = 1
        while true {
            do {
                return try self.runPipelinedTransaction(isolation: isolation, opening: opening, closing: closing)
            } catch let error as PQError where error.isTransient && attempt < maxAttempts && !self.canceller.isCancelled {
                attempt += 1
                usleep(UInt32.random(in: 200...2_000) * UInt32(attempt))
            }
        }
    }

    private func runPipelinedTransaction(
        isolation: IsolationLevel,
        opening: [PipelineStatement],
        closing: ([QueryResult]) throws -> [PipelineStatement]
    ) throws -> [QueryResult] {
        try self.checkCancelled()
        self.transactionDepth = 1
        defer { self.transactionDepth = 0 }
        var synced = false
        do {
            return try self.inPipelineMode {
                do {
                    let sentOpening = try self.sendPipelined([PipelineStatement("BEGIN ISOLATION LEVEL \(isolation.rawValue)")] + opening)
                    // Ask the server to send what it has without ending the transaction.
                    guard PQsendFlushRequest(self.handle) == 1 else { throw PQError.connection(self.handle, "could not send a flush request") }
                    try self.flushPipeline()
                    let openingResults = Array(try self.readPipelined(sentOpening).dropFirst())
                    let closingStatements = try closing(openingResults)
                    try self.checkCancelled()
                    let sentClosing = try self.sendPipelined(closingStatements + [PipelineStatement("COMMIT")])
                    do {
                        try self.sendSync()
                        synced = true
                        defer { self.drainThroughSync() }
                        return Array(try self.readPipelined(sentClosing).dropLast())
                    } catch var error as PQError where error.isConnectionLost {
                        // COMMIT may have reached the server before the connection broke.
                        error.commitOutcomeUnknown = true
                        throw error
                    }
                } catch {
                    if !synced, (try? self.sendSync()) != nil { self.drainThroughSync() }
                    throw error
                }
            }
        } catch {
            // The block may be open (aborted or not): end it. Quietly: the first error counts.
            if self.isOK, let result = PQexec(self.handle, "ROLLBACK") { PQclear(result) }
            throw error
        }
    }

    // MARK: mechanics

    /// Runs `body` in pipeline mode with non-blocking sends, leaving pipeline mode after.
    private func inPipelineMode<T>(_ body: () throws -> T) throws -> T {
        guard PQenterPipelineMode(self.handle) == 1 else {
            throw PQError.connection(self.handle, "could not enter pipeline mode")
        }
        // Non-blocking while sending, so that reading answers can interleave with writing and
        // a large batch cannot deadlock on full socket buffers.
        PQsetnonblocking(self.handle, 1)
        defer {
            PQsetnonblocking(self.handle, 0)
            _ = PQexitPipelineMode(self.handle)
        }
        return try body()
    }

    /// Queues `statements` (and a PREPARE for each named statement not yet prepared here);
    /// returns, per statement, the name it prepares (if any), for `readPipelined`.
    private func sendPipelined(_ statements: [PipelineStatement]) throws -> [String?] {
        var preparing: [String?] = []
        preparing.reserveCapacity(statements.count)
        for (index, statement) in statements.enumerated() {
            var prepares: String?
            let sent: Int32
            if let name = statement.name {
                if !self.isPrepared(name) && !preparing.contains(name) {
                    guard PQsendPrepare(self.handle, name, statement.sql, 0, nil) == 1 else {
                        throw PQError.connection(self.handle, "could not send the preparation of statement \(index + 1)")
                    }
                    prepares = name
                }
                sent = try withEncodedParameters(statement.parameters) { count, _, values, lengths, formats in
                    PQsendQueryPrepared(self.handle, name, count, values, lengths, formats, 0)
                }
            } else {
                sent = try withEncodedParameters(statement.parameters) { count, types, values, lengths, formats in
                    PQsendQueryParams(self.handle, statement.sql, count, types, values, lengths, formats, 0)
                }
            }
            guard sent == 1 else { throw PQError.connection(self.handle, "could not send pipelined statement \(index + 1)") }
            preparing.append(prepares)
            if index % 64 == 63 { try self.flushPipeline() }
        }
        return preparing
    }

    private func sendSync() throws {
        guard PQpipelineSync(self.handle) == 1 else { throw PQError.connection(self.handle, "could not send the pipeline sync") }
        try self.flushPipeline()
    }

    /// Reads the results of statements sent by `sendPipelined`, in order; throws the first
    /// error after reading them all (statements after an error come back aborted).
    private func readPipelined(_ sent: [String?]) throws -> [QueryResult] {
        var results: [QueryResult] = []
        results.reserveCapacity(sent.count)
        var firstError: Error?
        func next() throws -> OpaquePointer {
            guard let result = PQgetResult(self.handle) else { throw PQError.connection(self.handle, "the pipeline ended early") }
            // Each statement's results end with a NULL.
            while let extra = PQgetResult(self.handle) { PQclear(extra) }
            return result
        }
        for prepares in sent {
            if let name = prepares {
                let result = try next()
                if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                    PQclear(result)
                } else {
                    do {
                        _ = try self.check(result)
                        self.markPrepared(name)
                    } catch { if firstError == nil { firstError = error } }
                }
            }
            let result = try next()
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
            } else {
                do { results.append(try self.check(result)) } catch { if firstError == nil { firstError = error } }
            }
        }
        if let firstError { throw firstError }
        return results
    }

    /// Reads and drops results up to and including the sync point (or until the connection
    /// has nothing more to give).
    private func drainThroughSync() {
        var nulls = 0
        while nulls < 2 {
            guard let result = PQgetResult(self.handle) else {
                nulls += 1
                continue
            }
            nulls = 0
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { return }
        }
    }

    private func flushPipeline() throws {
        while true {
            let status = PQflush(self.handle)
            if status == 0 { return }
            if status < 0 { throw PQError.connection(self.handle, "could not send the pipeline") }
            var descriptor = pollfd(fd: PQsocket(self.handle), events: Int16(POLLIN | POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 1000)
            if descriptor.revents & Int16(POLLIN) != 0, PQconsumeInput(self.handle) == 0 {
                throw PQError.connection(self.handle, "the connection broke during the pipeline")
            }
        }
    }
}
