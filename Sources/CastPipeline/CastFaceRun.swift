import CastManifest
import Foundation
import StyleCastIO
import StyleGAN

/// Makes a cast's characters as `stylecast cast` does, but writes nothing and keeps every face
/// step: what `stylecast evaluate-cast` judges. The manifest is checked as for a cast (its
/// models, presets, rows and latent shapes); no project is needed.
public enum CastFaceRun {
    public struct Options: Sendable {
        public var manifestPath: String
        public var shipped: ShippedModels
        /// Characters made at the same time (the result does not depend on it).
        public var jobs = 1
        /// Overrides every character's `projectionSteps` (to measure how the steps matter).
        public var projectionSteps: Int?
        public var faceProjection: FaceProjection = .whereNeeded

        public init(manifestPath: String, shipped: ShippedModels = ShippedModels()) {
            self.manifestPath = manifestPath
            self.shipped = shipped
        }
    }

    /// One character as made.
    public struct Character: Sendable {
        public var spec: CharacterSpec
        /// The rows each face slot mixes its expression into (nil for a neutral slot).
        public var slotRows: [[Int]?]
        /// The final faces, `faceIndex` order, as the face set shows them.
        public var faces: [RGBAImage]
        public var faceStages: [FaceStage]
    }

    public struct Result: Sendable {
        public var manifest: Manifest
        public var models: CastModels
        public var characters: [Character]
        /// Wall time of making the art (models loaded and checked before).
        public var seconds: Double
        /// Wall time per pipeline stage, summed over characters.
        public var timings: [(stage: String, seconds: Double)]
    }

    public static func run(_ options: Options, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> Result {
        let manifest = try CastManifest.load(path: options.manifestPath)
        let models = try CastModels.load(for: manifest, shipped: options.shipped)
        try CastPreflight.check(manifest, models: models)
        var specs = manifest.characters
        if let steps = options.projectionSteps {
            for index in specs.indices { specs[index].projectionSteps = steps }
        }
        let clock = StageClock()
        let started = DispatchTime.now().uptimeNanoseconds
        let made = try CastRun.makeArt(specs, models: models, jobs: options.jobs, clock: clock, cancellation: CancellationFlag(),
                                       faceProjection: options.faceProjection) { event in
            if case let .characterFinished(name, seconds) = event { progress(String(format: "made %@ in %.1f s", name, seconds)) }
        }
        let seconds = CastRun.seconds(since: started)
        let characters = specs.map { spec in
            let artwork = made[spec.name]!
            return Character(spec: spec, slotRows: spec.faceSlots.map(models.rows(of:)), faces: artwork.art.faces,
                             faceStages: artwork.faceStages)
        }
        return Result(manifest: manifest, models: models, characters: characters, seconds: seconds, timings: clock.stages)
    }
}
