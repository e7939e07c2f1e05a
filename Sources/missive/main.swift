#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MissiveIndex
import MissiveQuery

/// The `missive` command: a thin client of MissiveIndex and MissiveQuery.
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
    try Commands.run(arguments)
    status = 0
} catch let error as UsageError {
    Terminal.error("missive: \(error.description)\nRun 'missive --help' for usage.")
    status = 2
} catch let error as QueryError {
    Terminal.error("missive: bad query: \(error.description)")
    status = 2
} catch {
    Terminal.error("missive: \(error)")
    status = 1
}
exit(status)
