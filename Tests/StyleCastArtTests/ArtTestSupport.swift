import StyleCastIO
@testable import StyleCastArt

/// The 32 characters the invariant tests check.
let testSeeds: [UInt64] = (0..<32).map { UInt64($0) * 7919 + 3 }

extension RGBAImage {
    func rgb(_ x: Int, _ y: Int) -> RGB {
        let p = self[x, y]
        return RGB(p.r, p.g, p.b)
    }

    /// Number of 8-connected groups of opaque pixels.
    var opaqueComponentCount: Int {
        var seen = [Bool](repeating: false, count: width * height)
        var components = 0
        for start in 0..<(width * height) where !seen[start] && pixels[start * 4 + 3] > 0 {
            components += 1
            var stack = [start]
            seen[start] = true
            while let i = stack.popLast() {
                let x = i % width, y = i / width
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                        let j = ny * width + nx
                        if !seen[j] && pixels[j * 4 + 3] > 0 {
                            seen[j] = true
                            stack.append(j)
                        }
                    }
                }
            }
        }
        return components
    }

    /// The lowest row holding an opaque pixel, or nil for an empty image.
    var lowestOpaqueRow: Int? {
        (0..<height).reversed().first { y in (0..<width).contains { x in self[x, y].a > 0 } }
    }

    /// The image flipped left to right.
    var mirrored: RGBAImage {
        var out = RGBAImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { out[width - 1 - x, y] = self[x, y] }
        }
        return out
    }
}
