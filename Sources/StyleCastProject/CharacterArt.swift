import StyleCastIO

/// One character's art at the standard sizes StyleCast's models draw: a 144x192 walk sheet
/// (3 patterns x 4 directions of 48x48 frames) and 8 faces of 144x144. Exporters scale it to
/// a project's sizes as they write it.
public struct CharacterArt: Equatable, Sendable {
    public let walkSheet: RGBAImage
    public let faces: [RGBAImage]

    /// Checks the sizes; `source` names where the art came from in the error.
    public init(walkSheet: RGBAImage, faces: [RGBAImage], source: String = "character art") throws {
        let layout = CharacterSheetLayout.standard, faceSize = FaceSetLayout.standard.faceSize
        let block = (layout.blockWidth, layout.blockHeight)
        guard (walkSheet.width, walkSheet.height) == block else {
            throw ProjectError(subject: source, reason: "walk sheet is \(walkSheet.width)x\(walkSheet.height); it must be \(block.0)x\(block.1) (3 walk patterns x 4 directions of \(layout.frameSize)x\(layout.frameSize) frames)")
        }
        guard faces.count == FaceSetLayout.faces else {
            throw ProjectError(subject: source, reason: "\(faces.count) faces given; a face set needs exactly \(FaceSetLayout.faces)")
        }
        for (index, face) in faces.enumerated() where face.width != faceSize || face.height != faceSize {
            throw ProjectError(subject: source, reason: "face \(index) is \(face.width)x\(face.height); faces must be \(faceSize)x\(faceSize)")
        }
        self.walkSheet = walkSheet
        self.faces = faces
    }

    /// Art from a walk sheet and a whole 576x288 face set image; the sources name them
    /// (usually their files) in errors.
    public init(walkSheet: RGBAImage, faceSet: RGBAImage, walkSheetSource: String, faceSetSource: String) throws {
        let layout = FaceSetLayout.standard
        guard faceSet.width == layout.width, faceSet.height == layout.height else {
            throw ProjectError(subject: faceSetSource, reason: "face set is \(faceSet.width)x\(faceSet.height); it must be \(layout.width)x\(layout.height) (4x2 faces of \(layout.faceSize)x\(layout.faceSize))")
        }
        try self.init(walkSheet: walkSheet, faces: layout.faces(of: faceSet), source: walkSheetSource)
    }
}
