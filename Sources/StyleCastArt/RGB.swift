/// An opaque 8-bit sRGB colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    public var description: String {
        "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Each channel scaled by its factor, rounded and clamped: how cel shades are derived.
    func scaled(_ fr: Double, _ fg: Double, _ fb: Double) -> RGB {
        func channel(_ v: UInt8, _ f: Double) -> UInt8 { UInt8(min(255, max(0, (Double(v) * f).rounded()))) }
        return RGB(channel(r, fr), channel(g, fg), channel(b, fb))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
