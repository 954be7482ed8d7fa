import FlyingSocks
import NewsdeskCore
import Foundation

/// The address `newsdesk serve` binds: an IPv4 or IPv6 literal, or `localhost`.
///
/// Names other than `localhost` are refused rather than resolved: a name can stand for several
/// addresses, and the preview must bind exactly the one the user meant.
public struct ListenAddress: Sendable, Equatable {
    public enum Family: Sendable { case ip4, ip6 }

    public let host: String
    public let family: Family
    public let port: UInt16

    public init?(host: String, port: UInt16) {
        var literal = host
        if literal == "localhost" { literal = "127.0.0.1" }
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if (try? sockaddr_in.inet(ip4: literal, port: port)) != nil {
            family = .ip4
        } else if (try? sockaddr_in6.inet6(ip6: literal, port: port)) != nil {
            family = .ip6
        } else {
            return nil
        }
        self.host = literal
        self.port = port
    }

    /// `127.0.0.1` and `::1` reach only this machine; anything else may expose drafts.
    public var isLoopback: Bool {
        family == .ip4 ? host.hasPrefix("127.") : host == "::1"
    }

    /// `http://127.0.0.1:4000/`, `http://[::1]:4000/`.
    public var url: String {
        "http://\(family == .ip6 ? "[\(host)]" : host):\(port)/"
    }

    func withPort(_ port: UInt16) -> ListenAddress {
        ListenAddress(host: host, port: port) ?? self
    }

    func makeSocketAddress() throws -> any SocketAddress {
        switch family {
        case .ip4: try sockaddr_in.inet(ip4: host, port: port)
        case .ip6: try sockaddr_in6.inet6(ip6: host, port: port)
        }
    }
}
