import StyleCastIO

/// How many colours an image really uses once near-identical ones are taken as one: generated
/// art never repeats a colour exactly, so counting distinct values would call every model
/// image noisy. Colours are visited from most to least frequent (ties by value) and each
/// joins the first group whose founding colour is within `tolerance` on every channel, or
/// founds a new group. Only pixels with alpha above 0 count.
public enum ColourClusters {
    public static let defaultTolerance = 12

    /// The number of groups, or `limit + 1` as soon as more than `limit` are needed.
    public static func count(in image: RGBAImage, tolerance: Int = defaultTolerance, limit: Int = .max) -> Int {
        var histogram: [UInt32: Int] = [:]
        for p in 0..<(image.width * image.height) where image.pixels[p * 4 + 3] > 0 {
            let key = UInt32(image.pixels[p * 4]) << 16 | UInt32(image.pixels[p * 4 + 1]) << 8 | UInt32(image.pixels[p * 4 + 2])
            histogram[key, default: 0] += 1
        }
        let ordered = histogram.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var founders: [(Int, Int, Int)] = []
        for (key, _) in ordered {
            let r = Int(key >> 16), g = Int(key >> 8 & 0xFF), b = Int(key & 0xFF)
            let joins = founders.contains { abs($0.0 - r) <= tolerance && abs($0.1 - g) <= tolerance && abs($0.2 - b) <= tolerance }
            if !joins {
                founders.append((r, g, b))
                if founders.count > limit { return founders.count }
            }
        }
        return founders.count
    }
}
