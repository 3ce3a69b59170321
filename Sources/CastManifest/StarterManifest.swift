import Foundation
import StyleCastIO
import StyleCastProject

/// The commented `cast.json` that `stylecast init` writes: the standard defaults, and one
/// character per actor of the project with its database fields as they are, so that running
/// the cast restyles the existing party without renaming anyone.
public enum StarterManifest {
    /// Writes the starter manifest for the project at `projectPath` to `manifestPath` (default:
    /// `cast.json` in the project) and returns where it went. Refuses to replace an existing
    /// file unless `force`. `faceExpressionRows`: the rows the face model the starter uses (the
    /// shipped one) mixes expressions into, from its metadata, for the comment that says so.
    @discardableResult
    public static func write(projectPath: String, manifestPath: String? = nil, force: Bool = false,
                             faceExpressionRows: [Int]? = nil) throws -> (path: String, project: RPGMakerProject) {
        let project = try RPGMakerProject(at: projectPath)
        let path = manifestPath ?? project.absolutePath("cast.json")
        if FileManager.default.fileExists(atPath: path) && !force {
            throw ProjectError(subject: path, reason: "already exists; edit it, choose another --manifest, or pass --force to replace it")
        }
        let actors = try ActorsTable(contentsOfFile: project.absolutePath(ActorsTable.relativePath))
        let name = URL(fileURLWithPath: project.root).lastPathComponent
        try AtomicFile.write(text(actors: actors, engine: project.engine, projectName: name, faceExpressionRows: faceExpressionRows), to: path)
        return (path, project)
    }

    /// The manifest text for a project's actors. Same actors, same bytes.
    public static func text(actors: ActorsTable, engine: Engine, projectName: String, faceExpressionRows: [Int]? = nil) -> String {
        var lines = [
            "// StyleCast cast manifest for \(projectName) (\(engine.rawValue)), written by `stylecast init`.",
            "// JSON with comments. One entry per character; the README's \"Cast manifest\" section lists every key.",
            "{",
            "  \"defaults\": {",
            "    // Truncation psi: 1 samples the whole latent space, lower values stay closer to the average character.",
            "    \"truncation\": \(ManifestDefaults.truncation),",
            "    // Optimisation steps when a mix projects a reference image (\"from\": \"image:ref.png\").",
            "    \"projectionSteps\": \(ManifestDefaults.projectionSteps),",
            "    // The 8 faces of every face set (faceIndex 0-7); each expression preset mixes into \(expressionRowsText(faceExpressionRows)).",
            "    \"faces\": [\(FaceSlot.standardExpressions.map(quoted).joined(separator: ", "))]",
            "  },",
            "  \"characters\": [",
        ]
        var entries: [[String]] = []
        var usedNames: [String: Int] = [:]
        var usedFileNames: [String: Int] = [:]
        for id in 1..<actors.nextID {
            guard let actor = actors.actor(id: id) else { continue }
            let name = actor["name"]?.stringValue ?? ""
            guard !SafeFileName.isBlank(name) else {
                lines.append("    // Actor \(id) has no name; name it in RPG Maker and run init again (with --force) to include it.")
                continue
            }
            if let other = usedNames[name] {
                lines.append("    // Actor \(id) is also called \(quoted(name)), like actor \(other); names must differ, so it is left out.")
                continue
            }
            usedNames[name] = id
            var entry = ["      \"name\": \(quoted(name)),"]
            let safe = try? SafeFileName.make(from: name)
            if safe == nil || usedFileNames[SafeFileName.clashKey(safe!)] != nil {
                // The name alone gives no file name, or the same one as an earlier actor's.
                entry.append("      \"fileName\": \(quoted("Actor\(id)")),")
            }
            usedFileNames[SafeFileName.clashKey(safe ?? "Actor\(id)")] = id
            // The first entry explains; the rest stay short.
            let explain = entries.isEmpty
            entry.append("      \"actorId\": \(id),")
            if explain { entry.append("      // Any seed from 0 to \(UInt32.max) gives another look.") }
            entry.append("      \"seed\": \(seed(forActor: id)),")
            if explain {
                entry.append("      // Style mixes, e.g. {\"from\": \"seed:42\", \"rows\": \"0-3\", \"mode\": \"replace\"} or {\"from\": \"preset:villain\", \"rows\": [4, 5], \"mode\": {\"weight\": 0.5}}.")
            }
            entry += [
                "      \"spriteMixes\": [],",
                "      \"faceMixes\": [],",
                "      \"actor\": \(actorFields(actor))",
            ]
            entries.append(entry)
        }
        for (index, entry) in entries.enumerated() {
            lines.append("    {")
            lines += entry
            lines.append(index == entries.count - 1 ? "    }" : "    },")
        }
        lines += ["  ]", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// Where a plain face slot's expression goes: the rows the face model records, else the rule
    /// a cast applies (`CastModels.rows(of:)`).
    static func expressionRowsText(_ rows: [Int]?) -> String {
        func words(_ rows: [Int]) -> String {
            rows.count == 1 ? "\(rows[0])" : rows.dropLast().map(String.init).joined(separator: ", ") + " and \(rows.last!)"
        }
        guard let rows, !rows.isEmpty else {
            let fallback = FaceSlot.expressionRows
            return "the face model's expression rows (those its stylecast_rows metadata names; \(fallback.count == 1 ? "row" : "rows") \(words(fallback)) without it)"
        }
        return "the face model's expression rows, \(words(rows))"
    }

    /// A well-spread seed for an actor id (SplitMix64's finaliser), so neighbouring actors
    /// do not get neighbouring seeds.
    public static func seed(forActor id: Int) -> UInt32 {
        var z = UInt64(truncatingIfNeeded: id) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: z ^ (z >> 31))
    }

    /// The actor's nickname, profile, class and levels as they are, leaving out values the
    /// manifest would refuse (so the starter always loads).
    private static func actorFields(_ actor: JSONObject) -> String {
        var members: [String] = []
        for key in ["nickname", "profile"] {
            if let text = actor[key]?.stringValue { members.append("\(quoted(key)): \(quoted(text))") }
        }
        if let classId = actor["classId"]?.intValue, (1...9999).contains(classId) {
            members.append("\"classId\": \(classId)")
        }
        let levels = (1...ActorFields.highestLevel)
        if let initial = actor["initialLevel"]?.intValue, let maximum = actor["maxLevel"]?.intValue,
           levels.contains(initial), levels.contains(maximum), initial <= maximum {
            members += ["\"initialLevel\": \(initial)", "\"maxLevel\": \(maximum)"]
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: JSONWriter.compact(.string(text)), as: UTF8.self)
    }
}
