import Foundation

/// Runs the `uplyft` binary built next to this test bundle (the test target depends on the
/// executable, so SwiftPM builds it first), the way a shell or the Makefile does.
struct UplyftProcess {
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The binary in the same build directory as the running test executable.
    static func binaryPath() throws -> String {
        let candidates = [Bundle.main.executablePath, CommandLine.arguments.first].compactMap { $0 }.map {
            URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("uplyft").path
        }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "no uplyft binary next to the tests (looked at \(candidates)); build with `swift build --build-tests`")
        }
        return path
    }

    /// Runs `uplyft arguments...` to completion in `directory`; output goes through files in
    /// that directory (removed with it), so a chatty command can never block on a full pipe.
    static func run(_ arguments: [String], in directory: String, environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binaryPath())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        let name = UUID().uuidString
        let outputPath = directory + "/.stdout-" + name, errorPath = directory + "/.stderr-" + name
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              FileManager.default.createFile(atPath: errorPath, contents: nil) else {
            throw Failure(description: "cannot create output files in \(directory)")
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Outcome(status: process.terminationStatus,
                       output: try String(contentsOfFile: outputPath, encoding: .utf8),
                       errors: try String(contentsOfFile: errorPath, encoding: .utf8))
    }
}
