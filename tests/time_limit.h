// How much longer a timed test may take when the sanitizers instrument every memory access:
// a bound that catches a quadratic scan in a plain build (seconds where milliseconds are
// expected) would otherwise fail on a loaded machine for the instrumentation alone. Measured
// on 2 December 2026: crosswalk's 200,009 errors took 0.16 s in build/dev and 2.5 s under
// ASan+UBSan at load 3.
#ifndef VTAUDIT_TESTS_TIME_LIMIT_H_
#define VTAUDIT_TESTS_TIME_LIMIT_H_

namespace vtaudit {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr double kSanitizerSlowdown = 5.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr double kSanitizerSlowdown = 5.0;
#else
inline constexpr double kSanitizerSlowdown = 1.0;
#endif
#else
inline constexpr double kSanitizerSlowdown = 1.0;
#endif

// `seconds`, the bound for a plain build, in the build at hand.
constexpr double TimeLimit(double seconds) { return seconds * kSanitizerSlowdown; }

}  // namespace vtaudit

#endif  // VTAUDIT_TESTS_TIME_LIMIT_H_
