// One way to speak Dutch or English. A Translator holds the keyed texts of one language,
// read from a `.properties` file (key = value; {name} fields filled from arguments), and
// writes numbers, percentages and dates the way that language does: "87,2%", "1,4" and
// "6 januari 2025" in Dutch, "87.2%", "1.4" and "6 January 2025" in English. The report,
// `judge --explain` and (later) the web UI speak through it. Immutable after loading, so
// a Translator may be shared between threads.
#ifndef VTAUDIT_TRANSLATOR_H_
#define VTAUDIT_TRANSLATOR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "status.h"

namespace vtaudit {

// Parses `key = value` lines; '#' starts a comment line; "\n" in a value is a newline.
// Invalid with every bad line as "SOURCE:LINE: …" (no '=', empty key, a key given twice).
Result<std::map<std::string, std::string>> ParseProperties(std::string_view text,
                                                           std::string_view source_name);

// `v` with `decimals` digits after the decimal sign: "1,4" for "nl", "1.4" for "en"; no
// thousands separator, no "-0"; "–" for a value that is not finite.
std::string FormatNumber(double v, int decimals, std::string_view lang);
// A share as a percentage: 0.875 gives "87,5%" for "nl" and "87.5%" for "en".
std::string FormatPercent(double share, int decimals = 1, std::string_view lang = "nl");
// A date written out: "6 januari 2025" for "nl", "6 January 2025" for "en".
std::string FormatLongDate(const Date& date, std::string_view lang);
// Seconds since 1970-01-01T00:00:00Z of a moment written as UtcNowIso (date.h) writes it,
// "2025-01-06T13:56:00Z"; nullopt for any other text.
std::optional<int64_t> ParseUtcIso(std::string_view text);
// The clock in the Netherlands (Europe/Amsterdam) at the UTC moment `utc_seconds`: CET, UTC+1,
// except CEST, UTC+2, from the last Sunday of March 01:00 UTC to the last Sunday of October
// 01:00 UTC (the EU rule, in force since 1996 and applied to every year). Computed here, so
// it does not depend on the machine's TZ or tzdata.
EventTime DutchTime(int64_t utc_seconds);
// Today in the Netherlands: the date of DutchTime(now), whatever the machine's time zone.
Date DutchToday();
// A moment written out, with its clock time when it has one: "6 januari 2025, 14:56" for
// "nl", "6 January 2025, 14:56" for "en" (seconds are not shown).
std::string FormatLongMoment(const EventTime& moment, std::string_view lang);
// A UTC moment (seconds since the epoch) written out in Dutch time (DutchTime, date.h), as
// inspectors read it: 2025-01-06T13:56:00Z is "6 januari 2025, 14:56".
std::string FormatDutchMoment(int64_t utc_seconds, std::string_view lang);

class Translator {
 public:
  using Args = std::map<std::string, std::string>;

  // An empty translator for "nl" or "en": every lookup gives "[key]".
  explicit Translator(std::string lang = "nl") : lang_(std::move(lang)) {}
  // The texts of `text` (the contents of a .properties file named `source_name`). Invalid
  // for a language other than nl or en, or a bad line (ParseProperties).
  static Result<Translator> FromText(std::string_view text, std::string_view source_name,
                                     const std::string& lang);
  // Reads `path`; NotFound naming it when it cannot be opened.
  static Result<Translator> Load(const std::string& path, const std::string& lang);

  const std::string& lang() const { return lang_; }
  bool english() const { return lang_ == "en"; }
  bool Has(const std::string& key) const { return texts_.count(key) > 0; }
  // Every key, sorted.
  std::vector<std::string> Keys() const;
  // The text of `key`, its {name} fields filled from `args` (a field without an argument
  // stays as written); "[key]" when the key is missing, so a gap shows in the output.
  std::string T(const std::string& key, const Args& args = {}) const;
  // `message` in this language: the text of its problem code filled from the code's
  // arguments when this translator has that key, else `message` as the library wrote it.
  std::string Say(const std::string& message, const ProblemCode& problem) const;
  // The messages of `status` in this language (Say on each, with its problem code).
  std::vector<std::string> Messages(const Status& status) const;

  std::string Number(double v, int decimals) const { return FormatNumber(v, decimals, lang_); }
  std::string Percent(double share, int decimals = 1) const {
    return FormatPercent(share, decimals, lang_);
  }
  std::string LongDate(const Date& date) const { return FormatLongDate(date, lang_); }
  std::string LongMoment(const EventTime& moment) const { return FormatLongMoment(moment, lang_); }
  std::string DutchMoment(int64_t utc_seconds) const {
    return FormatDutchMoment(utc_seconds, lang_);
  }

 private:
  std::string lang_;
  std::map<std::string, std::string> texts_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_TRANSLATOR_H_
