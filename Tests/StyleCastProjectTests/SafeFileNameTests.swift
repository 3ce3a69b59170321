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
}
