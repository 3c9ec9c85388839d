// Guards that keep personal identifiers out of the workspace: vtaudit stores case
// numbers and findings, never a citizen service number (BSN). Pure functions.
#ifndef VTAUDIT_PRIVACY_H_
#define VTAUDIT_PRIVACY_H_

#include <string_view>

namespace vtaudit {

// True when `text` contains a run of exactly nine ASCII digits (not part of a longer
// run of digits) that passes the BSN eleven test (elfproef):
//   9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 ≡ 0 (mod 11),
// with 000000000 excluded. Dots, spaces or dashes inside the number are not skipped:
// the check errs on the side of the common written form "123456782".
bool LooksLikeBsn(std::string_view text);

}  // namespace vtaudit

#endif  // VTAUDIT_PRIVACY_H_
