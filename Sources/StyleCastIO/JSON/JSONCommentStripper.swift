/// JSON with comments: `// line` and `/* block */` comments are blanked out with spaces (their
/// newlines kept), so the strict parser sees plain JSON and every error keeps its line and column.
enum JSONCommentStripper {
    /// Returns the text with comments blanked, or the offset of an unterminated block comment.
    static func strip(_ bytes: [UInt8]) -> Result<[UInt8], UnterminatedComment> {
        var out = bytes
        var i = 0
        var inString = false
        while i < out.count {
            let byte = out[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                i += 1
                continue
            }
            guard byte == UInt8(ascii: "/"), i + 1 < out.count else { i += 1; continue }
            if out[i + 1] == UInt8(ascii: "/") {
                while i < out.count && out[i] != UInt8(ascii: "\n") { blank(&out[i]); i += 1 }
            } else if out[i + 1] == UInt8(ascii: "*") {
                let start = i
                blank(&out[i]); blank(&out[i + 1]); i += 2
                while i < out.count && !(out[i] == UInt8(ascii: "*") && i + 1 < out.count && out[i + 1] == UInt8(ascii: "/")) {
                    blank(&out[i]); i += 1
                }
                guard i < out.count else { return .failure(UnterminatedComment(offset: start)) }
                blank(&out[i]); blank(&out[i + 1]); i += 2
            } else {
                i += 1
            }
        }
        return .success(out)
    }

    struct UnterminatedComment: Error { let offset: Int }

    /// Newlines stay so that lines keep their numbers; everything else becomes a space.
    private static func blank(_ byte: inout UInt8) {
        if byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") { byte = UInt8(ascii: " ") }
    }
}
