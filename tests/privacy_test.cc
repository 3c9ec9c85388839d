#include "privacy.h"

#include <boost/test/unit_test.hpp>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_AUTO_TEST_CASE(recognises_numbers_that_pass_the_elfproef) {
  // 111222333: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 = 69, 69 − 3 = 66 = 6·11.
  BOOST_TEST(LooksLikeBsn("111222333"));
  // 123456782: 9+16+21+24+25+24+21+16 = 156, 156 − 2 = 154 = 14·11.
  BOOST_TEST(!LooksLikeBsn("zie dossier 123456782, vader"));  // exactly 9 digits only
  BOOST_TEST(ContainsBsn("zie dossier 123456782, vader"));
  BOOST_TEST(ContainsBsn("bsn:123456782."));
  BOOST_TEST(!ContainsBsn("dossier 1234567820"));  // ten digits: a longer number
}

BOOST_AUTO_TEST_CASE(ignores_other_numbers) {
  // 123456789: 156 − 9 = 147, not divisible by 11.
  BOOST_TEST(!LooksLikeBsn("123456789"));
  BOOST_TEST(!LooksLikeBsn("000000000"));
  BOOST_TEST(!LooksLikeBsn("12345678"));    // eight digits
  BOOST_TEST(!LooksLikeBsn("1234567820"));  // ten digits: a longer number, not a BSN
  BOOST_TEST(!LooksLikeBsn("VT-2025-0042"));
  BOOST_TEST(!LooksLikeBsn(""));
}

BOOST_AUTO_TEST_CASE(names_personal_columns) {
  BOOST_TEST(PersonalColumnKind("BSN") == "BSN");
  BOOST_TEST(PersonalColumnKind("naam_kind") == "naam");
  BOOST_TEST(PersonalColumnKind("Geboortedatum") == "geboortedatum");
  BOOST_TEST(PersonalColumnKind("E-mail") == "e-mailadres");
  BOOST_TEST(PersonalColumnKind("case_id") == "");
  BOOST_TEST(PersonalColumnKind("violence") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
