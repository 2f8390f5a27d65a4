import LTXReport
import Testing

@Suite struct ShardTests {
    static func emails(_ count: Int) -> [String] { (1...count).map { "user\($0)@sim.example" } }

    /// The hash and the order it gives are part of the contract: changing either would move
    /// accounts between shards, and pseudonyms between weeks.
    @Test func theHashIsPinned() throws {
        #expect(EmailHash.of("studio-a@example.com") == EmailHash.of("Studio-A@Example.com"))
        // FNV-1a 64, checked against an independent Python reference.
        #expect(EmailHash.of("studio-a@example.com") == 0xC5FB_34D5_6447_812C)
        let file = Self.emails(16) + ["studio-a@example.com"]
        let shards = (1...8).map { index in Shard(index: index, count: 8)!.select(file) { $0 } }
        let owner = try #require(shards.firstIndex { $0.contains("studio-a@example.com") })
        #expect(owner + 1 == 7)
        #expect(shards.map(\.count) == [2, 2, 2, 2, 2, 2, 2, 3])
    }

    @Test(arguments: [1, 7, 8, 1_000, 1_003, 5_000])
    func everyAccountLandsInExactlyOneShardAndShardsAreEven(count: Int) {
        let file = Self.emails(count)
        for n in [1, 2, 3, 8, 16] {
            let shards = (1...n).map { Shard(index: $0, count: n)!.select(file) { $0 } }
            #expect(shards.flatMap { $0 }.sorted() == file.sorted())
            for shard in shards {
                // Each keeps the file's order, and holds n⁻¹ of the file (to the account).
                let members = Set(shard)
                #expect(shard == file.filter(members.contains))
                #expect(abs(shard.count * n - count) <= n)
            }
        }
    }

    @Test func parsing() {
        #expect(Shard("3/8") == Shard(index: 3, count: 8))
        #expect(Shard("3/8")?.description == "3/8")
        for bad in ["0/8", "9/8", "8", "a/b", "1/0", "1/1001", "-1/2", "1/2/3", ""] {
            #expect(Shard(bad) == nil, "\(bad)")
        }
    }
}
