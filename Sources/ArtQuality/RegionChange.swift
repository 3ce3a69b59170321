import StyleCastIO

/// Where the difference between two images of one size lies: the summed per-pixel change
/// (absolute differences of premultiplied R, G, B and of alpha, 8-bit scale) inside a
/// rectangle and outside it. Used to see whether an expression edit stays on the face.
public struct RegionChange: Equatable, Sendable {
    public let inside: Double
    public let outside: Double

    public init(from before: RGBAImage, to after: RGBAImage, region: (x: Int, y: Int, width: Int, height: Int)) {
        precondition(before.width == after.width && before.height == after.height, "region change needs images of one size")
        var inside = 0.0, outside = 0.0
        for y in 0..<before.height {
            for x in 0..<before.width {
                let p = before[x, y], q = after[x, y]
                let ap = Double(p.a) / 255, aq = Double(q.a) / 255
                var change = abs(Double(p.a) - Double(q.a))
                for (u, v) in [(p.r, q.r), (p.g, q.g), (p.b, q.b)] { change += abs(Double(u) * ap - Double(v) * aq) }
                let within = x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height
                if within { inside += change } else { outside += change }
            }
        }
        self.inside = inside
        self.outside = outside
    }

    /// The part of all change that lies inside the rectangle, or nil when nothing changed.
    public var insideShare: Double? {
        let total = inside + outside
        return total > 0 ? inside / total : nil
    }
}
