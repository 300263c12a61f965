import CLibPQ
import Foundation
import Glibc
import Synchronization

/// A `NOTIFY` message received on a channel.
public struct PQNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// The notifying session's server process id.
    public var senderPID: Int
}

/// LISTENs on channels with a connection and thread of its own, and delivers notifications as
/// an async sequence. After a lost connection it reconnects and listens again (notifications
/// sent while disconnected are lost: PostgreSQL does not keep them).
///
/// ```swift
/// let listener = try await NotificationListener.start(conninfo: url, channels: ["table_changed"])
/// for await note in listener.notifications { print(note.payload) }
/// ```
public final class NotificationListener: Sendable {
    /// The notifications, in the order the server sent them. Ends after `stop()`.
    public let notifications: AsyncStream<PQNotification>
    private let continuation: AsyncStream<PQNotification>.Continuation
    private let stopped = Atomic<Bool>(false)
    private let worker = WorkerThread(name: "pq-listener")

    private init() {
        (self.notifications, self.continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(100_000))
    }

    /// Connects, LISTENs on `channels`, and starts delivering; throws if the first connection
    /// or LISTEN fails.
    public static func start(conninfo: String, channels: [String]) async throws -> NotificationListener {
        let listener = NotificationListener()
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, Error>) in
            listener.worker.submit {
                listener.loop(conninfo: conninfo, channels: channels, ready: ready)
            }
        }
        listener.continuation.onTermination = { [weak listener] _ in listener?.stop() }
        return listener
    }

    /// Stops listening and ends `notifications`.
    public func stop() {
        self.stopped.store(true, ordering: .releasing)
        self.continuation.finish()
        self.worker.requestStop()
    }

    deinit {
        self.stopped.store(true, ordering: .releasing)
        self.worker.requestStop()
    }

    private func connect(_ conninfo: String, _ channels: [String]) throws -> Connection {
        let connection = try Connection(conninfo)
        for channel in channels {
            guard let quoted = PQescapeIdentifier(connection.handle, channel, channel.utf8.count) else {
                throw PQError.usage("invalid channel name \(channel)")
            }
            defer { PQfreemem(quoted) }
            try connection.internalExecute("LISTEN \(String(cString: quoted))")
        }
        return connection
    }

    /// Runs on the listener's own thread until `stop()`.
    private func loop(conninfo: String, channels: [String], ready: CheckedContinuation<Void, Error>) {
        var connection: Connection
        do {
            connection = try self.connect(conninfo, channels)
            ready.resume()
        } catch {
            ready.resume(throwing: error)
            return
        }
        while !self.stopped.load(ordering: .acquiring) {
            var descriptor = pollfd(fd: PQsocket(connection.handle), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            if PQconsumeInput(connection.handle) == 0 || !connection.isOK {
                // Reconnect with a short pause until the server is back or we are stopped.
                while !self.stopped.load(ordering: .acquiring) {
                    if let fresh = try? self.connect(conninfo, channels) {
                        connection = fresh
                        break
                    }
                    usleep(200_000)
                }
                continue
            }
            while let raw = PQnotifies(connection.handle) {
                let note = PQNotification(
                    channel: String(cString: raw.pointee.relname),
                    payload: String(cString: raw.pointee.extra),
                    senderPID: Int(raw.pointee.be_pid)
                )
                PQfreemem(raw)
                self.continuation.yield(note)
            }
        }
    }
}
