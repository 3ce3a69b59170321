import FuzzSupport
import Foundation
import XCTest
@testable import StyleCastIO

/// Mutated `.npy`, `.npz`, PNG and JSON files: each reader refuses what it cannot read with an
/// error, and never crashes or allocates what the file cannot hold (`Fuzz.run`).
/// `STYLECAST_FUZZ_ITERATIONS=200000` makes a long run.
final class IOReaderFuzzTests: XCTestCase {
    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func resource(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: repository.appendingPathComponent(path)))
    }

    func testNPY() throws {
        let seeds = [
            NPY.encode(NPYArray(shape: [1, 3, 4], values: (0..<12).map { Float($0) - 5.5 })),
            try Self.resource("Tests/Resources/latents/w_1x3x4.npy"),
            NPYTests.npy(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", data: [0, 0x3C, 0, 0xC0, 0xFF, 0x7B]),
            NPYTests.npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]),
            NPYTests.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 0, 5), }", version: 2),
        ]
        let words = ["'descr':", "'shape':", "'fortran_order':", "True", "'<f8'", "'|f2'", "(", ")", ",", "L"]
        print(try Fuzz.run("npy", seeds: seeds, dictionary: words.map { Array($0.utf8) }, repair: Self.repairingHeaderLength) { input in
            _ = try NPY.decode(input, name: "fuzz.npy")
            _ = try? NPY.decodeFloat64(input, name: "fuzz.npy")
        })
    }

    /// Sets the header length to where the header's closing newline is, so that edits which
    /// lengthen or shorten the header text reach the shape and size checks.
    static func repairingHeaderLength(_ file: [UInt8]) -> [UInt8] {
        guard file.count >= 12, (1...3).contains(file[6]) else { return file }
        let start = file[6] == 1 ? 10 : 12
        guard let newline = file[start...].firstIndex(of: 0x0A) else { return file }
        var bytes = file
        for i in 0 ..< start - 8 { bytes[8 + i] = UInt8(truncatingIfNeeded: (newline + 1 - start) >> (8 * i)) }
        return bytes
    }

    func testNPZ() throws {
        let arrays = [("w", NPYArray(shape: [2, 2], values: [1, 2, 3, 4])), ("b", NPYArray(shape: [1], values: [0.5]))]
        let seeds = [
            NPZ.encode(arrays),
            try Self.resource("Tests/Resources/latents/w_1x3x4_stored.npz"),
            try Self.resource("Tests/Resources/latents/w_1x3x4_deflated.npz"),
            try Self.resource("Tests/Resources/latents/no_w.npz"),
            ZipTests.zip64(name: "w.npy", data: NPY.encode(arrays[0].1)),
        ]
        let words: [[UInt8]] = [[0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06],
                                [0x01, 0x00, 0x18, 0x00], [0xFF, 0xFF, 0xFF, 0xFF], Array(".npy".utf8)]
        print(try Fuzz.run("npz", seeds: seeds, dictionary: words) { input in
            _ = try NPZ.decode(input, name: "fuzz.npz")
        })
    }

    func testPNG() throws {
        var image = RGBAImage(width: 6, height: 5)
        for i in image.pixels.indices { image.pixels[i] = UInt8(i * 29 & 0xFF) }
        var palette = PNGTestEncoder(width: 5, height: 3, bitDepth: 2, colorType: .palette) { x, y in [(x + y) % 4] }
        palette.palette = [[0, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255]]
        palette.transparency = [0, 128]
        var interlaced = PNGTestEncoder(width: 9, height: 9, bitDepth: 16, colorType: .rgb) { x, y in [x * 7000, y * 7000, 300] }
        interlaced.interlaced = true
        let seeds = [
            try PNG.encode(image),
            palette.encode(),
            interlaced.encode(),
            PNGTestEncoder(width: 7, height: 2, bitDepth: 1, colorType: .gray) { x, _ in [x % 2] }.encode(),
            PNGTestEncoder(width: 3, height: 4, bitDepth: 8, colorType: .grayAlpha) { x, y in [x * 40, y * 60] }.encode(),
        ]
        let words = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "zTXt", "iCCP", "sBIT", "acTL"].map { Array($0.utf8) }
        print(try Fuzz.run("png", seeds: seeds, dictionary: words, repair: Self.repairingChunkCRCs) { input in
            _ = try PNG.decode(input, name: "fuzz.png")
        })
    }

    /// Recomputes every chunk's CRC, so that mutations are judged by the decoder rather than
    /// stopped by libpng's checksum test.
    static func repairingChunkCRCs(_ file: [UInt8]) -> [UInt8] {
        var bytes = file
        var at = 8
        while at + 12 <= bytes.count {
            let length = bytes[at ..< at + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count - at - 12 else { break }
            let crc = Int(ZipArchive.crc32(Array(bytes[at + 4 ..< at + 8 + length])))
            bytes.replaceSubrange(at + 8 + length ..< at + 12 + length, with: bigEndian32(crc))
            at += 12 + length
        }
        return bytes
    }

    func testJSON() throws {
        let seeds = [
            try Self.resource("sample-project/data/Actors.json"),
            try Self.resource("sample-project/data/MapInfos.json"),
            try Self.resource("sample-project/data/Troops.json"),
            JSONLayout.byteOrderMarkBytes + Array("[\r\n{\"a\":-0.5e-3,\"b\":[true,false,null],\"c\":\"\\u00e9\\n\"}\r\n]\r\n".utf8),
            Array("/* block */ {\"k\": [1, 2.0, 3e2], // line\n \"s\": \"x\\\"y\"}".utf8),
        ]
        let words = ["{", "}", "[", "]", "\"", ":", ",", "//", "/*", "*/", "\\u", "\\ud800", "\\", "true", "null", "\r\n",
                     "\u{FEFF}", "\"data\"", "\"events\""].map { Array($0.utf8) }
        print(try Fuzz.run("json", seeds: seeds, dictionary: words, binary: false) { input in
            // Strict documents are also written back; commented text goes through the locator.
            if let document = try? JSONDocument(parsing: input, name: "fuzz.json") { _ = document.serialized() }
            let located = try LocatedJSON(parsing: input, name: "fuzz.json", syntax: .withComments)
            _ = located.position(of: [.index(0), .key("name")])
        })
    }
}
