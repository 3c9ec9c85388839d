// Dutch working days as the Algemene termijnenwet (Atw) counts them: which days are
// public holidays, and where a term of working days or a term in days lands (Atw
// art. 1 and 2). The statutory holidays are computed; days equated to a
// holiday by Royal Decree are data, read from a calendar file (checklists/README.md).
//
// The holidays are right for 1980..2100 (looked up in a table built once) and follow
// the same rules, computed per call, for later years; before 1980 the royal birthday is
// not a holiday, and years before 1583 (before the Gregorian computus) have none at all.
//
// A Calendar is immutable and safe to read from many threads at once. It is cheap to
// copy: copies share one read-only table, so pass it by value or by const reference,
// whichever reads better.
#ifndef VTAUDIT_CALENDAR_H_
#define VTAUDIT_CALENDAR_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "date.h"
#include "status.h"

namespace vtaudit {

// Sunday of Easter by the Gregorian computus (anonymous algorithm).
// REQUIRES: 1583 <= year <= 9999.
Date EasterSunday(int year);

class Calendar {
 public:
  // The Atw holidays only, no decreed days.
  static Calendar Statutory();
  // The Atw holidays plus the decreed days of a calendar file. `source_name` is used in
  // messages, which read "NAME:LINE:COL: what"; all errors found are returned.
  static Result<Calendar> ParseXml(std::string_view xml, std::string_view source_name);
  // Reads the file and parses it; the name in messages is `path` as given.
  static Result<Calendar> LoadFile(const std::string& path);

  // A statutory holiday or a decreed day.
  bool IsHoliday(Date d) const;
  // The Dutch name ("Tweede Paasdag") or the decreed day's text; "" when no holiday.
  // Two holidays on one day are joined: "Bevrijdingsdag en Hemelvaartsdag" (2016).
  std::string HolidayName(Date d) const;
  // Neither a Saturday, a Sunday nor a holiday.
  bool IsWorkday(Date d) const;
  // The n-th working day after `start`; `start` itself never counts, so a melding
  // received on Monday 3 March 2025 has its 5-working-day deadline on 10 March 2025.
  // REQUIRES: n >= 0 (n = 0 returns start).
  Date AddWorkdays(Date start, int n) const;
  // Atw art. 1: `d` when it is a working day, else the next working day.
  Date ExtendToWorkday(Date d) const;
  // The last day of a term of `days` days after `start` (which never counts), extended
  // as the Atw extends a term set by law: art. 1 moves an end on a Saturday, Sunday or
  // holiday to the next working day; art. 2 extends a term of at least three days until
  // it holds at least two working days. Five days from Thursday 17 April 2025 end on
  // Tuesday 22 (Good Friday and Easter Monday skipped: only one working day), so art. 2
  // extends them to Wednesday 23 April. REQUIRES: days >= 0.
  Date EndOfAtwTerm(Date start, int days) const;
  // Every holiday of `year`, statutory and decreed, sorted by date, one entry per day.
  std::vector<std::pair<Date, std::string>> HolidaysIn(int year) const;
  // The decreed days of the file, sorted; empty for Statutory().
  const std::vector<Date>& decreed() const;

  // The file's `id`, `version` and `<source>`, for reports; empty for Statutory().
  const std::string& id() const;
  const std::string& version() const;
  const std::string& source() const;

 private:
  struct Tables;
  explicit Calendar(std::shared_ptr<const Tables> tables) : tables_(std::move(tables)) {}

  std::shared_ptr<const Tables> tables_;  // never null
};

}  // namespace vtaudit

#endif  // VTAUDIT_CALENDAR_H_
