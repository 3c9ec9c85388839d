// Which text may be shown as it is, in a terminal, a report or a sample list. An
// identifier from a delivery (a case_id, an organisation's name) must be printable: valid
// UTF-8 without the characters that can hide, reorder or forge what a reader sees —
// controls (C0, DEL, C1: ESC starts a terminal sequence, CR overwrites a line), the
// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the byte
// order mark U+FEFF, zero-width characters (U+200B–U+200D, U+2060) and the other invisible
// format characters of Unicode's class Cf, the line and paragraph separators U+2028 and
// U+2029, and noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
#ifndef VTAUDIT_PRINTABLE_H_
#define VTAUDIT_PRINTABLE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vtaudit {

// What kind of character that must not be shown U+`cp` is ("a control character", "a
// bidirectional control", …); nullptr for a printable one.
const char* UnprintableKind(char32_t cp);

// Decodes the UTF-8 character at text[*pos] into *cp and moves *pos past it; false (and
// *pos unmoved) at a byte that does not start a valid one: a stray continuation byte, an
// overlong form, a surrogate, a value over U+10FFFF, a sequence cut short.
// REQUIRES: *pos < text.size()
bool DecodeUtf8(std::string_view text, std::size_t* pos, char32_t* cp);

// Why `text` is not printable, naming the first offence and its 1-based character
// position: "a control character U+001B at character 4", "a byte that is not UTF-8 (0xFF)
// at character 2". Empty when the whole text is printable.
std::string UnprintableReason(std::string_view text);

}  // namespace vtaudit

#endif  // VTAUDIT_PRINTABLE_H_
