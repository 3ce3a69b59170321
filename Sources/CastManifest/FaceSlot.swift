import StyleCastIO

/// One of the 8 faces of a face set (RPG Maker's `faceIndex` 0-7): the character's face, with
/// an expression preset mixed into a few rows. Written `"happy"` (the expression on the
/// expression row) or `{"expression": "happy", "rows": [6], "mode": {"weight": 0.7}}`.
public struct FaceSlot: Equatable, Sendable {
    /// A preset name, or `neutral` for the character's face unchanged.
    public var expression: String
    /// The rows the expression changes; nil for `neutral`.
    public var rows: RowList?
    /// Whether the manifest names the rows. When it does not, a face model that records its
    /// expression rows (`stylecast_rows` metadata) mixes into those instead of `expressionRows`.
    public var rowsGiven: Bool
    public var mode: MixMode
    /// Where the slot is written (or, for built-in defaults, the object they stand for).
    public let position: SourcePosition

    public init(expression: String, rows: RowList?, mode: MixMode = .replace, rowsGiven: Bool = false, position: SourcePosition) {
        self.expression = expression
        self.rows = rows
        self.rowsGiven = rowsGiven
        self.mode = mode
        self.position = position
    }

    public static let neutral = "neutral"
    /// A face set holds 8 faces.
    public static let count = 8
    /// The row that carries facial expression in a face model that does not say which rows do
    /// (row 1 turns the head).
    public static let expressionRows = [6]
    /// The faces a manifest gets unless it says otherwise, in `faceIndex` order.
    public static let standardExpressions = ["neutral", "happy", "worried", "angry", "sad", "surprised", "eyes-closed", "determined"]

    /// The standard 8 slots, each expression on the expression row.
    public static func standardSet(at position: SourcePosition) -> [FaceSlot] {
        standardExpressions.map { expression in
            FaceSlot(expression: expression,
                     rows: expression == neutral ? nil : RowList(expressionRows, position: position),
                     position: position)
        }
    }
}

extension ManifestReader {
    mutating func faceSlots(_ field: Field) -> [FaceSlot]? {
        guard let elements = array(field) else { return nil }
        guard elements.count == FaceSlot.count else {
            report(field, "must list exactly \(FaceSlot.count) face slots (faceIndex 0-7), not \(elements.count)")
            return nil
        }
        let slots = elements.map { faceSlot($0) }
        return slots.contains(nil) ? nil : slots.compactMap { $0 }
    }

    mutating func faceSlot(_ field: Field) -> FaceSlot? {
        let here = position(of: field)
        if let expression = field.value.stringValue {
            guard !expression.isEmpty else {
                report(field, "needs an expression name, e.g. \"happy\" or \"neutral\"")
                return nil
            }
            let rows = expression == FaceSlot.neutral ? nil : RowList(FaceSlot.expressionRows, position: here)
            return FaceSlot(expression: expression, rows: rows, position: here)
        }
        guard field.value.objectValue != nil else {
            report(field, "must be an expression name such as \"happy\", or {\"expression\": \"happy\", \"rows\": [6]}, not \(field.value.brief)")
            return nil
        }
        guard let members = object(field, keys: ["expression", "rows", "mode"]) else { return nil }
        let expression = require("expression", in: members, of: field, "an expression preset name, or \"neutral\"")
            .flatMap { string($0, nonEmpty: true) }
        guard let expression else { return nil }
        if expression == FaceSlot.neutral {
            if let extra = members["rows"] ?? members["mode"] {
                report(extra, "a neutral face mixes nothing; remove it or name an expression")
                return nil
            }
            return FaceSlot(expression: expression, rows: nil, position: here)
        }
        let rows = members["rows"].map { rowList($0) } ?? RowList(FaceSlot.expressionRows, position: here)
        let mode = members["mode"].map { mixMode($0) } ?? .replace
        guard let rows, let mode else { return nil }
        return FaceSlot(expression: expression, rows: rows, mode: mode, rowsGiven: members["rows"] != nil, position: here)
    }
}
