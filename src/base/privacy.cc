#include "privacy.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace vtaudit {

bool LooksLikeBsn(std::string_view text) {
  if (text.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (size_t i = 0; i < 9; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    const int d = text[i] - '0';
    all_zero = all_zero && d == 0;
    sum += i < 8 ? d * static_cast<int>(9 - i) : -d;
  }
  return !all_zero && sum % 11 == 0;
}

namespace {

// `text` with full-width digits (U+FF10..U+FF19, as a pasted document may hold them)
// turned into ASCII digits.
std::string AsciiDigits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        out += static_cast<char>('0' + (d - 0x90));
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Eight digits that read as a date (YYYYMMDD or DDMMYYYY, years 1900..2100) are a date,
// not a BSN that lost its leading zero.
bool IsDate(std::string_view d) {
  const auto n = [&](size_t at, size_t len) { return std::stoi(std::string(d.substr(at, len))); };
  const auto valid = [](int y, int m, int day) {
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
  };
  return valid(n(0, 4), n(4, 2), n(6, 2)) || valid(n(4, 4), n(2, 2), n(0, 2));
}

// A BSN written as these digits: nine, or eight when a spreadsheet dropped the leading
// zero (not a date).
bool BsnDigits(const std::string& digits) {
  if (digits.size() == 9) return LooksLikeBsn(digits);
  if (digits.size() == 8 && !IsDate(digits)) return LooksLikeBsn("0" + digits);
  return false;
}

}  // namespace

bool ContainsBsn(std::string_view original) {
  // Most texts hold no full-width character: no copy then.
  const bool wide = original.find('\xEF') != std::string_view::npos;
  const std::string copy = wide ? AsciiDigits(original) : std::string();
  const std::string_view text = wide ? std::string_view(copy) : original;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) {
      ++i;
      continue;
    }
    // A number: digit groups joined by single separators ("7996.42.630", "799 642 630",
    // "799-642-630"), each group also taken on its own ("VT03-799642630").
    std::vector<std::string> groups;
    size_t j = i;
    while (true) {
      size_t k = j;
      while (k < text.size() && IsDigit(text[k])) ++k;
      groups.emplace_back(text.substr(j, k - j));
      if (k + 1 < text.size() && (text[k] == ' ' || text[k] == '.' || text[k] == '-') &&
          IsDigit(text[k + 1])) {
        j = k + 1;
        continue;
      }
      j = k;
      break;
    }
    // Excel's scientific form of a large number: 7.9964263E8 is 799642630.
    if (groups.size() == 2 && j < text.size() && (text[j] == 'E' || text[j] == 'e')) {
      size_t k = j + 1;
      if (k < text.size() && text[k] == '+') ++k;
      size_t e = k;
      while (e < text.size() && IsDigit(text[e])) ++e;
      if (e > k && e - k <= 2) {
        const size_t exponent = static_cast<size_t>(std::stoi(std::string(text.substr(k, e - k))));
        std::string digits = groups[0] + groups[1];
        if (groups[1].size() <= exponent) {
          digits += std::string(exponent - groups[1].size(), '0');
          if (BsnDigits(digits)) return true;
        }
      }
    }
    std::string joined;
    for (const std::string& g : groups) {
      if (g.size() <= 9 && BsnDigits(g)) return true;
      joined += g;
    }
    if (groups.size() > 1 && BsnDigits(joined)) return true;
    i = j;
  }
  return false;
}

std::string PersonalColumnKind(std::string_view column_name) {
  std::string name;
  for (char c : column_name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  // Pieces of column names that identify a person, with what they are.
  static const std::vector<std::pair<std::string, std::string>> kMarkers = {
      {"bsn", "BSN"},
      {"burgerservice", "BSN"},
      {"sofinummer", "BSN"},
      {"naam", "naam"},
      {"name", "naam"},
      {"achternaam", "naam"},
      {"voornaam", "naam"},
      {"initialen", "naam"},
      {"adres", "adres"},
      {"address", "adres"},
      {"straat", "adres"},
      {"huisnummer", "adres"},
      {"woonplaats", "adres"},
      {"postcode", "adres"},
      {"zipcode", "adres"},
      {"geboorte", "geboortedatum"},
      {"birth", "geboortedatum"},
      {"dob", "geboortedatum"},
      {"telefoon", "telefoonnummer"},
      {"phone", "telefoonnummer"},
      {"mobiel", "telefoonnummer"},
      {"email", "e-mailadres"},
      {"mail", "e-mailadres"},
      {"iban", "rekeningnummer"},
      {"gebdatum", "geboortedatum"},
      {"geboren", "geboortedatum"},
      {"telnr", "telefoonnummer"},
      {"street", "adres"},
      {"housenumber", "adres"},
      {"plaats", "adres"},
      {"initials", "naam"},
      {"persoonsnummer", "persoonsnummer"},
      {"klantnummer", "klantnummer"},
      {"socialsecurity", "BSN"},
  };
  for (const auto& [marker, kind] : kMarkers) {
    if (name.find(marker) != std::string::npos) return kind;
  }
  // Short names match only whole: "tel" is a phone column, "hostel" is not.
  static const std::vector<std::pair<std::string, std::string>> kWholeNames = {
      {"tel", "telefoonnummer"}, {"city", "adres"}, {"zip", "adres"},
      {"pc6", "adres"},          {"pc4", "adres"},  {"ssn", "BSN"},
  };
  for (const auto& [marker, kind] : kWholeNames) {
    if (name == marker) return kind;
  }
  return "";
}

}  // namespace vtaudit
