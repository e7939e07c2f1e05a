#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Ctrl-C and `kill`: instead of dying mid-write, the command runs a cleanup first (removing its
/// temporary files), then ends with the status a shell expects (128 + the signal).
enum Signals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// On SIGINT or SIGTERM, runs `cleanup` and exits.
    static func onInterruption(_ cleanup: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanup()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
