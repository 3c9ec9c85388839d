#include "date.h"

#include <boost/test/unit_test.hpp>
#include <climits>
#include <optional>
#include <string>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(round_trips_and_weekdays) {
  const Date d = *Date::FromYmd(2025, 3, 3);
  BOOST_TEST(d.ToIso() == "2025-03-03");
  BOOST_TEST(d.iso_weekday() == 1);  // Monday 3 March 2025
  BOOST_TEST(Date::FromYmd(1970, 1, 1)->day_number() == 0);
  BOOST_TEST(Date::FromYmd(2024, 2, 29).has_value());
  BOOST_TEST(!Date::FromYmd(2025, 2, 29).has_value());
  BOOST_TEST(!Date::FromYmd(2100, 2, 29).has_value());          // 2100 is no leap year
  BOOST_TEST(Date::FromYmd(2000, 2, 29).has_value());           // 2000 is
  BOOST_TEST(Date::FromYmd(2026, 11, 28)->iso_weekday() == 6);  // a Saturday
  for (int n = -700000; n < 2900000; n += 997) {
    const Date x = Date::FromDayNumber(n);
    BOOST_TEST(Date::FromYmd(x.year(), x.month(), x.day())->day_number() == n);
  }
}

BOOST_AUTO_TEST_CASE(parses_the_extract_forms) {
  DateReason why;
  BOOST_TEST(ParseEventTime("2025-03-03", &why)->ToIso() == "2025-03-03");
  BOOST_TEST(ParseEventTime("2025-03-03T14:05", &why)->ToIso() == "2025-03-03T14:05:00");
  BOOST_TEST(ParseEventTime("2025-03-03T14:05:09", &why)->ToIso() == "2025-03-03T14:05:09");
  BOOST_TEST(ParseEventTime("03-03-2025", &why)->ToIso() == "2025-03-03");
  BOOST_TEST(ParseEventTime("03-03-2025 08:30", &why)->ToIso() == "2025-03-03T08:30:00");
  BOOST_TEST(!ParseEventTime("2025-02-30", &why));
  BOOST_TEST(why.text == "no such day: 2025-02-30");
  BOOST_TEST(!ParseEventTime("2025-03-03T25:00", &why));
  BOOST_TEST(why.text == "not a time of day: '25:00' (expected HH:MM[:SS])");
  BOOST_TEST(!ParseEventTime("3/3/2025", &why));
  BOOST_TEST(!ParseEventTime("2025-03-03x", &why));
  BOOST_TEST(!ParseEventTime("", &why));
}

// Day numbers at the ends of int32_t: the calendar is computed in 64 bits and arithmetic
// saturates (run under -fsanitize=undefined by the asan preset). Day INT32_MAX is
// 5881580-07-11 (2^31 − 1 days after 1970-01-01) and day INT32_MIN −5877641-06-23, by
// civil_from_days in Python's unbounded integers.
BOOST_AUTO_TEST_CASE(no_day_number_overflows) {
  const Date last = Date::FromDayNumber(INT32_MAX);
  const Date first = Date::FromDayNumber(INT32_MIN);
  BOOST_TEST(last.ToIso() == "5881580-07-11");
  BOOST_TEST(last.iso_weekday() >= 1);
  BOOST_TEST(first.ToIso() == "-5877641-06-23");
  BOOST_TEST(last.AddDays(1).day_number() == INT32_MAX);
  BOOST_TEST(first.AddDays(-1).day_number() == INT32_MIN);
  BOOST_TEST(last.AddDays(-1).day_number() == INT32_MAX - 1);
  BOOST_TEST(DaysBetween(first, last) == INT32_MAX);
  BOOST_TEST(DaysBetween(last, first) == INT32_MIN);
  const EventTime end_of_last{last, 86399};
  BOOST_TEST(end_of_last.Timestamp() == int64_t{INT32_MAX} * 86400 + 86399);
}

// Serials by hand: 45658 is 2025-01-01 (25569 is 1970-01-01, + 20089 days); a fraction of
// a day is its share of 86400 seconds.
BOOST_AUTO_TEST_CASE(reads_excel_serials) {
  DateReason why;
  const auto iso = [&](std::string_view serial) {
    const std::optional<EventTime> t = FromExcelSerial(serial, &why);
    return t ? t->ToIso() : "refused: " + why.text;
  };
  BOOST_TEST(iso("45658") == "2025-01-01");
  BOOST_TEST(iso("45719") == "2025-03-03");
  BOOST_TEST(iso("45719.5") == "2025-03-03T12:00:00");
  BOOST_TEST(iso("45719.25") == "2025-03-03T06:00:00");
  BOOST_TEST(iso("4.5719E4") == "2025-03-03");
  BOOST_TEST(iso("45658.99999") == "2025-01-01T23:59:59");  // 86399.1 s
  // Within half a second of midnight: 00:00 of the next day, not of the same one.
  BOOST_TEST(iso("45658.9999999") == "2025-01-02T00:00:00");  // 86399.99 s
  BOOST_TEST(iso("45658.000001") == "2025-01-01T00:00:00");   // 0.09 s: a time, rounded
  BOOST_TEST(iso("1") == "1900-01-01");
  BOOST_TEST(iso("59") == "1900-02-28");
  BOOST_TEST(iso("61") == "1900-03-01");
  BOOST_TEST(iso("2958465") == "9999-12-31");
  BOOST_TEST(iso("2958465.99999") == "9999-12-31T23:59:59");
}

BOOST_AUTO_TEST_CASE(refuses_what_is_no_excel_date) {
  DateReason why;
  for (const char* text : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e400", "0x10", "",
                           "45719,5", " 45719", "45719 ", "+45719", "1.2.3"}) {
    BOOST_TEST(!FromExcelSerial(text, &why), text);
    BOOST_TEST(why.text == "not a number", text);
  }
  const std::string range = "outside Excel's dates (1 = 1900-01-01 to 2958465 = 9999-12-31)";
  for (const char* text : {"0", "0.99", "-1", "2958466", "2958465.9999999", "1e300", "-1e300"}) {
    BOOST_TEST(!FromExcelSerial(text, &why), text);
    BOOST_TEST(why.text == range, text);
  }
  BOOST_TEST(!FromExcelSerial("60", &why));
  BOOST_TEST(why.text == "60 is Excel's 29 February 1900, a day that never was");
  BOOST_TEST(!FromExcelSerial("59.9999999", &why));  // rounds to day 60
  BOOST_TEST(why.text == "60 is Excel's 29 February 1900, a day that never was");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
