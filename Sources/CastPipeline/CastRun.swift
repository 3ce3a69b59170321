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
        // The project is opened once: its Actors.json and StyleCast's record, read here, are
        // what every later step works from (the writer reads them again only if they change
        // before it takes the lock).
        let project = try RPGMakerProject(at: options.projectPath)
        // A linked folder stops even a dry run: the real run would refuse to write through it.
        try project.checkFoldersToWrite()
        // Where each character goes, worked out once by the project's exporter.
        var destinations: [String: ExportDestination] = [:]
        for character in manifest.characters {
            destinations[character.name] = try project.engine.exporter.destination(name: character.fileName, placement: .single, faceIndex: 0)
        }
        let models = try clock.time("loading models") { try CastModels.load(for: manifest, shipped: options.shipped) }
        try CastPreflight.check(manifest, models: models, destinations: destinations, in: project)

        let hashes = FileHashes(known: models.fileHashes)
        let store = try StageStore(project: project)
        let plans = try manifest.characters.map { spec in
            try CharacterPlan(spec, destination: destinations[spec.name]!, in: project,
                              fingerprint: ArtFingerprint.of(spec, models: models, fileHash: hashes.hash),
                              selected: selected.contains(spec.name), forced: options.force, store: store)
        }
        let toMake = plans.filter { $0.selected && $0.reusable == nil }
        // Files the run would refuse to replace stop it now, not after the art is made.
        let notOwned = options.force ? [] : toMake.flatMap(\.filesNotOwned)
        if !notOwned.isEmpty && !options.dryRun { throw ProjectWriter.refusal(toOverwrite: notOwned, in: project) }
        // So does a character whose files another character's actor shows (the export checks
        // the same again under the lock).
        for plan in plans where plan.selected {
            try project.actors.checkNotTakingOver(plan.destination.art, as: plan.spec.name, id: plan.spec.actorID)
        }

        var report = CastReport(projectRoot: project.root, engine: project.engine.rawValue, manifest: manifest.file,
                                dryRun: options.dryRun, jobs: options.jobs)
        if options.dryRun {
            report.characters = plans.filter(\.selected).map { plan in
                CastReport.Character(name: plan.spec.name, status: plan.reusable == nil ? .wouldMake : .wouldKeep,
                                     reason: plan.reason, actorID: plan.spec.actorID, actorCreated: false,
                                     files: plan.destination.files)
            }
            report.refusedWithoutForce = notOwned
            report.wallSeconds = seconds(since: started)
            return report
        }

        // The lock is held from here to the commit, so two runs never interleave.
        let writer = try ProjectWriter(project: project, options: .init(force: options.force, progress: { _, _ in
            try cancellation.check()
        }))
        report.recoveredInterruptedRun = writer.recoveredInterruptedRun
        let made = try makeArt(toMake.map(\.spec), models: models, jobs: options.jobs, clock: clock,
                               cancellation: cancellation, events: events)
        for plan in plans where plan.reusable != nil && plan.selected { events(.characterReused(name: plan.spec.name)) }

        let exported = try clock.time("export") {
            try export(plans.filter(\.selected), made: made, into: writer, report: &report)
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
        store.prune(keeping: writer.record.fingerprints)
        // The preview shows every character whose art is at hand: this run's, and the others' kept art.
        var artworks = exported
        for plan in plans where !plan.selected {
            if let artwork = plan.reusable { artworks[plan.spec.name] = artwork }
        }
        let previewDirectory = options.previewDirectory ?? CastOptions.defaultPreviewDirectory(forProject: project.root)
        events(.writingPreview(directory: previewDirectory))
        report.previewIndex = try clock.time("preview") {
            try writePreview(of: manifest, plans: plans, artworks: artworks, actors: writer.workspace.actors,
                             project: project, models: models, templates: previewTemplates, to: previewDirectory)
        }
        report.timings = clock.stages
        report.wallSeconds = seconds(since: started)
        return report
    }

    /// Queues every selected character's art and actor in `writer`, each with the fingerprint
    /// of its inputs for the record, and lists it in the report; returns the art by character name.
    static func export(_ plans: [CharacterPlan], made: [String: CharacterArtwork], into writer: ProjectWriter,
                       report: inout CastReport) throws -> [String: CharacterArtwork] {
        var artworks: [String: CharacterArtwork] = [:]
        for plan in plans {
            let artwork = made[plan.spec.name] ?? plan.reusable!
            artworks[plan.spec.name] = artwork
            var fields = plan.spec.actor
            fields.name = plan.spec.name
            // The exporter names the files after `name`: the manifest's (already safe) file name.
            let exported = try writer.add(CharacterExport(name: plan.spec.fileName, art: artwork.art, actorID: plan.spec.actorID,
                                                          fields: fields, fingerprint: plan.fingerprint),
                                          to: plan.destination)
            report.characters.append(CastReport.Character(
                name: plan.spec.name, status: made[plan.spec.name] == nil ? .upToDate : .made, reason: plan.reason,
                actorID: exported.actorID, actorCreated: exported.actorCreated, files: exported.files))
        }
        return artworks
    }

    /// Writes the preview of the characters in `artworks`, in manifest order; returns its index.
    /// `actors` is the actors table as the run left it.
    static func writePreview(of manifest: Manifest, plans: [CharacterPlan], artworks: [String: CharacterArtwork], actors: ActorsTable,
                             project: RPGMakerProject, models: CastModels, templates: PreviewTemplates,
                             to directory: String) throws -> String {
        let characters = plans.compactMap { plan in
            artworks[plan.spec.name].map {
                CastPreviewContent.character(plan.spec, artwork: $0, shows: plan.destination.art, actors: actors, models: models)
            }
        }
        let preview = CastPreview(title: "Cast of \(URL(fileURLWithPath: project.root).lastPathComponent)",
                                  generatedBy: "stylecast cast, \(manifest.file)", characters: characters)
        do {
            return try CastPreviewWriter.write(preview, to: directory, templates: templates)
        } catch {
            throw CastError(subject: directory, reason: "the preview could not be written (\(error)); the project itself was written")
        }
    }

    /// The characters `only` names (all when empty); an unknown name is an error with the
    /// nearest known one.
    static func select(_ only: [String], from manifest: Manifest) throws -> Set<String> {
        let names = manifest.characters.map(\.name)
        guard !only.isEmpty else { return Set(names) }
        for name in only where !names.contains(name) {
            throw CastError(subject: "--only \(name)", reason: "no character of \(manifest.file) has that name\(NearestName.hint(for: name, among: names)); names: \(names.joined(separator: ", "))")
        }
        return Set(only)
    }

    /// Makes the art of `specs`, `jobs` characters at a time.
    static func makeArt(_ specs: [CharacterSpec], models: CastModels, jobs: Int, clock: StageClock, cancellation: CancellationFlag,
                        faceProjection: FaceProjection = .whereNeeded,
                        events: @escaping @Sendable (CastEvent) -> Void) throws -> [String: CharacterArtwork] {
        guard !specs.isEmpty else { return [:] }
        let needsSpriteProjector = specs.contains { $0.spriteMixes.contains { if case .image = $0.source { true } else { false } } }
        let pipeline = try clock.time("projector setup") {
            CharacterPipeline(models: models,
                              spriteProjector: needsSpriteProjector ? try ModelProjector(generator: models.sprite) : nil,
                              faceProjector: try ModelProjector(generator: models.face),
                              clock: clock, events: events, cancellation: cancellation, faceProjection: faceProjection)
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
