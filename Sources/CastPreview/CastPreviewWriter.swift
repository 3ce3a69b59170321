import Foundation
import StyleCastIO

/// Writes a cast preview folder: DIR/index.html and its images in DIR/images/.
public enum CastPreviewWriter {
    static let indexName = "index.html"
    static let imagesFolder = "images"
    /// Lists, one a line, the image files this writer made in images/, so that a later preview
    /// removes the ones it no longer uses and never touches files someone else put there.
    static let manifestName = ".cast-preview-files"

    /// Writes DIR/index.html and DIR/images/*.png; returns the index path. Replaces an older
    /// preview in DIR. Every file is written atomically; the page is written after its images.
    public static func write(_ preview: CastPreview, to directory: String) throws -> String {
        let characterImages = try PreviewLayout.images(for: preview)
        let files = characterImages.flatMap { [$0.walk, $0.faces] + $0.stages }
        let html = CastPreviewPage.html(for: preview, images: characterImages)

        let imagesPath = directory + "/" + imagesFolder
        try createFolder(imagesPath)
        let manifestPath = imagesPath + "/" + manifestName
        let previous = try writtenFiles(manifestPath)
        let current = files.map(\.name)
        // Record the union first: if writing stops halfway, the next run still knows every file it made.
        try writeManifest(previous.union(current), to: manifestPath)
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try PNG.encode(file.image)
            } catch {
                throw CastPreviewError(subject: file.relativePath, reason: "could not encode the image: \(error)")
            }
            try AtomicFile.write(bytes, to: imagesPath + "/" + file.name)
        }
        let indexPath = directory + "/" + indexName
        try AtomicFile.write(html, to: indexPath)
        try writeManifest(Set(current), to: manifestPath)
        for stale in previous.subtracting(current).sorted() {
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

    /// The names an earlier preview recorded; only plain .png names, so an edited manifest can
    /// never make the writer delete outside images/.
    private static func writtenFiles(_ manifestPath: String) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: manifestPath) else { return [] }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw CastPreviewError(subject: manifestPath, reason: "could not read the list of files the previous preview wrote")
        }
        let names = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Set(names.filter { $0.hasSuffix(".png") && !$0.contains("/") && !$0.hasPrefix(".") })
    }

    private static func writeManifest(_ names: Set<String>, to path: String) throws {
        try AtomicFile.write(names.sorted().map { $0 + "\n" }.joined(), to: path)
    }
}
