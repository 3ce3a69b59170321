import Foundation

/// Lists such as `0-7,42` (official `parse_range`): comma-separated numbers and inclusive ranges.
public enum IndexList {
    public static func parse(_ text: String, in bounds: ClosedRange<Int>, what: String) throws -> [Int] {
        var values: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let first = Int(ends[0]), let last = Int(ends[ends.count - 1]) else {
                throw GeneratorError(subject: "\(what) '\(text)'", reason: "'\(item)' is not a number or a range like 0-7")
            }
            guard first <= last else { throw GeneratorError(subject: "\(what) '\(text)'", reason: "range \(item) runs backwards") }
            guard bounds.contains(first), bounds.contains(last) else {
                throw GeneratorError(subject: "\(what) '\(text)'", reason: "\(item) is outside \(bounds.lowerBound)...\(bounds.upperBound)")
            }
            guard last - first < 1_000_000 - values.count else { throw GeneratorError(subject: "\(what) '\(text)'", reason: "too many values") }
            values += Array(first...last)
        }
        return values
    }

    /// Seeds 0...2^32-1.
    public static func seeds(_ text: String) throws -> [UInt32] {
        try parse(text, in: 0...Int(UInt32.max), what: "seeds").map { UInt32($0) }
    }
}
