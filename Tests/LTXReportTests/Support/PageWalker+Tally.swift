@testable import LTXReport

extension PageWalker {
    /// A walk into a fresh `Tally`, as the pipeline does it.
    func walk() async throws -> Walk<Tally> {
        try await walk(into: Tally())
    }
}

extension PageWalker.Walk where Accumulator == Tally {
    var tally: Tally { folded }
}
