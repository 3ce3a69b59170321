import Foundation
import XCTest

/// A test case whose every test gets a fresh temporary folder (`folder`), removed after it.
open class TemporaryFolderTestCase: XCTestCase {
    public private(set) var folder = ""

    override open func setUpWithError() throws {
        try super.setUpWithError()
        folder = NSTemporaryDirectory() + "stylecast-\(type(of: self))-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override open func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try super.tearDownWithError()
    }
}
