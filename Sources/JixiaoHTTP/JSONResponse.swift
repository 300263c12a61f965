import Foundation
import Hummingbird

/// Builds JSON responses.
enum JSONResponse {
    /// `value` as a JSON body with `status`; `version` adds its `ETag`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, version: Int? = nil, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONCoding.body(value)
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)]
        if let version { fields[.eTag] = ETag.make(version) }
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A body of `text` with `contentType`.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = ByteBuffer(string: text)
        return Response(
            status: status,
            headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }
}
