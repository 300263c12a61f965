import CLibPQ
import Glibc
import Synchronization

/// One libpq connection (`PGconn`), closed with `PQfinish` when the object goes away.
///
/// A `Connection` is one thread's world: use it from one thread at a time (the pool gives each
/// connection a thread of its own). Every call blocks that thread until the server answers.
///
/// ```swift
/// let conn = try Connection("postgres://app@127.0.0.1:5432/mydb", applicationName: "myapp")
/// let rows = try conn.query("SELECT name FROM unit WHERE parent_id = $1", [parentID])
/// ```
public final class Connection {
    let handle: OpaquePointer
    /// Thread-safe handle to cancel the statement in flight from another thread.
    public let canceller: Canceller
    /// Open transaction blocks: 0 = none, 1 = a transaction, >1 = savepoints inside it.
    var transactionDepth = 0
    private var preparedNames: Set<String> = []

    /// Connects by URL (`postgres://user@host:port/db?…`) or key/value conninfo
    /// (`host=… dbname=…`). `connectTimeout` applies unless the string sets its own, and so
    /// does `applicationName` (what `pg_stat_activity` shows; the caller names itself).
    public init(_ conninfo: String, connectTimeout: Int = 10, applicationName: String? = nil) throws {
        var keywords = ["connect_timeout"]
        var values = [String(connectTimeout)]
        if let applicationName {
            keywords.append("fallback_application_name")
            values.append(applicationName)
        }
        // Last, so that settings in the string win over the defaults above.
        keywords.append("dbname")
        values.append(conninfo)
        let handle = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else { throw PQError(kind: .connection, message: "libpq could not allocate a connection") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PQError.connection(handle, "could not connect to PostgreSQL")
            PQfinish(handle)
            throw error
        }
        self.handle = handle
        self.canceller = Canceller(PQgetCancel(handle))
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        if PQclientEncoding(handle) != pg_char_to_encoding("UTF8") { PQsetClientEncoding(handle, "UTF8") }
        // Our timestamp decoding reads ISO output only.
        if let style = PQparameterStatus(handle, "DateStyle"), !String(cString: style).hasPrefix("ISO") {
            try self.execute("SET DateStyle = 'ISO, YMD'")
        }
    }

    deinit { PQfinish(self.handle) }

    /// Whether libpq considers the connection usable.
    public var isOK: Bool { PQstatus(self.handle) == CONNECTION_OK }

    /// The server version as an integer, e.g. `150018` for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(self.handle)) }

    /// The server's process id for this session.
    public var backendPID: Int { Int(PQbackendPID(self.handle)) }

    /// Reads whatever the server has sent without blocking and reports whether the connection
    /// still looks alive (a restarted server leaves a closed socket behind).
    public func checkAlive() -> Bool {
        guard self.isOK else { return false }
        let pollRDHUP: Int16 = 0x2000  // POLLRDHUP: not exported by Glibc's module map
        let hangUp = pollRDHUP | Int16(POLLHUP) | Int16(POLLERR)
        var descriptor = pollfd(fd: PQsocket(self.handle), events: Int16(POLLIN) | hangUp, revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready == 0 { return true }
        if ready < 0 { return self.isOK }
        if descriptor.revents & hangUp != 0 { return false }
        // Something arrived on an idle connection (a notice, a FATAL before close): read it.
        if PQconsumeInput(self.handle) == 0 { return false }
        return self.isOK
    }

    /// Runs one statement with parameters sent separately from the SQL text and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PQEncodable)?] = []) throws -> QueryResult {
        try self.checkCancelled()
        let result = try withEncodedParameters(parameters) { count, types, values, lengths, formats in
            PQexecParams(self.handle, sql, count, types, values, lengths, formats, 0)
        }
        return try self.check(result)
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PQEncodable)?] = []) throws -> Int {
        try self.query(sql, parameters).affectedRows
    }

    /// Prepares `sql` under `name` on this connection (once; later calls are no-ops).
    public func prepare(_ name: String, _ sql: String) throws {
        guard !self.preparedNames.contains(name) else { return }
        try self.checkCancelled()
        _ = try self.check(PQprepare(self.handle, name, sql, 0, nil))
        self.preparedNames.insert(name)
    }

    /// Whether a statement named `name` was prepared on this connection.
    public func isPrepared(_ name: String) -> Bool { self.preparedNames.contains(name) }

    /// Records that `name` was prepared (by a pipelined PREPARE).
    func markPrepared(_ name: String) { self.preparedNames.insert(name) }

    /// Executes the prepared statement `name`.
    @discardableResult
    public func queryPrepared(_ name: String, _ parameters: [(any PQEncodable)?] = []) throws -> QueryResult {
        try self.checkCancelled()
        let result = try withEncodedParameters(parameters) { count, _, values, lengths, formats in
            PQexecPrepared(self.handle, name, count, values, lengths, formats, 0)
        }
        return try self.check(result)
    }

    /// Prepares (if needed) and executes `sql` under `name`.
    @discardableResult
    public func queryPrepared(_ name: String, sql: String, _ parameters: [(any PQEncodable)?] = []) throws -> QueryResult {
        try self.prepare(name, sql)
        return try self.queryPrepared(name, parameters)
    }

    /// Runs several statements in one simple-query round trip (no parameters), e.g. `SET …; SET …`.
    public func executeScript(_ sql: String) throws {
        try self.checkCancelled()
        _ = try self.check(PQexec(self.handle, sql))
    }

    /// Turns a `PGresult` into a `QueryResult` or the server's error.
    func check(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else { throw PQError.connection(self.handle, "no result from the server") }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_PIPELINE_SYNC:
            return QueryResult(handle: result)
        default:
            let error = PQError.from(result: result, connection: self.handle)
            PQclear(result)
            if error.isConnectionLost { self.preparedNames.removeAll() }
            throw error
        }
    }

    func checkCancelled() throws {
        if self.canceller.isCancelled { throw PQError.cancelled }
    }
}

/// Cancels the statement running on a connection, from any thread (`PQcancel` is thread-safe),
/// and marks the connection's current unit of work as cancelled so its next statement throws.
public final class Canceller: Sendable {
    /// `PGcancel*` is safe to use from any thread; the mutex only orders access to it.
    private struct Handle: @unchecked Sendable { var pointer: OpaquePointer? }
    private let handle: Mutex<Handle>
    private let flag = Atomic<Bool>(false)

    init(_ handle: OpaquePointer?) { self.handle = Mutex(Handle(pointer: handle)) }

    deinit { self.handle.withLock { if let pointer = $0.pointer { PQfreeCancel(pointer) } } }

    /// Whether `cancel()` was called since the last `reset()`.
    public var isCancelled: Bool { self.flag.load(ordering: .acquiring) }

    /// Asks the server to cancel the running statement and makes later statements throw.
    public func cancel() {
        self.flag.store(true, ordering: .releasing)
        self.handle.withLock { handle in
            guard let pointer = handle.pointer else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(pointer, &buffer, 256)
        }
    }

    /// Clears the cancelled mark (the pool does this before each unit of work).
    public func reset() { self.flag.store(false, ordering: .releasing) }
}

/// Calls `body` with a NULL-free array of C strings that live for the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var buffer: [CChar] = []
    var offsets: [Int] = []
    for string in strings {
        offsets.append(buffer.count)
        buffer.append(contentsOf: string.utf8CString)
    }
    return buffer.withUnsafeBufferPointer { base in
        var pointers: [UnsafePointer<CChar>?] = offsets.map { base.baseAddress! + $0 }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Encodes parameters into one buffer and calls `body` with libpq's parallel arrays. The
/// arrays live on the stack; the only heap allocation is the byte buffer.
///
/// A text parameter containing NUL is refused (SQLSTATE 22021): libpq reads text parameters
/// up to the first NUL, so the server would silently store a shortened value.
func withEncodedParameters<R>(
    _ parameters: [(any PQEncodable)?],
    _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
) throws -> R {
    let count = parameters.count
    if count == 0 { return body(0, nil, nil, nil, nil) }
    return try withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 4) { ints in
        // ints: [offset or -1 | length | format | type] per parameter.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * count)
        for (index, parameter) in parameters.enumerated() {
            let start = buffer.count
            guard let format = parameter?.appendPQ(to: &buffer) else {
                ints[index] = -1
                ints[count + index] = 0
                ints[2 * count + index] = 0
                ints[3 * count + index] = 0
                continue
            }
            if !format.isBinary, buffer[start...].contains(0) {
                throw PQError(
                    kind: .usage,
                    message: "text parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot hold",
                    sqlState: "22021"
                )
            }
            ints[index] = Int32(start)
            ints[count + index] = Int32(buffer.count - start)
            ints[2 * count + index] = format.isBinary ? 1 : 0
            ints[3 * count + index] = Int32(bitPattern: format.typeOID)
            buffer.append(0)
        }
        return buffer.withUnsafeBufferPointer { base in
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: count) { values in
                let raw = UnsafeRawPointer(base.baseAddress!)
                for index in 0..<count {
                    let offset = ints[index]
                    values[index] = offset < 0 ? nil : (raw + Int(offset)).assumingMemoryBound(to: CChar.self)
                }
                let base = ints.baseAddress!
                return (base + 3 * count).withMemoryRebound(to: UInt32.self, capacity: count) { types in
                    body(Int32(count), types, UnsafePointer(values.baseAddress!), base + count, base + 2 * count)
                }
            }
        }
    }
}
