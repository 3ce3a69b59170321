import ArgumentParser
import Foundation
import StyleCastArt
import StyleCastIO

/// `stylecast render`: one procedural character's walk sheet and face set, or a contact
/// sheet of many characters for review.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a procedural character: walk sheet and face set.",
        discussion: """
            Writes <out>/character-<seed>.png (RPG Maker MV walk sheet, 144x192) and \
            <out>/face-<seed>.png (face set, 576x288: the eight expressions in the order \
            \(Expression.allCases.map(\.rawValue).joined(separator: ", "))). With --expression E, \
            writes that one expression as a 144x144 portrait, <out>/face-<seed>-E.png, instead. \
            With --contact-sheet N, writes contact-sheets.png and contact-faces.png showing the \
            characters of seeds seed..seed+N-1 instead.
            """)

    @Option(help: "The character's seed (a whole number 0...\(UInt64.max)).")
    var seed: UInt64 = 0

    @Option(help: "Draw only this expression: \(Expression.allCases.map(\.rawValue).joined(separator: ", ")).")
    var expression: String?

    @Option(help: "Write contact sheets of this many characters (starting at --seed) instead.")
    var contactSheet: Int?

    @Option(help: "Output folder (created if missing).")
    var out: String

    func validate() throws {
        if let expression, Expression(rawValue: expression) == nil {
            throw ValidationError("--expression '\(expression)' is not one of: \(Expression.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let count = contactSheet, !(1...1024).contains(count) {
            throw ValidationError("--contact-sheet must be between 1 and 1024 characters (got \(count)).")
        }
    }

    func run() throws {
        try OutputFolder.create(out)
        if let count = contactSheet {
            let seeds = (0..<UInt64(count)).map { seed &+ $0 }
            let previews = CharacterPreview.contactSheets(seeds: seeds)
            try write(previews.sheets, "contact-sheets.png")
            try write(previews.faces, "contact-faces.png")
            return
        }
        var attributes = sampleAttributes(seed: seed)
        try write(WalkSheet.render(attributes), "character-\(seed).png")
        if let name = expression, let chosen = Expression(rawValue: name) {
            attributes.expression.expression = chosen
            try write(FacePortrait.render(attributes), "face-\(seed)-\(name).png")
        } else {
            try write(FaceSet.render(attributes), "face-\(seed).png")
        }
    }

    private func write(_ image: RGBAImage, _ name: String) throws {
        let path = (out as NSString).appendingPathComponent(name)
        try AtomicFile.write(try PNG.encode(image), to: path)
        print(path)
    }
}

/// Creating the output folder, with an error that says which folder and why.
enum OutputFolder {
    static func create(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CommandError(subject: path, reason: "exists and is not a folder; choose another --out") }
            return
        }
        // mkdir one level at a time, so a failure names its POSIX reason (Foundation's is vague).
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try create(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw CommandError(subject: path, reason: "cannot create the output folder: \(String(cString: strerror(errno)))")
        }
    }
}
