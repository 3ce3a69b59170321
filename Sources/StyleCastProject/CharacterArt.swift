import StyleCastIO

/// One character's art as RPG Maker uses it: a 144x192 walk sheet (3 patterns x 4 directions
/// of 48x48 frames) and 8 faces of 144x144.
public struct CharacterArt: Equatable, Sendable {
    public let walkSheet: RGBAImage
    public let faces: [RGBAImage]

    /// Checks the sizes; `source` names where the art came from in the error.
    public init(walkSheet: RGBAImage, faces: [RGBAImage], source: String = "character art") throws {
        let block = (CharacterSheetLayout.blockWidth, CharacterSheetLayout.blockHeight)
        guard (walkSheet.width, walkSheet.height) == block else {
            throw ProjectError(path: source, reason: "walk sheet is \(walkSheet.width)x\(walkSheet.height); it must be \(block.0)x\(block.1) (3 walk patterns x 4 directions of 48x48 frames)")
        }
        guard faces.count == FaceSetLayout.faces else {
            throw ProjectError(path: source, reason: "\(faces.count) faces given; a face set needs exactly \(FaceSetLayout.faces)")
        }
        for (index, face) in faces.enumerated() where face.width != FaceSetLayout.faceSize || face.height != FaceSetLayout.faceSize {
            throw ProjectError(path: source, reason: "face \(index) is \(face.width)x\(face.height); faces must be 144x144")
        }
        self.walkSheet = walkSheet
        self.faces = faces
    }

    /// Art from a walk sheet and a whole 576x288 face set image; the sources name them
    /// (usually their files) in errors.
    public init(walkSheet: RGBAImage, faceSet: RGBAImage, walkSheetSource: String, faceSetSource: String) throws {
        guard faceSet.width == FaceSetLayout.width, faceSet.height == FaceSetLayout.height else {
            throw ProjectError(path: faceSetSource, reason: "face set is \(faceSet.width)x\(faceSet.height); it must be \(FaceSetLayout.width)x\(FaceSetLayout.height) (4x2 faces of 144x144)")
        }
        try self.init(walkSheet: walkSheet, faces: FaceSetLayout.faces(of: faceSet), source: walkSheetSource)
    }
}
