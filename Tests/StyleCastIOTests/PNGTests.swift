import XCTest
@testable import StyleCastIO

final class PNGRoundTripTests: XCTestCase {
    func testEncodeDecodeRoundTripIsExactAndDeterministic() throws {
        var image = RGBAImage(width: 5, height: 3)
        for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * 37) & 0xFF) }
        let bytes = try PNG.encode(image)
        XCTAssertEqual(try PNG.encode(image), bytes)
        XCTAssertEqual(try PNG.decode(bytes), image)
    }

    func testFastCompressionIsLosslessDeterministicAndLarger() throws {
        var image = RGBAImage(width: 64, height: 64)
        for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i / 4 % 64) ^ (i / 256 % 64)) }
        let fast = try PNG.encode(image, compression: .fastest)
        let small = try PNG.encode(image, compression: .smallest)
        XCTAssertEqual(try PNG.encode(image, compression: .fastest), fast)
        XCTAssertEqual(try PNG.decode(fast), image)
        XCTAssertNotEqual(fast, small)
        XCTAssertLessThanOrEqual(small.count, fast.count)
    }

    func testEncodingReusesEarlierBytesOnlyWhenTheyHoldTheSamePixels() throws {
        var image = RGBAImage(width: 6, height: 4)
        for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * 11) & 0xFF) }
        let other = try PNG.encode(image, compression: .fastest)
        XCTAssertEqual(try PNG.encode(image, reusing: other), other)
        var changed = image
        changed[0, 0] = (1, 2, 3, 4)
        XCTAssertEqual(try PNG.encode(changed, reusing: other), try PNG.encode(changed))
        XCTAssertEqual(try PNG.encode(image, reusing: [1, 2, 3]), try PNG.encode(image))
        XCTAssertEqual(try PNG.encode(image, reusing: nil), try PNG.encode(image))
    }

    func testGarbageIsAnErrorNamingTheFile() {
        XCTAssertThrowsError(try PNG.decode([1, 2, 3], name: "x.png")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("x.png:"))
        }
    }

    func testTruncatedFileIsAnError() throws {
        let bytes = try PNG.encode(RGBAImage(width: 40, height: 40))
        XCTAssertThrowsError(try PNG.decode(Array(bytes.prefix(bytes.count / 2)), name: "t.png"))
    }

    /// 4096x4096 is within the limits, but a file of a hundred bytes cannot inflate to 64 MiB of
    /// pixels: refused before that memory is taken.
    func testHeaderClaimingMorePixelsThanTheFileHoldsIsAnError() throws {
        var bytes = try PNG.encode(RGBAImage(width: 2, height: 2))
        bytes.replaceSubrange(16..<24, with: bigEndian32(4096) + bigEndian32(4096))
        bytes.replaceSubrange(29..<33, with: bigEndian32(Int(PNGTestEncoder.crc32(Array(bytes[12..<29])))))
        XCTAssertThrowsError(try PNG.decode(bytes, name: "forged.png")) { error in
            XCTAssertTrue("\(error)".hasPrefix("forged.png: ") && "\(error)".contains("too small to hold the image"), "\(error)")
        }
    }
}

/// Every kind of PNG a user may hand us decodes to the RGBA8 pixels it stands for.
final class PNGKindsTests: XCTestCase {
    // 7x5 is odd on both sides: sub-byte rows need padding and Adam7 passes come out uneven.
    let width = 7, height = 5

    /// Decodes `png` and compares it with the RGBA8 pixels `expected(x, y)`.
    private func assertDecodes(_ png: PNGTestEncoder, to expected: (Int, Int) -> [UInt8],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        for interlaced in [false, true] {
            var encoder = png
            encoder.interlaced = interlaced
            let image = try PNG.decode(encoder.encode(), name: "kind.png")
            XCTAssertEqual(image.width, width, file: file, line: line)
            XCTAssertEqual(image.height, height, file: file, line: line)
            for y in 0..<height {
                for x in 0..<width {
                    let pixel = image[x, y]
                    XCTAssertEqual([pixel.r, pixel.g, pixel.b, pixel.a], expected(x, y),
                                   "pixel (\(x), \(y)), interlaced: \(interlaced)", file: file, line: line)
                }
            }
        }
    }

    /// A value pattern that reaches every level of a `bits`-bit sample.
    private func level(_ x: Int, _ y: Int, _ channel: Int, bits: Int) -> Int {
        (x * 3 + y * 5 + channel * 7) % (1 << bits)
    }

    func testGrayAtEveryBitDepth() throws {
        for bits in [1, 2, 4, 8] {
            let png = PNGTestEncoder(width: width, height: height, bitDepth: bits, colorType: .gray) { x, y in
                [self.level(x, y, 0, bits: bits)]
            }
            try assertDecodes(png) { x, y in
                let gray = UInt8(self.level(x, y, 0, bits: bits) * 255 / ((1 << bits) - 1))
                return [gray, gray, gray, 255]
            }
        }
    }

    func testSixteenBitSamplesScaleToEightBits() throws {
        // v * 257 is the 16-bit sample that stands exactly for the 8-bit v.
        let gray = PNGTestEncoder(width: width, height: height, bitDepth: 16, colorType: .gray) { x, y in
            [self.level(x, y, 0, bits: 8) * 257]
        }
        try assertDecodes(gray) { x, y in
            let g = UInt8(self.level(x, y, 0, bits: 8))
            return [g, g, g, 255]
        }
        for type in [PNGTestEncoder.ColorType.grayAlpha, .rgb, .rgba] {
            let png = PNGTestEncoder(width: width, height: height, bitDepth: 16, colorType: type) { x, y in
                (0..<type.channels).map { self.level(x, y, $0, bits: 8) * 257 }
            }
            try assertDecodes(png) { x, y in self.expectedRGBA(type, x, y) }
        }
    }

    func testEightBitGrayAlphaRGBAndRGBA() throws {
        for type in [PNGTestEncoder.ColorType.grayAlpha, .rgb, .rgba] {
            let png = PNGTestEncoder(width: width, height: height, bitDepth: 8, colorType: type) { x, y in
                (0..<type.channels).map { self.level(x, y, $0, bits: 8) }
            }
            try assertDecodes(png) { x, y in self.expectedRGBA(type, x, y) }
        }
    }

    private func expectedRGBA(_ type: PNGTestEncoder.ColorType, _ x: Int, _ y: Int) -> [UInt8] {
        let c = (0..<4).map { UInt8(level(x, y, $0, bits: 8)) }
        switch type {
        case .grayAlpha: return [c[0], c[0], c[0], c[1]]
        case .rgb: return [c[0], c[1], c[2], 255]
        default: return c
        }
    }

    func testPaletteWithTransparencyAtEveryBitDepth() throws {
        for bits in [1, 2, 4, 8] {
            let entries = 1 << bits
            let palette: [[UInt8]] = (0..<entries).map { (i: Int) -> [UInt8] in
                [UInt8(i * 11 % 256), UInt8(i * 29 % 256), UInt8(255 - i)]
            }
            // tRNS may be shorter than the palette; the rest is opaque.
            let alphas = (0..<max(1, entries / 2)).map { UInt8($0 * 40 % 256) }
            var png = PNGTestEncoder(width: width, height: height, bitDepth: bits, colorType: .palette) { x, y in
                [self.level(x, y, 0, bits: bits)]
            }
            png.palette = palette
            png.transparency = alphas
            try assertDecodes(png) { x, y in
                let index = self.level(x, y, 0, bits: bits)
                return palette[index] + [index < alphas.count ? alphas[index] : 255]
            }
        }
    }

    func testColorKeyTransparencyInRGBAndGray() throws {
        var rgb = PNGTestEncoder(width: width, height: height, bitDepth: 8, colorType: .rgb) { x, _ in
            x == 2 ? [10, 20, 30] : [x, 0, 0]
        }
        rgb.transparency = [0, 10, 0, 20, 0, 30]
        try assertDecodes(rgb) { x, _ in x == 2 ? [10, 20, 30, 0] : [UInt8(x), 0, 0, 255] }

        var gray = PNGTestEncoder(width: width, height: height, bitDepth: 4, colorType: .gray) { x, _ in [x] }
        gray.transparency = [0, 3]
        try assertDecodes(gray) { x, _ in
            let g = UInt8(x * 17)
            return [g, g, g, x == 3 ? 0 : 255]
        }
    }

    func testCorruptIDATChecksumIsAnErrorNamingTheFile() throws {
        let png = PNGTestEncoder(width: width, height: height, bitDepth: 8, colorType: .rgba) { _, _ in [1, 2, 3, 4] }
        var bytes = png.encode()
        let idat = try XCTUnwrap(find(Array("IDAT".utf8), in: bytes))
        let length = bytes[idat - 4 ..< idat].reduce(0) { $0 << 8 | Int($1) }
        bytes[idat + 4 + length] ^= 0xFF // first CRC byte
        XCTAssertThrowsError(try PNG.decode(bytes, name: "sprites/bad-crc.png")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("sprites/bad-crc.png: "), text)
            XCTAssertTrue(text.lowercased().contains("crc"), text)
        }
    }

    func testTruncatedAtEveryChunkBoundaryIsAnError() {
        let bytes = PNGTestEncoder(width: width, height: height, bitDepth: 8, colorType: .rgb) { x, y in [x, y, 0] }.encode()
        for cut in [8, 20, 33, 40, bytes.count - 12, bytes.count - 1] {
            XCTAssertThrowsError(try PNG.decode(Array(bytes.prefix(cut)), name: "cut.png"), "cut at \(cut)") { error in
                XCTAssertTrue(String(describing: error).hasPrefix("cut.png: "))
            }
        }
    }

    func testHugeDeclaredDimensionsAreRefusedBeforeAllocating() {
        // A valid header claiming 1,000,000 x 1,000,000 pixels (4 TB as RGBA) and almost no data.
        for (w, h) in [(1_000_000, 1_000_000), (PNG.maximumDimension + 1, 1), (1, 0x7FFF_FFFF),
                       (PNG.maximumDimension, PNG.maximumDimension)] {
            var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            bytes += PNGTestEncoder.chunk("IHDR", bigEndian32(w) + bigEndian32(h) + [8, 6, 0, 0, 0])
            bytes += PNGTestEncoder.chunk("IDAT", [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1])
            bytes += PNGTestEncoder.chunk("IEND", [])
            XCTAssertThrowsError(try PNG.decode(bytes, name: "huge.png"), "\(w)x\(h)") { error in
                XCTAssertTrue(String(describing: error).hasPrefix("huge.png: "))
            }
        }
    }

    func testReadingAMissingFileNamesIt() {
        XCTAssertThrowsError(try PNG.read(path: "/nonexistent/face.png")) { error in
            XCTAssertTrue(String(describing: error).contains("/nonexistent/face.png"))
        }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        (0...(haystack.count - needle.count)).first { Array(haystack[$0 ..< $0 + needle.count]) == needle }
    }
}
