import ArgumentParser
import Foundation
import LTXReport

/// Loads the accounts file, printing a refusal as one line and exiting 64.
func loadConfiguration(_ path: String) throws -> ReportConfiguration {
    do {
        return try ConfigLoader.load(path: path)
    } catch let error as ConfigError {
        Console.error(error.localizedDescription)
        throw ExitStatus.usage
    }
}

/// Finds the tokens in the environment, printing a refusal as one line and exiting 64.
func resolveTokens(_ configuration: ReportConfiguration) throws -> [String: String] {
    do {
        return try TokenResolver.resolve(configuration, environment: ProcessInfo.processInfo.environment)
    } catch let error as ConfigError {
        Console.error(error.localizedDescription)
        throw ExitStatus.usage
    }
}
