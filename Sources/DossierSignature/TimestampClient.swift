import CCurl
import Crypto
import Foundation
import SwiftASN1

/// Asks an RFC 3161 time-stamping authority over HTTP for a token on a signature value (PAdES B-T).
public struct TimestampClient: Sendable {
    public var url: String
    /// Bounds connecting and the whole exchange: a silent authority must not hang the signing.
    public var timeoutSeconds: Int

    public init(url: String, timeoutSeconds: Int = 10) { self.url = url; self.timeoutSeconds = timeoutSeconds }

    /// The token (a CMS SignedData, DER) on the SHA-256 of `signature`, checked to be on that value.
    public func token(for signature: [UInt8]) throws -> [UInt8] {
        let imprint = Array(SHA256.hash(data: signature))
        let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let reply = try post(try Self.request(imprint: imprint, nonce: nonce))
        let token = try Self.token(in: reply)
        let stamp = try ParsedSignedData(token)
        guard let content = stamp.content, let info = try? TimestampInfo(derEncoded: content) else {
            throw SignatureError("the time-stamping authority at \(url) sent a token without a TSTInfo")
        }
        guard info.imprint == imprint else {
            throw SignatureError("the time-stamping authority at \(url) stamped something else than this signature")
        }
        return token
    }

    /// TimeStampReq: version 1, the SHA-256 imprint, a nonce, and the authority's certificate asked for.
    static func request(imprint: [UInt8], nonce: [UInt8]) throws -> [UInt8] {
        var s = DER.Serializer()
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(1)
            try s.appendConstructedNode(identifier: .sequence) { s in
                try SignedDataBuilder.digestAlgorithm(&s)
                try s.serialize(ASN1OctetString(contentBytes: imprint[...]))
            }
            s.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: [0x01] + nonce) }
            try s.serialize(true)
        }
        return s.serializedBytes
    }

    /// The token of a TimeStampResp whose status is granted (0) or granted with modifications (1).
    static func token(in reply: [UInt8]) throws -> [UInt8] {
        guard let response = try? DER.parse(reply), response.identifier == .sequence else {
            throw SignatureError("the time-stamping authority's reply is not a TimeStampResp")
        }
        let parts = children(response)
        guard let status = parts.first.flatMap({ children($0).first }).flatMap({ try? Int(derEncoded: $0) }) else {
            throw SignatureError("the time-stamping authority's reply has no status")
        }
        guard status == 0 || status == 1, parts.count >= 2 else {
            throw SignatureError("the time-stamping authority refused the request (status \(status))")
        }
        return Array(parts[1].encodedBytes)
    }

    private func post(_ body: [UInt8]) throws -> [UInt8] {
        var response: UnsafeMutablePointer<UInt8>?
        var length = 0
        var status = 0
        var error = [CChar](repeating: 0, count: 256)
        let code = ccurl_http_post(url, "application/timestamp-query", body, body.count, timeoutSeconds, 1 << 20,
                                   &response, &length, &status, &error)
        defer { free(response) }
        guard code == 0 else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw SignatureError("the time-stamping authority at \(url) could not be reached: \(message)")
        }
        guard status == 200 else { throw SignatureError("the time-stamping authority at \(url) answered HTTP \(status)") }
        guard let response else { return [] }
        return Array(UnsafeBufferPointer(start: response, count: length))
    }
}
