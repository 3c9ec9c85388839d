#include "privacy.h"

namespace vtaudit {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool PassesElfproef(std::string_view nine) {
  int sum = 0;
  bool all_zero = true;
  for (int i = 0; i < 8; ++i) {
    const int d = nine[static_cast<size_t>(i)] - '0';
    sum += (9 - i) * d;
    all_zero = all_zero && d == 0;
  }
  const int last = nine[8] - '0';
  all_zero = all_zero && last == 0;
  return !all_zero && (sum - last) % 11 == 0;
}

}  // namespace

bool LooksLikeBsn(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end - i == 9 && PassesElfproef(text.substr(i, 9))) return true;
    i = end;
  }
  return false;
}

}  // namespace vtaudit
