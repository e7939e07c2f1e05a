#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error number a system call set, with the system's message for it (`strerror`).
struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The `errno` value.
    let code: Int32

    /// The error the last failed system call on this thread set.
    static var current: SystemError { SystemError(code: errno) }

    /// The system's message, e.g. "No space left on device".
    var description: String { String(cString: strerror(code)) }

    /// The path does not exist (`ENOENT`).
    var isNoSuchFile: Bool { code == ENOENT }

    /// The call was interrupted by a signal and may be retried (`EINTR`).
    var isInterrupted: Bool { code == EINTR }
}
