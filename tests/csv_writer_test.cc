#include "csv_writer.h"

#include <boost/test/unit_test.hpp>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(csv_writer)

BOOST_AUTO_TEST_CASE(quotes_and_guards_formulas) {
  BOOST_TEST(CsvText("VT01-2024-003071") == "VT01-2024-003071");
  BOOST_TEST(CsvText("a,b") == "\"a,b\"");
  BOOST_TEST(CsvText("zei \"nee\"") == "\"zei \"\"nee\"\"\"");
  BOOST_TEST(CsvText("regel\nnog een") == "\"regel\nnog een\"");
  // OWASP: a cell a spreadsheet would run as a formula is shown as text.
  BOOST_TEST(CsvText("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  BOOST_TEST(CsvText("+A1*2") == "'+A1*2");
  BOOST_TEST(CsvText("-2+A1") == "'-2+A1");
  BOOST_TEST(CsvText("-0.16261479448193816") == "-0.16261479448193816");  // a number
  BOOST_TEST(CsvText("1e-05") == "1e-05");
  BOOST_TEST(CsvText("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(CsvText("") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
