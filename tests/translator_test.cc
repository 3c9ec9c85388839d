#include "translator.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <optional>

#include "date.h"

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(translator)

BOOST_AUTO_TEST_CASE(numbers_use_the_decimal_sign_of_the_language) {
  BOOST_TEST(FormatNumber(1.4, 1, "nl") == "1,4");
  BOOST_TEST(FormatNumber(1.4, 1, "en") == "1.4");
  BOOST_TEST(FormatNumber(1.75, 2, "nl") == "1,75");
  BOOST_TEST(FormatNumber(2, 0, "nl") == "2");
  BOOST_TEST(FormatNumber(-0.04, 1, "nl") == "0,0");   // no "-0,0"
  BOOST_TEST(FormatNumber(-3.25, 1, "nl") == "-3,2");  // -3.25 is exact: ties to even
  BOOST_TEST(FormatNumber(std::nan(""), 1, "nl") == "\u2013");
}

BOOST_AUTO_TEST_CASE(percentages) {
  // 0.872 × 100 = 87.2 → "87,2%"; 109/125 = 0.872 exactly in decimal.
  BOOST_TEST(FormatPercent(109.0 / 125.0, 1, "nl") == "87,2%");
  BOOST_TEST(FormatPercent(109.0 / 125.0, 1, "en") == "87.2%");
  BOOST_TEST(FormatPercent(0.9, 0, "nl") == "90%");
  BOOST_TEST(FormatPercent(1, 1, "nl") == "100,0%");
}

BOOST_AUTO_TEST_CASE(dates_are_written_out) {
  const Date d = *Date::FromYmd(2025, 1, 6);
  BOOST_TEST(FormatLongDate(d, "nl") == "6 januari 2025");
  BOOST_TEST(FormatLongDate(d, "en") == "6 January 2025");
  BOOST_TEST(FormatLongDate(*Date::FromYmd(2024, 12, 31), "nl") == "31 december 2024");
}

// Seconds since the epoch worked out by hand: 2025-01-01 is day 20089 (55 years of 365 days
// and the 14 leap days of 1972 … 2024); 30 March is day 20089 + 31 + 28 + 29 = 20177, so its
// 01:00 UTC is 20177 × 86400 + 3600 = 1743296400; 26 October is day 20089 + 298 = 20387, its
// 01:00 UTC 20387 × 86400 + 3600 = 1761440400. Both are the last Sundays of their months.
BOOST_AUTO_TEST_CASE(dutch_time_switches_at_the_eu_moments_of_2025) {
  auto clock = [](int64_t utc) {
    const EventTime t = DutchTime(utc);
    return t.date.ToIso() + " " + std::to_string(*t.seconds / 3600) + ":" +
           std::to_string(*t.seconds / 60 % 60) + ":" + std::to_string(*t.seconds % 60);
  };
  BOOST_TEST(clock(1743296400 - 1) == "2025-03-30 1:59:59");  // 00:59:59Z, still CET
  BOOST_TEST(clock(1743296400) == "2025-03-30 3:0:0");        // 01:00:00Z, CEST: 02:00 skipped
  BOOST_TEST(clock(1761440400 - 1) == "2025-10-26 2:59:59");  // 00:59:59Z, still CEST
  BOOST_TEST(clock(1761440400) == "2025-10-26 2:0:0");        // 01:00:00Z, CET: 02:xx twice
}

BOOST_AUTO_TEST_CASE(dutch_moments_are_written_in_winter_and_summer_time) {
  // 6 January 2025 is day 20094: 20094 × 86400 + 13 × 3600 + 56 × 60 = 1736171760.
  BOOST_TEST(ParseUtcIso("2025-01-06T13:56:00Z").value_or(0) == 1736171760);
  BOOST_TEST(FormatDutchMoment(1736171760, "nl") == "6 januari 2025, 14:56");  // CET, +1
  BOOST_TEST(FormatDutchMoment(1736171760, "en") == "6 January 2025, 14:56");
  // 1 July 22:30Z is 00:30 the next day in summer time (+2).
  BOOST_TEST(FormatDutchMoment(*ParseUtcIso("2025-07-01T22:30:00Z"), "nl") == "2 juli 2025, 00:30");
  // New Year's Eve 23:30Z is already the new year in Amsterdam.
  BOOST_TEST(FormatDutchMoment(*ParseUtcIso("2024-12-31T23:30:00Z"), "en") ==
             "1 January 2025, 00:30");
  // The next year has its own last Sundays: 29 March 2026 01:00Z.
  BOOST_TEST(FormatDutchMoment(*ParseUtcIso("2026-03-29T00:59:00Z"), "nl") ==
             "29 maart 2026, 01:59");
  BOOST_TEST(FormatDutchMoment(*ParseUtcIso("2026-03-29T01:00:00Z"), "nl") ==
             "29 maart 2026, 03:00");
  BOOST_TEST(FormatLongMoment(EventTime{*Date::FromYmd(2025, 1, 6), std::nullopt}, "nl") ==
             "6 januari 2025");
  BOOST_TEST(!ParseUtcIso("2025-01-06T13:56:00"));   // no Z: not a UTC stamp
  BOOST_TEST(!ParseUtcIso("2025-01-06 13:56:00Z"));  // no T
  BOOST_TEST(!ParseUtcIso("2025-02-30T13:56:00Z"));  // no such day
  BOOST_TEST(!ParseUtcIso("2025-01-06T24:00:00Z"));
}

BOOST_AUTO_TEST_CASE(lookup_fills_fields_and_shows_a_missing_key) {
  Result<Translator> t =
      Translator::FromText("# wording\ngreeting = {n} van {total} dossiers\nplain = geen velden\n",
                           "t.properties", "nl");
  BOOST_TEST_REQUIRE(t.ok());
  BOOST_TEST(t->lang() == "nl");
  BOOST_TEST(!t->english());
  BOOST_TEST(t->T("greeting", {{"n", "3"}, {"total", "20"}}) == "3 van 20 dossiers");
  BOOST_TEST(t->T("greeting", {{"n", "3"}}) == "3 van {total} dossiers");  // no argument: kept
  BOOST_TEST(t->T("plain") == "geen velden");
  BOOST_TEST(t->T("absent") == "[absent]");
  BOOST_TEST(t->Has("plain"));
  BOOST_TEST(!t->Has("absent"));
  BOOST_TEST(t->Percent(0.5) == "50,0%");
  BOOST_TEST(t->Number(1.4, 1) == "1,4");
  BOOST_TEST(t->LongDate(*Date::FromYmd(2025, 1, 6)) == "6 januari 2025");
}

BOOST_AUTO_TEST_CASE(english_translator_formats_in_english) {
  Result<Translator> t = Translator::FromText("a = b\n", "t.properties", "en");
  BOOST_TEST_REQUIRE(t.ok());
  BOOST_TEST(t->english());
  BOOST_TEST(t->Percent(0.5) == "50.0%");
  BOOST_TEST(t->LongDate(*Date::FromYmd(2025, 1, 6)) == "6 January 2025");
}

BOOST_AUTO_TEST_CASE(bad_input_names_file_and_line) {
  Result<Translator> t =
      Translator::FromText("a = 1\nno equals sign\na = 2\n", "x.properties", "nl");
  BOOST_TEST_REQUIRE(!t.ok());
  const std::string message = t.status().ToString();
  BOOST_TEST(message.find("x.properties:2: expected 'key = value'") != std::string::npos);
  BOOST_TEST(message.find("x.properties:3: key 'a' given twice") != std::string::npos);
  BOOST_TEST(!Translator::FromText("a = 1\n", "x", "de").ok());
  BOOST_TEST(Translator::Load("/nonexistent/text-nl.properties", "nl").status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(the_shipped_texts_load_and_share_their_keys) {
  Result<Translator> nl = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-nl.properties", "nl");
  Result<Translator> en = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-en.properties", "en");
  BOOST_TEST_REQUIRE(nl.ok());
  BOOST_TEST_REQUIRE(en.ok());
  BOOST_TEST(
      nl->T(
          "explain.mean",
          {{"parts", "criteria"}, {"mean", "1,4"}, {"band", "1,0"}, {"level", "voldoet deels"}}) ==
      "Gemiddelde van de criteria 1,4 (drempel 1,0): voldoet deels");
}

BOOST_AUTO_TEST_CASE(a_status_is_said_in_the_language_of_its_problem_codes) {
  Result<Translator> nl =
      Translator::FromText("problem.x = {thing} ontbreekt\n", "test.properties", "nl");
  BOOST_TEST_REQUIRE(nl.ok());
  const Status s =
      Status::InvalidAll({"the rule is missing", "line 3 is bad", "other"},
                         {{"problem.x", {{"thing", "de regel"}}}, {}, {"problem.y", {}}});
  // A code with a text is translated; no code, or a code without a text, keeps the message.
  BOOST_TEST(
      nl->Messages(s) == std::vector<std::string>({"de regel ontbreekt", "line 3 is bad", "other"}),
      boost::test_tools::per_element());
  BOOST_TEST(s.ToString() == "the rule is missing\nline 3 is bad\nother");
  // A status made without codes has an empty one per message.
  const Status plain = Status::Invalid("plain");
  BOOST_TEST_REQUIRE(plain.problems().size() == 1u);
  BOOST_TEST(plain.problems()[0].key.empty());
  BOOST_TEST(nl->Messages(plain) == std::vector<std::string>{"plain"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
