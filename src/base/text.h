// Small text helpers on ASCII, independent of the locale (std::tolower and std::isspace
// depend on it and are undefined for negative char values).
#ifndef VTAUDIT_TEXT_H_
#define VTAUDIT_TEXT_H_

#include <string>
#include <string_view>

namespace vtaudit {

inline char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with ASCII letters in lower case; other bytes (UTF-8 included) as they are.
std::string Lower(std::string_view s);

// Whether `s` equals the lower-case `lower`, ignoring ASCII case.
bool EqualsLower(std::string_view s, std::string_view lower);

// Space, tab, line feed, vertical tab, form feed, carriage return.
inline bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// `s` without leading and trailing IsSpace characters.
std::string_view Trim(std::string_view s);

}  // namespace vtaudit

#endif  // VTAUDIT_TEXT_H_
