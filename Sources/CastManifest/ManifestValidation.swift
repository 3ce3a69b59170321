import StyleCastIO

extension Manifest {
    /// Checks what depends on the models: every row exists in the model it mixes into (sprite
    /// mixes in the sprite model; face mixes and face slots in the face model), every `.npy`
    /// latent fits its model, and, given the presets index's names, every preset and expression
    /// exists. Throws `ManifestErrors` with all problems at once.
    public func validate(sprite: ModelLimits, face: ModelLimits, presetNames: Set<String>? = nil) throws {
        var problems: [ManifestProblem] = []
        func check(_ rows: RowList?, in limits: ModelLimits, model: String) {
            guard let rows, let bad = rows.rows.first(where: { $0 >= limits.numWs }) else { return }
            problems.append(ManifestProblem(position: rows.position, message:
                "rows: row \(bad) is out of range for the \(model) model, whose rows are 0-\(limits.numWs - 1) (num_ws \(limits.numWs))"))
        }
        func checkPreset(_ name: String, at position: SourcePosition, what: String) {
            guard let presetNames, !presetNames.contains(name) else { return }
            let hint = NearestName.hint(for: name, among: presetNames.sorted())
            problems.append(ManifestProblem(position: position, message: "\(what) '\(name)' is not in the presets index\(hint)"))
        }
        func check(_ mix: LatentMix, in limits: ModelLimits, model: String) {
            check(mix.rows, in: limits, model: model)
            switch mix.source {
            case let .preset(name):
                checkPreset(name, at: mix.sourcePosition, what: "preset")
            case let .latent(path):
                do {
                    let shape = try NPY.read(path: path).shape
                    if !limits.acceptsLatentShape(shape) {
                        problems.append(ManifestProblem(position: mix.sourcePosition, message:
                            "latent '\(path)' has shape \(shape), but the \(model) model takes [\(limits.numWs), \(limits.wDim)] or [\(limits.wDim)]"))
                    }
                } catch {
                    problems.append(ManifestProblem(position: mix.sourcePosition, message: "latent: \(error)"))
                }
            case .seed, .image:
                break
            }
        }
        for character in characters {
            for mix in character.spriteMixes { check(mix, in: sprite, model: "sprite") }
            for mix in character.faceMixes { check(mix, in: face, model: "face") }
        }
        // Slots shared through the defaults are checked once, where they are written.
        var checkedSlots: Set<[Int]> = []
        for slots in [defaults.faceSlots] + characters.map(\.faceSlots) {
            for (index, slot) in slots.enumerated()
            where checkedSlots.insert([slot.position.line, slot.position.column, index]).inserted {
                check(slot.rows, in: face, model: "face")
                if slot.expression != FaceSlot.neutral { checkPreset(slot.expression, at: slot.position, what: "expression") }
            }
        }
        guard problems.isEmpty else { throw ManifestErrors(file: file, problems: problems) }
    }
}
