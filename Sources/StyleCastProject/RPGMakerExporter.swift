import StyleCastIO

/// The exporter of RPG Maker MV and MZ. MZ kept MV's sheet and face set layouts
/// (`RPGMakerLayout`), its folders and its actor fields; what differs is the sizes MZ 1.9 reads
/// from data/System.json, which come with the project (`RPGMakerProject.layouts`), so one
/// exporter writes both engines, scaling art to the project's sizes as it writes it.
public struct RPGMakerExporter: Exporter {
    static let charactersFolder = "img/characters"
    static let facesFolder = "img/faces"

    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    public func destination(name: String, placement: SheetPlacement, faceIndex: Int) throws -> ExportDestination {
        let safeName = try SafeFileName.make(from: name)
        guard (0..<FaceSetLayout.faces).contains(faceIndex) else {
            throw ProjectError(subject: name, reason: "face index \(faceIndex) is out of range; use 0...7")
        }
        switch placement {
        case .single:
            return ExportDestination(art: ActorArt(ownSheetNamed: safeName, faceIndex: faceIndex))
        case let .packed(sheetName, index):
            guard (0..<CharacterSheetLayout.packedCharacters).contains(index) else {
                throw ProjectError(subject: name, reason: "character index \(index) is out of range; a packed sheet has blocks 0...7")
            }
            return ExportDestination(art: ActorArt(characterName: try SafeFileName.make(from: sheetName), characterIndex: index,
                                                   faceName: safeName, faceIndex: faceIndex))
        }
    }

    public func export(_ character: CharacterExport, to destination: ExportDestination,
                       into workspace: inout ExportWorkspace) throws -> ExportedCharacter {
        let layouts = workspace.project.layouts
        let block = layouts.sheet.block(character.art.walkSheet, from: .standard)
        let art = destination.art, sheet: RGBAImage
        // An own sheet holds one character's art; a packed one several, so it has no one fingerprint.
        let sheetFingerprint: String?
        switch character.placement {
        case .single:
            sheet = block
            sheetFingerprint = character.fingerprint
        case .packed:
            let existing = try workspace.currentImage(at: destination.walkSheet)
            if let existing, existing.width != layouts.sheet.packedWidth || existing.height != layouts.sheet.packedHeight {
                throw ProjectError(subject: workspace.project.absolutePath(destination.walkSheet),
                                   reason: "is \(existing.width)x\(existing.height), not a \(layouts.sheet.packedWidth)x\(layouts.sheet.packedHeight) packed sheet of this project's \(layouts.sheet.frameSize)-pixel frames; choose another sheet name")
            }
            sheet = layouts.sheet.packedSheet(placing: block, at: art.characterIndex, into: existing)
            sheetFingerprint = nil
        }
        let sheetPath = destination.walkSheet, facePath = destination.faceSet
        try workspace.checkUnclaimed(art.slots, by: character.name)
        // An export that sets no actor name renames nobody, so only a named one can take over
        // another character.
        if let actorName = character.fields.name {
            try workspace.actors.checkNotTakingOver(art, as: actorName, id: character.actorID)
        }
        // Everything that can fail happens before the workspace queues anything, so a character
        // that fails leaves nothing behind for the next one's commit.
        var actors = workspace.actors
        let merged = try actors.merge(art: art, fields: character.fields, id: character.actorID)
        let sheetBytes = try workspace.encoded(sheet, for: sheetPath)
        let faceBytes = try workspace.encoded(layouts.faces.faceSet(character.art.faces.map(layouts.faces.face)), for: facePath)
        workspace.claim(art.slots, by: character.name)
        workspace.put(sheetBytes, at: sheetPath, fingerprint: sheetFingerprint)
        workspace.put(faceBytes, at: facePath, fingerprint: character.fingerprint)
        workspace.actors = actors
        return ExportedCharacter(actorID: merged.id, actorCreated: merged.created, files: destination.files)
    }
}

extension Engine {
    /// The exporter for this engine: the one way to learn where a character's files go and to
    /// write them.
    public var exporter: any Exporter { RPGMakerExporter(engine: self) }
}
