import StyleCastIO

// The errors of the StyleGAN module, in the shape every StyleCast error takes (`StyleCastError`).
// A model's `init_kwargs` that cannot be read are `JSONContentError`s naming the field.

/// A model file that could not be loaded: `subject` is the file.
public struct ModelFileError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// A request the generator engine cannot carry out (ws of the wrong size, a class an
/// unconditional model does not have...): `subject` is the file or option concerned, if any.
public struct GeneratorError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}
