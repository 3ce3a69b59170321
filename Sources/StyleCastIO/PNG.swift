import CPNGShim
import Foundation

/// PNG encoding and decoding through libpng. The only Swift code that talks to libpng.
public enum PNG {
    /// Images larger than this on either side are refused before any pixel memory is taken.
    public static let maximumDimension = 16384
    /// Images with more pixels than this (256 MiB as RGBA8) are refused the same way.
    public static let maximumPixels = 64 * 1024 * 1024

    /// Decodes PNG bytes of any colour type, bit depth or interlacing into RGBA8.
    /// `name` only labels errors.
    public static func decode(_ data: [UInt8], name: String = "<memory>") throws -> RGBAImage {
        var width: UInt32 = 0, height: UInt32 = 0
        var pointer: UnsafeMutablePointer<UInt8>?
        var status = data.withUnsafeBufferPointer { buffer in
            stylecast_png_decode_rgba8(buffer.baseAddress, buffer.count, UInt32(maximumDimension), UInt64(maximumPixels),
                                       &width, &height, &pointer)
        }
        guard status.ok != 0, let pixels = pointer else {
            throw PNGError(subject: name, reason: "not a readable PNG: " + message(&status))
        }
        defer { stylecast_png_free(pixels) }
        let count = Int(width) * Int(height) * 4
        return RGBAImage(width: Int(width), height: Int(height),
                         pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// How hard zlib works: `.smallest` for files people keep (game assets), `.fastest` for
    /// bulk output such as training sets, where encoding would otherwise dominate the run.
    public enum Compression: Int32, Sendable {
        case fastest = 1
        case smallest = 9
    }

    /// Encodes RGBA8 with fixed settings: the same pixels and compression always give the
    /// same bytes.
    public static func encode(_ image: RGBAImage, compression: Compression = .smallest) throws -> [UInt8] {
        var pointer: UnsafeMutablePointer<UInt8>?
        var size = 0
        var status = image.pixels.withUnsafeBufferPointer { buffer in
            stylecast_png_encode_rgba8(buffer.baseAddress, UInt32(image.width), UInt32(image.height),
                                       compression.rawValue, &pointer, &size)
        }
        guard status.ok != 0, let bytes = pointer else {
            throw PNGError(subject: "<memory>", reason: "could not encode PNG: " + message(&status))
        }
        defer { stylecast_png_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// `image` encoded as `encode(image, compression:)` does, except that `earlier` is returned
    /// as it is when it holds exactly these pixels. Only for bytes that `encode` made at the same
    /// compression (the caller's record of what it wrote says so): the same pixels then encode to
    /// the same bytes, and checking costs a decode, a small part of a level-9 encode.
    public static func encode(_ image: RGBAImage, compression: Compression = .smallest, reusing earlier: [UInt8]?) throws -> [UInt8] {
        if let earlier, (try? decode(earlier)) == image { return earlier }
        return try encode(image, compression: compression)
    }

    /// Reads and decodes a PNG file.
    public static func read(path: String) throws -> RGBAImage {
        try decode(FileReadError.contents(of: path), name: path)
    }

    private static func message(_ status: inout stylecast_png_status) -> String {
        withUnsafeBytes(of: &status.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
