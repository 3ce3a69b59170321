import Foundation
import XCTest

/// A test case whose every test gets a fresh temporary folder (`folder`), removed after it.
class TemporaryFolderTestCase: XCTestCase {
    private(set) var folder = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = NSTemporaryDirectory() + "stylecast-\(type(of: self))-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try super.tearDownWithError()
    }
}
