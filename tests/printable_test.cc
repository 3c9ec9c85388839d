#include "printable.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "escape.h"

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(printable)

BOOST_AUTO_TEST_CASE(accepts_printable_text_in_any_script) {
  for (const char* text : {"VT-2025-000123", "Zoë", "dossier 12/3 (oud)", "日本語",
                           "\xF0\x9F\x98\x80", "caf\xC3\xA9\xC2\xA0x", ""}) {
    BOOST_TEST(UnprintableReason(text) == "", text);
  }
}

// Positions count characters, not bytes: "é" is one.
BOOST_AUTO_TEST_CASE(names_the_first_character_that_must_not_be_shown) {
  using namespace std::string_literals;
  BOOST_TEST(UnprintableReason("VT\x1B[2J") == "a control character U+001B at character 3");
  BOOST_TEST(UnprintableReason("A\r\n") == "a control character U+000D at character 2");
  BOOST_TEST(UnprintableReason("A\n") == "a control character U+000A at character 2");
  BOOST_TEST(UnprintableReason("A\tB") == "a control character U+0009 at character 2");
  BOOST_TEST(UnprintableReason("A\0B"s) == "a control character U+0000 at character 2");
  BOOST_TEST(UnprintableReason("\x7F") == "a control character U+007F at character 1");
  BOOST_TEST(UnprintableReason("\xC3\xA9\xC2\x85") == "a control character U+0085 at character 2");
  BOOST_TEST(UnprintableReason("\xEF\xBB\xBFVT1") == "a byte order mark U+FEFF at character 1");
  BOOST_TEST(UnprintableReason("VT\xE2\x80\x8B"
                               "1") == "a zero-width character U+200B at character 3");
  BOOST_TEST(UnprintableReason("VT\xE2\x81\xA0") == "a zero-width character U+2060 at character 3");
  BOOST_TEST(UnprintableReason("a\xE2\x80\xA8") ==
             "a line or paragraph separator U+2028 at character 2");
  BOOST_TEST(UnprintableReason("a\xC2\xAD") ==
             "an invisible format character U+00AD at character 2");
  BOOST_TEST(UnprintableReason("\xF3\xA0\x80\x81") ==
             "an invisible format character U+E0001 at character 1");
  BOOST_TEST(UnprintableReason("\xEF\xBF\xBE") == "a noncharacter U+FFFE at character 1");
  BOOST_TEST(UnprintableReason("\xEF\xB7\x90") == "a noncharacter U+FDD0 at character 1");
}

// Each bidirectional control, written as UTF-8 (U+061C, U+200E/F, U+202A–E, U+2066–9).
BOOST_AUTO_TEST_CASE(refuses_every_bidirectional_control) {
  for (const char32_t cp : {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
                            0x2067, 0x2068, 0x2069}) {
    std::string text = "VT";
    if (cp < 0x800) {
      text += static_cast<char>(0xC0 | (cp >> 6));
    } else {
      text += static_cast<char>(0xE0 | (cp >> 12));
      text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    text += static_cast<char>(0x80 | (cp & 0x3F));
    char expected[64];
    std::snprintf(expected, sizeof expected, "a bidirectional control U+%04X at character 3",
                  static_cast<unsigned>(cp));
    BOOST_TEST(UnprintableReason(text) == expected);
  }
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_utf8) {
  BOOST_TEST(UnprintableReason("A\xFF") == "a byte that is not UTF-8 (0xFF) at character 2");
  BOOST_TEST(UnprintableReason("\xC0\x80") == "a byte that is not UTF-8 (0xC0) at character 1");
  BOOST_TEST(UnprintableReason("\xE0\x80\x80") == "a byte that is not UTF-8 (0xE0) at character 1");
  BOOST_TEST(UnprintableReason("\xED\xA0\x80") == "a byte that is not UTF-8 (0xED) at character 1");
  BOOST_TEST(UnprintableReason("\xF4\x90\x80\x80") ==
             "a byte that is not UTF-8 (0xF4) at character 1");
  BOOST_TEST(UnprintableReason("ab\xE2\x82") == "a byte that is not UTF-8 (0xE2) at character 3");
  BOOST_TEST(UnprintableReason("\x80") == "a byte that is not UTF-8 (0x80) at character 1");
}

// Messages quote user text through EscapeControl: nothing of the above reaches a terminal.
BOOST_AUTO_TEST_CASE(escape_control_shows_every_unprintable_character) {
  using namespace std::string_literals;
  BOOST_TEST(EscapeControl("a\x1B[31m\nb\0"s) == "a\\x1B[31m\\nb\\x00");
  BOOST_TEST(EscapeControl("\xE2\x80\xAE"
                           "cod.exe") == "\\u202Ecod.exe");
  BOOST_TEST(EscapeControl("\xEF\xBB\xBFZo\xC3\xAB \xC2\x85") == "\\uFEFFZo\xC3\xAB \\u0085");
  BOOST_TEST(EscapeControl("\xF3\xA0\x80\x81x\xFF") == "\\U000E0001x\\xFF");
  BOOST_TEST(EscapeControl("日本 \xF0\x9F\x98\x80") == "日本 \xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
