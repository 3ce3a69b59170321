import Foundation

/// StyleCast's one shape of error, which every module's errors take (each module declares its
/// own in its `Errors.swift`): the `subject` it concerns and the `reason`, printed once, here,
/// as `subject: reason`.
///
/// - `subject` names what a user would open or change: a file's path, a place in one
///   (`path:line:column`, then the field), a field (`init_kwargs.z_dim`), an option (`--rows`)
///   or a character. Nil when the reason says it all.
/// - `reason` says what is wrong and, after a semicolon, what to do about it.
///
/// Errors that know more than a subject (a line and column, a field) keep it in their own
/// properties and build `subject` from it.
public protocol StyleCastError: Error, CustomStringConvertible {
    var subject: String? { get }
    var reason: String { get }
}

extension StyleCastError {
    public var description: String { subject.map { "\($0): \(reason)" } ?? reason }
}

/// A file that could not be read.
public struct FileReadError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }

    /// The bytes of the file at `path`, or this error naming it.
    public static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(subject: path, reason: "cannot read the file (missing or not readable)")
        }
        return [UInt8](data)
    }
}

/// A file that could not be written.
public struct FileWriteError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// A PNG that could not be read or written, with the file it concerns.
public struct PNGError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// A zip file that could not be read.
public struct ZipError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// A `.npy` file that could not be read.
public struct NPYError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// JSON text that could not be parsed, located by file, line and column (both from 1; the
/// column counts characters, not bytes).
public struct JSONParseError: StyleCastError, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let reason: String

    public var subject: String? { "\(file):\(line):\(column)" }
}

/// A JSON file whose content is valid JSON but not what the reader expected: names the file,
/// where in it (when the reader kept positions) and the field.
public struct JSONContentError: StyleCastError, Equatable {
    public let file: String
    /// `rows.shape[2]`; "(top level)" for the whole value.
    public let field: String
    public let position: SourcePosition?
    public let reason: String

    public init(file: String, field: String, position: SourcePosition? = nil, reason: String) {
        self.file = file
        self.field = field
        self.position = position
        self.reason = reason
    }

    /// `file:line:column: field`, leaving out what is not known.
    public var subject: String? {
        let parts = [file + (position.map { ":\($0)" } ?? ""), field].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }
}
