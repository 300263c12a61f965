import CLibPQ

extension Connection {
    /// The password verifier the server stores for `role`, computed here (libpq's
    /// `PQencryptPasswordConn`, the algorithm of the server's `password_encryption`), so that
    /// `ALTER ROLE … PASSWORD` carries the verifier, never the password: the clear text reaches
    /// neither the server's statement log nor `pg_stat_activity`.
    public func passwordVerifier(_ password: String, role: String) throws -> String {
        guard let verifier = PQencryptPasswordConn(self.handle, password, role, nil) else {
            throw PQError(kind: .usage, message: "libpq computed no password verifier: \(String(cString: PQerrorMessage(self.handle)))")
        }
        defer { PQfreemem(verifier) }
        return String(cString: verifier)
    }
}
