import StyleCastIO

/// The rows of a latent (indices into the model's `num_ws` style vectors) that a mix or a face
/// slot changes: written as a list `[0, 1, 2]` or as text `"0-3,6"` (comma-separated numbers
/// and inclusive ranges, the official scripts' `parse_range` syntax).
///
/// The same syntax as sg2's `StyleGAN.IndexList`, kept here because a manifest checks rows
/// against a model only later (`Manifest.validate(sprite:face:)`), not while parsing.
public struct RowList: Equatable, Sendable {
    /// Ascending, without repeats.
    public let rows: [Int]
    /// Where the rows are written, for errors found against a model.
    public let position: SourcePosition

    public init(_ rows: [Int], position: SourcePosition) {
        self.rows = rows
        self.position = position
    }

    /// No model has anywhere near this many rows; the cap keeps "0-999999999" from allocating.
    static let highestRow = 255
}

extension ManifestReader {
    mutating func rowList(_ field: Field) -> RowList? {
        var rows: [Int] = []
        switch field.value {
        case let .string(text):
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let item = part.trimmingCharacters(in: .whitespaces)
                let ends = item.split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count), let first = Int(ends[0]), let last = Int(ends[ends.count - 1]) else {
                    report(field, "'\(item)' is not a row number or a range like 0-3 (write rows as \"0-3,6\" or [0, 1, 2, 3, 6])")
                    return nil
                }
                guard first <= last else {
                    report(field, "the range \(item) runs backwards; write \(last)-\(first)")
                    return nil
                }
                guard first >= 0, last <= RowList.highestRow else {
                    report(field, "row \(first < 0 ? first : last) is outside 0-\(RowList.highestRow)")
                    return nil
                }
                rows += Array(first...last)
            }
        case let .array(elements):
            guard !elements.isEmpty else {
                report(field, "must name at least one row")
                return nil
            }
            for index in elements.indices {
                guard let row = int(Field(value: elements[index], path: field.path + [.index(index)]), in: 0...RowList.highestRow) else {
                    return nil
                }
                rows.append(row)
            }
        default:
            report(field, "must be a list of rows [0, 1, 2] or a range \"0-2\", not \(field.value.brief)")
            return nil
        }
        let unique = Array(Set(rows)).sorted()
        guard unique.count == rows.count else {
            report(field, "names a row more than once")
            return nil
        }
        return RowList(unique, position: position(of: field))
    }
}
