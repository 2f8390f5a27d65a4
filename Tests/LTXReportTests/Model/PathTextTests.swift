import LTXReport
import Testing

@Suite struct PathTextTests {
    @Test(arguments: [
        ("a", "", "a"), ("a/b", "a", "b"), ("/a", "/", "a"), ("/", "/", "/"), ("a/b/", "a", "b"),
        ("out//2026-11-29", "out", "2026-11-29"), ("", "", ""), ("./r", ".", "r"),
    ])
    func parentsAndLastComponents(path: String, parent: String, last: String) {
        #expect(PathText.parent(path) == parent)
        #expect(PathText.lastComponent(path) == last)
    }
}
