/// Runs one task per element with at most `maxConcurrent` running at once, and returns
/// the results in the elements' order.
public enum FanOut {
    public static func map<Element: Sendable, Output: Sendable>(
        _ elements: [Element], maxConcurrent: Int, _ body: @escaping @Sendable (Element) async throws -> Output
    ) async throws -> [Output] {
        guard !elements.isEmpty else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            // Results are appended in order as they come, those that finish early waiting
            // in `early`: the array is the one returned, reserved once (only what is
            // written takes memory) and never copied — a result may be large, and there
            // may be tens of thousands.
            var results: [Output] = []
            results.reserveCapacity(elements.count)
            var early: [Int: Output] = [:]
            var next = 0
            // Start the first batch, then one more each time one finishes.
            while next < min(max(1, maxConcurrent), elements.count) {
                let index = next
                group.addTask { (index, try await body(elements[index])) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                early[index] = output
                while let ready = early.removeValue(forKey: results.count) { results.append(ready) }
                if next < elements.count {
                    let index = next
                    group.addTask { (index, try await body(elements[index])) }
                    next += 1
                }
            }
            return results
        }
    }
}
