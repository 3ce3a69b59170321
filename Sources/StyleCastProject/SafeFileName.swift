import Foundation

/// Turns a character's name into a file name that is safe on every system RPG Maker games ship
/// to: no path separators or `..`, no control or invisible characters, none of the characters
/// or device names Windows refuses, and no leading `$` or `!` (RPG Maker reads those as sheet
/// flags). Other Unicode is kept (in NFC form) so that "Héroïne" stays "Héroïne".
///
/// It also holds the one rule for names (`isBlank`) and for file names that clash (`clashKey`),
/// which `export`, `cast` and `init` all apply.
public enum SafeFileName {
    /// Longest name in UTF-8 bytes, leaving room within the usual 255-byte limit for the
    /// `$` prefix, the `.png` extension and the temporary-file decoration of atomic writes.
    public static let maximumBytes = 200

    /// Characters Windows does not allow in file names, plus both path separators.
    private static let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// Device names Windows reserves, with or without an extension.
    private static let reservedNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for n in 1...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    /// The safe file name (without extension) for `name`; an error for a name with nothing
    /// usable in it.
    public static func make(from name: String) throws -> String {
        guard !isBlank(name) else {
            throw ProjectError(subject: shown(name), reason: "the name is empty or only invisible characters; choose a name with letters or digits")
        }
        var safe = ""
        for character in name.precomposedStringWithCanonicalMapping {
            let hidden = character.unicodeScalars.contains(where: isHidden)
            safe.append(hidden || forbidden.contains(character) ? "_" : character)
        }
        safe = truncated(safe)
        // Windows drops trailing dots and spaces; spaces at either end are invisible.
        while let last = safe.last, last == "." || last.isWhitespace { safe.removeLast() }
        while let first = safe.first, first.isWhitespace { safe.removeFirst() }
        if safe.first == "$" || safe.first == "!" { safe = "_" + safe.dropFirst() }
        if safe.first == "." { safe = "_" + safe } // no hidden files, no "..".
        guard safe.unicodeScalars.contains(where: { !showsNothing($0) && $0 != "_" && $0 != "." }) else {
            throw ProjectError(subject: shown(name), reason: "the character name gives no usable file name; choose a name with letters or digits")
        }
        let stem = safe.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if reservedNames.contains(stem.uppercased().trimmingTrailingSpaces()) {
            safe.insert("_", at: safe.index(safe.startIndex, offsetBy: stem.count))
        }
        return safe
    }

    /// Whether a name shows nothing: empty, or only spaces (any kind) and invisible characters
    /// such as U+200B or U+FEFF. Such a name is refused wherever a character is named.
    public static func isBlank(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy(showsNothing)
    }

    /// What file names are compared by: two names with the same key are one file on a
    /// case-insensitive file system (Windows, macOS), so two characters may not have them.
    /// Full case folding, so "ß" and "SS" count as one, as some of those systems treat them.
    public static func clashKey(_ fileName: String) -> String {
        fileName.precomposedStringWithCanonicalMapping.uppercased().lowercased()
    }

    /// Characters a file name must not keep: controls, line and paragraph separators, invisible
    /// format characters (zero-width spaces, U+FEFF, bidirectional overrides, which can make
    /// "gnp.exe" display as "exe.png"), noncharacters such as U+FFFF, and U+FFFD, which is what
    /// undecodable text (a lone surrogate) becomes. The joiners and tags inside emoji and some
    /// scripts (U+200D, grapheme extenders) stay.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .surrogate: return true
        case .format: return !(properties.isGraphemeExtend || scalar == "\u{200D}")
        default: return properties.isNoncharacterCodePoint || scalar == "\u{FFFD}"
        }
    }

    private static func showsNothing(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || isHidden(scalar)
    }

    /// The name in quotes, its invisible characters written as `\u{200B}`, so that an error
    /// about it can be read.
    static func shown(_ name: String) -> String {
        var out = "\""
        for scalar in name.unicodeScalars {
            if showsNothing(scalar) && scalar != " " {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Cuts at a character boundary so the UTF-8 form fits `maximumBytes`.
    private static func truncated(_ name: String) -> String {
        var out = ""
        var bytes = 0
        for character in name {
            bytes += character.utf8.count
            if bytes > maximumBytes { break }
            out.append(character)
        }
        return out
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
