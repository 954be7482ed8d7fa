import ArgumentParser
import Foundation

extension AsyncParsableCommand {
    /// ArgumentParser's entry point, except that usage errors (an unknown flag, a bad value,
    /// a `ValidationError`) exit with 2 like every other usage error; ArgumentParser uses 64.
    public static func mainExitingWithUsageStatus() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(ExitStatus.usageErrors)
        }
    }

}
