import MissiveHTTP
import MissiveIndex

/// `missive serve`: a local web page for searching and reading the letters.
enum ServeCommand {
    static let usage = """
    Usage: missive serve [--index PATH] [--port N] [--open] [--log] [--bind ADDR]
                         [--threads N] [--queue N] [--timeout SECONDS]

    Serves a web page for searching and reading the letters of an index, on this machine only
    (http://127.0.0.1:8080/ by default), until Ctrl-C. Pages: search (with the senders,
    recipients and timeline of the hits), each letter (matches marked, the letters before and
    after it between the same correspondents), correspondents. JSON: /api/search?q=,
    /api/letter?path=, /api/correspondents?q=, /api/timeline?q=&by=year|month (the shapes of the
    command line's --json). Nothing is written; letters are read from the index only. When
    'missive index' updates the index, the page shows the new state within a second.
      --index PATH       the index (default .missive; built from Corpus if missing)
      --port N           the port (default 8080; 0 picks a free one)
      --open             open the page in the default browser (xdg-open or open)
      --log              log each request on stderr: peer, time, request, status, bytes, ms
      --bind ADDR        listen on ADDR instead of 127.0.0.1 (e.g. 0.0.0.0: then anyone who can
                         reach this machine can read the letters; a warning is printed)
      --threads N        requests served at once (default 16)
      --queue N          connections that may wait for a thread before new ones are refused
                         with 503 (default 512)
      --timeout SECONDS  how long a request may take to arrive (default 10)

    Examples:
      missive serve --open
      missive serve --index ~/letters/.missive --port 9000 --log
    """

    static func run(_ arguments: [String]) throws {
        if MissiveCommand.wantsHelp(arguments, usage) { return }
        let parsed = try Arguments(arguments, valued: ["index", "port", "bind", "threads", "queue", "timeout"], switches: ["open", "log"])
        try parsed.noPositionals("serve")
        let portText = parsed.options["port"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else { throw UsageError("--port takes 0 to 65535, not '\(portText)'") }
        var settings = HTTPServer.Settings()
        settings.threads = try parsed.positiveInteger("threads", default: settings.threads)
        settings.queueCapacity = try parsed.positiveInteger("queue", default: settings.queueCapacity)
        guard settings.threads <= 1024, settings.queueCapacity <= 100_000 else { throw UsageError("--threads takes at most 1024 and --queue at most 100000") }
        if let text = parsed.options["timeout"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else { throw UsageError("--timeout takes seconds between 0 and 3600, not '\(text)'") }
            settings.requestTimeout = seconds
            settings.idleTimeout = min(settings.idleTimeout, seconds)
        }
        if parsed.flags.contains("log") { settings.log = { Console.writeToStandardError($0) } }
        var address = parsed.options["bind"] ?? "127.0.0.1"
        if address == "localhost" { address = "127.0.0.1" }

        let reader = try SearchCommand.openIndex(explicit: parsed.options["index"])
        let listener: Socket
        do {
            listener = try Socket.listening(address: address, port: port)
        } catch let error as SocketError {
            throw CommandError("cannot serve on \(address) port \(port): \(error.description)" + (port != 0 ? " (pick another with --port N, or --port 0 for any free port)" : ""))
        }
        if !(address.hasPrefix("127.") || address == "::1") {
            Terminal.error("warning: listening on \(address): anyone who can reach this machine on port \(listener.localPort) can read the letters of \(reader.path)")
        }
        let host = address.contains(":") ? "[\(address)]" : address
        let url = "http://\(host):\(listener.localPort)/"
        Console.writeToStandardOutput("Serving \(reader.path) (\(Terminal.count(reader.letterCount)) letters) at \(url) — Ctrl-C to stop.\n")
        if parsed.flags.contains("open") && !Console.openInBrowser(url) {
            Terminal.error("could not start a browser (no xdg-open or open); open \(url) yourself")
        }
        // Ctrl-C: say so and end (the kernel closes the sockets; nothing was being written).
        Signals.onInterruption { Console.writeToStandardError("Stopped serving \(url)\n") }
        // Each request reads the index as last published: `missive index` may update it meanwhile.
        let live = LiveIndex(reader) { Console.writeToStandardError($0 + "\n") }
        HTTPServer(listener: listener, settings: settings) { WebSite(reader: live.current()).respond(to: $0) }.run()
    }
}
