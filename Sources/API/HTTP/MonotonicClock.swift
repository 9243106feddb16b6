import Glibc

/// Nanoseconds from CLOCK_MONOTONIC: timeouts must not jump when the wall clock is set.
enum MonotonicClock {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// A duration from configuration. Zero, negative and NaN are no time at all (NaN used to
    /// trap in the conversion); anything beyond 1e9 s (31 years) is as good as forever.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }
}
