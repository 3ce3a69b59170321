import Foundation
import StyleCastIO
import XCTest
@testable import StyleGAN

/// Latent files against what NumPy writes (Tests/Resources/latents, made by tools/make_latent_test_files.py).
final class LatentFileTests: XCTestCase {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Resources/latents").path
    }()

    /// The values the script saves: (arange(12) - 5.5) / 4 as [1, 3, 4].
    let expected: [Float] = (0..<12).map { (Float($0) - 5.5) / 4 }

    func testReadsNpyAndBothKindsOfNpz() throws {
        for name in ["w_1x3x4.npy", "w_1x3x4_stored.npz", "w_1x3x4_deflated.npz"] {
            let latent = try LatentFile.read(path: Self.folder + "/" + name, numWs: 3, wDim: 4)
            XCTAssertEqual(latent.values, expected, name)
        }
    }

    func testOneWIsBroadcastToEveryRow() throws {
        // [1, 3, 4] read as a model with 1 row of 12 values would be [1, 1, 12]; use [1, w_dim] via a written file.
        let path = NSTemporaryDirectory() + "/stylecast-w-\(getpid()).npy"
        defer { unlink(path) }
        try AtomicFile.write(NPY.encode(NPYArray(shape: [1, 4], values: [1, 2, 3, 4])), to: path)
        let latent = try LatentFile.read(path: path, numWs: 3, wDim: 4)
        XCTAssertEqual(latent.values, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4])
    }

    func testWrongShapeAndMissingKeyAreClearErrors() {
        XCTAssertThrowsError(try LatentFile.read(path: Self.folder + "/w_1x3x4.npy", numWs: 8, wDim: 4)) { error in
            XCTAssertTrue("\(error)".contains("[1, 8, 4]"), "\(error)")
        }
        XCTAssertThrowsError(try LatentFile.read(path: Self.folder + "/no_w.npz", numWs: 3, wDim: 4)) { error in
            XCTAssertTrue("\(error)".contains("no array 'w'") && "\(error)".contains("latents"), "\(error)")
        }
    }

    func testWrittenFilesReadBackAndNpyMatchesNumpyByteForByte() throws {
        let latent = Latent(numWs: 3, wDim: 4, values: expected)
        let base = NSTemporaryDirectory() + "/stylecast-latent-\(getpid())"
        defer { unlink(base + ".npy"); unlink(base + ".npz") }
        try LatentFile.write(latent, to: base + ".npy")
        try LatentFile.write(latent, to: base + ".npz")
        XCTAssertEqual(FileManager.default.contents(atPath: base + ".npy"),
                       FileManager.default.contents(atPath: Self.folder + "/w_1x3x4.npy"))
        XCTAssertEqual(try LatentFile.read(path: base + ".npz", numWs: 3, wDim: 4), latent)
        // Writing twice gives the same bytes (no timestamps in the zip).
        let first = FileManager.default.contents(atPath: base + ".npz")
        try LatentFile.write(latent, to: base + ".npz")
        XCTAssertEqual(FileManager.default.contents(atPath: base + ".npz"), first)
    }

    func testCorruptOrTruncatedNpzIsAnErrorNotACrash() throws {
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: Self.folder + "/w_1x3x4_deflated.npz")).map { $0 }
        var corrupt = bytes
        corrupt[60] ^= 0xFF  // inside the first entry's deflate data
        XCTAssertThrowsError(try NPZ.decode(corrupt, name: "corrupt.npz")) { error in
            XCTAssertTrue("\(error)".hasPrefix("corrupt.npz: "), "\(error)")
        }
        // A central directory entry claiming 1 GiB from a few compressed bytes is refused up front.
        let bomb = ZipArchive.encodeStored([("w.npy", [1, 2, 3])])
        var claimed = bomb
        let directory = try XCTUnwrap((0..<claimed.count - 4).first { claimed[$0] == 0x50 && claimed[$0 + 1] == 0x4B && claimed[$0 + 2] == 1 && claimed[$0 + 3] == 2 })
        claimed[directory + 10] = 8                                           // method: deflate
        claimed.replaceSubrange(directory + 24 ..< directory + 28, with: [0, 0, 0, 0x40])  // size 1 GiB
        XCTAssertThrowsError(try ZipArchive.entries(of: claimed, name: "bomb.npz")) { error in
            XCTAssertTrue("\(error)".contains("corrupt"), "\(error)")
        }
        for length in [0, 10, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try NPZ.decode(Array(bytes.prefix(length)), name: "cut.npz"), "length \(length)")
        }
    }
}
