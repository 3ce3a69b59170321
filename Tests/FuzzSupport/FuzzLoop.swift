import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one fuzz pass did.
public struct FuzzReport: CustomStringConvertible {
    public let reader: String
    public let iterations: Int
    /// Of those, inputs from the seeds' sweep (`Mutator.sweep`).
    public let swept: Int
    /// Inputs the reader accepted (the rest it refused with an error, as it should).
    public let accepted: Int
    /// Distinct errors the refused inputs met (`Fuzz.kind(of:)`): how many checks were reached.
    public let errorKinds: Int
    public let seconds: Double

    public var description: String {
        "fuzz \(reader): \(iterations) inputs (\(swept) swept), \(accepted) read, \(iterations - accepted) refused "
            + "(\(errorKinds) kinds of error), 0 crashes, " + String(format: "%.2f s", seconds)
    }
}

/// A seeded mutation loop over one reader. The bar is that nothing crashes: a reader may throw
/// on any input, but a trap, a bad access or an allocation far beyond what the input could
/// hold kills the test process, which is the failure.
public enum Fuzz {
    /// Inputs per reader: a few thousand by default (a few seconds for every reader together in
    /// a release build), or `STYLECAST_FUZZ_ITERATIONS` for a long run by hand.
    public static var iterations: Int {
        ProcessInfo.processInfo.environment["STYLECAST_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 5000
    }

    /// Memory a reader may take beyond what the process had, while fuzzing: far more than any
    /// honest reading of an input of a few kilobytes needs, far less than trusting a forged size.
    public static let memoryAllowance = 2 << 30

    /// Feeds `read` inputs made from `seeds` (each of which it must accept): every other input
    /// comes from the seeds' sweep (`Mutator.sweep`; `binary` says whether the format has binary
    /// size fields) until it runs out, the rest from random edits. There is no coverage feedback,
    /// so inputs that are accepted or fail with an error not seen before stand in for "reached
    /// somewhere new": they join the corpus, and half of the random edits start from it, half
    /// from the seeds (so the corpus cannot drift into junk). `repair` (fixing checksums and
    /// lengths that would stop nearly every input at the first check) is applied to half of the
    /// random inputs and to a second copy of each sweep input, so the checks it bypasses are
    /// fuzzed too. A crash saves the input that caused it to `crashFile(reader)`.
    public static func run(_ reader: String, seeds: [[UInt8]], dictionary: [[UInt8]] = [], binary: Bool = true,
                           iterations: Int = Fuzz.iterations, repair: @escaping ([UInt8]) -> [UInt8] = { $0 },
                           read: ([UInt8]) throws -> Void) throws -> FuzzReport {
        for (index, seed) in seeds.enumerated() {
            do { try read(seed) } catch { throw FuzzSetupError("\(reader) seed \(index) is refused: \(error)") }
        }
        // Longer inputs only slow the loop down: every size field can already point past the end.
        let maximumLength = max(4096, 2 * seeds.map(\.count).max()!)
        let corpusLimit = 256
        var corpus: [[UInt8]] = []
        var errorKinds: Set<String> = []
        var mutator = Mutator(seed: UInt64(truncatingIfNeeded: reader.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }),
                              dictionary: dictionary)
        var sweep = seeds.lazy.flatMap { seed in
            IteratorSequence(Mutator.sweep(seed, binary: binary)).lazy.flatMap { input in
                let repaired = repair(input)
                return repaired == input ? [input] : [input, repaired]
            }
        }.makeIterator()
        var swept = 0, accepted = 0
        let start = Date()
        CrashCapture.whileReading(reader) { capture in
            MemoryCeiling.whileRunning(allowance: memoryAllowance) {
                for iteration in 0..<iterations {
                    var input: [UInt8]
                    if iteration % 2 == 0, let next = sweep.next() {
                        input = next
                        swept += 1
                    } else {
                        let pool = corpus.isEmpty || mutator.int(2) == 0 ? seeds : corpus
                        input = mutator.mutate(pool[mutator.int(pool.count)], splicingFrom: seeds)
                        if input.count > maximumLength { input.removeSubrange(maximumLength...) }
                        if mutator.int(2) == 0 { input = repair(input) }
                    }
                    capture.current = input
                    let novel: Bool
                    do {
                        try read(input)
                        accepted += 1
                        novel = true
                    } catch {
                        novel = errorKinds.insert(kind(of: error)).inserted
                    }
                    guard novel else { continue }
                    if corpus.count < corpusLimit { corpus.append(input) } else { corpus[mutator.int(corpusLimit)] = input }
                }
            }
        }
        return FuzzReport(reader: reader, iterations: iterations, swept: swept, accepted: accepted,
                          errorKinds: errorKinds.count, seconds: Date().timeIntervalSince(start))
    }

    /// An error's message without its numbers and quoted values: which check refused the input.
    static func kind(of error: Error) -> String {
        var kind = "", quote: Character?
        for character in String(describing: error) {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if !character.isNumber {
                kind.append(character)
            }
        }
        return kind
    }

    /// Where a crash of `reader` leaves its input.
    public static func crashFile(_ reader: String) -> String {
        NSTemporaryDirectory() + "stylecast-fuzz-crash-\(reader).bin"
    }
}

public struct FuzzSetupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// On a fatal signal, writes the input being read to `Fuzz.crashFile` and hands the signal on
/// to the handler that was there before (Swift's backtracer), so a crash found in a long run
/// can be replayed in a test. Linux only; elsewhere a crash just ends the run.
final class CrashCapture: @unchecked Sendable {
    /// Set before each read. The handler may only touch plain memory, so the input's storage is
    /// also published as a raw pointer (valid while `current` holds that array).
    var current: [UInt8] = [] {
        didSet { current.withUnsafeBufferPointer { CrashCapture.input = $0 } }
    }

    nonisolated(unsafe) static var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    nonisolated(unsafe) static var path: [CChar] = []
    #if os(Linux)
    static let signals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]
    nonisolated(unsafe) static var previous: [sigaction] = Array(repeating: sigaction(), count: 64)
    #endif

    static func whileReading<T>(_ reader: String, _ body: (CrashCapture) throws -> T) rethrows -> T {
        let capture = CrashCapture()
        #if os(Linux)
        path = Array(Fuzz.crashFile(reader).utf8CString)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        for number in signals { sigaction(number, &action, &previous[Int(number)]) }
        defer {
            for number in signals { sigaction(number, &previous[Int(number)], nil) }
            input = UnsafeBufferPointer(start: nil, count: 0)
        }
        #endif
        return try withExtendedLifetime(capture) { try body(capture) }
    }

    #if os(Linux)
    private static let handler: @convention(c) (Int32) -> Void = { number in
        let descriptor = CrashCapture.path.withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        if descriptor >= 0 {
            if let base = CrashCapture.input.baseAddress { _ = write(descriptor, base, CrashCapture.input.count) }
            close(descriptor)
        }
        // Delivered again once this handler returns, now to the previous handler.
        sigaction(number, &CrashCapture.previous[Int(number)], nil)
        raise(number)
    }
    #endif
}

/// Caps the process's address space while fuzzing, so a reader that trusts a forged size fails
/// at once (the allocation traps) instead of slowly paging or passing unnoticed. Linux only; a
/// no-op elsewhere.
enum MemoryCeiling {
    static func whileRunning<T>(allowance: Int, _ body: () throws -> T) rethrows -> T {
        #if os(Linux)
        var old = rlimit()
        guard getrlimit(RLIMIT_AS_VALUE, &old) == 0, let used = addressSpaceInUse() else { return try body() }
        var capped = old
        capped.rlim_cur = min(old.rlim_cur, rlim_t(used + allowance))
        guard setrlimit(RLIMIT_AS_VALUE, &capped) == 0 else { return try body() }
        defer { setrlimit(RLIMIT_AS_VALUE, &old) }
        #endif
        return try body()
    }

    #if os(Linux)
    // Glibc imports RLIMIT_AS as an enum case of `__rlimit_resource`; setrlimit takes its raw value.
    private static let RLIMIT_AS_VALUE = __rlimit_resource_t(RLIMIT_AS.rawValue)

    /// The process's virtual size in bytes, from /proc/self/statm (its first field, in pages).
    private static func addressSpaceInUse() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
    #endif
}
