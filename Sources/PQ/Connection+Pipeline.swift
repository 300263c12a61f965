import CLibPQ
import Glibc

/// One statement of a pipelined batch.
public struct PipelineStatement: Sendable {
    public var sql: String
    public var parameters: [(any PQEncodable)?]

    public init(_ sql: String, _ parameters: [(any PQEncodable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension Connection {
    /// Sends all `statements` without waiting for each answer (libpq pipeline mode), then reads
    /// the results in order: one round trip for the whole batch instead of one per statement.
    ///
    /// The batch ends with one sync point. Outside a transaction block the statements form one
    /// implicit transaction: the first error aborts the rest and is thrown, and nothing of
    /// the batch stays. Inside `withTransaction` the error aborts the transaction as usual.
    public func pipeline(_ statements: [PipelineStatement]) throws -> [QueryResult] {
        try self.checkCancelled()
        if statements.isEmpty { return [] }
        guard PQenterPipelineMode(self.handle) == 1 else {
            throw PQError.connection(self.handle, "could not enter pipeline mode")
        }
        defer { _ = PQexitPipelineMode(self.handle) }
        // Non-blocking while sending, so that reading answers can interleave with writing and
        // a large batch cannot deadlock on full socket buffers.
        PQsetnonblocking(self.handle, 1)
        do {
            for (index, statement) in statements.enumerated() {
                let sent = try withEncodedParameters(statement.parameters) { count, types, values, lengths, formats in
                    PQsendQueryParams(self.handle, statement.sql, count, types, values, lengths, formats, 0)
                }
                guard sent == 1 else { throw PQError.connection(self.handle, "could not send pipelined statement \(index + 1)") }
                if index % 64 == 63 { try self.flushPipeline() }
            }
            guard PQpipelineSync(self.handle) == 1 else { throw PQError.connection(self.handle, "could not send the pipeline sync") }
            try self.flushPipeline()
        } catch {
            PQsetnonblocking(self.handle, 0)
            throw error
        }
        PQsetnonblocking(self.handle, 0)

        var results: [QueryResult] = []
        results.reserveCapacity(statements.count)
        var firstError: Error?
        for _ in statements {
            guard let result = PQgetResult(self.handle) else {
                throw PQError.connection(self.handle, "the pipeline ended early")
            }
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
            } else {
                do { results.append(try self.check(result)) } catch { if firstError == nil { firstError = error } }
            }
            // Each statement's results end with a NULL.
            while let extra = PQgetResult(self.handle) { PQclear(extra) }
        }
        // Read up to and including the sync point.
        while let result = PQgetResult(self.handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let firstError { throw firstError }
        return results
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
