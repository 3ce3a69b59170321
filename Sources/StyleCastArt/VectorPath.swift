/// A point in drawing units (pixels of the target image, y down).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// A closed outline to fill, stroke or clip with. Kept apart from cairo so that shapes are
/// plain values the renderers can build, reuse and mirror.
struct VectorPath: Sendable {
    enum Element: Sendable {
        case move(Point)
        case line(Point)
        case curve(Point, Point, Point)
        case close
    }

    private(set) var elements: [Element] = []

    init() {}

    mutating func move(_ x: Double, _ y: Double) { elements.append(.move(Point(x, y))) }
    mutating func line(_ x: Double, _ y: Double) { elements.append(.line(Point(x, y))) }
    mutating func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x: Double, _ y: Double) {
        elements.append(.curve(Point(x1, y1), Point(x2, y2), Point(x, y)))
    }
    mutating func close() { elements.append(.close) }

    /// A closed polygon through `points`.
    static func polygon(_ points: [Point]) -> VectorPath {
        var path = VectorPath()
        guard let first = points.first else { return path }
        path.move(first.x, first.y)
        for p in points.dropFirst() { path.line(p.x, p.y) }
        path.close()
        return path
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> VectorPath {
        polygon([Point(x, y), Point(x + width, y), Point(x + width, y + height), Point(x, y + height)])
    }

    /// An axis-aligned ellipse from four cubic Béziers (the standard 0.5523 handle length).
    static func ellipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double) -> VectorPath {
        let k = 0.5522847498
        var path = VectorPath()
        path.move(cx + rx, cy)
        path.curve(cx + rx, cy + ry * k, cx + rx * k, cy + ry, cx, cy + ry)
        path.curve(cx - rx * k, cy + ry, cx - rx, cy + ry * k, cx - rx, cy)
        path.curve(cx - rx, cy - ry * k, cx - rx * k, cy - ry, cx, cy - ry)
        path.curve(cx + rx * k, cy - ry, cx + rx, cy - ry * k, cx + rx, cy)
        path.close()
        return path
    }

    /// A smooth closed blob through `points` (Catmull-Rom turned into Béziers).
    static func smoothClosed(_ points: [Point], tension: Double = 1) -> VectorPath {
        var path = VectorPath()
        let n = points.count
        guard n >= 3 else { return polygon(points) }
        path.move(points[0].x, points[0].y)
        for i in 0..<n {
            let p0 = points[(i + n - 1) % n], p1 = points[i], p2 = points[(i + 1) % n], p3 = points[(i + 2) % n]
            let t = tension / 6
            path.curve(p1.x + (p2.x - p0.x) * t, p1.y + (p2.y - p0.y) * t,
                       p2.x - (p3.x - p1.x) * t, p2.y - (p3.y - p1.y) * t,
                       p2.x, p2.y)
        }
        path.close()
        return path
    }

    /// An open smooth line through `points`, for strokes (Catmull-Rom, end tangents clamped).
    static func smoothOpen(_ points: [Point]) -> VectorPath {
        var path = VectorPath()
        guard let first = points.first else { return path }
        path.move(first.x, first.y)
        let n = points.count
        guard n > 1 else { return path }
        for i in 0..<(n - 1) {
            let p0 = points[max(0, i - 1)], p1 = points[i], p2 = points[i + 1], p3 = points[min(n - 1, i + 2)]
            path.curve(p1.x + (p2.x - p0.x) / 6, p1.y + (p2.y - p0.y) / 6,
                       p2.x - (p3.x - p1.x) / 6, p2.y - (p3.y - p1.y) / 6,
                       p2.x, p2.y)
        }
        return path
    }

    /// The path with every point mapped.
    func mapped(_ transform: (Point) -> Point) -> VectorPath {
        var path = VectorPath()
        path.elements = elements.map { element in
            switch element {
            case .move(let p): return .move(transform(p))
            case .line(let p): return .line(transform(p))
            case .curve(let a, let b, let c): return .curve(transform(a), transform(b), transform(c))
            case .close: return .close
            }
        }
        return path
    }

    func offset(_ dx: Double, _ dy: Double) -> VectorPath { mapped { Point($0.x + dx, $0.y + dy) } }
}
