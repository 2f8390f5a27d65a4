/// The one hash of an account's email that every stable name derives from: the
/// `--redact-emails` pseudonym and the `--shard` order.
public enum EmailHash {
    /// 64-bit FNV-1a of the lower-cased email's UTF-8 bytes. Never changes: pseudonyms in
    /// earlier reports and shard assignments depend on it.
    public static func of(_ email: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in email.lowercased().utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
