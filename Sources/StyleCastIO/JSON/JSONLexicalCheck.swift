/// A pass over JSON text that json-c has already accepted, for the two things its strict mode
/// lets through (bare words such as `NaN` and `Infinity`, raw control characters in strings),
/// and to collect the number literals in document order.
enum JSONLexicalCheck {
    struct Problem: Error {
        let offset: Int
        let reason: String
    }

    static func numberLiterals(in bytes: [UInt8]) throws -> [String] {
        var literals: [String] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] < 0x20 {
                        throw Problem(offset: i, reason: "control character in a string (write it as an escape such as \\n or \\t)")
                    }
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < bytes.count && isNumberByte(bytes[i]) { i += 1 }
                let literal = String(decoding: bytes[start..<i], as: UTF8.self)
                guard isValidNumber(literal) else {
                    throw Problem(offset: start, reason: "'\(literal)' is not a JSON number")
                }
                literals.append(literal)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let word = ["true", "false", "null"].first { bytes[i...].starts(with: $0.utf8) }
                guard let word else { throw Problem(offset: i, reason: "unknown word (JSON has only true, false and null)") }
                i += word.utf8.count
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: ":"):
                i += 1
            default:
                throw Problem(offset: i, reason: "unexpected character (NaN and Infinity are not JSON)")
            }
        }
        return literals
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private static func isValidNumber(_ literal: String) -> Bool {
        var rest = Substring(literal)
        func digits() -> Int {
            let count = rest.prefix { $0.isASCII && $0.isNumber }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == "-" { rest = rest.dropFirst() }
        if rest.first == "0" { rest = rest.dropFirst() } else if digits() == 0 { return false }
        if rest.first == "." {
            rest = rest.dropFirst()
            if digits() == 0 { return false }
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            if digits() == 0 { return false }
        }
        return rest.isEmpty
    }
}
