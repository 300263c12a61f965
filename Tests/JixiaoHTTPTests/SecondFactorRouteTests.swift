import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@testable import JixiaoHTTP
@testable import JixiaoService

/// The second factor over HTTP (issue 13, item 3).
@Suite("HTTP: second factor")
struct SecondFactorRouteTests {
    @Test("admin requires it; a finance session can only enrol; after confirming, sign-in needs the code")
    func flow() async throws {
        let f = try await HTTPFixture.make()
        try await SessionRouteTests.givePassword(f, f.fixture.finance)
        try await f.test { api in
            let notAdmin = try await api.send(.put, "/v1/settings/sign-in", token: f.financeToken, json: #"{"totp_required": true}"#)
            #expect(notAdmin.status == .forbidden)
            let set = try await api.send(.put, "/v1/settings/sign-in", token: f.adminToken, json: #"{"totp_required": true}"#)
            #expect(set.status == .ok)
            #expect(try await api.send(.get, "/v1/settings/sign-in", token: f.adminToken).object["totp_required"] as? Bool == true)

            let (signedIn, secret) = try await SessionRouteTests.signIn(api, "finance")
            #expect(try signedIn.object["second_factor_enrolment_required"] as? Bool == true)
            let blocked = try await api.send(.get, "/v1/tables", headers: SessionRouteTests.cookie(secret))
            #expect(blocked.status == .forbidden)
            #expect(try blocked.error.code == "second-factor-enrolment-required")
            let enrol = try await api.send(.post, "/v1/me/totp", headers: SessionRouteTests.cookie(secret, SessionRouteTests.sameSite))
            #expect(enrol.status == .created, "\(enrol.text)")
            #expect(try (enrol.object["otpauth_url"] as? String)?.hasPrefix("otpauth://totp/") == true)
            let key = try await f.fixture.superuser { conn in
                try conn.query("SELECT secret FROM user_totp").first!.decode(String.self, "secret")
            }
            let wrong = try await api.send(
                .post,
                "/v1/me/totp/confirm",
                json: #"{"code": "000000"}"#,
                headers: SessionRouteTests.cookie(secret, SessionRouteTests.sameSite)
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(try wrong.error.code == "invalid-code")
            let confirm = try await api.send(
                .post,
                "/v1/me/totp/confirm",
                json: "{\"code\": \"\(JixiaoService.currentCode(secret: key))\"}",
                headers: SessionRouteTests.cookie(secret, SessionRouteTests.sameSite)
            )
            #expect(confirm.status == .noContent, "\(confirm.text)")
            #expect(try await api.send(.get, "/v1/tables", headers: SessionRouteTests.cookie(secret)).status == .ok)

            let withoutCode = try await api.send(.post, "/v1/session", json: SessionRouteTests.signInBody("finance", SessionRouteTests.password))
            #expect(withoutCode.status == .unauthorized)
            #expect(try withoutCode.error.code == "second-factor-required")
            let next = JixiaoService.currentCode(secret: key, at: Date().addingTimeInterval(30))
            let body = "{\"login\": \"finance\", \"password\": \"\(SessionRouteTests.password)\", \"code\": \"\(next)\"}"
            let withCode = try await api.send(.post, "/v1/session", json: body)
            #expect(withCode.status == .created, "\(withCode.text)")
            #expect(try withCode.object["second_factor_enrolment_required"] as? Bool == false)
            // The admin resets it: the user enrols again.
            let reset = try await api.send(.post, "/v1/users/finance/totp/reset", token: f.adminToken)
            #expect(reset.status == .noContent)
            #expect(try await api.send(.get, "/v1/tables", headers: SessionRouteTests.cookie(secret)).status == .forbidden)
        }
    }
}
