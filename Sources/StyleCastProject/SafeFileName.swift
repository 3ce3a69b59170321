import Foundation

/// Turns a character's name into a file name that is safe on every system RPG Maker games ship
/// to: no path separators or `..`, no control characters, none of the characters or device names
/// Windows refuses, and no leading `$` or `!` (RPG Maker reads those as sheet flags). Other
/// Unicode is kept (in NFC form) so that "Héroïne" stays "Héroïne".
public enum SafeFileName {
    /// Longest name in UTF-8 bytes, leaving room within the usual 255-byte limit for the
    /// `$` prefix, the `.png` extension and the temporary-file decoration of atomic writes.
    public static let maximumBytes = 200

    /// Characters Windows does not allow in file names, plus both path separators.
    private static let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// Bidirectional overrides and marks, which can make "gnp.exe" display as "exe.png".
    private static let bidiControls: Set<UInt32> = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                                    0x2066, 0x2067, 0x2068, 0x2069]

    /// Device names Windows reserves, with or without an extension.
    private static let reservedNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for n in 1...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    /// The safe file name (without extension) for `name`; an error for a name with nothing
    /// usable in it.
    public static func make(from name: String) throws -> String {
        var safe = ""
        for character in name.precomposedStringWithCanonicalMapping {
            let hidden = character.unicodeScalars.contains { $0.properties.generalCategory == .control || bidiControls.contains($0.value) }
            safe.append(hidden || forbidden.contains(character) ? "_" : character)
        }
        safe = truncated(safe)
        // Windows drops trailing dots and spaces; leading and trailing spaces are invisible.
        while safe.last == "." || safe.last == " " { safe.removeLast() }
        while safe.first == " " { safe.removeFirst() }
        if safe.first == "$" || safe.first == "!" { safe = "_" + safe.dropFirst() }
        if safe.first == "." { safe = "_" + safe } // no hidden files, no "..".
        guard safe.contains(where: { $0 != "_" && $0 != "." }) else {
            throw ProjectError(path: name, reason: "the character name gives no usable file name; choose a name with letters or digits")
        }
        let stem = safe.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if reservedNames.contains(stem.uppercased().trimmingTrailingSpaces()) {
            safe.insert("_", at: safe.index(safe.startIndex, offsetBy: stem.count))
        }
        return safe
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
