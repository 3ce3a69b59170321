import CastManifest
@testable import CastPipeline
import Foundation
import StyleCastIO
import StyleGAN
import XCTest

/// How the face takes the sprite's mixes (`FaceFollowing`), and the cast with models that read
/// one latent code.
final class FaceFollowingTests: XCTestCase {
    let here = SourcePosition(line: 1, column: 1)
    /// The shipped models' row groups.
    let spriteRows = RowGroups(shape: [0, 1, 2, 3, 4, 5], colours: [6, 7, 8, 9])
    let faceRows = RowGroups(shape: [0, 2, 3, 4], headTurn: [1], expression: [5, 6], colours: [7, 8, 9])

    func mix(_ source: LatentSource, _ rows: [Int], _ mode: MixMode = .replace) -> LatentMix {
        LatentMix(source: source, rows: RowList(rows, position: here), mode: mode, sourcePosition: here)
    }

    func following(_ mixes: [LatentMix], sharedCode: Bool = true) -> FaceFollowing {
        FaceFollowing(spriteMixes: mixes, spriteRows: spriteRows, faceRows: faceRows, sharedCode: sharedCode,
                      facePresets: ["heroine", "mage"])
    }

    func testASpriteMixOfWholeGroupsMixesTheFacesRowsOfThoseGroups() {
        let shape = following([mix(.preset("heroine"), [0, 1, 2, 3, 4, 5], .weight(0.7))])
        XCTAssertEqual(shape.equivalents, [mix(.preset("heroine"), [0, 2, 3, 4], .weight(0.7))])
        XCTAssertFalse(shape.needsProjection)
        XCTAssertEqual(following([mix(.seed(1024), [6, 7, 8, 9])]).equivalents, [mix(.seed(1024), [7, 8, 9])])
        XCTAssertEqual(following([mix(.seed(5), Array(0...9))]).equivalents, [mix(.seed(5), [0, 2, 3, 4, 7, 8, 9])])
        // Nothing to follow: no projection.
        XCTAssertFalse(following([]).needsProjection)
    }

    func testMixesWithoutAFaceEquivalentNeedTheProjection() {
        let image = mix(.image(path: "/ref.png"), Array(0...9), .weight(0.5))
        let dorn = following([mix(.preset("mage"), [0, 1, 2, 3, 4, 5]), image, mix(.seed(7), [6, 7, 8, 9])])
        XCTAssertEqual(dorn.unmatched, [1])
        XCTAssertTrue(dorn.needsProjection)
        XCTAssertEqual(dorn.equivalents, [mix(.preset("mage"), [0, 2, 3, 4]), mix(.seed(7), [7, 8, 9])])
        // Only what comes after the image is certain to show as it is; the mage's shape came
        // before the image moved every row.
        XCTAssertEqual(dorn.afterProjection, [mix(.seed(7), [7, 8, 9])])
        XCTAssertEqual(following([mix(.preset("villain"), [0, 1, 2, 3, 4, 5])]).unmatched, [0], "a preset the face model lacks")
        XCTAssertEqual(following([mix(.seed(3), [0, 1, 2])]).unmatched, [0], "part of the shape rows")
        XCTAssertEqual(following([mix(.latent(path: "/w.npy"), [6, 7, 8, 9])]).unmatched, [0])
        let unshared = following([mix(.seed(3), [6, 7, 8, 9])], sharedCode: false)
        XCTAssertTrue(unshared.needsProjection)
        XCTAssertTrue(unshared.equivalents.isEmpty)
        XCTAssertTrue(following([], sharedCode: false).needsProjection)
    }

    func testWholeGroupsOfRows() {
        XCTAssertEqual(spriteRows.wholeGroups(in: [0, 1, 2, 3, 4, 5]), ["shape"])
        XCTAssertEqual(faceRows.wholeGroups(in: [7, 9, 8, 1]), ["headTurn", "colours"])
        XCTAssertEqual(faceRows.wholeGroups(in: []), [])
        XCTAssertNil(faceRows.wholeGroups(in: [0, 2]))
        XCTAssertNil(spriteRows.wholeGroups(in: [6, 7, 8, 9, 10]), "a row in no group")
        XCTAssertEqual(faceRows.rows(ofGroups: ["colours", "shape", "nonesuch"]), [0, 2, 3, 4, 7, 8, 9])
    }

    /// Tiny models that read one latent code (z of 32), with presets of the library's names.
    static let codedModels: String = {
        let folder = NSTemporaryDirectory() + "stylecast-coded-models-\(getpid())"
        func spec(_ resolution: Int, _ start: String, _ base: Int) -> GeneratorSpec {
            try! GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
                {"z_dim": 32, "c_dim": 0, "w_dim": 16, "img_resolution": \(resolution), "init_res": \(start), "img_channels": 4,
                 "mapping_kwargs": {"num_layers": 2}, "channel_base": \(base), "channel_max": 16, "architecture": "skip"}
                """)
        }
        try! StandInModels.write(to: folder, sprite: spec(192, "[12, 9]", 192), face: spec(144, "[9, 9]", 144), seed: 11)
        return folder
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: codedModels)
    }

    func castOf(_ characters: String, jobs: Int = 1) throws -> CastFaceRun.Result {
        let folder = NSTemporaryDirectory() + "stylecast-following-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: sampleProjectRoot + "/reference", toPath: folder + "/reference")
        let manifest = folder + "/cast.json"
        try #"{"defaults": {"projectionSteps": 3}, "characters": [\#(characters)]}"#.write(toFile: manifest, atomically: true, encoding: .utf8)
        var options = CastFaceRun.Options(manifestPath: manifest, shipped: ShippedModels(folder: Self.codedModels))
        options.jobs = jobs
        return try CastFaceRun.run(options)
    }

    let characters = """
        {"name": "Aria", "seed": 1, "spriteMixes": [{"from": "preset:heroine", "rows": "0-5"}, {"from": "seed:9", "rows": "6-9", "mode": {"weight": 0.5}}]},
        {"name": "Dorn", "seed": 2, "spriteMixes": [{"from": "image:reference/Dorn-walk.png", "rows": "0-9", "mode": {"weight": 0.5}},
                                                   {"from": "preset:knight", "rows": "6-9"}]},
        {"name": "Pip", "seed": 3}
        """

    func testTheFaceTakesTheSpriteMixesAndIsProjectedOnlyForAnImage() throws {
        let cast = try castOf(characters)
        XCTAssertTrue(cast.models.shareLatentCode)
        func stage(_ character: Int, _ title: String) throws -> Latent {
            try XCTUnwrap(cast.characters[character].faceStages.first { $0.title == title }?.latent, title)
        }
        // Aria: the face preset's shape rows, half way to seed 9's colour rows, no projection.
        let aria = try stage(0, FaceStage.followed)
        let heroine = try XCTUnwrap(cast.models.presetLatents[.face]?["heroine"])
        let seed9 = try cast.models.face.ws(seed: 9, truncation: Truncation(psi: 0.7))
        let own = try stage(0, FaceStage.neutral)
        for row in [0, 2, 3, 4] { XCTAssertEqual(Array(aria.row(row)), Array(heroine.row(row)), "row \(row)") }
        for row in [7, 8, 9] {
            for (value, (mine, other)) in zip(aria.row(row), zip(own.row(row), seed9.row(row))) {
                XCTAssertEqual(value, 0.5 * mine + 0.5 * other, accuracy: 1e-5)
            }
        }
        for row in [1, 5, 6] { XCTAssertEqual(Array(aria.row(row)), Array(own.row(row)), "row \(row)") }
        XCTAssertEqual(try stage(0, FaceStage.projected).values, aria.values, "nothing left to project")
        XCTAssertEqual(try stage(2, FaceStage.projected).values, try stage(2, FaceStage.neutral).values, "no mixes: the own face")
        // Dorn: projected for the image, then the knight's colour rows exact again.
        let dorn = try stage(1, FaceStage.projected)
        XCTAssertNotEqual(dorn.values, try stage(1, FaceStage.followed).values)
        let knight = try XCTUnwrap(cast.models.presetLatents[.face]?["knight"])
        for row in [7, 8, 9] { XCTAssertEqual(Array(dorn.row(row)), Array(knight.row(row)), "row \(row)") }
    }

    func testTheSameInputsGiveTheSameFacesWithAnyNumberOfJobs() throws {
        let one = try castOf(characters, jobs: 1), three = try castOf(characters, jobs: 3)
        for (a, b) in zip(one.characters, three.characters) {
            XCTAssertEqual(a.faces.map(\.pixels), b.faces.map(\.pixels), a.spec.name)
            XCTAssertEqual(a.faceStages.map(\.latent.values), b.faceStages.map(\.latent.values), a.spec.name)
        }
    }
}
