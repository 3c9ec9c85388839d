#include "row_checker.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace vtaudit {
namespace {

const std::vector<std::string> kHeader = {"case_id",
                                          "kind",
                                          "violence",
                                          "received",
                                          "triaged",
                                          "safety_assessed",
                                          "outcome",
                                          "investigation_decided",
                                          "investigation_started",
                                          "investigation_completed",
                                          "rvdk",
                                          "disclosure"};

TableRow Row(int line, std::vector<std::string> fields) {
  TableRow row;
  row.line = line;
  row.numeric.assign(fields.size(), false);
  row.fields = std::move(fields);
  return row;
}

// A checker for the native header, whose today is 2025-12-01.
struct NativeChecker {
  NativeChecker() {
    Result<RowChecker> c =
        RowChecker::FromHeader("x.csv", Row(1, kHeader), &warnings, *Date::FromYmd(2025, 12, 1));
    BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
    checker.emplace(std::move(*c));
  }
  // The errors of a row that is the good row with field `name` set to `value`.
  std::vector<std::string> ErrorsWith(const std::string& name, const std::string& value) {
    TableRow row = Good();
    for (size_t i = 0; i < kHeader.size(); ++i) {
      if (kHeader[i] == name) row.fields[i] = value;
    }
    checker->Check(row, &out);
    return out.errors;
  }
  static TableRow Good() {
    return Row(2, {"A1", "Melding", "partnergeweld|Kindermishandeling", "2025-03-03T14:00",
                   "2025-03-03T16:30", "2025-03-10", "VT-01-01", "2025-03-10", "2025-03-24",
                   "2025-05-12", "ja", "0"});
  }
  std::vector<std::string> warnings;
  std::optional<RowChecker> checker;
  CheckedRow out;
};

using Errors = std::vector<std::string>;

BOOST_FIXTURE_TEST_SUITE(row_checker, NativeChecker)

BOOST_AUTO_TEST_CASE(a_good_row_gives_its_case) {
  checker->Check(Good(), &out);
  BOOST_TEST(out.errors.empty());
  BOOST_TEST(out.line == 2);
  BOOST_TEST(out.c.case_id == "A1");
  BOOST_TEST((out.c.kind == CaseKind::kMelding));
  BOOST_TEST(out.violence == "partnergeweld|kindermishandeling");  // lower-cased as stored
  BOOST_TEST(out.c.violence.size() == 2u);
  BOOST_TEST(out.c.event(Event::kReceived)->ToIso() == "2025-03-03T14:00:00");
  BOOST_TEST(out.c.event(Event::kInvestigationCompleted)->ToIso() == "2025-05-12");
  BOOST_TEST(out.c.outcome == "VT-01-01");
  BOOST_TEST(out.c.rvdk);
  BOOST_TEST(!out.c.disclosure);
  BOOST_TEST(warnings.empty());
}

BOOST_AUTO_TEST_CASE(an_excel_serial_in_a_numeric_cell_is_a_date) {
  TableRow row = Good();
  row.fields[3] = "45719.25";  // 2025-03-03 06:00: 45719 days after 1899-12-30
  row.numeric[3] = true;
  checker->Check(row, &out);
  BOOST_TEST(out.errors.empty());
  BOOST_TEST(out.c.event(Event::kReceived)->ToIso() == "2025-03-03T06:00:00");
}

BOOST_AUTO_TEST_CASE(refuses_a_row_that_does_not_fit_the_header_unchecked) {
  TableRow row = Good();
  row.problem = "x.csv:2: 13 fields, header has 12";
  row.fields[0] = "";  // would be an error of its own if it were checked
  checker->Check(row, &out);
  BOOST_TEST(out.errors == Errors{"x.csv:2: 13 fields, header has 12"});
}

BOOST_AUTO_TEST_CASE(refuses_case_ids_empty_unprintable_or_a_bsn) {
  BOOST_TEST(ErrorsWith("case_id", " ") ==
             Errors{"x.csv:2: column case_id: empty; every case needs the organisation's case "
                    "number"});
  BOOST_TEST(ErrorsWith("case_id", "A\x01") ==
             Errors{"x.csv:2: column case_id: holds a control character U+0001 at character 2; "
                    "a case_id "
                    "may hold printable characters only"});
  // 123456782: 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 2 = 154 = 14 · 11.
  BOOST_TEST(ErrorsWith("case_id", "123456782") ==
             Errors{"x.csv:2: column case_id: '123456782' looks like a BSN (9 digits passing "
                    "the 11-proef); use the organisation's case number"});
}

BOOST_AUTO_TEST_CASE(refuses_unknown_codes) {
  BOOST_TEST(ErrorsWith("kind", "Zorg") ==
             Errors{"x.csv:2: column kind: 'zorg' is not melding or advies"});
  BOOST_TEST(ErrorsWith("violence", "partnergeweld|stalking") ==
             Errors{"x.csv:2: column violence: 'stalking' is not a type of violence "
                    "(kindermishandeling, partnergeweld, ouderenmishandeling, "
                    "geweld_tegen_ouders, overig)"});
  BOOST_TEST(ErrorsWith("outcome", "vt-01-01") ==
             Errors{"x.csv:2: column outcome: 'vt-01-01' is not a VT outcome code (VT-00, "
                    "VT-01-01 … VT-01-04, VT-02, VT-03, VT-99)"});
  BOOST_TEST(ErrorsWith("disclosure", "ja2") ==
             Errors{"x.csv:2: column disclosure: 'ja2' is not 1 or 0"});
}

BOOST_AUTO_TEST_CASE(refuses_bad_moments) {
  BOOST_TEST(ErrorsWith("triaged", "2025-02-30") ==
             Errors{"x.csv:2: column triaged: '2025-02-30': no such day: 2025-02-30"});
  BOOST_TEST(ErrorsWith("received", "") ==
             Errors{"x.csv:2: column received: empty; every case has a date of receipt"});
  // Today is 2025-12-01: the next day is the future.
  BOOST_TEST(ErrorsWith("investigation_completed", "2025-12-02") ==
             Errors{"x.csv:2: column investigation_completed: 2025-12-02 lies in the future"});
  BOOST_TEST(ErrorsWith("investigation_completed", "2025-12-01").empty());
}

BOOST_AUTO_TEST_CASE(refuses_bad_excel_serials) {
  TableRow row = Good();
  row.fields[5] = "60";
  row.numeric[5] = true;
  checker->Check(row, &out);
  BOOST_TEST(out.errors == Errors{"x.csv:2: column safety_assessed: '60' is not an Excel date: 60 "
                                  "is Excel's 29 February 1900, a day that never was"});
  row.fields[5] = "46000";  // 46000 − 45719 = 281 days after 2025-03-03: 2025-12-09
  checker->Check(row, &out);
  BOOST_TEST(out.errors == Errors{"x.csv:2: column safety_assessed: Excel date 46000 "
                                  "(2025-12-09) lies in the future"});
}

BOOST_AUTO_TEST_CASE(refuses_events_out_of_order) {
  BOOST_TEST(ErrorsWith("triaged", "2025-03-03T13:59") ==
             Errors{"x.csv:2: column triaged: 2025-03-03T13:59:00 is before received "
                    "2025-03-03T14:00:00"});
  // Without a time of day only the dates are compared: the same day is not before.
  BOOST_TEST(ErrorsWith("triaged", "2025-03-03").empty());
  BOOST_TEST(ErrorsWith("investigation_started", "2025-03-09") ==
             Errors{"x.csv:2: column investigation_started: 2025-03-09 is before "
                    "investigation_decided 2025-03-10"});
}

BOOST_AUTO_TEST_CASE(refuses_a_bsn_in_an_ignored_column) {
  Result<RowChecker> c =
      RowChecker::FromHeader("x.csv", Row(1, {"case_id", "kind", "received", "kenmerk"}), &warnings,
                             *Date::FromYmd(2025, 12, 1));
  BOOST_TEST_REQUIRE(c.ok());
  BOOST_TEST(warnings == Errors{"x.csv:1: column 'kenmerk' is not a known column and is ignored"});
  c->Check(Row(2, {"A1", "melding", "2025-03-03", "799.642.630"}), &out);
  BOOST_TEST(out.errors == Errors{"x.csv:2: column kenmerk: holds a number that passes the BSN "
                                  "11-proef; vtaudit stores no BSNs: remove the column"});
}

BOOST_AUTO_TEST_CASE(refuses_bad_headers_listing_every_problem) {
  Result<RowChecker> c =
      RowChecker::FromHeader("x.csv", Row(1, {"case_id", "Received", "received ", "BSN_kind"}),
                             &warnings, *Date::FromYmd(2025, 12, 1));
  BOOST_TEST_REQUIRE(!c.ok());
  BOOST_TEST(c.status().messages() ==
             Errors({"x.csv:1: column 'received' appears twice",
                     "x.csv:1: column 'bsn_kind' looks like a personal identifier (BSN); vtaudit "
                     "stores no names, addresses or BSNs: remove the column",
                     "x.csv:1: required column 'kind' is missing",
                     "x.csv: nothing imported; the workspace is unchanged"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
