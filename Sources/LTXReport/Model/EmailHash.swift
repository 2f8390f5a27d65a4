/// The one hash of an account's email that every stable name derives from: the
/// `--redact-emails` pseudonym and the `--shard` order.
public enum EmailHash {
    /// 64-bit FNV-1a of the lower-cased email's UTF-8 bytes. Never changes: pseudonyms in
    /// earlier reports and shard assignments depend on it.
    public static func of(_ email: String) -> UInt64 {
        StableHash.fnv1a(email.lowercased().utf8)
    }
}
