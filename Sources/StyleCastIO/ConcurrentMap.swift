import Foundation

/// `count` results of `body`, computed on the cores the process may use (`availableCores`; in
/// turn on the calling thread when that is one), in index order; when any fails, the error
/// of the lowest index is thrown once all have run. `finished(n)` is called after each result
/// with how many are done so far (for progress). The one concurrent map of the package: it lives
/// here because every module that fans work out (the renderer's datasets, training's presets,
/// evaluation) already depends on this one.
public func concurrentMap<Value: Sendable>(_ count: Int, finished: @escaping @Sendable (Int) -> Void = { _ in },
                                           _ body: @escaping @Sendable (Int) throws -> Value) throws -> [Value] {
    let slots = ResultSlots<Value>(count: count)
    let run = { @Sendable (index: Int) in finished(slots.set(index, Result { try body(index) })) }
    if availableCores == 1 {
        (0..<count).forEach(run)
    } else {
        DispatchQueue.concurrentPerform(iterations: count, execute: run)
    }
    return try slots.values.map { try $0!.get() }
}

/// One slot per task, each written once by its own task; counts how many are filled.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<Value, Error>?]
    private var filled = 0

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Stores a result and returns how many slots are now filled.
    func set(_ index: Int, _ value: Result<Value, Error>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
        filled += 1
        return filled
    }
}
