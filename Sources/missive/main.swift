import MissiveIndex
import MissiveQuery

/// The `missive` command: a thin client of MissiveIndex and MissiveQuery.
let status: Int32
do {
    try MissiveCommand.run(Array(CommandLine.arguments.dropFirst()))
    status = 0
} catch let error as UsageError {
    Terminal.error("missive: \(error.description)\nRun 'missive --help' for usage.")
    status = 2
} catch let error as QueryError {
    Terminal.error("missive: bad query: \(error.description)")
    status = 2
} catch let error as CommandError {
    Terminal.error("missive: \(error.description)")
    status = 1
} catch let error as IndexError {
    Terminal.error("missive: \(error.description)\(MissiveCommand.advice(for: error))")
    status = 1
} catch {
    Terminal.error("missive: \(error)")
    status = 1
}
Console.exit(status)
