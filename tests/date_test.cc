#include "date.h"

#include <boost/test/unit_test.hpp>

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
  std::string why;
  BOOST_TEST(ParseEventTime("2025-03-03", &why)->ToIso() == "2025-03-03");
  BOOST_TEST(ParseEventTime("2025-03-03T14:05", &why)->ToIso() == "2025-03-03T14:05:00");
  BOOST_TEST(ParseEventTime("2025-03-03T14:05:09", &why)->ToIso() == "2025-03-03T14:05:09");
  BOOST_TEST(ParseEventTime("03-03-2025", &why)->ToIso() == "2025-03-03");
  BOOST_TEST(ParseEventTime("03-03-2025 08:30", &why)->ToIso() == "2025-03-03T08:30:00");
  BOOST_TEST(!ParseEventTime("2025-02-30", &why));
  BOOST_TEST(why == "no such day: 2025-02-30");
  BOOST_TEST(!ParseEventTime("2025-03-03T25:00", &why));
  BOOST_TEST(why == "not a time of day: '25:00' (expected HH:MM[:SS])");
  BOOST_TEST(!ParseEventTime("3/3/2025", &why));
  BOOST_TEST(!ParseEventTime("2025-03-03x", &why));
  BOOST_TEST(!ParseEventTime("", &why));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
