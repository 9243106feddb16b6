#if canImport(Glibc)
import Glibc
import DurableFiles
#endif

/// `uplyft`: the command-line entry point. Each subcommand lives in its own type; this file
/// only dispatches and turns errors into exit codes (2 for usage, 1 for failures).
enum UplyftCommand {
    static let usage = """
        usage: uplyft <command> [options]

        commands:
          gen     --seed S --count N [-o FILE]        write a generated catalog (JSON Lines)
          index   CATALOG.jsonl -o INDEX [--strict]   build an index file
          index   --verify INDEX                      check every checksum of an index file
          search  INDEX "query words" [options]       search and print a table
          search  INDEX --batch QUERIES.tsv --top K   run queries from a file, timing to stderr
          serve   [--index PATH] [--port N] ...       serve the shop's page and API
          synonyms [FILE]                             check a synonyms file and list its rules
          user    add|passwd|list|remove [NAME]       manage shop accounts

        run `uplyft <command> --help` for a command's options.
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "gen": return try GenerateCommand.run(rest)
            case "index": return try IndexCommand.run(rest)
            case "search": return try SearchCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "synonyms": return try SynonymsCommand.run(rest)
            case "user": return try UserCommand.run(rest)
            case "help", "--help", "-h":
                print(usage)
                return 0
            default:
                printError("uplyft: unknown command '\(command)'\n\n\(usage)")
                return 2
            }
        } catch let error as UsageError {
            printError("uplyft \(command): \(error)")
            return 2
        } catch {
            printError("uplyft \(command): \(error)")
            return 1
        }
    }
}

/// One line to stderr in one write(2): `print(_:to:)` wrote the text and its newline
/// separately, two system calls per access-log line, and lines from concurrent threads
/// (event loops, workers) could interleave between the two.
func printError(_ message: String) {
    var line = message
    line += "\n"
    _ = writeAll(Array(line.utf8), to: STDERR_FILENO)
}

signal(SIGPIPE, SIG_IGN)
exit(UplyftCommand.run(Array(CommandLine.arguments.dropFirst())))
