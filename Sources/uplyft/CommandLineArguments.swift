/// A small parser for `command [positional...] [--flag] [--option value]` lines.
///
/// Options are declared by the command that reads them; anything undeclared is an error, so a
/// typo in a flag never silently changes behaviour.
struct CommandLineArguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    /// Every value of each value option, in order (`repeated(_:)`); `options` keeps the last.
    private var allValues: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// `valueOptions` take a value (`--top 5` or `--top=5`); `flagOptions` take none.
    init(_ arguments: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            // An option is "-" and a letter or "--": "-0", "-1.5" and "-🎈" are query words.
            guard argument.hasPrefix("-"), let second = argument.dropFirst().first, second == "-" || (second.isASCII && second.isLetter) else {
                positional.append(argument)
                continue
            }
            if argument == "--" {
                positional.append(contentsOf: arguments[index...])
                break
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if valueOptions.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                options[name] = value
                allValues[name, default: []].append(value)
            } else if flagOptions.contains(name), inlineValue == nil {
                flags.insert(name)
            } else {
                throw UsageError("unknown option \(argument) (to search for a word that starts with \"-\", put it after --)")
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func string(_ name: String) -> String? { options[name] }
    /// Every value given to an option that may be repeated (`--category A --category B`), each
    /// taken whole: a value may hold commas ("Bags, Wallets & Luggage").
    func repeated(_ name: String) -> [String] { allValues[name] ?? [] }

    func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = options[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), got \(text)")
        }
        return value
    }

    func double(_ name: String) throws(UsageError) -> Double? {
        guard let text = options[name] else { return nil }
        guard let value = Double(text), value.isFinite else { throw UsageError("\(name) must be a number, got \(text)") }
        return value
    }

    /// A number within `range`; a value outside it (1e300 would become an infinite Float)
    /// is a usage error, not a silently different setting.
    func float(_ name: String, range: ClosedRange<Float>) throws(UsageError) -> Float? {
        guard let value = try double(name) else { return nil }
        guard Double(range.lowerBound) <= value, value <= Double(range.upperBound) else {
            throw UsageError("\(name) must be a number in \(range.lowerBound)...\(range.upperBound), got \(options[name] ?? "")")
        }
        return Float(value)
    }
}

/// A mistake in how the command was called; printed with the command's usage.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
