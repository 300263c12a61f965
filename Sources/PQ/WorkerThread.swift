import Foundation

/// A dedicated OS thread that runs submitted jobs one after another. Blocking libpq calls run
/// here, never on Swift's cooperative pool or a NIO event loop.
final class WorkerThread: @unchecked Sendable {
    // `jobs` and `stopping` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false
    private var finished = false

    static let nameKey = "pq.worker"

    /// The name of the worker thread the caller runs on, `nil` elsewhere.
    static var currentName: String? { Thread.current.threadDictionary[nameKey] as? String }

    init(name: String) {
        let thread = Thread { [self] in
            Thread.current.threadDictionary[WorkerThread.nameKey] = name
            self.loop()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues `job` to run on the thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        self.condition.lock()
        self.jobs.append(job)
        self.condition.signal()
        self.condition.unlock()
    }

    /// Runs the queued jobs, then ends the thread; waits until it has ended.
    func stop() {
        self.condition.lock()
        self.stopping = true
        self.condition.broadcast()
        while !self.finished { self.condition.wait() }
        self.condition.unlock()
    }

    /// Lets the thread end once its queue is empty, without waiting for it (callable from the
    /// thread itself).
    func requestStop() {
        self.condition.lock()
        self.stopping = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    private func loop() {
        while true {
            self.condition.lock()
            while self.jobs.isEmpty && !self.stopping { self.condition.wait() }
            if self.jobs.isEmpty && self.stopping {
                self.finished = true
                self.condition.broadcast()
                self.condition.unlock()
                return
            }
            let job = self.jobs.removeFirst()
            self.condition.unlock()
            job()
        }
    }
}
