#include "date.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>

#include "problems.h"

namespace vtaudit {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar, no tables, no time zone library.
int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int year, month, day;
};

// In 64 bits, so that any int32_t day number works: the year of day INT32_MAX fits an
// int, but adding the epoch offset to it does not fit an int32_t.
Civil CivilFromDays(int32_t days) {
  const int64_t z = int64_t{days} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

template <typename T>
T Saturate(int64_t v) {
  return static_cast<T>(
      std::clamp<int64_t>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

// Reads exactly `width` ASCII digits at `pos`; -1 when any is not a digit.
int Digits(std::string_view s, size_t pos, size_t width) {
  if (pos + width > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Parses "HH:MM" or "HH:MM:SS" filling the whole view.
std::optional<int32_t> ParseClock(std::string_view s) {
  if (s.size() != 5 && s.size() != 8) return std::nullopt;
  const int h = Digits(s, 0, 2), m = Digits(s, 3, 2);
  if (h < 0 || m < 0 || s[2] != ':' || h > 23 || m > 59) return std::nullopt;
  int sec = 0;
  if (s.size() == 8) {
    sec = Digits(s, 6, 2);
    if (s[5] != ':' || sec < 0 || sec > 59) return std::nullopt;
  }
  return h * 3600 + m * 60 + sec;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  return Date(DaysFromCivil(year, month, day));
}

std::optional<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return FromYmd(y, m, d);
}

std::string UtcNowIso() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

Date Date::Today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

Date Date::AddDays(int n) const { return Date(Saturate<int32_t>(int64_t{days_} + n)); }

int DaysBetween(Date from, Date to) { return Saturate<int>(int64_t{to.days_} - from.days_); }

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const int w = (days_ % 7 + 7 + 3) % 7;  // 0 = Monday
  return w + 1;
}

std::string Date::ToIso() const {
  const Civil c = CivilFromDays(days_);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

int64_t EventTime::Timestamp() const {
  return int64_t{date.day_number()} * 86400 + seconds.value_or(0);
}

std::string EventTime::ToIso() const {
  std::string out = date.ToIso();
  if (seconds) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", *seconds / 3600, *seconds / 60 % 60,
                  *seconds % 60);
    out += buf;
  }
  return out;
}

std::optional<EventTime> EventTime::ParseIso(std::string_view text) {
  DateReason why;
  if (text.size() < 10 || text[4] != '-') return std::nullopt;
  return ParseEventTime(text, &why);
}

std::optional<EventTime> ParseEventTime(std::string_view text, DateReason* why) {
  int y = -1, m = -1, d = -1;
  std::string_view rest;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
    rest = text.substr(10);
    if (!rest.empty() && rest[0] != 'T' && rest[0] != ' ') y = -1;
  } else if (text.size() >= 10 && text[2] == '-' && text[5] == '-') {
    d = Digits(text, 0, 2), m = Digits(text, 3, 2), y = Digits(text, 6, 4);
    rest = text.substr(10);
    if (!rest.empty() && rest[0] != ' ') y = -1;
  }
  if (y < 0 || m < 0 || d < 0) {
    *why = {"not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or DD-MM-YYYY[ HH:MM])",
            Problem("problem.date.not_a_date")};
    return std::nullopt;
  }
  const std::optional<Date> date = Date::FromYmd(y, m, d);
  if (!date) {
    char day[40];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
    *why = {std::string("no such day: ") + day,
            Problem("problem.date.no_such_day", {{"day", day}})};
    return std::nullopt;
  }
  EventTime t{*date, std::nullopt};
  if (!rest.empty()) {
    t.seconds = ParseClock(rest.substr(1));
    if (!t.seconds) {
      const std::string clock(rest.substr(1));
      *why = {"not a time of day: '" + clock + "' (expected HH:MM[:SS])",
              Problem("problem.date.not_a_time", {{"time", clock}})};
      return std::nullopt;
    }
  }
  return t;
}

std::optional<EventTime> FromExcelSerial(std::string_view text, DateReason* why) {
  double serial = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(serial)) {
    *why = {"not a number", Problem("problem.date.not_a_number")};
    return std::nullopt;
  }
  constexpr double kLast = 2958466;  // the day after 9999-12-31
  if (serial < 1 || serial >= kLast) {
    *why = {"outside Excel's dates (1 = 1900-01-01 to 2958465 = 9999-12-31)",
            Problem("problem.date.outside_excel")};
    return std::nullopt;
  }
  double whole = std::floor(serial);
  const double fraction = serial - whole;
  const double seconds = std::round(fraction * 86400);
  if (seconds == 86400) whole += 1;
  if (whole >= kLast) {
    *why = {"outside Excel's dates (1 = 1900-01-01 to 2958465 = 9999-12-31)",
            Problem("problem.date.outside_excel")};
    return std::nullopt;
  }
  const auto day = static_cast<int32_t>(whole);  // 1 … 2958465: exact
  // Excel counts a 29 February 1900 that never was; serial 60 is that day.
  if (day == 60) {
    *why = {"60 is Excel's 29 February 1900, a day that never was",
            Problem("problem.date.excel_leap_day")};
    return std::nullopt;
  }
  const Date epoch = *Date::FromYmd(1899, 12, day < 60 ? 31 : 30);
  EventTime t{epoch.AddDays(day), std::nullopt};
  if (fraction > 0) t.seconds = seconds == 86400 ? 0 : static_cast<int32_t>(seconds);
  return t;
}

}  // namespace vtaudit
