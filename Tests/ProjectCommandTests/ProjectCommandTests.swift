import Foundation
import Projection
import StyleCastIO
import StyleGAN
import XCTest
@testable import stylecast

/// `stylecast project` end to end on the fixture model.
final class ProjectCommandTests: ProjectCommandTestCase {
    func testProjectWritesWsImageAndFramesDeterministically() throws {
        let target = try rawTarget()
        func project(_ name: String) throws {
            try run(["project", "--model", model, "--target", target, "--steps", "12", "--w-avg-samples", "100",
                     "--wplus", "--progress-every", "5", "--out", folder + "/\(name).npy", "--video-frames", folder + "/\(name)-frames"])
        }
        try project("a")
        try project("b")
        let ws = try NPY.read(path: folder + "/a.npy")
        XCTAssertEqual(ws.shape, [1, 8, 32])
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.npy"), FileManager.default.contents(atPath: folder + "/b.npy"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.png"), FileManager.default.contents(atPath: folder + "/b.png"))
        let frames = try FileManager.default.contentsOfDirectory(atPath: folder + "/a-frames").sorted()
        XCTAssertEqual(frames.count, 12)
        XCTAssertEqual(frames.first, "frame00001.png")
        // The written image is what the saved ws render to.
        let generator = try Generator.load(path: model)
        let image = try generator.synthesize(Latent(numWs: 8, wDim: 32, values: ws.values))
        XCTAssertEqual(try PNG.read(path: folder + "/a.png"), try ImageConversion.rgba8(image))
    }

    func testBadRequestsAreClearErrors() throws {
        let target = try rawTarget()
        XCTAssertThrowsError(try run(["project", "--model", model, "--target", target, "--out", folder + "/w.npy", "--stabilize"])) {
            XCTAssertTrue(String(describing: $0).hasPrefix("--stabilize: anchors a StyleGAN3 input transform"), "\($0)")
        }
        XCTAssertThrowsError(try run(["project", "--model", model, "--target", target, "--out", folder + "/w.npy", "--start", "seed:x"]))
        XCTAssertThrowsError(try run(["project", "--model", model, "--target", target, "--out", folder + "/w.npy", "--steps", "0"]))
        let small = folder + "/small.npy"
        try AtomicFile.write(NPY.encode(NPYArray(shape: [1, 3, 8, 8], values: [Float](repeating: 0, count: 192))), to: small)
        XCTAssertThrowsError(try run(["project", "--model", model, "--target", small, "--out", folder + "/w.npy", "--w-avg-samples", "10"])) {
            XCTAssertEqual(String(describing: $0), "\(small): raw target has shape [1, 3, 8, 8]; this model makes [1, 3, 32, 32] images")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/w.npy"))
    }

    func testStartAndImagePathParsing() {
        XCTAssertEqual(ProjectionStart(argument: "wavg"), .averageW)
        XCTAssertEqual(ProjectionStart(argument: "seed:42"), .seed(42))
        XCTAssertNil(ProjectionStart(argument: "seed:-1"))
        XCTAssertNil(ProjectionStart(argument: "mean"))
        XCTAssertEqual(ProjectCommand.imagePath(for: "out/W.npy"), "out/W.png")
        XCTAssertEqual(ProjectCommand.imagePath(for: "W"), "W.png")
    }
}
