import ServiceLifecycle

extension ConnectionPool: Service {
    /// Checks idle connections every `healthCheckInterval` until graceful shutdown (or task
    /// cancellation), then closes the pool.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: self.configuration.healthCheckInterval) } catch { break }
                let healthy = await self.checkIdleConnections()
                self.logger.trace("pool health check", metadata: ["healthy": "\(healthy)"])
            }
        }
        await self.close()
    }
}
