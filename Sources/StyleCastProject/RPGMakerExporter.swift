import StyleCastIO

/// What the RPG Maker MV and MZ exporters share: both engines use the same sheet and face set
/// layouts, the same folders and the same `$` single-sheet prefix. The sizes come from the
/// project (`RPGMakerProject.layouts`): art is scaled to them as it is written.
struct RPGMakerArtWriter: Sendable {
    static let charactersFolder = "img/characters"
    static let facesFolder = "img/faces"

    func export(_ character: CharacterExport, into workspace: inout ExportWorkspace) throws -> ExportedCharacter {
        let safeName = try SafeFileName.make(from: character.name)
        guard (0..<FaceSetLayout.faces).contains(character.faceIndex) else {
            throw ProjectError(path: character.name, reason: "face index \(character.faceIndex) is out of range; use 0...7")
        }

        let layouts = workspace.project.layouts
        let block = layouts.sheet.block(character.art.walkSheet, from: .standard)
        let characterName: String, characterIndex: Int, sheet: RGBAImage
        switch character.placement {
        case .single:
            characterName = "$" + safeName
            characterIndex = 0
            sheet = block
        case let .packed(sheetName, index):
            guard (0..<CharacterSheetLayout.packedCharacters).contains(index) else {
                throw ProjectError(path: character.name, reason: "character index \(index) is out of range; a packed sheet has blocks 0...7")
            }
            characterName = try SafeFileName.make(from: sheetName)
            characterIndex = index
            let sheetPath = Self.charactersFolder + "/" + characterName + ".png"
            let existing = try workspace.currentImage(at: sheetPath)
            if let existing, existing.width != layouts.sheet.packedWidth || existing.height != layouts.sheet.packedHeight {
                throw ProjectError(path: workspace.project.absolutePath(sheetPath),
                                   reason: "is \(existing.width)x\(existing.height), not a \(layouts.sheet.packedWidth)x\(layouts.sheet.packedHeight) packed sheet of this project's \(layouts.sheet.frameSize)-pixel frames; choose another sheet name")
            }
            sheet = layouts.sheet.packedSheet(placing: block, at: index, into: existing)
        }
        let sheetPath = Self.charactersFolder + "/" + characterName + ".png"
        let facePath = Self.facesFolder + "/" + safeName + ".png"
        let art = ActorArt(characterName: characterName, characterIndex: characterIndex,
                           faceName: safeName, faceIndex: character.faceIndex)
        try workspace.checkUnclaimed(art.slots, by: character.name)
        // An export that sets no actor name renames nobody, so only a named one can take over
        // another character.
        if let actorName = character.fields.name {
            try workspace.actors.checkNotTakingOver(art, as: actorName, id: character.actorID)
        }
        // Everything that can fail happens before the workspace changes, so a character that
        // fails leaves nothing behind for the next one's commit.
        var actors = workspace.actors
        let merged = try actors.merge(art: art, fields: character.fields, id: character.actorID)
        let sheetBytes = try workspace.encoded(sheet, for: sheetPath)
        let faceBytes = try workspace.encoded(layouts.faces.faceSet(character.art.faces.map(layouts.faces.face)), for: facePath)
        workspace.claim(art.slots, by: character.name)
        workspace.put(sheetBytes, at: sheetPath)
        workspace.put(faceBytes, at: facePath)
        workspace.actors = actors
        return ExportedCharacter(actorID: merged.id, actorCreated: merged.created, files: [sheetPath, facePath])
    }
}

/// RPG Maker MV (`Game.rpgproject`).
public struct RPGMakerMVExporter: Exporter {
    public init() {}
    public var engine: Engine { .rpgMakerMV }

    public func export(_ character: CharacterExport, into workspace: inout ExportWorkspace) throws -> ExportedCharacter {
        try RPGMakerArtWriter().export(character, into: &workspace)
    }
}

/// RPG Maker MZ (`game.rmmzproject`). MZ kept MV's sheet and face set layouts and its actor
/// fields; its face and frame sizes, which MZ 1.9 reads from data/System.json, come with the
/// project, so it writes what MV writes at those sizes.
public struct RPGMakerMZExporter: Exporter {
    public init() {}
    public var engine: Engine { .rpgMakerMZ }

    public func export(_ character: CharacterExport, into workspace: inout ExportWorkspace) throws -> ExportedCharacter {
        try RPGMakerArtWriter().export(character, into: &workspace)
    }
}

extension Engine {
    /// The exporter for this engine.
    public var exporter: any Exporter {
        switch self {
        case .rpgMakerMV: RPGMakerMVExporter()
        case .rpgMakerMZ: RPGMakerMZExporter()
        }
    }
}

extension Engine {
    /// Where a character with its own (`$`) sheet lands: project-relative paths of its walk
    /// sheet and face set, as `export` writes them for `CharacterExport.name` = `name`.
    public func singleSheetPaths(name: String) throws -> (walkSheet: String, faceSet: String) {
        let safeName = try SafeFileName.make(from: name)
        return (RPGMakerArtWriter.charactersFolder + "/$" + safeName + ".png", RPGMakerArtWriter.facesFolder + "/" + safeName + ".png")
    }
}
