import Foundation

/// A fresh folder under the system's temporary folder, removed with everything in it when the
/// value is no longer used.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder's path.
    public let path: String

    /// Creates a folder named `prefix` followed by a unique suffix.
    public init(_ prefix: String = "missive-test") throws {
        path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path` + "/" + `name`.
    public func appending(_ name: String) -> String { path + "/" + name }
}

/// A fresh folder under the system's temporary folder; the caller removes it (prefer
/// ``TemporaryFolder``, which removes itself).
public func temporaryFolder(_ prefix: String = "missive-test") throws -> String {
    let path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
