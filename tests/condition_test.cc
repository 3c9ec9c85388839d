#include "condition.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "translator.h"

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

// Every refusal carries its code, whose English text (reports/text-en.properties) says
// exactly the message the command line prints; the Dutch one says it in Dutch.
BOOST_AUTO_TEST_CASE(every_refusal_has_a_code_that_says_its_message) {
  Result<Translator> en = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-en.properties", "en");
  Result<Translator> nl = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-nl.properties", "nl");
  BOOST_TEST_REQUIRE(en.ok());
  BOOST_TEST_REQUIRE(nl.ok());
  const std::string deep(101, '(');
  for (const std::string& text : std::vector<std::string>{
           "", "kind = 'melding", "kind ~ melding", "kind = melding x", deep + "kind = melding",
           "(kind = melding", "= melding", "kinds = melding", "kind in melding", "kind in (melding",
           "kind is there", "kind melding", "kind ="}) {
    ConditionError err;
    BOOST_TEST_REQUIRE(!Condition::Parse(text, &err).has_value());
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(err.problem.key.rfind("problem.condition.", 0) == 0u);
      BOOST_TEST(en->Say("?", err.problem) == err.message);
      BOOST_TEST(nl->Say("?", err.problem) != err.message);
      BOOST_TEST(nl->Say("?", err.problem).find("expected") == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
