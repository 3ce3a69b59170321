import Randomness

/// A seeded, deterministic byte mutator: the same seed gives the same inputs on every machine,
/// so a failure found once is found again by rerunning with the same iteration count.
public struct Mutator {
    private var random: SplitMix64
    /// Byte strings a format gives meaning to (keywords, magic numbers), written into inputs so
    /// that mutations reach past the first syntax check.
    private let dictionary: [[UInt8]]

    public init(seed: UInt64, dictionary: [[UInt8]] = []) {
        random = SplitMix64(seed: seed, stream: 0x6675_7A7A) // "fuzz"
        self.dictionary = dictionary + Self.numberWords.map { Array($0.utf8) }
    }

    /// Sizes and counts that overflow, wrap or sit on a boundary when read as a length.
    static let boundaryIntegers: [UInt64] = [
        0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000,
        0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF,
    ]

    /// The same boundaries as text, for formats that write sizes in decimal (`.npy` shapes, JSON).
    static let numberWords = [
        "0", "-1", "65536", "2147483648", "4294967295", "4294967296", "9223372036854775807",
        "-9223372036854775808", "18446744073709551616", "1e308", "1e999", "-0.0", "3.5", "NaN",
    ]

    /// The boundaries the sweep writes at every offset (fewer than the random edits draw from,
    /// since every one costs six inputs per byte of every seed).
    static let sweepIntegers: [UInt64] = [
        0, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF,
    ]

    /// The inputs a seed gives before any random edit, as AFL's deterministic stages do: each
    /// decimal number, one at a time and then all at once, replaced by each boundary number;
    /// then, where `binary`, each of `sweepIntegers` written at every offset, 2, 4 and 8 bytes
    /// wide, in both byte orders. They reach the forged sizes that random edits hit only by luck
    /// (one exact value at one exact offset).
    public static func sweep(_ seed: [UInt8], binary: Bool) -> AnyIterator<[UInt8]> {
        let numbers = decimalNumbers(in: seed)
        let words = numberWords.map { Array($0.utf8) }
        let textSteps = numbers.isEmpty ? 0 : words.count * (numbers.count + 1)
        let fieldsPerOffset = sweepIntegers.count * 6
        let total = textSteps + (binary ? seed.count * fieldsPerOffset : 0)
        var step = 0
        return AnyIterator {
            guard step < total else { return nil }
            defer { step += 1 }
            var bytes = seed
            if step < textSteps {
                let word = words[step % words.count], which = step / words.count // numbers.count: all of them
                for (index, range) in numbers.enumerated().reversed() where which == numbers.count || which == index {
                    bytes.replaceSubrange(range, with: word)
                }
            } else {
                let offset = (step - textSteps) / fieldsPerOffset, kind = (step - textSteps) % fieldsPerOffset
                let value = sweepIntegers[kind / 6], width = [2, 4, 8][kind % 3]
                let field = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
                overwrite(&bytes, at: offset, with: kind % 6 < 3 ? field : field.reversed())
            }
            return bytes
        }
    }

    public mutating func int(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }

    /// One to four random edits of `input`; `others` are spliced from.
    public mutating func mutate(_ input: [UInt8], splicingFrom others: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0...int(4) { edit(&bytes, others: others) }
        return bytes
    }

    private mutating func edit(_ bytes: inout [UInt8], others: [[UInt8]]) {
        let at = int(bytes.count + 1)
        switch int(13) {
        case 0 where !bytes.isEmpty: // flip one bit
            bytes[min(at, bytes.count - 1)] ^= 1 << UInt8(int(8))
        case 1 where !bytes.isEmpty: // replace a byte
            bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
        case 2 where !bytes.isEmpty: // nudge a byte, as an off-by-one in a size would
            bytes[min(at, bytes.count - 1)] &+= UInt8(bitPattern: Int8(int(33) - 16))
        case 3: // insert random bytes
            bytes.insert(contentsOf: (0..<1 + int(16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
        case 4: // delete a range
            bytes.removeSubrange(at ..< min(bytes.count, at + 1 + int(32)))
        case 5: // a boundary integer over a size field, 1-8 bytes, either byte order
            let value = Self.boundaryIntegers[int(Self.boundaryIntegers.count)] &- UInt64(int(2))
            let width = [1, 2, 4, 8][int(4)]
            var field = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
            if int(2) == 0 { field.reverse() }
            Self.overwrite(&bytes, at: at, with: field)
        case 6: // truncate
            bytes.removeSubrange(at...)
        case 7 where !others.isEmpty: // splice: this input's head, another's tail
            let other = others[int(others.count)]
            bytes = Array(bytes[..<at]) + other[int(other.count + 1)...]
        case 8 where !bytes.isEmpty: // copy a range elsewhere (repeated chunks, entries, members)
            let start = int(bytes.count), length = 1 + int(min(64, bytes.count - start))
            let chunk = Array(bytes[start ..< min(bytes.count, start + length)])
            bytes.insert(contentsOf: chunk, at: int(bytes.count + 1))
        case 9: // a dictionary word, inserted or written over
            let word = dictionary[int(dictionary.count)]
            if int(2) == 0 { bytes.insert(contentsOf: word, at: at) } else { Self.overwrite(&bytes, at: at, with: word) }
        case 10: // a decimal number in the text (a shape, a size, a row) becomes a boundary one
            let numbers = Self.decimalNumbers(in: bytes)
            guard !numbers.isEmpty else { fallthrough }
            bytes.replaceSubrange(numbers[int(numbers.count)], with: Self.numberWords[int(Self.numberWords.count)].utf8)
        case 11: // each number, by a coin toss, becomes a boundary one (products of several sizes)
            for range in Self.decimalNumbers(in: bytes).reversed() where int(2) == 0 {
                bytes.replaceSubrange(range, with: Self.numberWords[int(Self.numberWords.count)].utf8)
            }
        default: // repeat one byte many times (deep nesting, long runs)
            let byte = bytes.isEmpty ? 0 : bytes[int(bytes.count)]
            bytes.insert(contentsOf: repeatElement(byte, count: 1 + int(1024)), at: at)
        }
    }

    /// Where the runs of ASCII digits are.
    private static func decimalNumbers(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let digit = (0x30...0x39).contains(byte)
            if digit, start == nil { start = index }
            if !digit, let first = start { ranges.append(first ..< index); start = nil }
        }
        if let first = start { ranges.append(first ..< bytes.count) }
        return ranges
    }

    private static func overwrite(_ bytes: inout [UInt8], at offset: Int, with field: [UInt8]) {
        let end = min(bytes.count, offset + field.count)
        bytes.replaceSubrange(offset ..< end, with: field)
    }
}
