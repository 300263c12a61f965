import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that cannot be parsed as HTTP with the API's JSON error body, then closes
/// the connection. Hummingbird answers such a request with a bare 400 and no body; the commonest
/// case is an oversized request line (a URL longer than the decoder's 80 KB limit) or header
/// section, which a client should be told in the documented error shape.
///
/// It sits after Hummingbird's HTTP/1 codec. It answers only when no response is owed on the
/// connection (every request head read so far has had its response end written); otherwise the
/// error goes on to Hummingbird, which closes the connection as before.
final class ParseErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Request heads read whose response has not ended yet.
    private var owed = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = self.unwrapInboundIn(data) { self.owed += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = self.unwrapOutboundIn(data) { self.owed = max(0, self.owed - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, self.owed == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let body = ByteBuffer(bytes: Self.body(for: parseError))
        let head = HTTPResponse(
            status: .badRequest,
            headerFields: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes), .connection: "close"]
        )
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(self.wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
    }

    /// The JSON error body for `error`: `request-too-large` when the request line or headers
    /// exceed the limits, `bad-request` for anything else that is not HTTP.
    static func body(for error: HTTPParserError) -> [UInt8] {
        let answer =
            error == .headerOverflow
            ? APIError(
                .badRequest,
                .requestTooLarge,
                "the request line or headers are too long (a URL or header over 80 KB): send long input in the body"
            )
            : APIError.badRequest("the request is not valid HTTP/1.1")
        return (try? JSONCoding.body(answer.body)) ?? Array(#"{"error":{"code":"bad-request","message":"bad request","details":{}}}"#.utf8)
    }
}
