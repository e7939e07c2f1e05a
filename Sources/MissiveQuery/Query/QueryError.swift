/// A query that cannot be run, with the column (1-based, in characters) it points at.
public struct QueryError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What is wrong and how to write it instead.
    public var message: String
    /// The 1-based character column the problem starts at, or nil when it concerns the whole query.
    public var column: Int?

    /// Creates an error.
    public init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    /// `column N: message`, or the message alone.
    public var description: String {
        column.map { "column \($0): \(message)" } ?? message
    }
}
