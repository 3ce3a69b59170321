import StyleCastIO

// The errors of the command line, in the shape every StyleCast error takes (`StyleCastError`);
// bad option combinations are ArgumentParser's `ValidationError`s.

/// Something a command itself cannot do (create its output folder...): `subject` is the path
/// or option concerned.
struct CommandError: StyleCastError, Equatable {
    let subject: String?
    let reason: String
}
