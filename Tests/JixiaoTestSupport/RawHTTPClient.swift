import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP answer.
public struct HTTPReply: CustomStringConvertible, Sendable {
    /// The status code.
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    /// The body (chunked bodies decoded).
    public var body: Data

    /// The body as UTF-8 text.
    public var text: String { String(decoding: self.body, as: UTF8.self) }
    /// The `ETag` header.
    public var etag: String? { self.headers["etag"] }
    /// Status and body, for failure messages.
    public var description: String { "HTTP \(self.status) \(self.text)" }

    /// The body as a JSON object.
    public func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: self.body) as? [String: Any] else {
            throw TestSupportError("not a JSON object: \(self.text)")
        }
        return object
    }

    /// `error.code` of an error answer.
    public var errorCode: String? {
        ((try? self.object())?["error"] as? [String: Any])?["code"] as? String
    }
}

/// A minimal blocking HTTP/1.1 client over a TCP socket to 127.0.0.1: one request per
/// connection (`Connection: close`), bounded by socket timeouts, so that a test talking to a
/// real `jixiao serve` process depends on nothing but the socket API.
public enum RawHTTP {
    /// Sends one request and reads the answer (by `Content-Length`, chunked, or to the end).
    public static func request(
        port: Int,
        _ method: String,
        _ path: String,
        token: String? = nil,
        headers: [String: String] = [:],
        body: String? = nil,
        timeout: Int = 15
    ) throws -> HTTPReply {
        let fd = try self.connect(port: port, timeout: timeout)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        var fields = headers
        let bodyBytes = Array((body ?? "").utf8)
        if body != nil, fields["Content-Type"] == nil { fields["Content-Type"] = "application/json" }
        if body != nil || ["POST", "PATCH", "PUT"].contains(method) { fields["Content-Length"] = String(bodyBytes.count) }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try self.sendAll(fd, Array(head.utf8) + bodyBytes)

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let reply = try self.parse(received, complete: false) { return reply }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw TestSupportError("reading from port \(port) failed: \(String(cString: strerror(errno))) after \(received.count) bytes")
            }
            received.append(contentsOf: chunk[0..<count])
        }
        guard let reply = try self.parse(received, complete: true) else {
            throw TestSupportError("the connection to port \(port) closed before a whole answer (\(received.count) bytes)")
        }
        return reply
    }

    /// A connected socket, or an error carrying `errno` (`ECONNREFUSED` when nothing listens).
    public static func connect(port: Int, timeout: Int = 15) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(code: errno, "socket") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = self.loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SocketError(code: code, "connect to 127.0.0.1:\(port)")
        }
        return fd
    }

    /// Whether a TCP connection to the port is refused right now.
    public static func refuses(port: Int) -> Bool {
        do {
            close(try self.connect(port: port, timeout: 2))
            return false
        } catch let error as SocketError {
            return error.code == ECONNREFUSED
        } catch {
            return false
        }
    }

    /// A port that nothing listens on now (bound to 0, read back, released).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(code: errno, "socket") }
        defer { close(fd) }
        var address = self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SocketError(code: errno, "bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw SocketError(code: errno, "getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw SocketError(code: errno, "send")
            }
            offset += sent
        }
    }

    /// The answer in `bytes` once it is whole; with `complete` (the peer closed), whatever
    /// body there is.
    public static func parse(_ bytes: [UInt8], complete: Bool) throws -> HTTPReply? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestSupportError("not an HTTP status line: \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard body.count >= length else { return complete ? HTTPReply(status: status, headers: headers, body: Data(body)) : nil }
            return HTTPReply(status: status, headers: headers, body: Data(body[..<length]))
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoded: [UInt8] = []
            var index = 0
            while true {
                guard let lineEnd = (index..<max(index, body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }) else { return nil }
                let sizeText = String(decoding: body[index..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw TestSupportError("bad chunk size") }
                if size == 0 { return HTTPReply(status: status, headers: headers, body: Data(decoded)) }
                let start = lineEnd + 2
                guard body.count >= start + size + 2 else { return nil }
                decoded.append(contentsOf: body[start..<(start + size)])
                index = start + size + 2
            }
        }
        return complete ? HTTPReply(status: status, headers: headers, body: Data(body)) : nil
    }
}

/// A socket call that failed, with its `errno`.
public struct SocketError: Error, CustomStringConvertible {
    /// The `errno`.
    public var code: Int32
    /// The call, e.g. `connect to 127.0.0.1:8080`.
    public var operation: String
    init(code: Int32, _ operation: String) {
        self.code = code
        self.operation = operation
    }

    /// The call and `strerror` of the code.
    public var description: String { "\(self.operation): \(String(cString: strerror(self.code)))" }
}
