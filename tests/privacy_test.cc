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

BOOST_AUTO_TEST_CASE(finds_a_bsn_in_the_forms_people_write_it) {
  // 799642630 passes the 11-proef: 7·9 + 9·8 + 9·7 + 6·6 + 4·5 + 2·4 + 6·3 + 3·2 − 0 = 286 = 26·11.
  BOOST_TEST(ContainsBsn("BSN 7996.42.630"));
  BOOST_TEST(ContainsBsn("bsn 799 642 630 (moeder)"));
  BOOST_TEST(ContainsBsn("799-642-630"));
  BOOST_TEST(ContainsBsn("VT03-799642630"));
  BOOST_TEST(
      ContainsBsn("\xEF\xBC\x97\xEF\xBC\x99\xEF\xBC\x99\xEF\xBC\x96\xEF\xBC\x94"
                  "\xEF\xBC\x92\xEF\xBC\x96\xEF\xBC\x93\xEF\xBC\x90"));  // full width
  BOOST_TEST(ContainsBsn("7.9964263E8"));  // Excel's scientific form of 799642630
  // 012345672: 0·9 + 1·8 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 − 2 = 110 = 10·11; Excel
  // drops the leading zero.
  BOOST_TEST(ContainsBsn("12345672"));
  // Not BSNs: dates written as eight digits, a ten-digit number, numbers in a list.
  BOOST_TEST(!ContainsBsn("20250301"));
  BOOST_TEST(!ContainsBsn("verslag van 12-03-2025"));
  BOOST_TEST(!ContainsBsn("1234567820"));
  BOOST_TEST(!ContainsBsn("zaken 3, 4 en 7"));
}

BOOST_AUTO_TEST_CASE(refuses_the_column_names_a_probe_found) {
  for (const char* name :
       {"geb_datum", "gebdatum", "geboren", "tel", "telnr", "street", "house_number", "city",
        "plaats", "zip", "pc6", "initials", "ssn", "persoonsnummer", "klantnummer"}) {
    BOOST_TEST(!PersonalColumnKind(name).empty(), name);
  }
  for (const char* name : {"case_id", "received", "triaged", "violence", "investigation_started",
                           "outcome", "hostel_count"}) {
    BOOST_TEST(PersonalColumnKind(name).empty(), name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
