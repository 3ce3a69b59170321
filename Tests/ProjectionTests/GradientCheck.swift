import Randomness
import XCTest

/// Compares an analytic gradient with central differences of `f` along a few random
/// directions and on the largest individual components (`components` of them). Directional checks average over all
/// components, so float32 rounding in `f` stays far below the tolerance.
func assertGradientMatchesFiniteDifferences(
    at point: [Float], analytic: [Float], step: Float = 1e-2, tolerance: Double = 2e-3,
    directions: Int = 3, components: Int = 5,
    file: StaticString = #filePath, line: UInt = #line, _ f: ([Float]) -> Double
) {
    XCTAssertEqual(point.count, analytic.count, "gradient size", file: file, line: line)
    func difference(along direction: [Float]) -> Double {
        var plus = point, minus = point
        for i in point.indices {
            plus[i] += step * direction[i]
            minus[i] -= step * direction[i]
        }
        return (f(plus) - f(minus)) / (2 * Double(step))
    }
    var generator = SplitMix64(state: 99)
    for _ in 0..<directions {
        let direction = point.map { _ in Float.random(in: -1...1, using: &generator) }
        let expected = difference(along: direction)
        let actual = zip(analytic, direction).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        // A random direction's derivative is typically |g| |v| / sqrt(n); one that happens to be
        // near zero is judged against that size, not its own.
        let typical = magnitude(analytic) * magnitude(direction) / Double(point.count).squareRoot()
        let scale = max(1e-6, abs(expected), abs(actual), typical)
        XCTAssertLessThanOrEqual(abs(expected - actual) / scale, tolerance,
                                 "directional derivative: finite differences \(expected), analytic \(actual)",
                                 file: file, line: line)
    }
    let largest = analytic.indices.sorted { abs(analytic[$0]) > abs(analytic[$1]) }.prefix(components)
    let maxGradient = Double(analytic.map { abs($0) }.max() ?? 0)
    for i in largest {
        var direction = [Float](repeating: 0, count: point.count)
        direction[i] = 1
        let expected = difference(along: direction)
        XCTAssertLessThanOrEqual(abs(expected - Double(analytic[i])), 1e-2 * maxGradient + 1e-6,
                                 "component \(i): finite differences \(expected), analytic \(analytic[i])",
                                 file: file, line: line)
    }
}

private func magnitude(_ values: [Float]) -> Double {
    values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
}

func randomValues(_ count: Int, seed: UInt64, in range: ClosedRange<Float> = -1...1) -> [Float] {
    var generator = SplitMix64(state: seed)
    return (0..<count).map { _ in Float.random(in: range, using: &generator) }
}
