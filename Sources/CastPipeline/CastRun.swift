import CastManifest
import CastPreview
import CastTemplates
import Foundation
import StyleCastIO
import StyleCastProject

/// What `stylecast cast` is asked to do.
public struct CastOptions: Sendable {
    public var projectPath: String
    /// Default: `cast.json` in the project folder.
    public var manifestPath: String?
    /// Character names to make; empty means all. Other characters are left exactly as they are.
    public var only: [String] = []
    /// Check everything and say what would change, writing nothing.
    public var dryRun = false
    /// Remake art even when it is up to date, and overwrite files StyleCast did not write or
    /// that were edited since.
    public var force = false
    /// Default: `CastOptions.defaultPreviewDirectory(forProject:)`.
    public var previewDirectory: String?
    /// Characters made at the same time.
    public var jobs = 1
    public var shipped: ShippedModels
    /// The preview's templates: the shipped ones, under `templates.own` when set (`--templates`);
    /// else under the manifest's `defaults.templates`.
    public var templates: TemplateFolders

    public init(projectPath: String, shipped: ShippedModels = ShippedModels(), templates: TemplateFolders = TemplateFolders()) {
        self.projectPath = projectPath
        self.shipped = shipped
        self.templates = templates
    }

    /// `<parent>/<project folder>-preview`: beside the project, not in it, so that RPG Maker's
    /// deployment (which copies the project folder) never ships it, and the game's `img/`
    /// holds only game art.
    public static func defaultPreviewDirectory(forProject root: String) -> String {
        let url = URL(fileURLWithPath: root).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + "-preview").path
    }
}

/// Runs a cast manifest against a project: checks everything first (manifest, models, presets,
/// project), makes the art of every character whose inputs changed (the others are taken from
/// the project as they are), writes all files and actors in one transaction, then the preview.
public enum CastRun {
    public static func run(_ options: CastOptions, cancellation: CancellationFlag = CancellationFlag(),
                           events: @escaping @Sendable (CastEvent) -> Void = { _ in }) throws -> CastReport {
        let started = DispatchTime.now().uptimeNanoseconds
        let clock = StageClock()
        let manifestPath = options.manifestPath ?? URL(fileURLWithPath: options.projectPath).appendingPathComponent("cast.json").path
        let manifest = try CastManifest.load(path: manifestPath)
        let selected = try select(options.only, from: manifest)
        // The preview is written after the project: a broken template must stop the run now.
        var templateFolders = options.templates
        templateFolders.own = templateFolders.own ?? manifest.defaults.templates
        let previewTemplates = try PreviewTemplates(from: templateFolders)
        let project = try RPGMakerProject(at: options.projectPath)
        // A linked folder stops even a dry run: the real run would refuse to write through it.
        try project.checkFoldersToWrite()
        var outputs: [String: CastOutputPaths] = [:]
        let exporter = project.engine.exporter
        for character in manifest.characters {
            outputs[character.name] = try CastOutputPaths(exporter: exporter, root: project.root, fileName: character.fileName)
        }
        let models = try clock.time("loading models") { try CastModels.load(for: manifest, shipped: options.shipped) }
        try CastPreflight.check(manifest, models: models, outputs: outputs)

        let hashes = FileHashes(known: models.fileHashes)
        let record = CastRecord(stateFolder: project.stateFolder)
        let store = try StageStore(project: project)
        var plans: [CharacterPlan] = []
        for spec in manifest.characters {
            let fingerprint = try ArtFingerprint.of(spec, models: models, fileHash: hashes.hash)
            let isSelected = selected.contains(spec.name)
            let reusable = isSelected && options.force ? nil
                : reusableArtwork(spec, fingerprint: fingerprint, paths: outputs[spec.name]!, record: record, store: store, project: project)
            plans.append(CharacterPlan(spec: spec, fingerprint: fingerprint, selected: isSelected, forced: options.force,
                                       previous: record.characters[spec.name], reusable: reusable))
        }
        let toMake = plans.filter { $0.selected && $0.reusable == nil }
        // Files the run would refuse to replace stop it now, not after the art is made.
        let notOwned = options.force ? [] : try ProjectWriter.filesNotOwned(toMake.flatMap { outputs[$0.spec.name]!.relative }, in: project)
        if !notOwned.isEmpty && !options.dryRun { throw ProjectWriter.refusal(toOverwrite: notOwned, in: project) }
        // So does a character whose files another character's actor shows (the export checks
        // the same again under the lock).
        let actors = try ActorsTable(contentsOfFile: project.absolutePath(ActorsTable.relativePath))
        for plan in plans where plan.selected {
            try actors.checkNotTakingOver(ActorArt(ownSheetNamed: plan.spec.fileName), as: plan.spec.name, id: plan.spec.actorID)
        }

        var report = CastReport(projectRoot: project.root, engine: project.engine.rawValue, manifest: manifest.file,
                                dryRun: options.dryRun, jobs: options.jobs)
        if options.dryRun {
            report.characters = plans.filter(\.selected).map { plan in
                CastReport.Character(name: plan.spec.name, status: plan.reusable == nil ? .wouldMake : .wouldKeep,
                                     reason: plan.reason, actorID: plan.spec.actorID, actorCreated: false,
                                     files: outputs[plan.spec.name]!.relative)
            }
            report.refusedWithoutForce = notOwned
            report.wallSeconds = seconds(since: started)
            return report
        }

        // The lock is held from here to the commit, so two runs never interleave.
        let writer = try ProjectWriter(projectPath: project.root, options: .init(force: options.force, progress: { _, _ in
            try cancellation.check()
        }))
        report.recoveredInterruptedRun = writer.recoveredInterruptedRun
        let made = try makeArt(toMake.map(\.spec), models: models, jobs: options.jobs, clock: clock,
                               cancellation: cancellation, events: events)
        for plan in plans where plan.reusable != nil && plan.selected { events(.characterReused(name: plan.spec.name)) }

        var newRecord = record
        let exported = try clock.time("export") {
            try export(plans.filter(\.selected), made: made, into: writer, record: &newRecord, report: &report)
        }
        try cancellation.check()
        events(.writingProject)
        let commit = try clock.time("export") { try writer.commit() }
        report.written = commit.written.filter { !$0.hasPrefix(".stylecast/") }
        report.unchanged = commit.unchanged

        // After the commit: the stage pictures of new art, and the preview. The stage pictures
        // only spare a later preview from remaking art: failing to keep them (a full disk) must
        // not fail a run whose project files have landed.
        for plan in toMake { try? store.store(made[plan.spec.name]!.stages, of: plan.fingerprint) }
        store.prune(keeping: Set(newRecord.characters.values.map(\.art)))
        // The preview shows every character whose art is at hand: this run's, and the others' kept art.
        var artworks = exported
        for plan in plans where !plan.selected {
            if let artwork = plan.reusable { artworks[plan.spec.name] = artwork }
        }
        let previewDirectory = options.previewDirectory ?? CastOptions.defaultPreviewDirectory(forProject: project.root)
        events(.writingPreview(directory: previewDirectory))
        report.previewIndex = try clock.time("preview") {
            try writePreview(of: manifest, artworks: artworks, project: project, outputs: outputs, models: models,
                             templates: previewTemplates, to: previewDirectory)
        }
        report.timings = clock.stages
        report.wallSeconds = seconds(since: started)
        return report
    }

    /// Queues every selected character's art and actor in `writer`, records what it will write,
    /// and lists it in the report; returns the art by character name.
    static func export(_ plans: [CharacterPlan], made: [String: CharacterArtwork], into writer: ProjectWriter,
                       record: inout CastRecord, report: inout CastReport) throws -> [String: CharacterArtwork] {
        var artworks: [String: CharacterArtwork] = [:]
        for plan in plans {
            let artwork = made[plan.spec.name] ?? plan.reusable!
            artworks[plan.spec.name] = artwork
            var fields = plan.spec.actor
            fields.name = plan.spec.name
            // The exporter names the files after `name`: the manifest's (already safe) file name.
            let exported = try writer.add(CharacterExport(name: plan.spec.fileName, art: artwork.art, actorID: plan.spec.actorID, fields: fields))
            var files: [String: String] = [:]
            for path in exported.files { files[path] = writer.workspace.pending(path).map(SHA256.hexDigest) }
            record.characters[plan.spec.name] = CastRecord.Entry(art: plan.fingerprint, files: files)
            report.characters.append(CastReport.Character(
                name: plan.spec.name, status: made[plan.spec.name] == nil ? .upToDate : .made, reason: plan.reason,
                actorID: exported.actorID, actorCreated: exported.actorCreated, files: exported.files))
        }
        try writer.putState(record.serialized(), named: CastRecord.fileName)
        return artworks
    }

    /// Writes the preview of the characters in `artworks`, in manifest order; returns its index.
    static func writePreview(of manifest: Manifest, artworks: [String: CharacterArtwork], project: RPGMakerProject,
                             outputs: [String: CastOutputPaths], models: CastModels, templates: PreviewTemplates,
                             to directory: String) throws -> String {
        let actors = try ActorsTable(contentsOfFile: project.absolutePath(ActorsTable.relativePath))
        let characters = manifest.characters.compactMap { spec in
            artworks[spec.name].map { CastPreviewContent.character(spec, artwork: $0, actors: actors, paths: outputs[spec.name]!, models: models) }
        }
        let preview = CastPreview(title: "Cast of \(URL(fileURLWithPath: project.root).lastPathComponent)",
                                  generatedBy: "stylecast cast, \(manifest.file)", characters: characters)
        do {
            return try CastPreviewWriter.write(preview, to: directory, templates: templates)
        } catch {
            throw CastError(directory, "the preview could not be written (\(error)); the project itself was written")
        }
    }

    /// The characters `only` names (all when empty); an unknown name is an error with the
    /// nearest known one.
    static func select(_ only: [String], from manifest: Manifest) throws -> Set<String> {
        let names = manifest.characters.map(\.name)
        guard !only.isEmpty else { return Set(names) }
        for name in only where !names.contains(name) {
            throw CastError("--only \(name)", "no character of \(manifest.file) has that name\(NearestName.hint(for: name, among: names)); names: \(names.joined(separator: ", "))")
        }
        return Set(only)
    }

    /// The character's art as the last run made it, when its inputs are unchanged, its files in
    /// the project are still exactly what that run wrote, and its stage pictures are stored.
    /// The art comes from the stages, at the models' sizes: the project's files may be scaled
    /// to the project's sizes, which can have changed since.
    static func reusableArtwork(_ spec: CharacterSpec, fingerprint: String, paths: CastOutputPaths, record: CastRecord,
                                store: StageStore, project: RPGMakerProject) -> CharacterArtwork? {
        guard let entry = record.characters[spec.name], entry.art == fingerprint else { return nil }
        for path in paths.relative {
            guard let data = FileManager.default.contents(atPath: project.absolutePath(path)),
                  entry.files[path] == SHA256.hexDigest([UInt8](data)) else { return nil }
        }
        guard let stages = store.stages(of: fingerprint),
              let art = try? CharacterArt(walkSheet: stages[CharacterStage.cleanedSprite.rawValue],
                                          faceSet: stages[CharacterStage.finalFaces.rawValue],
                                          walkSheetSource: paths.walkSheet, faceSetSource: paths.faceSet)
        else { return nil }
        return CharacterArtwork(art: art, stages: stages)
    }

    /// Makes the art of `specs`, `jobs` characters at a time.
    static func makeArt(_ specs: [CharacterSpec], models: CastModels, jobs: Int, clock: StageClock,
                        cancellation: CancellationFlag, events: @escaping @Sendable (CastEvent) -> Void) throws -> [String: CharacterArtwork] {
        guard !specs.isEmpty else { return [:] }
        let needsSpriteProjector = specs.contains { $0.spriteMixes.contains { if case .image = $0.source { true } else { false } } }
        let pipeline = try clock.time("projector setup") {
            CharacterPipeline(models: models,
                              spriteProjector: needsSpriteProjector ? try ModelProjector(generator: models.sprite) : nil,
                              faceProjector: try ModelProjector(generator: models.face),
                              clock: clock, events: events, cancellation: cancellation)
        }
        let artworks = try runJobs(specs, jobs: jobs, stopOthers: { cancellation.cancel() }) { index, spec in
            events(.characterStarted(name: spec.name, index: index + 1, count: specs.count))
            let start = DispatchTime.now().uptimeNanoseconds
            let artwork = try pipeline.run(spec)
            events(.characterFinished(name: spec.name, seconds: seconds(since: start)))
            return artwork
        }
        return Dictionary(uniqueKeysWithValues: zip(specs.map(\.name), artworks))
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
