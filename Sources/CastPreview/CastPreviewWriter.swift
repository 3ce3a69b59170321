import Foundation
import StyleCastIO

/// Writes a cast preview folder: DIR/index.html and its images in DIR/images/.
public enum CastPreviewWriter {
    static let indexName = "index.html"
    static let imagesFolder = "images"
    /// Lists, one a line, the image files this writer made in images/ with the SHA-256 of the
    /// bytes it wrote there (`01-walk.png <sha256>`), so that a later preview removes the ones it
    /// no longer uses, never touches files someone else put there, and keeps a file that is
    /// still exactly what it wrote when the image it holds is unchanged.
    static let manifestName = ".cast-preview-files"

    /// Writes DIR/index.html and DIR/images/*.png; returns the index path. Replaces an older
    /// preview in DIR. Every file is written atomically, the page after its images, and only
    /// when its bytes change: an unchanged preview is left exactly as it was. `templates`:
    /// the page's templates, by default the shipped ones.
    public static func write(_ preview: CastPreview, to directory: String, templates: PreviewTemplates? = nil) throws -> String {
        let characterImages = try PreviewLayout.images(for: preview)
        let files = characterImages.flatMap { [$0.walk, $0.faces] + $0.stages }
        let html = try (templates ?? PreviewTemplates()).html(for: preview, images: characterImages)

        let imagesPath = directory + "/" + imagesFolder
        try createFolder(imagesPath)
        let manifestPath = imagesPath + "/" + manifestName
        let previous = try writtenFiles(manifestPath)
        // Record the union first: if writing stops halfway, the next run still knows every file
        // it made. A hash that no longer matches its file only costs encoding that image again.
        var written = previous
        for file in files where written[file.name] == nil { written[file.name] = "" }
        try writeManifest(written, to: manifestPath)
        var current: [String: String] = [:]
        for file in files {
            let path = imagesPath + "/" + file.name
            // Only bytes this writer made may stand in for an encoding (`PNG.encode(_:reusing:)`).
            let earlier = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
                .flatMap { SHA256.hexDigest($0) == previous[file.name] ? $0 : nil }
            let bytes: [UInt8]
            do {
                bytes = try PNG.encode(file.image, reusing: earlier)
            } catch {
                throw CastPreviewError(subject: file.relativePath, reason: "could not encode the image: \(error)")
            }
            try AtomicFile.writeIfChanged(bytes, to: path)
            current[file.name] = SHA256.hexDigest(bytes)
        }
        let indexPath = directory + "/" + indexName
        try AtomicFile.writeIfChanged(Array(html.utf8), to: indexPath)
        try writeManifest(current, to: manifestPath)
        for stale in Set(previous.keys).subtracting(current.keys).sorted() {
            let path = imagesPath + "/" + stale
            guard unlink(path) == 0 || errno == ENOENT else {
                throw CastPreviewError(subject: path, reason: "could not remove this image of the previous preview: \(String(cString: strerror(errno)))")
            }
        }
        return indexPath
    }

    private static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CastPreviewError(subject: path, reason: "could not create the preview folder (\(error.localizedDescription)); choose a folder you can write to")
        }
    }

    /// The names an earlier preview recorded, with the SHA-256 of what it wrote ("" when not
    /// recorded); only plain .png names, so an edited manifest can never make the writer delete
    /// outside images/.
    private static func writtenFiles(_ manifestPath: String) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: manifestPath) else { return [:] }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw CastPreviewError(subject: manifestPath, reason: "could not read the list of files the previous preview wrote")
        }
        var files: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count <= 2, let name = fields.first, name.hasSuffix(".png"), !name.contains("/"), !name.hasPrefix(".") else { continue }
            files[name] = fields.count == 2 ? fields[1] : ""
        }
        return files
    }

    private static func writeManifest(_ files: [String: String], to path: String) throws {
        let lines = files.keys.sorted().map { name in files[name]!.isEmpty ? name + "\n" : name + " " + files[name]! + "\n" }
        try AtomicFile.writeIfChanged(Array(lines.joined().utf8), to: path)
    }
}
