import XCTest
@testable import StyleCastIO

/// FIPS 180-4 / NIST example vectors, plus lengths around the padding boundary checked
/// against Python's hashlib.
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hexDigest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testLengthsAroundTheBlockBoundary() {
        let expected = [
            55: "5f25f149aa92e3e13093aed8216072fae623f35e26ca605b6cce17e04b7ccf44",
            56: "301c69927f1603720c9f847b7e5e3bef77a7b9f75344490fe9039f13c36b842a",
            63: "939765b120205cbedae2ed31256b1967c38b6bdd9b0220535224cbc0b906d333",
            64: "cc7321cce5e4409bd8077d58422e1214969059bbd40b4eeb0de0a642f40f7282",
            65: "b8de0db62b6c87db61345504a8038bf973d987e8d2111abd8beb407c0bf3d9db",
        ]
        for (length, digest) in expected {
            XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x5A, count: length)), digest, "length \(length)")
        }
    }
}
