#include "privacy.h"

#include <algorithm>
#include <cctype>
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

bool ContainsBsn(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i == 9 && LooksLikeBsn(text.substr(i, 9))) return true;
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
  };
  for (const auto& [marker, kind] : kMarkers) {
    if (name.find(marker) != std::string::npos) return kind;
  }
  return "";
}

}  // namespace vtaudit
