/// Writes `JSONValue`s exactly as JavaScript's `JSON.stringify` does: non-ASCII text raw, and
/// only `"`, `\` and control characters escaped; members in their order (`canonical` sorts
/// them). RPG Maker writes its data files with it, so this is what keeps untouched files
/// byte-identical.
public enum JSONWriter {
    /// `JSON.stringify(value)`: one line, no spaces.
    public static func compact(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    /// `JSON.stringify(value, null, 2)` (and Python's `json.dumps(value, indent=2)` for ASCII):
    /// one member or element per line, indented by two spaces a level, `"key": value`, and
    /// empty lists and objects as `[]` and `{}`. No newline at the end.
    public static func pretty(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        writePretty(value, indent: 0, to: &out)
        return out
    }

    private static func writePretty(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        let items: [(key: String?, value: JSONValue)]
        let brackets: (open: UInt8, close: UInt8)
        switch value {
        case let .array(elements) where !elements.isEmpty:
            items = elements.map { (nil, $0) }
            brackets = (UInt8(ascii: "["), UInt8(ascii: "]"))
        case let .object(object) where object.count > 0:
            items = object.members.map { ($0.key, $0.value) }
            brackets = (UInt8(ascii: "{"), UInt8(ascii: "}"))
        default:
            return write(value, to: &out)
        }
        out.append(brackets.open)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            out += [UInt8](repeating: UInt8(ascii: " "), count: indent + 2)
            if let key = item.key {
                writeString(key, to: &out)
                out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            }
            writePretty(item.value, indent: indent + 2, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        out += [UInt8](repeating: UInt8(ascii: " "), count: indent)
        out.append(brackets.close)
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case let .bool(flag): out += Array((flag ? "true" : "false").utf8)
        case let .number(number): out += Array(number.text.utf8)
        case let .string(text): writeString(text, to: &out)
        case let .array(elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(object):
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeMember(member, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `"key":value`
    static func writeMember(_ member: (key: String, value: JSONValue), to out: inout [UInt8]) {
        writeString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        write(member.value, to: &out)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x00..<0x20: // JavaScript writes the rest as \u00xx with lower-case hex.
                out += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
