import Foundation
import LTXReport
import LTXSimulator
import Testing

/// Weekly runs that read only what changed, through the real pipeline and client against
/// the simulator: in each place deletions happen, the counts, added and removed equal a
/// full walk's and the ground truth's.
@Suite struct IncrementalWalkTests {
    static let emails = (1...6).map { "incremental\($0)@change.example" }

    static func simulator(
        _ emails: [String], asOf date: String, deletions: DeletionPlace, faults: Bool = false, drift: String? = nil,
        misordered: (email: String, at: Int)? = nil
    ) -> Simulator {
        var configuration = SimulatorConfiguration(
            token: ClientSimulatorTests.token,
            accounts: emails.map { email in
                var account = SimulatorConfiguration.Account(
                    email: email, drift: email == drift ? .init(everyRequests: 2, insert: 3, times: 2) : nil)
                account.swapsAt = email == misordered?.email ? misordered?.at : nil
                return account
            },
            seed: 2027, assetCountRange: 300...2_500, serverErrorRate: faults ? 0.05 : 0,
            truncatedBodyRate: faults ? 0.03 : 0, asOf: date)
        configuration.weeklyDeletions = deletions
        return Simulator(configuration: configuration)
    }

    /// Last week's run, saved; this week's with its snapshot's listings, and a full one.
    static func weeks(
        deletions: DeletionPlace, faults: Bool = false, drift: String? = nil,
        misordered: (email: String, at: Int)? = nil,
        emails: [String] = emails, lastWeekEmails: [String]? = nil
    ) async throws -> (changes: RunReport, full: RunReport, after: Simulator) {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let before = simulator(lastWeekEmails ?? emails, asOf: "2026-11-22", deletions: deletions)
        let folder = try WeeklyChangeTests.save(try await WeeklyChangeTests.run(before, date: "2026-11-22"), in: output)
        let listings = try #require(
            PreviousListings.load(
                output: output.path, compareTo: nil, before: "2026-11-29", filterOverride: nil, logger: .quiet()))
        let after = simulator(
            emails, asOf: "2026-11-29", deletions: deletions, faults: faults, drift: drift, misordered: misordered)
        let changes = try await SimulatorRun.report(after, date: "2026-11-29", emails: emails) {
            $0.keepsInventory = true
            $0.previous = listings
        }
        let full = try await WeeklyChangeTests.run(after, date: "2026-11-29", emails: emails)
        return (
            try WeeklyComparison.compare(changes, with: folder, logger: .quiet()),
            try WeeklyComparison.compare(full, with: folder, logger: .quiet()), after
        )
    }

    static func expectExact(_ changes: RunReport, _ full: RunReport, _ after: Simulator) throws {
        for (account, walked) in zip(changes.accounts, full.accounts) {
            #expect(account.counts == walked.counts, "\(account.email)")
            #expect(account.inventory?.ids == walked.inventory?.ids, "\(account.email)")
            #expect(account.change == walked.change, "\(account.email)")
            guard case .compared(_, let added, let removed)? = account.change else { continue }
            let truth = after.lastWeek(for: account.email)
            #expect(added == ClientSimulatorTests.expected(truth.added), "\(account.email)")
            #expect(removed == ClientSimulatorTests.expected(truth.removed), "\(account.email)")
        }
    }

    @Test(arguments: DeletionPlace.allCases)
    func everyPlaceOfDeletionIsExactAndReadsLess(_ place: DeletionPlace) async throws {
        let (changes, full, after) = try await Self.weeks(deletions: place)
        try Self.expectExact(changes, full, after)
        let walks = changes.accounts.compactMap(\.walk)
        #expect(walks.count == Self.emails.count && walks.allSatisfy { $0.incremental && $0.fallback == nil })
        let read = walks.reduce(0) { $0 + $1.pagesRead }
        let fullPages = full.accounts.reduce(0) { $0 + $1.stats.pages }
        #expect(read < fullPages)
        #expect(walks.reduce(0) { $0 + $1.fullWalkPages } == fullPages)
        if place == .none {
            #expect(read <= Self.emails.count * 2)
        }
    }

    @Test func serverFaultsAreRetriedAndTheCountsStayExact() async throws {
        let (changes, full, after) = try await Self.weeks(deletions: .recent, faults: true)
        try Self.expectExact(changes, full, after)
        #expect(changes.accounts.allSatisfy { $0.walk?.incremental == true })
    }

    @Test func aListingThatMovesDuringTheWalkIsReadInFullAndStaysExact() async throws {
        let (changes, _, after) = try await Self.weeks(deletions: .uniform, drift: Self.emails[1])
        let moved = changes.accounts[1]
        let walk = try #require(moved.walk)
        #expect(!walk.incremental)
        #expect(walk.fallback?.contains("moved during the walk") == true)
        // The drift's inserts are real assets this week: the full walk counts them all.
        #expect(moved.counts.total == after.groundTruth(for: moved.email).total)
        #expect(changes.accounts.enumerated().allSatisfy { $0.offset == 1 || $0.element.walk?.incremental == true })
    }

    @Test func aServerBreakingTheOrderInAPageReadIsReadInFullAndStaysExact() async throws {
        // The first two of last week's assets, just after this week's new ones, swapped.
        let new = Self.simulator(Self.emails, asOf: "2026-11-29", deletions: .recent).lastWeek(for: Self.emails[3])
        let (changes, full, after) = try await Self.weeks(
            deletions: .recent, misordered: (Self.emails[3], new.added.total))
        try Self.expectExact(changes, full, after)
        let walk = try #require(changes.accounts[3].walk)
        #expect(!walk.incremental && walk.fallback?.contains("order") == true)
        #expect(walk.pagesRead > walk.fullWalkPages, "the pages of the walk of the changes, then the full walk's")
    }

    @Test func aNewAccountIsReadInFull() async throws {
        let (changes, full, after) = try await Self.weeks(
            deletions: .recent, lastWeekEmails: Array(Self.emails.dropLast()))
        try Self.expectExact(changes, full, after)
        #expect(changes.accounts.last?.walk?.incremental == false)
        #expect(changes.accounts.last?.walk?.fallback == nil)
        #expect(changes.accounts.dropLast().allSatisfy { $0.walk?.incremental == true })
    }

    @Test func aSnapshotOfAnotherFilterOrAnOldFullWalkIsNotUsed() throws {
        let inventory = AccountInventory(
            keys: [AssetKey(mimeType: "video/mp4", type: "video", subtype: "")], ids: [1, 2], kinds: [0, 0],
            listed: [0, 1])
        let email = "a@example.com"
        let account = Snapshot.Account(
            key: EmailHash.of(email), filter: .videos, inventory: inventory, lastFullWalk: "2026-11-01")
        let listings = PreviousListings(Snapshot(reportDate: "2026-11-22", filterOverride: nil, accounts: [account]))
        func isFull(_ plan: PreviousListings.Plan) -> String? {
            if case .full(let reason) = plan { return reason }
            return nil
        }
        #expect(
            isFull(listings.plan(email: email, filter: .all, day: "2026-11-29", fullWalkAfterDays: 28))?.contains(
                "filter") == true)
        #expect(isFull(listings.plan(email: email, filter: .videos, day: "2026-11-29", fullWalkAfterDays: 28)) == nil)
        #expect(isFull(listings.plan(email: email, filter: .videos, day: "2026-11-30", fullWalkAfterDays: 28)) != nil)
        #expect(isFull(listings.plan(email: email, filter: .videos, day: "2026-11-29", fullWalkAfterDays: 0)) != nil)
        #expect(
            isFull(listings.plan(email: "b@example.com", filter: .videos, day: "2026-11-29", fullWalkAfterDays: 28))
                != nil)
        var unordered = account
        unordered.inventory?.order = nil
        let older = PreviousListings(Snapshot(reportDate: "2026-11-22", filterOverride: nil, accounts: [unordered]))
        #expect(
            isFull(older.plan(email: email, filter: .videos, day: "2026-11-29", fullWalkAfterDays: 28))?.contains(
                "order") == true)
    }

    /// How the listings were read is in report.json (and read back), report.md, the console
    /// and `--stats`, with the accounts that fell back and why.
    @Test func everyOutputSaysHowTheListingsWereRead() async throws {
        let (changes, _, _) = try await Self.weeks(deletions: .uniform, drift: Self.emails[0])
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let folder = try WeeklyChangeTests.save(changes, in: output, formats: [.json])
        let back = try ReportReader.read(path: folder)
        #expect(back.accounts.map(\.walk) == changes.accounts.map(\.walk))
        let json = try String(contentsOfFile: folder + "/report.json", encoding: .utf8)
        #expect(json.contains("\"walks\" : {") && json.contains("\"accounts_by_changes\" : 5"))
        #expect(json.contains("\"method\" : \"changes\"") && json.contains("\"fallback\" : \"the listing moved"))

        let view = ReportView(back)
        let walks = try #require(view.provenance.walks)
        #expect(walks.byChanges == 5 && walks.inFull == 1 && walks.fallbacks.count == 1)
        let sentence = walks.sentence.plain
        #expect(sentence.hasPrefix("Only what changed since the last snapshot was read for 5 of 6 accounts: "))
        #expect(sentence.contains("Read in full after a check failed: Label of \(Self.emails[0]) (the listing moved"))
        #expect(MarkdownReport.render(view).contains(sentence))
        #expect(ConsoleSummary.render(view, paths: [], elapsed: nil).contains(sentence))
        let stats = ConsoleSummary.renderStats(view)
        #expect(stats.contains("Full") && stats.contains("read in full: the listing moved"))
    }
}
