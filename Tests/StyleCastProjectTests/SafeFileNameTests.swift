import XCTest
@testable import StyleCastProject

final class SafeFileNameTests: XCTestCase {
    func testHostileNamesBecomeSafe() throws {
        let cases: [(String, String)] = [
            ("../x", "_.._x"),
            ("a/b", "a_b"),
            ("a\\b", "a_b"),
            ("CON", "CON_"),
            ("con", "con_"),
            ("nul.txt", "nul_.txt"),
            ("LPT9.png", "LPT9_.png"),
            ("COM10", "COM10"),
            ("tab\there\u{7}", "tab_here_"),
            ("new\nline", "new_line"),
            ("what?<*>|:\"", "what_______"),
            ("trailing dots...", "trailing dots"),
            ("  padded  ", "padded"),
            ("$Hero", "_Hero"),
            ("!Door", "_Door"),
            (".hidden", "_.hidden"),
            ("héroïne", "héroïne"),
            ("勇者アリス", "勇者アリス"),
            ("🐉 Dragon", "🐉 Dragon"),
            ("👩‍💻 Coder", "👩‍💻 Coder"), // the zero-width joiner inside the emoji stays
            ("photo\u{202E}gnp.exe", "photo_gnp.exe"),
        ]
        for (name, expected) in cases {
            XCTAssertEqual(try SafeFileName.make(from: name), expected, name)
        }
    }

    func testUnicodeIsNormalisedToComposedForm() throws {
        // "e" + combining acute, as macOS file names and some keyboards give it.
        XCTAssertEqual(try SafeFileName.make(from: "he\u{301}ros"), "h\u{E9}ros")
    }

    func testSafeNamesHaveNoSeparatorsOrParentReferences() throws {
        for name in ["../../etc/passwd", "..", "a/../b", "..\\..\\x", "/abs"] {
            guard let safe = try? SafeFileName.make(from: name) else { continue }
            XCTAssertFalse(safe.contains("/") || safe.contains("\\"), safe)
            XCTAssertFalse(safe.hasPrefix("."), safe)
        }
    }

    func testNamesWithNothingUsableAreErrors() {
        for name in ["", "   ", "..", "...", "/", "\u{0}\u{1}", "$"] {
            XCTAssertThrowsError(try SafeFileName.make(from: name), "'\(name)'")
        }
    }

    func testLongNamesAreCutAtACharacterBoundary() throws {
        let safe = try SafeFileName.make(from: String(repeating: "é", count: 300))
        XCTAssertLessThanOrEqual(safe.utf8.count, SafeFileName.maximumBytes)
        XCTAssertEqual(safe, String(repeating: "é", count: SafeFileName.maximumBytes / 2))
    }

    func testInvisibleAndUndecodableCharactersAreReplaced() throws {
        let cases: [(String, String)] = [
            ("a\u{2028}b", "a_b"),     // line separator
            ("a\u{2029}b", "a_b"),     // paragraph separator
            ("\u{FEFF}ab", "_ab"),     // byte-order mark / zero-width no-break space
            ("a\u{200B}b", "a_b"),     // zero-width space
            ("a\u{FFFF}b", "a_b"),     // noncharacter
            ("a\u{FFFD}b", "a_b"),     // what a lone surrogate decodes to
            ("a\u{00AD}b", "a_b"),     // soft hyphen
            ("❤️ Heart", "❤️ Heart"),   // the variation selector inside the emoji stays
            ("\u{A0}Ann\u{3000}", "Ann"), // any space at the ends goes, not only U+0020
        ]
        for (name, expected) in cases {
            XCTAssertEqual(try SafeFileName.make(from: name), expected, name.debugDescription)
        }
    }

    func testNamesThatShowNothingAreOneRuleEverywhere() {
        for name in ["\u{A0}", "\u{200B}", "\u{FEFF}", "\u{2060}\u{3000}", " \u{200D} ", "\u{2028}"] {
            XCTAssertTrue(SafeFileName.isBlank(name), name.debugDescription)
            XCTAssertThrowsError(try SafeFileName.make(from: name), name.debugDescription) { error in
                XCTAssertTrue("\(error)".contains("empty or only invisible characters"), "\(error)")
            }
        }
        for name in ["A", "\u{A0}A", "🐉", "勇"] { XCTAssertFalse(SafeFileName.isBlank(name), name) }
    }

    func testClashKeysAreTheSameForNamesThatAreOneFileOnACaseFoldingSystem() throws {
        XCTAssertEqual(SafeFileName.clashKey("ß"), SafeFileName.clashKey("SS"))
        XCTAssertEqual(SafeFileName.clashKey("Ann"), SafeFileName.clashKey("aNN"))
        XCTAssertEqual(SafeFileName.clashKey("h\u{E9}ros"), SafeFileName.clashKey("HE\u{301}ROS"))
        XCTAssertNotEqual(SafeFileName.clashKey("Ann"), SafeFileName.clashKey("Anne"))
    }
}
