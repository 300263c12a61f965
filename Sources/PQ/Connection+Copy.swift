import CLibPQ

extension Connection {
    /// Streams rows into `COPY … FROM STDIN` in text format and returns the number of rows
    /// copied. Rows are encoded and sent in chunks as the sequence is iterated, so any number
    /// of rows fits in memory. Values are escaped for the text format (backslash, tab,
    /// newline, carriage return) and `nil` is sent as NULL.
    ///
    /// ```swift
    /// let count = try conn.copyFrom("COPY indicator(level1, value) FROM STDIN",
    ///                               rows: rows.lazy.map { [$0.level1, $0.value] })
    /// ```
    @discardableResult
    public func copyFrom<Rows: Sequence>(_ sql: String, rows: Rows) throws -> Int
    where Rows.Element == [(any PQEncodable)?] {
        try self.checkCancelled()
        _ = try self.check(PQexec(self.handle, sql))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        do {
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.append(0x09) }
                    Self.appendCopyText(value?.pqParameter, to: &buffer)
                }
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    try self.putCopyData(buffer)
                    buffer.removeAll(keepingCapacity: true)
                    try self.checkCancelled()
                }
            }
            if !buffer.isEmpty { try self.putCopyData(buffer) }
        } catch {
            // End the COPY with an error so the connection returns to idle, then report ours.
            _ = PQputCopyEnd(self.handle, "aborted by the client")
            while let result = PQgetResult(self.handle) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(self.handle, nil) == 1 else { throw PQError.connection(self.handle, "COPY could not end") }
        var copied = 0
        var firstError: Error?
        while let result = PQgetResult(self.handle) {
            do { copied = try self.check(result).affectedRows } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
        return copied
    }

    private func putCopyData(_ bytes: [UInt8]) throws {
        let status = bytes.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { PQputCopyData(self.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw PQError.connection(self.handle, "COPY data could not be sent") }
    }

    /// Appends one value in COPY text format.
    static func appendCopyText(_ parameter: PQParameter?, to buffer: inout [UInt8]) {
        guard let parameter else {
            buffer.append(contentsOf: [0x5C, 0x4E])  // \N
            return
        }
        if parameter.isBinary {
            // bytea in hex input form: \x…, with the backslash itself escaped.
            buffer.append(contentsOf: [0x5C, 0x5C, 0x78])
            let digits = Array("0123456789abcdef".utf8)
            for byte in parameter.bytes {
                buffer.append(digits[Int(byte >> 4)])
                buffer.append(digits[Int(byte & 0x0F)])
            }
            return
        }
        for byte in parameter.bytes {
            switch byte {
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
            default: buffer.append(byte)
            }
        }
    }
}
