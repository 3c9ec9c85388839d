#include "translator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <vector>

namespace vtaudit {
namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return std::string();
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

constexpr std::array<std::string_view, 12> kDutchMonths = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace

Result<std::map<std::string, std::string>> ParseProperties(std::string_view text,
                                                           std::string_view source_name) {
  std::map<std::string, std::string> out;
  std::vector<std::string> errors;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    const size_t eq = t.find('=');
    const std::string where = std::string(source_name) + ":" + std::to_string(number) + ": ";
    if (eq == std::string::npos) {
      errors.push_back(where + "expected 'key = value'");
      continue;
    }
    const std::string key = Trim(t.substr(0, eq));
    std::string value = Trim(t.substr(eq + 1));
    for (size_t p; (p = value.find("\\n")) != std::string::npos;) value.replace(p, 2, "\n");
    if (key.empty()) errors.push_back(where + "empty key");
    if (!out.emplace(key, value).second) errors.push_back(where + "key '" + key + "' given twice");
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));
  return out;
}

std::string FormatNumber(double v, int decimals, std::string_view lang) {
  if (!std::isfinite(v)) return "\u2013";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string s(buf, r.ptr);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  if (lang != "en") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string FormatPercent(double share, int decimals, std::string_view lang) {
  if (!std::isfinite(share)) return "\u2013";
  return FormatNumber(share * 100, decimals, lang) + "%";
}

std::string FormatLongDate(const Date& date, std::string_view lang) {
  const auto& months = lang == "en" ? kEnglishMonths : kDutchMonths;
  return std::to_string(date.day()) + " " +
         std::string(months[static_cast<size_t>(date.month() - 1)]) + " " +
         std::to_string(date.year());
}

std::optional<int64_t> ParseUtcIso(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text.back() != 'Z') return std::nullopt;
  std::optional<EventTime> t = EventTime::ParseIso(text.substr(0, 19));
  if (!t || !t->seconds) return std::nullopt;
  return t->Timestamp();
}

namespace {

// 01:00 UTC on the last Sunday of `month` in `year`, in seconds since the epoch.
int64_t LastSundayOneUtc(int year, int month) {
  const Date last = *Date::FromYmd(year, month, DaysInMonth(year, month));
  const Date sunday = last.AddDays(-(last.iso_weekday() % 7));
  return int64_t{sunday.day_number()} * 86400 + 3600;
}

// The day number of a moment `seconds` after 1970-01-01T00:00, rounding down before 1970.
int32_t DayOf(int64_t seconds) {
  return static_cast<int32_t>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}

}  // namespace

EventTime DutchTime(int64_t utc_seconds) {
  const int year = Date::FromDayNumber(DayOf(utc_seconds)).year();
  const bool summer =
      utc_seconds >= LastSundayOneUtc(year, 3) && utc_seconds < LastSundayOneUtc(year, 10);
  const int64_t local = utc_seconds + (summer ? 7200 : 3600);
  const int32_t day = DayOf(local);
  return {Date::FromDayNumber(day), static_cast<int32_t>(local - int64_t{day} * 86400)};
}

Date DutchToday() { return DutchTime(std::time(nullptr)).date; }

std::string FormatLongMoment(const EventTime& moment, std::string_view lang) {
  std::string out = FormatLongDate(moment.date, lang);
  if (moment.seconds) {
    char hhmm[16];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", *moment.seconds / 3600,
                  *moment.seconds / 60 % 60);
    out += ", " + std::string(hhmm);
  }
  return out;
}

std::string FormatDutchMoment(int64_t utc_seconds, std::string_view lang) {
  return FormatLongMoment(DutchTime(utc_seconds), lang);
}

Result<Translator> Translator::FromText(std::string_view text, std::string_view source_name,
                                        const std::string& lang) {
  if (lang != "nl" && lang != "en") {
    return Status::Invalid("unknown language '" + lang + "' (nl or en)");
  }
  Result<std::map<std::string, std::string>> texts = ParseProperties(text, source_name);
  if (!texts.ok()) return texts.status();
  Translator t(lang);
  t.texts_ = std::move(*texts);
  return t;
}

Result<Translator> Translator::Load(const std::string& path, const std::string& lang) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the texts");
  std::ostringstream s;
  s << in.rdbuf();
  return FromText(s.str(), path, lang);
}

std::vector<std::string> Translator::Keys() const {
  std::vector<std::string> out;
  for (const auto& [key, text] : texts_) out.push_back(key);
  return out;
}

std::string Translator::T(const std::string& key, const Args& args) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return "[" + key + "]";
  std::string out;
  const std::string& v = it->second;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '{') {
      const size_t end = v.find('}', i);
      if (end != std::string::npos) {
        auto f = args.find(v.substr(i + 1, end - i - 1));
        if (f != args.end()) {
          out += f->second;
          i = end;
          continue;
        }
      }
    }
    out += v[i];
  }
  return out;
}

std::string Translator::Say(const std::string& message, const ProblemCode& problem) const {
  if (problem.key.empty() || !Has(problem.key)) return message;
  // The reasons PutReason put in (problems.h), said first: "why@" is the key of field why's
  // reason and "why@day" its argument day; "why@x@" would be a reason inside that reason.
  Args args;
  std::map<std::string, ProblemCode> reasons;
  for (const auto& [name, value] : problem.args) {
    const size_t at = name.find('@');
    if (at == std::string::npos) {
      args[name] = value;
      continue;
    }
    ProblemCode& reason = reasons[name.substr(0, at)];
    const std::string part = name.substr(at + 1);
    if (part.empty()) {
      reason.key = value;
    } else {
      reason.args[part] = value;
    }
  }
  for (const auto& [field, reason] : reasons) args[field] = Say(args[field], reason);
  return T(problem.key, args);
}

std::vector<std::string> Translator::Messages(const Status& status) const {
  std::vector<std::string> out;
  const std::vector<std::string>& messages = status.messages();
  const std::vector<ProblemCode>& problems = status.problems();
  for (size_t i = 0; i < messages.size(); ++i) {
    out.push_back(i < problems.size() ? Say(messages[i], problems[i]) : messages[i]);
  }
  return out;
}

}  // namespace vtaudit
