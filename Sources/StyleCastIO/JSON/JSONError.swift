/// JSON text that could not be parsed, located by file, line and column (both from 1; the
/// column counts characters, not bytes).
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let reason: String
    public var description: String { "\(file):\(line):\(column): \(reason)" }
}

/// A JSON file whose content is valid JSON but not what the reader expected; names the file
/// and the field.
public struct JSONContentError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let field: String
    public let reason: String

    public init(file: String, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(file): \(field): \(reason)" }
}

/// Finds the line and column of a byte offset in UTF-8 text.
enum TextPosition {
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 { // continuation bytes belong to the previous character
                column += 1
            }
        }
        return (line, column)
    }
}
