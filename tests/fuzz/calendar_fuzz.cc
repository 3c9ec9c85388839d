// The calendar loader on arbitrary text; a calendar that loads is asked for its holidays
// and a few working-day sums around its decreed days.
#include <cstddef>
#include <cstdint>

#include "calendar.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vtaudit::Result<vtaudit::Calendar> c =
      vtaudit::Calendar::ParseXml(vtaudit::fuzz::AsText(data, size), "fuzz.xml");
  if (!c.ok()) return 0;
  for (const vtaudit::Date& d : c->decreed()) {
    vtaudit::fuzz::Require(c->IsHoliday(d), "a decreed day is a holiday");
    vtaudit::fuzz::Require(!c->HolidayName(d).empty(), "a decreed day has a name");
    (void)c->HolidaysIn(d.year());
    const vtaudit::Date next = c->ExtendToWorkday(d);
    vtaudit::fuzz::Require(c->IsWorkday(next), "extended to a working day");
    (void)c->AddWorkdays(d, 10);
  }
  return 0;
}
