import XCTest
import RPGMakerFormat
import StyleCastIO
@testable import StyleCastProject

/// Face and walk frame sizes: fixed in MV, read from data/System.json in MZ 1.9, and the art
/// scaled to them as it is written.
final class ArtSizeTests: ProjectTestCase {
    /// An MZ 1.9 project with 96-pixel faces on 32-pixel tiles.
    static let smallSizes = #"{"faceSize":96,"gameTitle":"Small","iconSize":24,"tileSize":32}"#
    static let small = ArtLayouts(sheet: CharacterSheetLayout(frameSize: 32), faces: FaceSetLayout(faceSize: 96))

    func testMZReadsFaceAndTileSizesAndMVKeepsItsFixedSizes() throws {
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMZ, system: Self.smallSizes).root).layouts, Self.small)
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMZ).root).layouts, .standard)
        // Saved before MZ 1.9 made them settings: the sizes MZ had then.
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMZ, system: #"{"gameTitle":"Old"}"#).root).layouts, .standard)
        // MV has no such settings, whatever its System.json holds.
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMV, system: Self.smallSizes).root).layouts, .standard)
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMV).root).layouts, .standard)
    }

    func testUnusableSizesNameTheFileTheFieldAndWhatToDo() throws {
        let cases: [(system: String, parts: [String])] = [
            ("[]", ["data/System.json:1:1: (top level): must be an object"]),
            (#"{"faceSize":"96"}"#, [#"data/System.json:1:13: faceSize: is "96"; it must be a whole number of pixels from 1 to 1024"#,
                                     "face size", "RPG Maker MZ's database"]),
            (#"{"faceSize":0}"#, [":1:13: faceSize: is 0;"]),
            (#"{"faceSize":96.5}"#, ["faceSize: is 96.5;"]),
            (#"{"faceSize":null}"#, ["faceSize: is null;"]),
            ("{\"faceSize\":96,\n \"tileSize\":4096}", [":2:13: tileSize: is 4096;", "tile size"]),
            ("{\"faceSize\":96,", ["data/System.json:1:"]),
        ]
        for (system, parts) in cases {
            assertError(try RPGMakerProject(at: makeProject(.rpgMakerMZ, system: system).root), contains: parts)
        }
        let missing = try makeProject(.rpgMakerMZ)
        try FileManager.default.removeItem(atPath: missing.path(ArtLayouts.systemPath))
        assertError(try RPGMakerProject(at: missing.root), contains: [missing.path("data/System.json"), "is missing", "RPG Maker MZ"])
    }

    func testMZExportWritesFacesAtFaceSizeAndFramesAtTileSize() throws {
        let project = try makeProject(.rpgMakerMZ, system: Self.smallSizes)
        let art = try testArt()
        let writer = try ProjectWriter(projectPath: project.root)
        let ann = try writer.add(CharacterExport(name: "Ann", art: art, faceIndex: 2))
        try writer.add(CharacterExport(name: "Bo", art: art, placement: .packed(sheetName: "Party", characterIndex: 5)))
        _ = try writer.commit()
        XCTAssertEqual(ann.files, ["img/characters/$Ann.png", "img/faces/Ann.png"])

        let faceSet = try PNG.decode(project.read("img/faces/Ann.png"))
        XCTAssertEqual([faceSet.width, faceSet.height], [384, 192])
        let faces = Self.small.faces.faces(of: faceSet)
        for (index, face) in faces.enumerated() {
            XCTAssertEqual(face, LanczosResampler.scaled(art.faces[index], width: 96, height: 96), "face \(index)")
        }
        // Each cell is the whole 144-pixel face scaled, not its top-left corner: testArt's red
        // counts x, so in a 96-pixel face it climbs 1.5 a pixel across the full width.
        for x in stride(from: 6, to: 90, by: 7) {
            XCTAssertEqual(Double(faces[2][x, 48].r), (Double(x) + 0.5) * 1.5 - 0.5, accuracy: 1, "x \(x)")
        }

        let sheet = try PNG.decode(project.read("img/characters/$Ann.png"))
        XCTAssertEqual([sheet.width, sheet.height], [96, 128])
        XCTAssertEqual(sheet, Self.small.sheet.block(art.walkSheet, from: .standard))
        let packed = try PNG.decode(project.read("img/characters/Party.png"))
        XCTAssertEqual([packed.width, packed.height], [384, 256])
        XCTAssertEqual(packed.cropped(x: 96, y: 128, width: 96, height: 128), sheet)
        let actor = try ActorsTable(contentsOfFile: project.path("data/Actors.json")).actor(id: ann.actorID)
        XCTAssertEqual(actor?["faceName"], "Ann")
        XCTAssertEqual(actor?["faceIndex"], 2)
    }

    func testFramesAreScaledOneByOneWithCrispAlpha() {
        // Every frame a colour of its own, but the first: a centred 24x24 square on transparency.
        let standard = CharacterSheetLayout.standard
        var block = RGBAImage(width: standard.blockWidth, height: standard.blockHeight)
        for direction in Facing.allCases {
            for pattern in 0..<CharacterSheetLayout.patterns where direction != .down || pattern != 0 {
                let origin = standard.frameOrigin(direction: direction, pattern: pattern)
                for y in 0..<48 {
                    for x in 0..<48 { block[origin.x + x, origin.y + y] = (UInt8(60 * pattern), UInt8(60 * direction.rawValue), 200, 255) }
                }
            }
        }
        for y in 12..<36 {
            for x in 12..<36 { block[x, y] = (250, 10, 10, 255) }
        }

        let small = Self.small.sheet
        let scaled = small.block(block, from: standard)
        XCTAssertEqual([scaled.width, scaled.height], [96, 128])
        for direction in Facing.allCases {
            for pattern in 0..<CharacterSheetLayout.patterns where direction != .down || pattern != 0 {
                let origin = small.frameOrigin(direction: direction, pattern: pattern)
                let colours = Set((0..<32 * 32).map { p in
                    let pixel = scaled[origin.x + p % 32, origin.y + p / 32]
                    return [pixel.r, pixel.g, pixel.b, pixel.a]
                })
                XCTAssertEqual(colours, [[UInt8(60 * pattern), UInt8(60 * direction.rawValue), 200, 255]], "frame \(direction) \(pattern) bled")
            }
        }
        let square = scaled.cropped(x: 0, y: 0, width: 32, height: 32)
        let alphas = Set(stride(from: 3, to: square.pixels.count, by: 4).map { square.pixels[$0] })
        XCTAssertEqual(alphas, [0, 255])
        let opaque = (0..<32 * 32).filter { square[$0 % 32, $0 / 32].a == 255 }
        XCTAssertEqual(opaque.count, 16 * 16, "the 24-pixel square becomes 16 pixels")
        XCTAssertTrue(opaque.allSatisfy { (8..<24).contains($0 % 32) && (8..<24).contains($0 / 32) })
        let transparent = (0..<32 * 32).filter { square[$0 % 32, $0 / 32].a == 0 }
        XCTAssertTrue(transparent.allSatisfy { square.pixels[$0 * 4 ..< $0 * 4 + 4].allSatisfy { $0 == 0 } }, "transparent pixels are colourless")
        // Standard sizes pass through untouched.
        XCTAssertEqual(standard.block(block, from: standard), block)
    }

    func testAPackedSheetOfAnotherFrameSizeIsRefused() throws {
        let project = try makeProject(.rpgMakerMZ, system: Self.smallSizes)
        try project.write(PNG.encode(RGBAImage(width: 576, height: 384)), to: "img/characters/Party.png")
        let writer = try ProjectWriter(projectPath: project.root)
        assertError(try writer.add(CharacterExport(name: "Ann", art: testArt(), placement: .packed(sheetName: "Party", characterIndex: 0))),
                    contains: [project.path("img/characters/Party.png"), "is 576x384, not a 384x256 packed sheet", "32-pixel frames"])
    }
}
