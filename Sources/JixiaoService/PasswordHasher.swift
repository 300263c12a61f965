import Foundation
import HummingbirdBcrypt
import Synchronization

/// Hashes and checks passwords with bcrypt (hummingbird-auth's HummingbirdBcrypt, the OpenBSD
/// implementation) on threads of its own: one hash at cost 12 is about a quarter of a second of
/// CPU, which must never block a NIO event loop or Swift's cooperative pool. At most `width`
/// hashes run at once, so that a burst of sign-ins queues here instead of taking every core.
final class PasswordHasher: Sendable {
    /// bcrypt's log2 work factor.
    let cost: UInt8
    private let width: Int
    private let state: Mutex<State>
    /// A hash of a random text at `cost`: an unknown login is checked against it, so that its
    /// answer takes as long as a wrong password's.
    private let dummy: Mutex<String?>

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    init(cost: Int, width: Int) {
        precondition((4...31).contains(cost), "bcrypt's cost is 4…31")
        self.cost = UInt8(cost)
        self.width = max(1, width)
        self.state = Mutex(State())
        self.dummy = Mutex(nil)
    }

    /// The bcrypt hash of `password` with a fresh salt.
    func hash(_ password: String) async -> String {
        let cost = self.cost
        return await self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash (an unknown login, a user without a
    /// password), the same work is done against a dummy hash and the answer is false.
    func verify(_ password: String, against hash: String?) async -> Bool {
        // Made (once) on every path, so that the first unknown login is not the slow one.
        let dummy = await self.dummyHash()
        let target = hash ?? dummy
        let matches = await self.offPool { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }

    private func dummyHash() async -> String {
        if let dummy = self.dummy.withLock({ $0 }) { return dummy }
        var generator = SystemRandomNumberGenerator()
        let text = (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined()
        let made = await self.hash(text)
        return self.dummy.withLock { stored in
            if let stored { return stored }
            stored = made
            return made
        }
    }

    /// Runs `work` on a new thread once fewer than `width` run, and returns its result.
    private func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await self.enter()
        let result = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
        self.leave()
        return result
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = self.state.withLock { state in
                if state.running < self.width {
                    state.running += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave() {
        let next = self.state.withLock { state in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil as CheckedContinuation<Void, Never>?
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
