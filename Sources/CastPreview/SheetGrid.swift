import StyleCastIO

/// A sheet cut into equal cells, such as MV's 3 x 4 walk frames or its 4 x 2 faces.
struct SheetGrid: Equatable {
    let columns: Int
    let rows: Int
    let cellWidth: Int
    let cellHeight: Int

    /// The grid of `image`, or an error naming `subject` when the image does not split evenly.
    init(of image: RGBAImage, columns: Int, rows: Int, subject: String) throws {
        guard image.width > 0, image.height > 0, image.width % columns == 0, image.height % rows == 0 else {
            throw CastPreviewError(
                subject: subject,
                reason: "the image is \(image.width)x\(image.height) but must split into \(columns) x \(rows) equal cells "
                    + "(a width that is a multiple of \(columns) and a height that is a multiple of \(rows))")
        }
        self.columns = columns
        self.rows = rows
        cellWidth = image.width / columns
        cellHeight = image.height / rows
    }
}
