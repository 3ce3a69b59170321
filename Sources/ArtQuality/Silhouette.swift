import StyleCastIO

/// Which pixels of an image belong to the figure: those at least half opaque (alpha >= 128),
/// the threshold a game engine's alpha test would use. Row-major, `width * height` flags.
public struct Silhouette: Equatable, Sendable {
    public static let alphaThreshold: UInt8 = 128

    public let width: Int
    public let height: Int
    public var mask: [Bool]

    public init(width: Int, height: Int, mask: [Bool]) {
        precondition(mask.count == width * height, "silhouette mask does not fill \(width)x\(height)")
        self.width = width
        self.height = height
        self.mask = mask
    }

    public init(_ image: RGBAImage) {
        var mask = [Bool](repeating: false, count: image.width * image.height)
        for i in mask.indices { mask[i] = image.pixels[i * 4 + 3] >= Self.alphaThreshold }
        self.init(width: image.width, height: image.height, mask: mask)
    }

    public subscript(x: Int, y: Int) -> Bool { mask[y * width + x] }

    public var pixelCount: Int { mask.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The topmost and lowest rows holding a figure pixel, or nil when there is none.
    public var rowRange: ClosedRange<Int>? {
        let rows = (0..<height).filter { y in (0..<width).contains { mask[y * width + $0] } }
        guard let first = rows.first, let last = rows.last else { return nil }
        return first...last
    }

    /// The 8-connected groups of figure pixels.
    public var components: PixelComponents { PixelComponents(mask: mask, width: width, height: height) }
}

/// Connected groups of set pixels in a mask, labelled in scan order (the group holding the
/// first set pixel in row-major order is 0), so the labelling is the same on every run.
public struct PixelComponents: Sendable {
    public enum Connectivity: Sendable { case four, eight }

    /// Per pixel, the index of its group, or -1 where the mask is not set.
    public let labels: [Int]
    /// Pixel count of each group.
    public let sizes: [Int]

    public init(mask: [Bool], width: Int, height: Int, connectivity: Connectivity = .eight) {
        precondition(mask.count == width * height, "mask does not fill \(width)x\(height)")
        var labels = [Int](repeating: -1, count: mask.count)
        var sizes: [Int] = []
        let reach = connectivity == .eight ? 1 : 0
        var stack: [Int] = []
        for start in mask.indices where mask[start] && labels[start] < 0 {
            let label = sizes.count
            var size = 0
            labels[start] = label
            stack.append(start)
            while let i = stack.popLast() {
                size += 1
                let x = i % width, y = i / width
                for dy in -1...1 {
                    for dx in -1...1 where (dx != 0 || dy != 0) && (reach == 1 || dx == 0 || dy == 0) {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                        let j = ny * width + nx
                        if mask[j] && labels[j] < 0 {
                            labels[j] = label
                            stack.append(j)
                        }
                    }
                }
            }
            sizes.append(size)
        }
        self.labels = labels
        self.sizes = sizes
    }

    public var count: Int { sizes.count }

    /// The biggest group (the first of equal ones), or nil when the mask is empty.
    public var largest: Int? { sizes.indices.max { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) } }
}
