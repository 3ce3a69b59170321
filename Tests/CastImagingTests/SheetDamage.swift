import Randomness
import StyleCastArt
import StyleCastIO

/// What a generator's walk sheet looks like next to the renderer's: soft (blurred) edges and
/// alpha, noisy colours, and stray specks in the empty parts of frames. Seeded, so the same
/// sheet and seed always give the same damage.
enum SheetDamage {
    static func degrade(_ sheet: RGBAImage, seed: UInt64, specksPerFrame: Int = 3) -> RGBAImage {
        var random = SplitMix64(seed: seed, stream: 77)
        var image = blurred(sheet)
        for p in 0..<(image.width * image.height) where image.pixels[p * 4 + 3] > 0 {
            for c in 0..<3 { image.pixels[p * 4 + c] = jitter(image.pixels[p * 4 + c], by: 14, &random) }
            let a = image.pixels[p * 4 + 3]
            if a < 255 { image.pixels[p * 4 + 3] = jitter(a, by: 24, &random) }
        }
        addSpecks(to: &image, clearOf: sheet, perFrame: specksPerFrame, &random)
        return image
    }

    /// A 3x3 [1 2 1] blur of premultiplied RGBA, so edges turn semi-transparent.
    static func blurred(_ image: RGBAImage) -> RGBAImage {
        let weights = [1, 2, 1]
        var out = RGBAImage(width: image.width, height: image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                var sums = [0, 0, 0, 0], total = 0
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < image.width, ny < image.height else { continue }
                        let w = weights[dx + 1] * weights[dy + 1]
                        let p = image[nx, ny]
                        sums[0] += w * Int(p.r) * Int(p.a)
                        sums[1] += w * Int(p.g) * Int(p.a)
                        sums[2] += w * Int(p.b) * Int(p.a)
                        sums[3] += w * Int(p.a)
                        total += w
                    }
                }
                guard sums[3] > 0 else { continue }
                out[x, y] = (UInt8(sums[0] / sums[3]), UInt8(sums[1] / sums[3]), UInt8(sums[2] / sums[3]),
                             UInt8(sums[3] / total))
            }
        }
        return out
    }

    /// Opaque 1 to 3 pixel specks in random colours, at least 3 pixels from the figure and
    /// the frame's edge.
    static func addSpecks(to image: inout RGBAImage, clearOf sheet: RGBAImage, perFrame: Int, _ random: inout SplitMix64) {
        let size = WalkSheet.frameSize
        for top in stride(from: 0, to: image.height, by: size) {
            for left in stride(from: 0, to: image.width, by: size) {
                var placed = 0
                while placed < perFrame {
                    let x = left + 3 + random.index(below: size - 8), y = top + 3 + random.index(below: size - 8)
                    let clear = (-3...4).allSatisfy { dy in (-3...4).allSatisfy { dx in sheet[x + dx, y + dy].a == 0 } }
                    guard clear else { continue }
                    let colour = (UInt8(random.index(below: 256)), UInt8(random.index(below: 256)), UInt8(random.index(below: 256)), UInt8(255))
                    image[x, y] = colour
                    if placed % 3 != 0 { image[x + 1, y] = colour }
                    if placed % 3 == 2 { image[x + 1, y + 1] = colour }
                    placed += 1
                }
            }
        }
    }

    private static func jitter(_ value: UInt8, by amount: Int, _ random: inout SplitMix64) -> UInt8 {
        UInt8(min(255, max(0, Int(value) + random.index(below: 2 * amount + 1) - amount)))
    }
}

extension RGBAImage {
    /// Distinct RGB values among pixels with alpha above 0.
    var distinctVisibleColours: Int {
        var seen = Set<UInt32>()
        for p in 0..<(width * height) where pixels[p * 4 + 3] > 0 {
            seen.insert(UInt32(pixels[p * 4]) << 16 | UInt32(pixels[p * 4 + 1]) << 8 | UInt32(pixels[p * 4 + 2]))
        }
        return seen.count
    }

    /// Where two images of one size differ, as "x,y" (for failure messages that stay short).
    func differingPixels(from other: RGBAImage) -> [String] {
        (0..<(width * height)).filter { pixels[$0 * 4 ..< $0 * 4 + 4] != other.pixels[$0 * 4 ..< $0 * 4 + 4] }
            .prefix(20).map { "\($0 % width),\($0 / width)" }
    }
}
