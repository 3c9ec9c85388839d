#include "calendar.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "problems.h"
#include "xml_source.h"

namespace vtaudit {
namespace {

// The table covers these years; audits look at registrations from this span.
constexpr int kFirstTableYear = 1980;
constexpr int kLastTableYear = 2100;
// Royal birthdays: Koninginnedag from 1980 (Beatrix kept 30 April), Koningsdag from 2014.
constexpr int kFirstQueensDayYear = 1980;
constexpr int kFirstKingsDayYear = 2014;

Date Ymd(int year, int month, int day) { return *Date::FromYmd(year, month, day); }

using Holiday = std::pair<Date, std::string>;

// The Atw holidays of one year, sorted, one entry per day (two on one day share it).
std::vector<Holiday> StatutoryHolidays(int year) {
  std::vector<Holiday> days;
  if (year < 1583 || year > 9999) return days;
  const Date easter = EasterSunday(year);
  days.emplace_back(Ymd(year, 1, 1), "Nieuwjaarsdag");
  days.emplace_back(easter.AddDays(-2), "Goede Vrijdag");
  days.emplace_back(easter.AddDays(1), "Tweede Paasdag");
  if (year >= kFirstKingsDayYear) {
    const Date kings = Ymd(year, 4, 27);
    days.emplace_back(kings.iso_weekday() == 7 ? kings.AddDays(-1) : kings, "Koningsdag");
  } else if (year >= kFirstQueensDayYear) {
    const Date queens = Ymd(year, 4, 30);
    days.emplace_back(queens.iso_weekday() == 7 ? queens.AddDays(-1) : queens, "Koninginnedag");
  }
  days.emplace_back(Ymd(year, 5, 5), "Bevrijdingsdag");
  days.emplace_back(easter.AddDays(39), "Hemelvaartsdag");
  days.emplace_back(easter.AddDays(50), "Tweede Pinksterdag");
  days.emplace_back(Ymd(year, 12, 25), "Eerste Kerstdag");
  days.emplace_back(Ymd(year, 12, 26), "Tweede Kerstdag");
  std::stable_sort(days.begin(), days.end(),
                   [](const Holiday& a, const Holiday& b) { return a.first < b.first; });
  // Ascension can fall on 5 May (2005, 2016); the day is then listed once.
  std::vector<Holiday> merged;
  for (Holiday& h : days) {
    if (!merged.empty() && merged.back().first == h.first) {
      merged.back().second += " en " + h.second;
    } else {
      merged.push_back(std::move(h));
    }
  }
  return merged;
}

std::string StatutoryName(Date d) {
  for (const Holiday& h : StatutoryHolidays(d.year())) {
    if (h.first == d) return h.second;
  }
  return "";
}

bool IsWeekend(Date d) { return d.iso_weekday() >= 6; }

std::string Trimmed(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

// "YYYY-MM-DD" shape with digits, whether or not such a day exists.
bool LooksLikeIsoDate(std::string_view s) {
  if (s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

const char* WeekendDayName(Date d) { return d.iso_weekday() == 6 ? "Saturday" : "Sunday"; }

}  // namespace

Date EasterSunday(int year) {
  assert(year >= 1583 && year <= 9999);
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Ymd(year, month, day);
}

struct Calendar::Tables {
  std::string id;
  std::string version;
  std::string source;
  std::vector<Date> decreed;               // sorted
  std::vector<std::string> decreed_texts;  // parallel to `decreed`
  Date first_day;                          // 1 January kFirstTableYear
  // Per day from first_day to 31 December kLastTableYear.
  std::vector<bool> holiday;
  std::vector<bool> workday;

  // Fills the per-day tables; `decreed` is set and sorted.
  void Build() {
    first_day = Ymd(kFirstTableYear, 1, 1);
    const auto size = static_cast<size_t>(DaysBetween(first_day, Ymd(kLastTableYear + 1, 1, 1)));
    holiday.assign(size, false);
    workday.assign(size, false);
    for (int year = kFirstTableYear; year <= kLastTableYear; ++year) {
      for (const Holiday& h : StatutoryHolidays(year))
        holiday[static_cast<size_t>(Index(h.first))] = true;
    }
    for (Date d : decreed) {
      if (const ptrdiff_t i = Index(d); i >= 0) holiday[static_cast<size_t>(i)] = true;
    }
    for (size_t i = 0; i < size; ++i) {
      workday[i] = !holiday[i] && !IsWeekend(first_day.AddDays(static_cast<int>(i)));
    }
  }

  // The index into the per-day tables, or -1 outside them.
  ptrdiff_t Index(Date d) const {
    const int i = DaysBetween(first_day, d);
    return i >= 0 && static_cast<size_t>(i) < holiday.size() ? i : -1;
  }
  const std::string* DecreedText(Date d) const {
    const auto it = std::lower_bound(decreed.begin(), decreed.end(), d);
    if (it == decreed.end() || *it != d) return nullptr;
    return &decreed_texts[static_cast<size_t>(it - decreed.begin())];
  }
};

Calendar Calendar::Statutory() {
  static const Calendar kStatutory = [] {
    auto t = std::make_shared<Tables>();
    t->Build();
    return Calendar(std::move(t));
  }();
  return kStatutory;
}

Result<Calendar> Calendar::ParseXml(std::string_view xml, std::string_view source_name) {
  Result<std::unique_ptr<XmlSource>> parsed =
      XmlSource::Parse(std::string(xml), std::string(source_name));
  if (!parsed.ok()) return parsed.status();
  const XmlSource& src = **parsed;
  const pugi::xml_document& doc = src.doc();
  XmlErrors errors(src);
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "calendar") {
    errors.Add(root, "root element is <" + std::string(root.name()) + ">, expected <calendar>",
               Problem("problem.xml.root", {{"root", root.name()}, {"expected", "calendar"}}));
    return errors.ToStatus();
  }

  auto t = std::make_shared<Tables>();
  t->id = Trimmed(root.attribute("id").value());
  t->version = Trimmed(root.attribute("version").value());
  if (t->id.empty()) {
    errors.Add(
        root, "<calendar> needs an id attribute",
        Problem("problem.xml.needs_attribute", {{"element", "calendar"}, {"attribute", "id"}}));
  }
  if (t->version.empty()) {
    errors.Add(root, "<calendar> needs a version attribute",
               Problem("problem.xml.needs_attribute",
                       {{"element", "calendar"}, {"attribute", "version"}}));
  }

  struct Decreed {
    Date date;
    std::string text;
  };
  std::vector<Decreed> days;
  std::map<Date, pugi::xml_node> first_seen;
  bool has_source = false;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = node.name();
    if (name == "source") {
      if (has_source) {
        errors.Add(node, "<source> is given twice", Problem("problem.calendar.source_twice"));
      }
      has_source = true;
      t->source = Trimmed(node.text().get());
      if (t->source.empty()) {
        errors.Add(node, "<source> is empty", Problem("problem.calendar.source_empty"));
      }
      continue;
    }
    if (!errors.listing() && (name != "decreed" || !node.attribute("date"))) {
      errors.Count();  // only counted: its text is never shown
      continue;
    }
    if (name != "decreed") {
      errors.Add(node,
                 "unexpected element <" + std::string(name) + "> (expected <source> or <decreed>)",
                 Problem("problem.calendar.unexpected_element", {{"element", std::string(name)}}));
      continue;
    }
    const pugi::xml_attribute date_attr = node.attribute("date");
    const std::string date_text = date_attr.value();
    if (!date_attr) {
      errors.Add(node, "<decreed> needs a date attribute (YYYY-MM-DD)",
                 Problem("problem.calendar.no_date"));
      continue;
    }
    if (!LooksLikeIsoDate(date_text)) {
      errors.Add(node, "date \"" + date_text + "\" is not a date (expected YYYY-MM-DD)",
                 Problem("problem.calendar.not_a_date", {{"date", date_text}}));
      continue;
    }
    const std::optional<Date> date = Date::ParseIso(date_text);
    if (!date) {
      errors.Add(node, "no such day: " + date_text,
                 Problem("problem.calendar.no_such_day", {{"date", date_text}}));
      continue;
    }
    const auto [seen, is_new] = first_seen.emplace(*date, node);
    if (!is_new) {
      const std::string first = src.Where(seen->second).substr(src.name().size() + 1);
      errors.Add(node, date_text + " is decreed twice (first at " + first + ")",
                 Problem("problem.calendar.twice", {{"date", date_text}, {"first", first}}));
      continue;
    }
    const std::string statutory = StatutoryName(*date);
    if (IsWeekend(*date)) {
      errors.Add(node,
                 date_text + " is a " + WeekendDayName(*date) + ", not a working day to begin with",
                 Problem(date->iso_weekday() == 6 ? "problem.calendar.saturday"
                                                  : "problem.calendar.sunday",
                         {{"date", date_text}}));
    } else if (!statutory.empty()) {
      errors.Add(
          node, date_text + " is already a public holiday (" + statutory + ")",
          Problem("problem.calendar.holiday", {{"date", date_text}, {"holiday", statutory}}));
    }
    std::string text = Trimmed(node.text().get());
    if (text.empty()) {
      errors.Add(node, "<decreed date=\"" + date_text + "\"> has no text (say which day it is)",
                 Problem("problem.calendar.no_text", {{"date", date_text}}));
    }
    days.push_back({*date, std::move(text)});
  }
  if (!has_source) {
    errors.Add(root, "<calendar> needs a <source>", Problem("problem.calendar.no_source"));
  }
  if (!errors.empty()) return errors.ToStatus();

  std::sort(days.begin(), days.end(),
            [](const Decreed& a, const Decreed& b) { return a.date < b.date; });
  for (Decreed& d : days) {
    t->decreed.push_back(d.date);
    t->decreed_texts.push_back(std::move(d.text));
  }
  t->Build();
  return Calendar(std::move(t));
}

Result<Calendar> Calendar::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  // The system's words (strerror) on the command line only; a page says what failed.
  if (!in) {
    return Status::IoError(path + ": cannot open: " + std::strerror(errno),
                           Problem("problem.xml.cannot_open", {{"where", path}}));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return Status::IoError(path + ": cannot read: " + std::strerror(errno),
                           Problem("problem.xml.cannot_read", {{"where", path}}));
  }
  return ParseXml(content.str(), path);
}

bool Calendar::IsHoliday(Date d) const {
  const ptrdiff_t i = tables_->Index(d);
  if (i >= 0) return tables_->holiday[static_cast<size_t>(i)];
  return tables_->DecreedText(d) != nullptr || !StatutoryName(d).empty();
}

std::string Calendar::HolidayName(Date d) const {
  if (const std::string* text = tables_->DecreedText(d)) return *text;
  return StatutoryName(d);
}

bool Calendar::IsWorkday(Date d) const {
  const ptrdiff_t i = tables_->Index(d);
  if (i >= 0) return tables_->workday[static_cast<size_t>(i)];
  return !IsWeekend(d) && !IsHoliday(d);
}

Date Calendar::AddWorkdays(Date start, int n) const {
  assert(n >= 0);
  Date d = start;
  while (n > 0) {
    d = d.AddDays(1);
    if (IsWorkday(d)) --n;
  }
  return d;
}

Date Calendar::ExtendToWorkday(Date d) const {
  while (!IsWorkday(d)) d = d.AddDays(1);
  return d;
}

Date Calendar::EndOfAtwTerm(Date start, int days) const {
  assert(days >= 0);
  const Date end = ExtendToWorkday(start.AddDays(days));  // art. 1
  if (days < 3) return end;
  // Art. 2: the second working day after `start` is the earliest end that holds two. When
  // the term already holds two, that day lies on or before `end` and nothing moves; the
  // extension ends on a working day, so art. 1 has nothing left to do.
  return std::max(end, AddWorkdays(start, 2));
}

std::vector<std::pair<Date, std::string>> Calendar::HolidaysIn(int year) const {
  std::vector<Holiday> days = StatutoryHolidays(year);
  const auto& decreed = tables_->decreed;
  for (size_t i = 0; i < decreed.size(); ++i) {
    if (decreed[i].year() == year) days.emplace_back(decreed[i], tables_->decreed_texts[i]);
  }
  std::sort(days.begin(), days.end(),
            [](const Holiday& a, const Holiday& b) { return a.first < b.first; });
  return days;
}

const std::vector<Date>& Calendar::decreed() const { return tables_->decreed; }
const std::string& Calendar::id() const { return tables_->id; }
const std::string& Calendar::version() const { return tables_->version; }
const std::string& Calendar::source() const { return tables_->source; }

}  // namespace vtaudit
