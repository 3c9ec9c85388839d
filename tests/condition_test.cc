#include "condition.h"

#include <boost/test/unit_test.hpp>

namespace vtaudit {
namespace {

CaseRecord Melding() {
  CaseRecord c;
  c.case_id = "VT-1";
  c.violence = {"kindermishandeling", "partnergeweld"};
  c.event(Event::kReceived) = EventTime{*Date::FromYmd(2025, 3, 3), std::nullopt};
  return c;
}

bool Eval(std::string_view text, const CaseRecord& c) {
  ConditionError err;
  const std::optional<Condition> cond = Condition::Parse(text, &err);
  BOOST_TEST_REQUIRE(cond.has_value(), text << ": " << err.message);
  return cond->Matches(c);
}

std::string ErrorOf(std::string_view text) {
  ConditionError err;
  BOOST_TEST_REQUIRE(!Condition::Parse(text, &err).has_value());
  return std::to_string(err.offset) + ": " + err.message;
}

BOOST_AUTO_TEST_SUITE(condition)

BOOST_AUTO_TEST_CASE(evaluates_tests_and_connectives) {
  CaseRecord c = Melding();
  BOOST_TEST(Eval("kind = melding", c));
  BOOST_TEST(!Eval("kind = advies", c));
  BOOST_TEST(Eval("kind != advies", c));
  BOOST_TEST(Eval("violence = partnergeweld", c));  // any value of a multi-valued field
  BOOST_TEST(Eval("violence in (overig, kindermishandeling)", c));
  BOOST_TEST(!Eval("investigation_decided is set", c));
  BOOST_TEST(Eval("investigation_decided is empty", c));
  BOOST_TEST(Eval("kind = melding and (disclosure = 1 or rvdk = 0)", c));
  BOOST_TEST(!Eval("not (kind = 'melding')", c));
  BOOST_TEST(Eval("outcome is empty or outcome = VT-01-02", c));
  c.outcome = "VT-01-02";
  BOOST_TEST(Eval("outcome = VT-01-02", c));
}

BOOST_AUTO_TEST_CASE(reports_where_it_fails) {
  BOOST_TEST(ErrorOf("kind = ") == "7: expected a value, got 'end of condition'");
  BOOST_TEST(ErrorOf("kinds = melding") == "0: unknown case field 'kinds'");
  BOOST_TEST(ErrorOf("kind = melding and") == "18: expected a case field, got 'end of condition'");
  BOOST_TEST(ErrorOf("(kind = melding") == "15: expected ')', got 'end of condition'");
  BOOST_TEST(ErrorOf("kind = 'melding") == "7: unterminated quoted value");
  BOOST_TEST(ErrorOf("kind ~ melding") == "5: unexpected character '~'");
  BOOST_TEST(ErrorOf("rvdk is there") == "8: expected 'set' or 'empty' after 'is'");
  BOOST_TEST(ErrorOf("   ") == "0: empty condition");
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_an_error_not_a_crash) {
  // 20,000 parentheses and 50,000 chained `not` overflowed the stack of the recursive parser.
  const std::string parens = std::string(20000, '(') + "kind = melding" + std::string(20000, ')');
  BOOST_TEST(ErrorOf(parens) ==
             "100: conditions nest at most 100 levels deep (of 'not' and parentheses)");
  std::string nots;
  for (int i = 0; i < 50000; ++i) nots += "not ";
  nots += "kind = melding";
  // The 101st `not` starts at byte 100 · 4 = 400.
  BOOST_TEST(ErrorOf(nots) ==
             "400: conditions nest at most 100 levels deep (of 'not' and parentheses)");
  // A hundred levels are still fine.
  BOOST_TEST(Eval(std::string(99, '(') + "kind = melding" + std::string(99, ')'), Melding()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
