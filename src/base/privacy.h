// What vtaudit refuses to store: names, addresses, BSNs. Case files are about abused
// children; the toolkit needs only the organisation's case number.
#ifndef VTAUDIT_PRIVACY_H_
#define VTAUDIT_PRIVACY_H_

#include <string>
#include <string_view>

namespace vtaudit {

// True when `text` is exactly 9 digits passing the BSN "11-proef":
// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and not all zeros).
bool LooksLikeBsn(std::string_view text);
// True when `text` contains a BSN in any of the forms it is written in: a 9-digit run (not
// part of a longer number) passing the 11-proef, the same digits in groups joined by
// single spaces, dots or hyphens ("7996.42.630", "799 642 630"), in full-width digits, in
// Excel's scientific form ("7.9964263E8"), or as 8 digits that lost their leading zero
// (unless they read as a date, YYYYMMDD or DDMMYYYY).
bool ContainsBsn(std::string_view text);
// When a column name suggests a personal identifier (bsn, naam, adres, geboortedatum,
// postcode, telefoon, e-mail, …), the kind of identifier in Dutch ("naam"); else "".
std::string PersonalColumnKind(std::string_view column_name);

}  // namespace vtaudit

#endif  // VTAUDIT_PRIVACY_H_
