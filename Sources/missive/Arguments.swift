/// A command-line mistake: printed with a hint to use `--help`, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Splits a command's arguments into positionals and `--options`. Every argument starting with
/// `-` before a `--` is an option (an unknown one is an error); after `--`, everything is a
/// positional, so `missive search -- stalin -churchill` searches for `stalin -churchill`.
struct Arguments {
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    /// Parses `arguments`; `valued` names the options that take a value, `switches` those that don't.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String>) throws {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" || argument == "--" {
                if argument == "--" && !onlyPositionals { onlyPositionals = true; continue }
                positionals.append(argument)
                continue
            }
            // One dash: an option's short form is not accepted, and a query word is not taken for
            // one silently (POSIX: '--' ends the options).
            guard argument.hasPrefix("--") else {
                throw UsageError("unknown option \(argument) (options start with --; to search for letters without '\(argument.dropFirst())', quote the query, 'stalin \(argument)', or put the query after --: missive search -- stalin \(argument))")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if switches.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let value = inlineValue {
                    options[name] = value
                } else {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                    options[name] = arguments[index]
                    index += 1
                }
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// Throws a usage error when any of `options` (flags or valued) was given without `needed`
    /// (`--by` without `--timeline`): an option must never be ignored silently.
    func require(_ needed: String, for options: [String]) throws {
        guard !given(needed) else { return }
        if let stray = options.first(where: given) { throw UsageError("--\(stray) only works with --\(needed)") }
    }

    /// Throws a usage error when two of `options` were given together.
    func exclusive(_ options: [String], _ why: String = "") throws {
        let present = options.filter(given)
        guard present.count > 1 else { return }
        throw UsageError("--\(present[0]) and --\(present[1]) cannot be used together" + why)
    }

    /// Whether the option or flag `name` was given.
    func given(_ name: String) -> Bool { flags.contains(name) || options[name] != nil }

    /// Throws a usage error when there are positionals (for commands that take none).
    func noPositionals(_ command: String) throws {
        if let extra = positionals.first { throw UsageError("\(command) takes no arguments (got '\(extra)')") }
    }

    /// A positive integer option, or `default` when absent.
    func positiveInteger(_ name: String, default value: Int) throws -> Int {
        guard let text = options[name] else { return value }
        guard let number = Int(text), number > 0 else { throw UsageError("--\(name) needs a positive whole number, not '\(text)'") }
        return number
    }
}

/// A failure the command itself explains (exit status 1).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
