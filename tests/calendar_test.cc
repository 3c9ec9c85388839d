#include "calendar.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "time_limit.h"

namespace vtaudit {
namespace {

Date Day(const char* iso) { return *Date::ParseIso(iso); }

// The decreed days of checklists/kalender-nl.xml, inline so that tests touch no disk.
constexpr const char* kDecreedXml = R"(<calendar id="kalender-test" version="1">
  <source>Koninklijke Besluiten op grond van art. 3 lid 3 Algemene termijnenwet</source>
  <decreed date="2023-04-28">Vrijdag na Koningsdag</decreed>
  <decreed date="2023-05-19">Vrijdag na Hemelvaartsdag</decreed>
  <decreed date="2024-05-10">Vrijdag na Hemelvaartsdag</decreed>
  <decreed date="2024-12-27">Vrijdag na Tweede Kerstdag</decreed>
  <decreed date="2025-05-30">Vrijdag na Hemelvaartsdag</decreed>
  <decreed date="2026-01-02">Vrijdag na Nieuwjaarsdag</decreed>
  <decreed date="2026-05-15">Vrijdag na Hemelvaartsdag</decreed>
  <decreed date="2027-05-07">Vrijdag na Hemelvaartsdag</decreed>
  <decreed date="2028-04-28">Vrijdag na Koningsdag</decreed>
  <decreed date="2028-05-26">Vrijdag na Hemelvaartsdag</decreed>
</calendar>
)";

struct Calendars {
  Calendar statutory = Calendar::Statutory();
  Calendar decreed = Calendar::ParseXml(kDecreedXml, "kalender-test.xml").value();
};

// "2025-05-29 Hemelvaartsdag" per holiday, so that a mismatch prints readably.
std::vector<std::string> Listed(const Calendar& c, int year) {
  std::vector<std::string> out;
  for (const auto& [date, name] : c.HolidaysIn(year)) out.push_back(date.ToIso() + " " + name);
  return out;
}

std::vector<std::string> Errors(std::string_view xml) {
  const Result<Calendar> c = Calendar::ParseXml(xml, "t.xml");
  BOOST_TEST(!c.ok());
  if (c.ok()) return {};
  BOOST_TEST((c.status().code() == Status::Code::kInvalidInput));
  return c.status().messages();
}

BOOST_AUTO_TEST_SUITE(calendar)

BOOST_AUTO_TEST_CASE(easter_sundays) {
  const char* const kEaster[] = {
      "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31",
      "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21",
  };
  for (int year = 2019; year <= 2030; ++year) {
    BOOST_TEST(EasterSunday(year).ToIso() == kEaster[year - 2019]);
  }
  BOOST_TEST(EasterSunday(1981).ToIso() == "1981-04-19");
  BOOST_TEST(EasterSunday(2038).ToIso() == "2038-04-25");  // the latest Easter can be
  BOOST_TEST(EasterSunday(2100).ToIso() == "2100-03-28");
  BOOST_TEST(EasterSunday(2285).ToIso() == "2285-03-22");  // the earliest Easter can be
}

BOOST_AUTO_TEST_CASE(statutory_holidays_2019_to_2030) {
  // Good Friday = Easter - 2, Easter Monday = + 1, Ascension = + 39, Whit Monday = + 50.
  // King's Day is 27 April unless that is a Sunday: only in 2025 within these years.
  const std::vector<std::vector<std::string>> kYears = {
      {"2019-01-01 Nieuwjaarsdag", "2019-04-19 Goede Vrijdag", "2019-04-22 Tweede Paasdag",
       "2019-04-27 Koningsdag", "2019-05-05 Bevrijdingsdag", "2019-05-30 Hemelvaartsdag",
       "2019-06-10 Tweede Pinksterdag", "2019-12-25 Eerste Kerstdag", "2019-12-26 Tweede Kerstdag"},
      {"2020-01-01 Nieuwjaarsdag", "2020-04-10 Goede Vrijdag", "2020-04-13 Tweede Paasdag",
       "2020-04-27 Koningsdag", "2020-05-05 Bevrijdingsdag", "2020-05-21 Hemelvaartsdag",
       "2020-06-01 Tweede Pinksterdag", "2020-12-25 Eerste Kerstdag", "2020-12-26 Tweede Kerstdag"},
      {"2021-01-01 Nieuwjaarsdag", "2021-04-02 Goede Vrijdag", "2021-04-05 Tweede Paasdag",
       "2021-04-27 Koningsdag", "2021-05-05 Bevrijdingsdag", "2021-05-13 Hemelvaartsdag",
       "2021-05-24 Tweede Pinksterdag", "2021-12-25 Eerste Kerstdag", "2021-12-26 Tweede Kerstdag"},
      {"2022-01-01 Nieuwjaarsdag", "2022-04-15 Goede Vrijdag", "2022-04-18 Tweede Paasdag",
       "2022-04-27 Koningsdag", "2022-05-05 Bevrijdingsdag", "2022-05-26 Hemelvaartsdag",
       "2022-06-06 Tweede Pinksterdag", "2022-12-25 Eerste Kerstdag", "2022-12-26 Tweede Kerstdag"},
      {"2023-01-01 Nieuwjaarsdag", "2023-04-07 Goede Vrijdag", "2023-04-10 Tweede Paasdag",
       "2023-04-27 Koningsdag", "2023-05-05 Bevrijdingsdag", "2023-05-18 Hemelvaartsdag",
       "2023-05-29 Tweede Pinksterdag", "2023-12-25 Eerste Kerstdag", "2023-12-26 Tweede Kerstdag"},
      {"2024-01-01 Nieuwjaarsdag", "2024-03-29 Goede Vrijdag", "2024-04-01 Tweede Paasdag",
       "2024-04-27 Koningsdag",  // a Saturday: it stays there
       "2024-05-05 Bevrijdingsdag", "2024-05-09 Hemelvaartsdag", "2024-05-20 Tweede Pinksterdag",
       "2024-12-25 Eerste Kerstdag", "2024-12-26 Tweede Kerstdag"},
      {"2025-01-01 Nieuwjaarsdag", "2025-04-18 Goede Vrijdag", "2025-04-21 Tweede Paasdag",
       "2025-04-26 Koningsdag",  // 27 April 2025 is a Sunday, so the Saturday before
       "2025-05-05 Bevrijdingsdag", "2025-05-29 Hemelvaartsdag", "2025-06-09 Tweede Pinksterdag",
       "2025-12-25 Eerste Kerstdag", "2025-12-26 Tweede Kerstdag"},
      {"2026-01-01 Nieuwjaarsdag", "2026-04-03 Goede Vrijdag", "2026-04-06 Tweede Paasdag",
       "2026-04-27 Koningsdag", "2026-05-05 Bevrijdingsdag", "2026-05-14 Hemelvaartsdag",
       "2026-05-25 Tweede Pinksterdag", "2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag"},
      {"2027-01-01 Nieuwjaarsdag", "2027-03-26 Goede Vrijdag", "2027-03-29 Tweede Paasdag",
       "2027-04-27 Koningsdag", "2027-05-05 Bevrijdingsdag", "2027-05-06 Hemelvaartsdag",
       "2027-05-17 Tweede Pinksterdag", "2027-12-25 Eerste Kerstdag", "2027-12-26 Tweede Kerstdag"},
      {"2028-01-01 Nieuwjaarsdag", "2028-04-14 Goede Vrijdag", "2028-04-17 Tweede Paasdag",
       "2028-04-27 Koningsdag", "2028-05-05 Bevrijdingsdag", "2028-05-25 Hemelvaartsdag",
       "2028-06-05 Tweede Pinksterdag", "2028-12-25 Eerste Kerstdag", "2028-12-26 Tweede Kerstdag"},
      {"2029-01-01 Nieuwjaarsdag", "2029-03-30 Goede Vrijdag", "2029-04-02 Tweede Paasdag",
       "2029-04-27 Koningsdag", "2029-05-05 Bevrijdingsdag", "2029-05-10 Hemelvaartsdag",
       "2029-05-21 Tweede Pinksterdag", "2029-12-25 Eerste Kerstdag", "2029-12-26 Tweede Kerstdag"},
      {"2030-01-01 Nieuwjaarsdag", "2030-04-19 Goede Vrijdag", "2030-04-22 Tweede Paasdag",
       "2030-04-27 Koningsdag", "2030-05-05 Bevrijdingsdag", "2030-05-30 Hemelvaartsdag",
       "2030-06-10 Tweede Pinksterdag", "2030-12-25 Eerste Kerstdag", "2030-12-26 Tweede Kerstdag"},
  };
  const Calendar c = Calendar::Statutory();
  for (int year = 2019; year <= 2030; ++year) {
    BOOST_TEST_CONTEXT("year " << year) {
      BOOST_TEST(Listed(c, year) == kYears[year - 2019], boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(royal_birthdays) {
  const Calendar c = Calendar::Statutory();
  // 27 April 2030 is a Saturday (Easter Sunday 21 April 2030, so 28 April is a Sunday).
  // 2030 is no leap year: 365 days = 52 weeks + 1 day, so 27 April 2031 is a Sunday and
  // King's Day moves to Saturday 26 April 2031.
  BOOST_TEST(c.HolidayName(Day("2031-04-26")) == "Koningsdag");
  BOOST_TEST(!c.IsHoliday(Day("2031-04-27")));
  // 2014, the first King's Day: 27 April 2014 was a Sunday.
  BOOST_TEST(c.HolidayName(Day("2014-04-26")) == "Koningsdag");
  BOOST_TEST(!c.IsHoliday(Day("2014-04-30")));
  // Queen's Day 1980..2013: 30 April, or 29 April when the 30th is a Sunday.
  BOOST_TEST(c.HolidayName(Day("2013-04-30")) == "Koninginnedag");
  BOOST_TEST(c.HolidayName(Day("2008-04-30")) == "Koninginnedag");  // a Wednesday
  BOOST_TEST(c.HolidayName(Day("2006-04-29")) == "Koninginnedag");  // 30 April 2006: Sunday
  BOOST_TEST(!c.IsHoliday(Day("2006-04-30")));
  BOOST_TEST(c.HolidayName(Day("1980-04-30")) == "Koninginnedag");
  BOOST_TEST(!c.IsHoliday(Day("2013-04-27")));
}

BOOST_AUTO_TEST_CASE(two_holidays_on_one_day) {
  // Easter 27 March 2016 + 39 days = Thursday 5 May 2016, also Liberation Day.
  const Calendar c = Calendar::Statutory();
  BOOST_TEST(c.HolidayName(Day("2016-05-05")) == "Bevrijdingsdag en Hemelvaartsdag");
  BOOST_TEST(c.HolidaysIn(2016).size() == 8u);
  BOOST_TEST(c.HolidaysIn(2017).size() == 9u);
}

BOOST_FIXTURE_TEST_CASE(working_day_deadlines, Calendars) {
  struct Row {
    const char* received;
    int workdays;
    const char* statutory;  // Calendar::Statutory()
    const char* decreed;    // with the decreed days of kalender-nl.xml
  };
  const Row kRows[] = {
      // docs/domain.md, "Counting days": receipt day not counted; Tue 4 .. Fri 7 are 1..4,
      // Mon 10 March is 5.
      {"2025-03-03", 5, "2025-03-10", "2025-03-10"},
      // Thu 17 April 2025: Good Friday 18, weekend, Easter Monday 21 skipped; Tue 22 .. Fri 25
      // are 1..4; Sat 26 (King's Day) and Sun 27 are weekend anyway; Mon 28 is 5.
      {"2025-04-17", 5, "2025-04-28", "2025-04-28"},
      // 27 April 2025 is a Sunday, so King's Day is Saturday 26: no weekday lost, and
      // Monday 28 is an ordinary working day (1), Tue 29 (2), Wed 30 (3).
      {"2025-04-25", 3, "2025-04-30", "2025-04-30"},
      // 27 April 2024 is a Saturday and stays there: Fri 26 (1), Mon 29 (2), Tue 30 (3),
      // Wed 1 May (4), Thu 2 May (5).
      {"2024-04-25", 5, "2024-05-02", "2024-05-02"},
      // 27 April 2026 is a Monday: Fri 24 received, weekend, King's Day, Tue 28 is 1.
      {"2026-04-24", 1, "2026-04-28", "2026-04-28"},
      // Liberation Day, Monday 5 May 2025: Fri 2 received, Tue 6 is 1.
      {"2025-05-02", 1, "2025-05-06", "2025-05-06"},
      // Wed 30 April 2025: Thu 1 May (1), Fri 2 (2), Mon 5 skipped, Tue 6 .. Thu 8 (3..5).
      {"2025-04-30", 5, "2025-05-08", "2025-05-08"},
      // Ascension Thursday 29 May 2025; Friday 30 May is decreed: then Mon 2 June is 1.
      {"2025-05-28", 1, "2025-05-30", "2025-06-02"},
      // Statutory: Fri 30 (1), Mon 2 .. Thu 5 June (2..5). Decreed: Mon 2 .. Fri 6 (1..5).
      {"2025-05-28", 5, "2025-06-05", "2025-06-06"},
      // Whit Monday 9 June 2025: Fri 6 received, weekend, Whit Monday, Tue 10 is 1.
      {"2025-06-06", 1, "2025-06-10", "2025-06-10"},
      // Christmas Wed 25 and Thu 26 December 2024; Friday 27 is decreed.
      {"2024-12-24", 1, "2024-12-27", "2024-12-30"},
      // Mon 23 Dec 2024. Statutory: Tue 24 (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), New Year,
      // Thu 2 Jan (5). Decreed: Tue 24 (1), Mon 30 (2), Tue 31 (3), Thu 2 (4), Fri 3 (5).
      {"2024-12-23", 5, "2025-01-02", "2025-01-03"},
      // New Year Thursday 1 January 2026; Friday 2 January is decreed.
      {"2025-12-31", 1, "2026-01-02", "2026-01-05"},
      // Wed 26 April 2023: King's Day Thu 27, decreed Fri 28, Liberation Day Fri 5 May.
      // Statutory: Fri 28 (1), Mon 1 .. Thu 4 May (2..5), Mon 8 .. Fri 12 (6..10).
      // Decreed: Mon 1 .. Thu 4 (1..4), Mon 8 .. Fri 12 (5..9), Mon 15 (10).
      {"2023-04-26", 10, "2023-05-12", "2023-05-15"},
      // Received on Saturday 8 March 2025: Sunday is no working day, Mon 10 .. Fri 14.
      {"2025-03-08", 5, "2025-03-14", "2025-03-14"},
      // Received on Sunday 9 March 2025: Monday 10 is the first working day.
      {"2025-03-09", 1, "2025-03-10", "2025-03-10"},
      // Zero working days: the start itself, even on a Saturday.
      {"2025-03-08", 0, "2025-03-08", "2025-03-08"},
  };
  for (const Row& r : kRows) {
    BOOST_TEST_CONTEXT(r.received << " + " << r.workdays << " working days") {
      BOOST_TEST(statutory.AddWorkdays(Day(r.received), r.workdays).ToIso() == r.statutory);
      BOOST_TEST(decreed.AddWorkdays(Day(r.received), r.workdays).ToIso() == r.decreed);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(terms_in_weeks_are_extended, Calendars) {
  struct Row {
    const char* start;
    const char* end;        // start + 70 days, the 10-week term before art. 1
    const char* statutory;  // extended with Calendar::Statutory()
    const char* decreed;    // extended with the decreed days of kalender-nl.xml
  };
  const Row kRows[] = {
      // Ends on Saturday 10 May 2025: extended to Monday 12 May.
      {"2025-03-01", "2025-05-10", "2025-05-12", "2025-05-12"},
      // Ends on Easter Monday 21 April 2025: extended to Tuesday 22 April.
      {"2025-02-10", "2025-04-21", "2025-04-22", "2025-04-22"},
      // Ends on Christmas, Wed 25 Dec 2024: Boxing Day Thu 26, then Fri 27 unless decreed,
      // else the weekend and Monday 30.
      {"2024-10-16", "2024-12-25", "2024-12-27", "2024-12-30"},
      // Ends on Christmas, Thu 25 Dec 2025: Boxing Day Fri 26, weekend, Monday 29.
      {"2025-10-16", "2025-12-25", "2025-12-29", "2025-12-29"},
      // Ends on Good Friday 18 April 2025: weekend, Easter Monday, Tuesday 22.
      {"2025-02-07", "2025-04-18", "2025-04-22", "2025-04-22"},
      // Ends on an ordinary Monday, 12 May 2025: no extension.
      {"2025-03-03", "2025-05-12", "2025-05-12", "2025-05-12"},
  };
  for (const Row& r : kRows) {
    BOOST_TEST_CONTEXT("10 weeks from " << r.start) {
      const Date end = Day(r.start).AddDays(70);
      BOOST_TEST(end.ToIso() == r.end);
      BOOST_TEST(statutory.ExtendToWorkday(end).ToIso() == r.statutory);
      BOOST_TEST(decreed.ExtendToWorkday(end).ToIso() == r.decreed);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(terms_in_days_hold_two_working_days, Calendars) {
  // Atw art. 1 and 2 by hand: the term runs from the day after `start` to its last day;
  // art. 1 moves a last day on a weekend or holiday to the next working day, art. 2 then
  // extends a term of three days or more until it holds two working days.
  struct Row {
    const char* start;
    int days;
    const char* statutory;  // Calendar::Statutory()
    const char* decreed;    // with the decreed days of kalender-nl.xml
  };
  const Row kRows[] = {
      // Easter 2025. Thu 17 April + 5 days: Fri 18 (Good Friday), Sat 19, Sun 20, Mon 21
      // (Easter Monday), Tue 22. Tue 22 is a working day, so art. 1 leaves it; but the term
      // holds only one working day (Tue 22), so art. 2 extends it to Wed 23 April.
      {"2025-04-17", 5, "2025-04-23", "2025-04-23"},
      // Art. 1 and 2 together: + 3 days ends Sun 20; art. 1 → Tue 22 (Mon 21 is Easter
      // Monday); one working day → art. 2 → Wed 23.
      {"2025-04-17", 3, "2025-04-23", "2025-04-23"},
      // + 2 days ends Sat 19: art. 1 → Tue 22; a term under three days has no art. 2.
      {"2025-04-17", 2, "2025-04-22", "2025-04-22"},
      // Christmas 2024: Tue 24 Dec + 5 days: Wed 25, Thu 26 (Christmas), Fri 27, Sat 28,
      // Sun 29 → art. 1 → Mon 30. Statutory: Fri 27 and Mon 30 are two working days, no
      // art. 2. Decreed: Fri 27 is a holiday, only Mon 30 → art. 2 → Tue 31 December.
      {"2024-12-24", 5, "2024-12-30", "2024-12-31"},
      // Christmas 2025: Wed 24 Dec + 3 days: Thu 25, Fri 26, Sat 27 → art. 1 → Mon 29;
      // only Mon 29 → art. 2 → Tue 30 December.
      {"2025-12-24", 3, "2025-12-30", "2025-12-30"},
      // Ascension 2025: Wed 28 May + 5 days: Thu 29 (Ascension), Fri 30, Sat 31, Sun 1,
      // Mon 2 June. Statutory: Fri 30 and Mon 2 are two. Decreed: Fri 30 is decreed, only
      // Mon 2 → art. 2 → Tue 3 June.
      {"2025-05-28", 5, "2025-06-02", "2025-06-03"},
      // Wed 28 May + 3 days ends Sat 31 → art. 1 → Mon 2 June; statutory Fri 30 and Mon 2,
      // decreed only Mon 2 → Tue 3 June.
      {"2025-05-28", 3, "2025-06-02", "2025-06-03"},
      // An ordinary week: Mon 3 March + 5 days ends Sat 8 → art. 1 → Mon 10; Tue 4 .. Fri 7
      // and Mon 10 are five working days, no art. 2.
      {"2025-03-03", 5, "2025-03-10", "2025-03-10"},
      // Fri 7 March + 3 days: Sat 8, Sun 9, Mon 10: one working day → art. 2 → Tue 11.
      {"2025-03-07", 3, "2025-03-11", "2025-03-11"},
      // Zero days: the start itself, moved by art. 1 only (Sat 8 March → Mon 10).
      {"2025-03-08", 0, "2025-03-10", "2025-03-10"},
  };
  for (const Row& r : kRows) {
    BOOST_TEST_CONTEXT(r.days << " days from " << r.start) {
      BOOST_TEST(statutory.EndOfAtwTerm(Day(r.start), r.days).ToIso() == r.statutory);
      BOOST_TEST(decreed.EndOfAtwTerm(Day(r.start), r.days).ToIso() == r.decreed);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(atw_term_end_is_the_earliest_day_the_law_allows, Calendars) {
  // Against the articles read literally, for every start day of 2019..2030 and terms of
  // 0..10 days and 10 weeks: the end is a working day on or after start + days, a term of
  // three days or more holds two working days, and no earlier day would do.
  const auto working_days_in = [this](Date start, Date end) {
    int n = 0;
    for (Date d = start.AddDays(1); d <= end; d = d.AddDays(1)) n += decreed.IsWorkday(d);
    return n;
  };
  const auto acceptable = [&](Date start, int days, Date end) {
    return decreed.IsWorkday(end) && end >= start.AddDays(days) &&
           (days < 3 || working_days_in(start, end) >= 2);
  };
  int wrong = 0;
  int moved_by_art2 = 0;
  for (Date start = Day("2019-01-01"); start <= Day("2030-12-31"); start = start.AddDays(1)) {
    for (int days : {0, 1, 2, 3, 4, 5, 6, 7, 10, 70}) {
      const Date end = decreed.EndOfAtwTerm(start, days);
      bool earlier = false;
      for (Date d = start.AddDays(days); d < end && !earlier; d = d.AddDays(1)) {
        earlier = acceptable(start, days, d);
      }
      if (!acceptable(start, days, end) || earlier) {
        BOOST_TEST_MESSAGE(days << " days from " << start.ToIso() << " end " << end.ToIso());
        ++wrong;
      }
      if (end != decreed.ExtendToWorkday(start.AddDays(days))) {
        ++moved_by_art2;
        // A term of a week or more always holds two working days: art. 2 never moves the
        // ten weeks of the onderzoek clock.
        BOOST_TEST(days < 7);
      }
    }
  }
  BOOST_TEST(wrong == 0);
  BOOST_TEST(moved_by_art2 > 0);
}

BOOST_FIXTURE_TEST_CASE(decreed_days_come_from_the_file, Calendars) {
  BOOST_TEST(decreed.id() == "kalender-test");
  BOOST_TEST(decreed.version() == "1");
  BOOST_TEST(decreed.decreed().size() == 10u);
  BOOST_TEST(decreed.HolidayName(Day("2025-05-30")) == "Vrijdag na Hemelvaartsdag");
  BOOST_TEST(!decreed.IsWorkday(Day("2025-05-30")));
  BOOST_TEST(statutory.IsWorkday(Day("2025-05-30")));
  BOOST_TEST(statutory.HolidayName(Day("2025-05-30")) == "");
  BOOST_TEST(statutory.decreed().empty());
  BOOST_TEST(
      Listed(decreed, 2026) ==
          (std::vector<std::string>{
              "2026-01-01 Nieuwjaarsdag", "2026-01-02 Vrijdag na Nieuwjaarsdag",
              "2026-04-03 Goede Vrijdag", "2026-04-06 Tweede Paasdag", "2026-04-27 Koningsdag",
              "2026-05-05 Bevrijdingsdag", "2026-05-14 Hemelvaartsdag",
              "2026-05-15 Vrijdag na Hemelvaartsdag", "2026-05-25 Tweede Pinksterdag",
              "2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag"}),
      boost::test_tools::per_element());
  // Unsorted input comes out sorted.
  const Result<Calendar> c = Calendar::ParseXml(R"(<calendar id="x" version="2">
  <source>test</source>
  <decreed date="2026-05-15">b</decreed>
  <decreed date="2024-05-10">a</decreed>
</calendar>)",
                                                "x.xml");
  BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
  BOOST_TEST(c->decreed().front().ToIso() == "2024-05-10");
  BOOST_TEST(c->decreed().back().ToIso() == "2026-05-15");
}

BOOST_AUTO_TEST_CASE(outside_the_table_years) {
  // The table covers 1980..2100; beyond it the same rules are computed per call.
  const Result<Calendar> c = Calendar::ParseXml(R"(<calendar id="x" version="1">
  <source>test</source>
  <decreed date="1979-12-27">Donderdag na Tweede Kerstdag</decreed>
</calendar>)",
                                                "x.xml");
  BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
  BOOST_TEST(c->HolidayName(Day("1979-12-25")) == "Eerste Kerstdag");
  BOOST_TEST(c->HolidayName(Day("1979-12-27")) == "Donderdag na Tweede Kerstdag");
  // Fri 28 Dec 1979 + 1 is Mon 31; Mon 31 + 1 skips New Year 1980 to Wed 2 January.
  BOOST_TEST(c->AddWorkdays(Day("1979-12-28"), 1).ToIso() == "1979-12-31");
  BOOST_TEST(c->AddWorkdays(Day("1979-12-31"), 1).ToIso() == "1980-01-02");
  // Fri 31 Dec 2100 + 1: 1 January 2101 is a Saturday (and New Year), Monday 3 January.
  BOOST_TEST(c->AddWorkdays(Day("2100-12-31"), 1).ToIso() == "2101-01-03");
  BOOST_TEST(c->HolidayName(Day("2101-01-01")) == "Nieuwjaarsdag");
  BOOST_TEST(!c->IsHoliday(Day("1979-04-30")));  // no royal birthday before 1980
}

BOOST_AUTO_TEST_CASE(table_agrees_with_the_rules) {
  // IsHoliday reads the table, HolidayName computes the rules: every day must agree.
  const Calendar c = Calendar::ParseXml(kDecreedXml, "kalender-test.xml").value();
  int mismatches = 0;
  for (Date d = Day("1979-01-01"); d <= Day("2101-12-31"); d = d.AddDays(1)) {
    const bool named = !c.HolidayName(d).empty();
    if (c.IsHoliday(d) != named || c.IsWorkday(d) != (!named && d.iso_weekday() < 6)) {
      BOOST_TEST_MESSAGE("table and rules disagree on " << d.ToIso());
      ++mismatches;
    }
  }
  BOOST_TEST(mismatches == 0);
}

BOOST_AUTO_TEST_CASE(loads_the_shipped_calendar) {
  const std::string path = VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml";
  const Result<Calendar> c = Calendar::LoadFile(path);
  BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
  BOOST_TEST(c->id() == "kalender-nl");
  std::vector<std::string> days;
  for (Date d : c->decreed()) days.push_back(d.ToIso());
  BOOST_TEST(days == (std::vector<std::string>{
                         "2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27", "2025-05-30",
                         "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26"}),
             boost::test_tools::per_element());
  for (Date d : c->decreed()) {
    BOOST_TEST(!c->IsWorkday(d));
    BOOST_TEST(c->HolidayName(d).starts_with("Vrijdag na "));
  }
}

BOOST_AUTO_TEST_CASE(missing_file) {
  const std::string path = VTAUDIT_SOURCE_DIR "/checklists/no-such-calendar.xml";
  const Result<Calendar> c = Calendar::LoadFile(path);
  BOOST_TEST_REQUIRE(!c.ok());
  BOOST_TEST((c.status().code() == Status::Code::kIoError));
  BOOST_TEST(c.status().ToString() == path + ": cannot open: No such file or directory");
}

BOOST_AUTO_TEST_CASE(not_well_formed) {
  // pugixml points at the name in the wrong end tag: "decree" in "</decree>", column 39.
  BOOST_TEST(Errors(R"(<calendar id="x" version="1">
  <source>test</source>
  <decreed date="2025-05-30">Vrijdag</decree>
</calendar>)") == (std::vector<std::string>{
                      "t.xml:3:39: XML is not well-formed: start-end tags mismatch"}),
             boost::test_tools::per_element());
  BOOST_TEST(Errors("") == (std::vector<std::string>{"t.xml:1:1: empty document"}),
             boost::test_tools::per_element());
  // Columns count characters, not bytes: "–" and "é" take 7 bytes in UTF-8 but 3 columns, so
  // "calendar" in "</calendar>" is column 85.
  BOOST_TEST(
      Errors("<calendar id=\"x\" version=\"1\"><source>KB – één</source><decreed "
             "date=\"2025-05-30\">x</calendar>") ==
          (std::vector<std::string>{"t.xml:1:85: XML is not well-formed: start-end tags mismatch"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(refuses_a_doctype) {
  // pugixml places a DOCTYPE at its content, after "<!DOCTYPE ": column 11.
  BOOST_TEST(Errors(R"(<?xml version="1.0"?>
<!DOCTYPE calendar [<!ENTITY x "y">]>
<calendar id="x" version="1"><source>&x;</source></calendar>)") ==
                 (std::vector<std::string>{
                     "t.xml:2:1: a DOCTYPE is not allowed (entity declarations are refused)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(wrong_root_and_missing_header) {
  BOOST_TEST(
      Errors("<kalender/>") ==
          (std::vector<std::string>{"t.xml:1:1: root element is <kalender>, expected <calendar>"}),
      boost::test_tools::per_element());
  // A UTF-8 byte order mark takes no column.
  BOOST_TEST(
      Errors("\xEF\xBB\xBF<kalender/>") ==
          (std::vector<std::string>{"t.xml:1:1: root element is <kalender>, expected <calendar>"}),
      boost::test_tools::per_element());
  BOOST_TEST(Errors("<calendar>\n</calendar>") ==
                 (std::vector<std::string>{"t.xml:1:1: <calendar> needs an id attribute",
                                           "t.xml:1:1: <calendar> needs a version attribute",
                                           "t.xml:1:1: <calendar> needs a <source>"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_every_bad_decreed_day) {
  // Every message points at its element's name: column 4, after two spaces and "<".
  BOOST_TEST(Errors(R"(<calendar id="t" version="1">
  <source>test</source>
  <decreed>geen datum</decreed>
  <decreed date="30-05-2025">x</decreed>
  <decreed date="2025-02-30">x</decreed>
  <decreed date="2025-05-30">x</decreed>
  <decreed date="2025-05-30">y</decreed>
  <decreed date="2025-05-31">x</decreed>
  <decreed date="2025-06-01">x</decreed>
  <decreed date="2025-05-29">x</decreed>
  <decreed date="2024-12-27">  </decreed>
  <decreed date="2024-05-10"/>
  <decree date="2026-05-15">x</decree>
  <source>again</source>
</calendar>)") == (std::vector<std::string>{
                      "t.xml:3:3: <decreed> needs a date attribute (YYYY-MM-DD)",
                      "t.xml:4:3: date \"30-05-2025\" is not a date (expected YYYY-MM-DD)",
                      "t.xml:5:3: no such day: 2025-02-30",
                      "t.xml:7:3: 2025-05-30 is decreed twice (first at 6:3)",
                      "t.xml:8:3: 2025-05-31 is a Saturday, not a working day to begin with",
                      "t.xml:9:3: 2025-06-01 is a Sunday, not a working day to begin with",
                      "t.xml:10:3: 2025-05-29 is already a public holiday (Hemelvaartsdag)",
                      "t.xml:11:3: <decreed date=\"2024-12-27\"> has no text (say which day it is)",
                      "t.xml:12:3: <decreed date=\"2024-05-10\"> has no text (say which day it is)",
                      "t.xml:13:3: unexpected element <decree> (expected <source> or <decreed>)",
                      "t.xml:14:3: <source> is given twice",
                  }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_errors_on_one_line_are_counted_fast) {
  // 200,000 <decreed> without a date on one line: the first 100 are listed, the rest
  // counted, in well under the 2 s this allows (it took minutes when every column was
  // counted from the start of the line).
  std::string xml = "<calendar id=\"t\" version=\"1\"><source>s</source>";
  for (int i = 0; i < 200000; ++i) xml += "<decreed>x</decreed>";
  xml += "</calendar>";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> errors = Errors(xml);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  BOOST_TEST(took.count() < TimeLimit(2.0));
  BOOST_TEST_REQUIRE(errors.size() == 101u);
  // The header is 47 characters; each <decreed>x</decreed> 20: the 100th starts at column
  // 48 + 99 × 20 = 2028.
  BOOST_TEST(errors[0] == "t.xml:1:48: <decreed> needs a date attribute (YYYY-MM-DD)");
  BOOST_TEST(errors[99] == "t.xml:1:2028: <decreed> needs a date attribute (YYYY-MM-DD)");
  BOOST_TEST(errors[100] == "t.xml: and 199900 more errors (200000 in all)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
