/// An error of the generator engine with a message saying what is wrong and what to do.
public struct GeneratorError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
