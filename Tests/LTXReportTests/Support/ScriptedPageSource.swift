import LTXReport
import Synchronization

/// A page source that answers from a closure and records what was asked, for walks
/// with no HTTP at all.
final class ScriptedPageSource: PageSource {
    typealias Script = @Sendable (_ page: Int, _ call: Int) throws(APIError) -> AssetsPage

    private let script: Script
    private let state = Mutex((requested: [Int](), inFlight: 0, peakInFlight: 0))
    /// A pause per request, so pipelining can be observed.
    private let delay: Duration

    init(delay: Duration = .zero, _ script: @escaping Script) {
        self.delay = delay
        self.script = script
    }

    func page(_ number: Int) async throws(APIError) -> (page: AssetsPage, bytes: Int) {
        let call = state.withLock {
            $0.requested.append(number)
            $0.inFlight += 1
            $0.peakInFlight = max($0.peakInFlight, $0.inFlight)
            return $0.requested.count
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        defer { state.withLock { $0.inFlight -= 1 } }
        return (try script(number, call), 100)
    }

    /// Page numbers in the order requested, retries included.
    var requested: [Int] { state.withLock { $0.requested } }
    var peakInFlight: Int { state.withLock { $0.peakInFlight } }

    /// A listing of `items` cut into pages of `limit`, as the reference page describes.
    static func listing(_ items: [AssetItem], limit: Int) -> Script {
        { page, _ in ScriptedPageSource.page(items, page: page, limit: limit) }
    }

    static func page(_ items: [AssetItem], page: Int, limit: Int) -> AssetsPage {
        let totalPages = (items.count + limit - 1) / limit
        let start = min(items.count, (page - 1) * limit)
        let slice = Array(items[start..<min(items.count, start + limit)])
        return AssetsPage(
            items: slice,
            meta: PageMeta(
                totalItems: items.count, itemCount: slice.count, itemsPerPage: limit, totalPages: totalPages,
                currentPage: page))
    }
}

/// `count` distinct items with ids `prefix0`, `prefix1`, …, cycling through a few kinds.
func makeItems(_ count: Int, prefix: String = "id") -> [AssetItem] {
    let kinds: [(String, String, String?)] = [
        ("video/mp4", "artifact", "model-serving"), ("image/png", "image", nil), ("audio/mpeg", "audio", nil),
        ("video/mp4", "video", nil), ("application/json", "artifact", "project-state"),
    ]
    return (0..<count).map { index in
        let kind = kinds[index % kinds.count]
        return AssetItem(id: "\(prefix)\(index)", type: kind.1, mimeType: kind.0, artifactSubtype: kind.2)
    }
}
