import Testing

@testable import LTXSimulator

/// The simulator keeps time: weekly creations and deletions, the same for the same seed.
@Suite struct InventoryWeeksTests {
    @Test func weeksCountFromTheEpoch() {
        #expect(InventoryGenerator.weeks(asOf: "2026-05-31") == 0)
        #expect(InventoryGenerator.weeks(asOf: "2026-06-01") == 0)
        #expect(InventoryGenerator.weeks(asOf: "2026-06-07") == 0)
        #expect(InventoryGenerator.weeks(asOf: "2026-06-08") == 1)
        #expect(InventoryGenerator.weeks(asOf: "2026-11-30") == 26)
        #expect(InventoryGenerator.weeks(asOf: "2026-13-01") == nil)
        #expect(InventoryGenerator.weeks(asOf: "soon") == nil)
    }

    @Test func eachWeekCreatesAndDeletesDeterministically() {
        let generator = InventoryGenerator(seed: 7)
        let emails = (1...40).map { "user\($0)@sim.example" }
        var busy = 0
        var deleting = 0
        for email in emails {
            let before = generator.assets(for: email, weeks: 3)
            let after = generator.assets(for: email, weeks: 4)
            #expect(after == generator.assets(for: email, weeks: 4))
            let (added, removed) = GroundTruth.change(from: before, to: after)
            if generator.isIdle(email) {
                #expect(added.total == 0, "\(email) is idle")
            } else if added.total > 0 {
                busy += 1
            }
            if removed.total > 0 { deleting += 1 }
            #expect(after.count == before.count + added.total - removed.total)
            // New assets are the newest: they lead the listing.
            #expect(after.prefix(added.total).allSatisfy { asset in !before.contains { $0.id == asset.id } })
        }
        #expect(busy > 20 && deleting > 10)
        #expect(emails.contains(where: generator.isIdle))
    }

    @Test func theSimulatorServesTheInventoryOfItsDate() {
        let accounts = [SimulatorConfiguration.Account(email: "a@example.com")]
        let base = Simulator(configuration: .init(accounts: accounts, seed: 3))
        let later = Simulator(configuration: .init(accounts: accounts, seed: 3, asOf: "2026-07-06"))
        #expect(base.inventory(for: "a@example.com") == InventoryGenerator(seed: 3).assets(for: "a@example.com"))
        #expect(
            later.inventory(for: "a@example.com") == InventoryGenerator(seed: 3).assets(for: "a@example.com", weeks: 5))
    }
}

/// Where a week's deletions fall: `recent` among the newest tenth of the listing,
/// `uniform` anywhere, `none` never; the simulator's last-week truth says what changed.
@Suite struct DeletionPlaceTests {
    static let emails = (1...30).map { "place\($0)@sim.example" }

    @Test func recentDeletionsFallAmongTheNewestTenth() {
        let generator = InventoryGenerator(seed: 11, assetCountRange: 300...2_000, deletions: .recent)
        var deleted = 0
        for email in Self.emails {
            let before = generator.assets(for: email, weeks: 5)
            let after = generator.assets(for: email, weeks: 6)
            let kept = Set(after.map(\.id))
            let gone = before.enumerated().filter { !kept.contains($0.element.id) }
            deleted += gone.count
            // Each removal draws from the newest tenth of what is left, so a removed asset
            // stood within the tenth plus the removals before it.
            for (position, _) in gone { #expect(position < before.count / 10 + gone.count, "\(email)") }
        }
        #expect(deleted > 0)
    }

    @Test func uniformDeletionsReachTheOlderPartToo() {
        let generator = InventoryGenerator(seed: 11, assetCountRange: 300...2_000, deletions: .uniform)
        var older = 0
        for email in Self.emails {
            let before = generator.assets(for: email, weeks: 5)
            let kept = Set(generator.assets(for: email, weeks: 6).map(\.id))
            older += before.enumerated().filter { $0.offset >= before.count / 2 && !kept.contains($0.element.id) }.count
        }
        #expect(older > 0)
    }

    @Test func noneDeletesNothingAndTheLastWeekIsTheTruth() {
        for place in DeletionPlace.allCases {
            let accounts = Self.emails.prefix(8).map { SimulatorConfiguration.Account(email: $0) }
            var configuration = SimulatorConfiguration(accounts: accounts, seed: 5, asOf: "2026-11-29")
            configuration.weeklyDeletions = place
            let now = Simulator(configuration: configuration)
            configuration.asOf = "2026-11-22"
            let before = Simulator(configuration: configuration)
            for account in accounts {
                let (added, removed) = now.lastWeek(for: account.email)
                let expected = GroundTruth.change(
                    from: before.inventory(for: account.email), to: now.inventory(for: account.email))
                #expect(added == expected.added && removed == expected.removed, "\(place) \(account.email)")
                if place == .none { #expect(removed.total == 0) }
            }
        }
    }
}

/// The weeks' deletions find the n-th remaining asset in a counting tree: the same as
/// removing from the list one by one.
@Suite struct RemainingIndexTests {
    @Test func itRemovesWhatRemoveAtRemoves() {
        var rng = SeededRandom(seed: 3, salt: "remaining")
        for size in [1, 2, 7, 64, 1_000] {
            var list = Array(0..<size)
            var index = RemainingIndex(count: size)
            for _ in 0..<Int(rng.next() % UInt64(size + 1)) {
                let rank = Int(rng.next() % UInt64(list.count))
                list.remove(at: rank)
                index.remove(nth: rank)
            }
            #expect(index.kept(Array(0..<size)) == list, "size \(size)")
            #expect(index.count == list.count)
        }
    }
}
