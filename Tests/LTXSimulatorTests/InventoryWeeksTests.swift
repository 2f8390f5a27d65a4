import LTXSimulator
import Testing

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
