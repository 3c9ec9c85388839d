// Civil dates and event times, without time zones: a Veilig Thuis registration
// records local Dutch dates and clock times, and the law counts in local days.
// Date is a day number (days since 1970-01-01, proleptic Gregorian); EventTime is
// a date with an optional time of day, because extracts mix both and the rules
// differ (day clocks compare dates, hour clocks compare timestamps).
//
// Every int32_t day number is a Date, and no operation on one overflows: the calendar
// is computed in 64 bits, and AddDays and DaysBetween saturate at the ends of the range
// (some five million years away) instead of wrapping. Only FromYmd and the parsers
// restrict dates to the years 1 to 9999.
#ifndef VTAUDIT_DATE_H_
#define VTAUDIT_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "status.h"

namespace vtaudit {

class Date {
 public:
  Date() = default;  // 1970-01-01
  // Returns nullopt for an impossible date (30 February, month 13, year < 1 or > 9999).
  static std::optional<Date> FromYmd(int year, int month, int day);
  static Date FromDayNumber(int32_t days) { return Date(days); }
  // Parses exactly "YYYY-MM-DD".
  static std::optional<Date> ParseIso(std::string_view text);
  // Today in the local time zone of this machine.
  static Date Today();

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // ISO weekday: 1 = Monday … 7 = Sunday.
  int iso_weekday() const;
  int32_t day_number() const { return days_; }
  std::string ToIso() const;  // "YYYY-MM-DD"

  Date AddDays(int n) const;
  friend int DaysBetween(Date from, Date to);
  friend auto operator<=>(Date, Date) = default;

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// A moment as recorded in an extract: a date, and a time of day when one was given.
struct EventTime {
  Date date;
  std::optional<int32_t> seconds;  // seconds since midnight, 0..86399

  // Seconds since 1970-01-01T00:00; a date without time counts as midnight.
  int64_t Timestamp() const;
  // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS".
  std::string ToIso() const;
  // Parses the ISO forms above plus "YYYY-MM-DDTHH:MM" and "YYYY-MM-DD HH:MM[:SS]".
  static std::optional<EventTime> ParseIso(std::string_view text);
  friend bool operator==(const EventTime&, const EventTime&) = default;
};

// The current moment in UTC as "YYYY-MM-DDTHH:MM:SSZ", for audit trails and import records.
std::string UtcNowIso();

// Why a text is not a date or a moment: the reason in English, as the command line prints it
// ("no such day: 2025-02-30"), and as a problem code (problem.date.*, problems.h) that a front
// end says in its language. The parsers write one only when they refuse a text.
struct DateReason {
  std::string text;
  ProblemCode code;
};

// Parses the date forms an extract may use: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]",
// "DD-MM-YYYY" and "DD-MM-YYYY HH:MM". On failure returns nullopt and sets *why
// to a short reason ("not a date", "no such day: 2025-02-30").
std::optional<EventTime> ParseEventTime(std::string_view text, DateReason* why);

// Parses an Excel serial date-time of the 1900 date system, as an XLSX numeric cell holds
// it ("45719" = 2025-03-03, "45719.5" = 2025-03-03T12:00:00). A serial with a fraction
// has a time of day, rounded to the nearest second; one that rounds to 24:00 is 00:00 of
// the next day (45658.9999999 = 2025-01-02T00:00:00). Refused, with *why set: what is not a
// finite number, serials outside 1 (1900-01-01) … 2958465.99999 (9999-12-31T23:59:59),
// and 60, Excel's 29 February 1900, a day that never was.
std::optional<EventTime> FromExcelSerial(std::string_view text, DateReason* why);

}  // namespace vtaudit

#endif  // VTAUDIT_DATE_H_
