/// Formats a Double the way JavaScript's `Number.prototype.toString` (and so `JSON.stringify`)
/// does: the shortest round-trip digits, plain notation for exponents from -7 to 20, otherwise
/// `d.ddde+N`. Swift's `description` already finds the shortest digits; only the notation differs.
enum JavaScriptNumberFormat {
    /// For a Float, the Float's own shortest digits (`0.7`, not those of its Double).
    static func string<Value: BinaryFloatingPoint & CustomStringConvertible>(_ value: Value) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" } // JavaScript prints -0 as 0 too.
        let (digits, pointPosition) = shortestDigits(of: abs(value).description)
        let sign = value < 0 ? "-" : ""
        let k = digits.count, n = pointPosition
        let body: String
        if k <= n && n <= 21 {
            body = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            body = String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        } else if -6 < n && n <= 0 {
            body = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let exponent = n - 1
            let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent))
        }
        return sign + body
    }

    /// The significant digits of a positive finite value's description and where the decimal point goes:
    /// value = 0.digits x 10^pointPosition, with no leading or trailing zeros in `digits`.
    private static func shortestDigits(of text: String) -> (digits: String, pointPosition: Int) {
        // e.g. "123.45", "1e-07", "1.5e+300"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1)
        let integerPart = String(mantissa[0])
        let fractionPart = mantissa.count == 2 ? String(mantissa[1]) : ""
        var digits = Substring(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits = digits.dropFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits = digits.dropLast() }
        return (String(digits), pointPosition)
    }
}
