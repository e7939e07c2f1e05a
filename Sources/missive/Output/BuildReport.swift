import MissiveIndex

/// The summary a build or update prints: warnings and skipped files on standard error, then one
/// line of figures and one of what was skipped.
enum BuildReport {
    enum Stream { case standardOutput, standardError }

    static func print(_ summary: IndexBuildSummary, indexPath: String, to stream: Stream) {
        let emit: (String) -> Void = stream == .standardOutput ? { Swift.print($0) } : { Terminal.error($0) }
        for warning in summary.warnings.prefix(20) { Terminal.error("warning: \(warning.path): \(warning.message)") }
        if summary.warnings.count > 20 { Terminal.error("warning: … and \(summary.warnings.count - 20) more") }
        for skipped in summary.skipped.prefix(20) { Terminal.error("skipped: \(skipped.path): \(skipped.reason)") }
        if summary.skipped.count > 20 { Terminal.error("skipped: … and \(summary.skipped.count - 20) more") }
        for folder in summary.unreadableFolders.prefix(20) { Terminal.error("skipped: folder \(folder.path): \(folder.reason)") }
        if let note = summary.note { Terminal.error("note: \(note)") }
        let letters = "\(Terminal.count(summary.letters)) letter\(summary.letters == 1 ? "" : "s")"
        switch summary.action {
        case .upToDate:
            emit("Index is up to date (\(letters)).")
        case .updated:
            var line = "Updated \(indexPath): \(Terminal.count(summary.added)) added, \(Terminal.count(summary.changed)) changed, "
            line += "\(Terminal.count(summary.removed)) removed (\(letters)) in \(Terminal.fixed(summary.seconds, 2)) s"
            if summary.mergedSegments > 0 { line += "; \(summary.mergedSegments) segments merged" }
            emit(line + ".")
        case .built:
            let rate = summary.seconds > 0 ? Double(summary.bytesIndexed) / 1_000_000 / summary.seconds : 0
            emit("Indexed \(Terminal.count(summary.lettersIndexed)) letter\(summary.lettersIndexed == 1 ? "" : "s") (\(Terminal.megabytes(summary.bytesIndexed))) in \(Terminal.fixed(summary.seconds, 2)) s, \(Terminal.fixed(rate, 1)) MB/s; index \(Terminal.megabytes(summary.indexBytes)) at \(indexPath).")
        }
        if !summary.skipped.isEmpty {
            let reasons = summary.skippedByReason.map { "\($0.count) \($0.category)" }.joined(separator: ", ")
            emit("Skipped \(Terminal.count(summary.skipped.count)) file\(summary.skipped.count == 1 ? "" : "s"): \(reasons).")
        }
        if !summary.unreadableFolders.isEmpty {
            let count = summary.unreadableFolders.count
            emit("Skipped \(Terminal.count(count)) unreadable folder\(count == 1 ? "" : "s") (see above).")
        }
        if !summary.warnings.isEmpty {
            emit("\(Terminal.count(summary.warnings.count)) warnings (see above).")
        }
    }
}
