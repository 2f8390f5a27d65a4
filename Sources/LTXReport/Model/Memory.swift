import Foundation

/// What the process gives back to the system once a large passing structure is freed.
public enum Memory {
    /// glibc's `malloc_trim`, which its Swift module does not declare: found at run time.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// Returns the free pages of the heap to the system. glibc keeps freed memory for
    /// reuse, but the many small pieces of a parsed accounts file of tens of thousands of
    /// accounts are rarely reused whole: kept, they would stay in the process's resident
    /// memory for the whole run.
    public static func releaseFreePages() {
        _ = trim?(0)
    }
}
