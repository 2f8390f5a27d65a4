/// The two fixed hash functions of the project, written once. Both are part of file
/// formats and names (snapshots, pseudonyms, shards): they must never change.
public enum StableHash {
    /// 64-bit FNV-1a of `bytes`.
    /// `from` goes on from an earlier hash: the hash of pieces is that of their concatenation.
    public static func fnv1a<Bytes: Sequence<UInt8>>(
        _ bytes: Bytes, from start: UInt64 = 0xcbf2_9ce4_8422_2325
    )
        -> UInt64
    {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// MurmurHash3's 64-bit finaliser: each input bit flips about half the output bits.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
