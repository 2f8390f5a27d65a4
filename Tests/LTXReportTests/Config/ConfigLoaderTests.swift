import Foundation
import LTXReport
import Testing

@Suite struct ConfigLoaderTests {
    static let badDirectory = TestPaths.fixtures.appendingPathComponent("configs/bad")

    static var badFixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: badDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every broken file has its expected message and every message its file, so no
    /// fixture is silently left out of the test below.
    @Test func everyBrokenConfigComesWithItsMessage() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.badDirectory.path)
        let configs = Set(names.filter { $0.hasSuffix(".toml") }.map { $0.dropLast(5) })
        let messages = Set(names.filter { $0.hasSuffix(".expected") }.map { $0.dropLast(9) })
        #expect(configs == messages)
        #expect(names.allSatisfy { $0.hasSuffix(".toml") || $0.hasSuffix(".expected") })
        #expect(!configs.isEmpty)
    }

    /// Each broken file is refused with exactly its expected one-line message, which
    /// names the file, the line and (where one is at fault) the key.
    @Test(arguments: badFixtures)
    func brokenConfigIsRefusedWithItsMessage(name: String) throws {
        let path = Self.badDirectory.appendingPathComponent("\(name).toml").path
        let expected = try String(
            contentsOf: Self.badDirectory.appendingPathComponent("\(name).expected"), encoding: .utf8
        )
        .trimmingCharacters(in: .newlines)
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: path) }
        let message = try #require(error.errorDescription).replacingOccurrences(
            of: Self.badDirectory.path + "/", with: "")
        #expect(message == expected)
        #expect(!message.contains("\n"))
        #expect(error.line != nil)
        #expect(message.hasPrefix("\(name).toml:\(error.line!): "))
    }

    @Test func aMissingFileIsNamed() throws {
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/accounts.toml") }
        #expect(error.errorDescription == "/nonexistent/accounts.toml: The accounts file does not exist.")
    }

    @Test func aDirectoryIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: directory.path) }
        #expect(error.errorDescription == "\(directory.path): This is a directory, not an accounts file.")
    }

    @Test func theExampleFileLoadsWithItsDocumentedValues() throws {
        let path = TestPaths.packageRoot.appendingPathComponent("accounts.example.toml").path
        let config = try ConfigLoader.load(path: path)
        #expect(config.api == APISettings())
        #expect(config.accounts.count == 5)
        let first = config.accounts[0]
        var studioA = AccountSettings(email: "studio-a@example.com", label: "Studio A")
        studioA.team = "Studios"
        #expect(first == studioA)
        #expect(config.accounts.map(\.team) == ["Studios", "Studios", "Growth", "Growth", nil])
        #expect(config.cost == CostSettings(currency: "USD", perCredit: 0.01))
        #expect(
            config.teams == [
                TeamSettings(name: "Studios", label: "Studios", ownerEmail: "lead@example.com", weeklyCreditBudget: 50)
            ])
        #expect(config.accounts[1].requestsPerSecond == 3)
        #expect(config.accounts[3].email == "agency+ltx@example.org" && config.accounts[3].maxInFlight == 2)
        #expect(config.accounts[4].label == nil && config.accounts[4].displayName == "research@example.net")
        #expect(config.alerts == AlertSettings())
    }

    @Test func alertsAndAccountDetailsAreRead() throws {
        let config = try ConfigLoader.parse(
            """
            [api]
            account_details = false
            [alerts]
            low_balance = 250.5
            session_expiry_days = 0
            inactive_weeks = 4
            [[accounts]]
            email = "a@example.com"
            """, path: "alerts.toml")
        #expect(!config.api.accountDetails)
        #expect(config.alerts.lowBalance == 250.5)
        #expect(config.alerts.sessionExpiryDays == 0 && config.alerts.inactiveWeeks == 4)
    }

    @Test func notifyNamesTheWebhookVariablesAndWhenToPost() throws {
        let config = try ConfigLoader.parse(
            """
            [notify]
            slack_webhook_env = "REPORTS_SLACK_HOOK"
            teams_webhook_env = "REPORTS_TEAMS_HOOK"
            when = "attention"
            timeout_seconds = 5
            max_attempts = 2
            [[accounts]]
            email = "a@example.com"
            """, path: "notify.toml")
        #expect(config.notify.environmentVariable(for: .slack) == "REPORTS_SLACK_HOOK")
        #expect(config.notify.environmentVariable(for: .teams) == "REPORTS_TEAMS_HOOK")
        #expect(config.notify.when == .attention)
        #expect(config.notify.timeoutSeconds == 5 && config.notify.maxAttempts == 2)
        let plain = try ConfigLoader.parse("[[accounts]]\nemail = \"a@example.com\"", path: "plain.toml")
        #expect(plain.notify == NotifySettings())
        #expect(plain.notify.slackWebhookEnv == "SLACK_WEBHOOK_URL" && plain.notify.when == .always)
    }

    @Test func teamsCostAndBudgetsAreRead() throws {
        let config = try ConfigLoader.parse(
            """
            [alerts]
            runway_weeks = 2.5
            [cost]
            currency = "EUR"
            per_credit = 0.02
            [defaults]
            team = "Studios"
            [teams."Studios"]
            label = "The studios"
            owner_email = "lead@example.com"
            weekly_credit_budget = 1500
            [teams.Growth]
            weekly_credit_budget = 200
            [[accounts]]
            email = "a@example.com"
            [[accounts]]
            email = "b@example.com"
            team = "Growth"
            """, path: "teams.toml")
        #expect(config.accounts.map(\.team) == ["Studios", "Growth"])
        #expect(config.alerts.runwayWeeks == 2.5)
        #expect(config.cost == CostSettings(currency: "EUR", perCredit: 0.02))
        #expect(
            config.teams == [
                TeamSettings(name: "Growth", weeklyCreditBudget: 200),
                TeamSettings(
                    name: "Studios", label: "The studios", ownerEmail: "lead@example.com", weeklyCreditBudget: 1_500),
            ])
        // --team: only those teams' accounts; the others are still the file's (not "unlisted").
        let growth = try config.onlyTeams(["Growth"])
        #expect(growth.accounts.map(\.email) == ["b@example.com"] && growth.teams.map(\.name) == ["Growth"])
        #expect(growth.unlisted(["T": ["a@example.com", "c@example.com"]]).map(\.email) == ["c@example.com"])
        let error = try #require(throws: ConfigError.self) { try config.onlyTeams(["Sales"]) }
        #expect(
            error.errorDescription
                == "teams.toml: --team 'Sales': no account is in that team; the teams are 'Growth', 'Studios'.")
    }

    @Test func defaultsAreInheritedAndOverridden() throws {
        let config = try ConfigLoader.parse(
            """
            [api]
            base_url = "http://127.0.0.1:8080/v1/ltxstudio/"
            token_env = "TEAM_TOKEN"
            page_size = 50

            [defaults]
            requests_per_second = 5
            burst = 7
            filter = "videos"

            [[accounts]]
            email = "a@example.com"

            [[accounts]]
            email = "b@example.com"
            burst = 1
            filter = "all"
            token_env = "OTHER_TOKEN"
            """, path: "inline.toml")
        #expect(config.api.baseURL == "http://127.0.0.1:8080/v1/ltxstudio")
        #expect(config.api.pageSize == 50)
        #expect(
            config.accounts[0]
                == AccountSettings(
                    email: "a@example.com", requestsPerSecond: 5, burst: 7, filter: .videos, tokenEnv: "TEAM_TOKEN"))
        #expect(
            config.accounts[1]
                == AccountSettings(
                    email: "b@example.com", requestsPerSecond: 5, burst: 1, filter: .all, tokenEnv: "OTHER_TOKEN"))
    }

    @Test func theTokenComesFromTheEnvironmentOnly() throws {
        let config = try ConfigLoader.parse(
            """
            [[accounts]]
            email = "a@example.com"

            [[accounts]]
            email = "b@example.com"
            token_env = "SECOND_TOKEN"
            """, path: "inline.toml")
        let tokens = try TokenResolver.resolve(config, environment: ["USEAPI_TOKEN": "one", "SECOND_TOKEN": " two\n"])
        #expect(tokens == ["USEAPI_TOKEN": "one", "SECOND_TOKEN": "two"])

        let missing = try #require(throws: ConfigError.self) {
            try TokenResolver.resolve(config, environment: ["USEAPI_TOKEN": "one", "SECOND_TOKEN": ""])
        }
        #expect(
            missing.errorDescription
                == "inline.toml:6: key 'token_env': The environment variable SECOND_TOKEN is not set; export it with your useapi.net API token (or run with --demo)."
        )
        let defaultMissing = try #require(throws: ConfigError.self) {
            try TokenResolver.resolve(config, environment: [:])
        }
        #expect(defaultMissing.errorDescription?.contains("USEAPI_TOKEN is not set") == true)
    }

    @Test(arguments: [
        ("alice@example.com", true), ("first.last+tag@sub.example.co.uk", true), ("a_b-c@x-y.io", true),
        ("alice@", false), ("@example.com", false), ("alice@@example.com", false), ("alice@example", false),
        ("alice@example.c0m", false), (".alice@example.com", false), ("al..ice@example.com", false),
        ("alice@-example.com", false), ("alice@exa_mple.com", false), ("ali ce@example.com", false), ("", false),
    ])
    func emailValidation(email: String, valid: Bool) {
        #expect(EmailAddress.isValid(email) == valid)
    }
}
