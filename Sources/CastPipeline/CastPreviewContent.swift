import Foundation
import CastManifest
import CastPreview
import StyleCastProject

/// What the preview shows of one character, in words a person reads.
enum CastPreviewContent {
    /// `shows`: the sheet and face set the character's actor shows; `actors`: the actors table
    /// as the run left it.
    static func character(_ spec: CharacterSpec, artwork: CharacterArtwork, shows art: ActorArt, actors: ActorsTable,
                          models: CastModels) -> CastPreviewCharacter {
        let actorID = spec.actorID ?? actors.actorID(showing: art.characterName, characterIndex: art.characterIndex) ?? 0
        var fields: [(label: String, value: String)] = []
        if let nickname = spec.actor.nickname { fields.append(("nickname", nickname)) }
        if let profile = spec.actor.profile { fields.append(("profile", profile)) }
        if let classId = spec.actor.classId { fields.append(("class", String(classId))) }
        if let initial = spec.actor.initialLevel { fields.append(("initial level", String(initial))) }
        if let maximum = spec.actor.maxLevel { fields.append(("max level", String(maximum))) }
        if let note = spec.actor.note { fields.append(("note", note)) }
        let stages = zip(CharacterStage.allCases, artwork.stages).map { CastPreviewStage(title: $0.title, image: $1) }
        return CastPreviewCharacter(
            name: spec.name, fileName: spec.fileName, actorId: actorID, seed: spec.seed, truncation: Float(spec.truncation),
            spriteMixes: spec.spriteMixes.map(describe), faceMixes: spec.faceMixes.map(describe), actorFields: fields,
            walkSheet: artwork.art.walkSheet, faceSet: FaceSetLayout.standard.faceSet(artwork.art.faces),
            faceLabels: spec.faceSlots.map { label($0, rows: models.rows(of: $0)) }, stages: stages)
    }

    /// "preset:heroine, rows 0-3, replace".
    static func describe(_ mix: LatentMix) -> String {
        let source: String
        switch mix.source {
        case let .preset(name): source = "preset:\(name)"
        case let .seed(seed): source = "seed:\(seed)"
        case let .latent(path): source = "latent:\((path as NSString).lastPathComponent)"
        case let .image(path): source = "image:\((path as NSString).lastPathComponent)"
        }
        return "\(source), rows \(rowText(mix.rows.rows)), \(modeText(mix.mode))"
    }

    /// "happy", or "determined (rows 1,6, weight 0.8)" when the slot is not the plain form;
    /// `rows` are the rows it mixes into.
    static func label(_ slot: FaceSlot, rows: [Int]?) -> String {
        guard let rows, slot.rowsGiven || slot.mode != .replace else { return slot.expression }
        return "\(slot.expression) (rows \(rowText(rows)), \(modeText(slot.mode)))"
    }

    /// Ascending rows as ranges: [0, 1, 2, 3, 6] -> "0-3,6".
    static func rowText(_ rows: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < rows.count {
            var end = index
            while end + 1 < rows.count && rows[end + 1] == rows[end] + 1 { end += 1 }
            parts.append(end == index ? "\(rows[index])" : "\(rows[index])-\(rows[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    static func modeText(_ mode: MixMode) -> String {
        switch mode {
        case .replace: "replace"
        case let .weight(weight): "weight \(weight)"
        }
    }
}
