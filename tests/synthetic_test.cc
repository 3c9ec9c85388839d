#include "synthetic.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "calendar.h"
#include "csv_reader.h"
#include "date.h"
#include "digest.h"
#include "organisations.h"

namespace vtaudit {
namespace {

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/vtaudit-synthetic-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

Calendar TestCalendar() {
  Result<Calendar> c = Calendar::LoadFile(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml");
  BOOST_REQUIRE_MESSAGE(c.ok(), c.status().ToString());
  return *c;
}

std::vector<Organisation> SampleOrganisations() {
  Result<std::vector<Organisation>> orgs =
      ReadOrganisations(VTAUDIT_SOURCE_DIR "/samples/organisations.csv");
  BOOST_REQUIRE_MESSAGE(orgs.ok(), orgs.status().ToString());
  return *orgs;
}

// The national figures recomputed from the files alone, with the rules of samples/README.md.
struct Recount {
  struct Year {
    long meldingen_km = 0, adviezen = 0, meldingen = 0;
    long completed = 0, completed_km = 0, rvdk = 0;
    long safety_counted = 0, safety_late = 0;
    long triage_counted = 0, triage_late = 0;
  };
  std::map<int, Year> years;
  // Per organisation: investigations completed in the year, and of which on time.
  std::map<int, std::map<std::string, std::pair<long, long>>> investigations;
  // Per organisation and year of the decision: days from decision to start, summed, and
  // the number of started investigations.
  std::map<std::string, std::map<int, std::pair<long, long>>> waits;
  long rows = 0;
  long out_of_order = 0;       // an event before the event it follows
  long advies_with_event = 0;  // an advies carries only received
  // A melding with an outcome code but no safety assessment: the codes VT-00 … VT-99 are
  // the outcome of that assessment, so such a melding would wait on its clock for ever.
  long outcome_without_assessment = 0;
  long coded_out = 0;  // meldingen coded VT-00 or VT-99
};

void RecountFile(const std::string& code, const std::string& path, const Calendar& calendar,
                 Recount* out) {
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path);
  BOOST_REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
  TableRow row;
  BOOST_REQUIRE((*reader)->Next(&row));
  BOOST_REQUIRE(row.fields == CaseFieldNames());
  std::set<std::string> ids;
  const auto day = [](const std::string& text) -> std::optional<Date> {
    if (text.empty()) return std::nullopt;
    std::optional<EventTime> t = EventTime::ParseIso(text);
    BOOST_REQUIRE_MESSAGE(t, "not a date: " + text);
    return t->date;
  };
  while ((*reader)->Next(&row)) {
    ++out->rows;
    row.fields.resize(CaseFieldNames().size());
    BOOST_REQUIRE_MESSAGE(ids.insert(row.fields[0]).second, "duplicate id " + row.fields[0]);
    BOOST_REQUIRE_EQUAL(row.fields[0].rfind(code + "-", 0), 0u);
    const bool advies = row.fields[1] == "advies";
    const bool km = row.fields[2].find("kindermishandeling") != std::string::npos;
    const std::optional<EventTime> received = EventTime::ParseIso(row.fields[3]);
    BOOST_REQUIRE(received && received->seconds);
    const int received_year = received->date.year();
    if (advies) {
      ++out->years[received_year].adviezen;
      for (size_t i = 4; i < CaseFieldNames().size(); ++i) {
        if (!row.fields[i].empty()) ++out->advies_with_event;
      }
      continue;
    }
    BOOST_REQUIRE_EQUAL(row.fields[1], "melding");
    Recount::Year& ry = out->years[received_year];
    ++ry.meldingen;
    if (km) ++ry.meldingen_km;
    if (!row.fields[4].empty()) {
      const std::optional<EventTime> triaged = EventTime::ParseIso(row.fields[4]);
      BOOST_REQUIRE(triaged && triaged->seconds);
      ++ry.triage_counted;
      if (triaged->Timestamp() > received->Timestamp() + 24 * 3600) ++ry.triage_late;
      if (triaged->Timestamp() < received->Timestamp()) ++out->out_of_order;
    }
    const std::optional<Date> assessed = day(row.fields[5]);
    if (!row.fields[6].empty() && !assessed) ++out->outcome_without_assessment;
    if (row.fields[6] == "VT-00" || row.fields[6] == "VT-99") ++out->coded_out;
    if (assessed) {
      Recount::Year& ay = out->years[assessed->year()];
      ++ay.safety_counted;
      if (*assessed > calendar.AddWorkdays(received->date, 5)) ++ay.safety_late;
      if (*assessed < received->date) ++out->out_of_order;
    }
    const std::optional<Date> decided = day(row.fields[7]);
    const std::optional<Date> started = day(row.fields[8]);
    const std::optional<Date> completed = day(row.fields[9]);
    if (decided && assessed && *decided < *assessed) ++out->out_of_order;
    if (started && (!decided || *started < *decided)) ++out->out_of_order;
    if (completed && (!started || *completed < *started)) ++out->out_of_order;
    if (decided && started) {
      auto& [days, count] = out->waits[code][decided->year()];
      days += DaysBetween(*decided, *started);
      ++count;
    }
    if (completed) {
      Recount::Year& cy = out->years[completed->year()];
      ++cy.completed;
      if (km) ++cy.completed_km;
      if (row.fields[10] == "1") ++cy.rvdk;
      // Ten weeks from the decision, extended to a working day (Atw art. 1).
      const Date due = calendar.ExtendToWorkday(decided->AddDays(70));
      auto& [count, on_time] = out->investigations[completed->year()][code];
      ++count;
      if (*completed <= due) ++on_time;
    } else {
      BOOST_REQUIRE(row.fields[10].empty());
    }
  }
  BOOST_REQUIRE_MESSAGE((*reader)->status().ok(), (*reader)->status().ToString());
}

std::string DirectoryDigest(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  Sha256 all;
  for (const std::string& name : names) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    all.Update(name);
    all.Update(Sha256Hex(bytes));
  }
  return all.HexDigest();
}

BOOST_AUTO_TEST_SUITE(synthetic)

// The whole national set, recomputed from the files: the table of the parliamentary
// answers exactly, and the statements about safety assessments and 2024.
BOOST_AUTO_TEST_CASE(full_scale_reproduces_the_national_figures) {
  TempDir dir;
  const Calendar calendar = TestCalendar();
  const std::vector<Organisation> orgs = SampleOrganisations();
  BOOST_REQUIRE_EQUAL(orgs.size(), 25u);
  Result<SyntheticSummary> summary = GenerateNational(orgs, {}, calendar, dir.path);
  BOOST_REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  BOOST_REQUIRE_EQUAL(summary->files.size(), 26u);
  BOOST_TEST(summary->cases > 900000);
  BOOST_TEST(summary->cases < 1200000);

  Recount rc;
  for (const Organisation& org : orgs) {
    RecountFile(org.code, dir.path + "/" + SyntheticFileName(org.code), calendar, &rc);
  }
  BOOST_TEST(rc.rows == summary->cases);
  BOOST_TEST(rc.out_of_order == 0);
  BOOST_TEST(rc.advies_with_event == 0);
  BOOST_TEST(rc.outcome_without_assessment == 0);
  // About 5% of the meldingen without an investigation are coded out (2% VT-00, 3% VT-99).
  BOOST_TEST(rc.coded_out > 10000);

  for (const NationalFigures& f : NationalTable()) {
    BOOST_TEST_CONTEXT("year " << f.year) {
      const Recount::Year& y = rc.years[f.year];
      BOOST_TEST(y.meldingen_km == f.meldingen_kindermishandeling);
      BOOST_TEST(y.completed == f.investigations_completed);
      BOOST_TEST(y.completed_km == f.investigations_completed_kindermishandeling);
      BOOST_TEST(y.rvdk == f.rvdk);
      const double late =
          static_cast<double>(y.safety_late) / static_cast<double>(y.safety_counted);
      BOOST_TEST(late >= 0.40);
      BOOST_TEST(late <= 0.60);
      // Adviezen about as many as meldingen; triage within 24 hours almost always.
      BOOST_TEST(y.adviezen > y.meldingen * 8 / 10);
      BOOST_TEST(y.adviezen < y.meldingen * 12 / 10);
      BOOST_TEST(y.triage_late > 0);
      BOOST_TEST(y.triage_late * 100 < y.triage_counted);

      int at_least_80 = 0, all_on_time = 0;
      for (const auto& [code, counts] : rc.investigations[f.year]) {
        if (counts.second * 5 >= counts.first * 4) ++at_least_80;
        if (counts.second == counts.first) ++all_on_time;
      }
      BOOST_TEST(rc.investigations[f.year].size() == 25u);
      if (f.year == 2024) {
        BOOST_TEST(at_least_80 == 2);
        BOOST_TEST(all_on_time == 0);
      } else {
        BOOST_TEST(at_least_80 <= 6);
      }

      // The summary says what the files hold.
      const SyntheticYear& s = summary->years[static_cast<size_t>(f.year - 2019)];
      BOOST_TEST(s.year == f.year);
      BOOST_TEST(s.meldingen_kindermishandeling == y.meldingen_km);
      BOOST_TEST(s.meldingen == y.meldingen);
      BOOST_TEST(s.adviezen == y.adviezen);
      BOOST_TEST(s.investigations_completed == y.completed);
      BOOST_TEST(s.investigations_completed_kindermishandeling == y.completed_km);
      BOOST_TEST(s.rvdk == y.rvdk);
      BOOST_TEST(s.safety_assessed == y.safety_counted);
      BOOST_TEST(s.safety_late == y.safety_late);
      BOOST_TEST(s.organisations_investigations_80 == at_least_80);
      BOOST_TEST(s.organisations_investigations_all == all_on_time);
    }
  }

  // A growing waiting list in some regions: the mean wait in 2025 well above 2019.
  int growing = 0;
  for (const auto& [code, years] : rc.waits) {
    const auto mean = [&](int y) {
      const auto& [days, count] = years.at(y);
      return static_cast<double>(days) / static_cast<double>(count);
    };
    if (mean(2025) > mean(2019) + 15) ++growing;
  }
  BOOST_TEST(growing >= 2);
  BOOST_TEST(growing <= 20);

  std::ifstream readme(dir.path + "/README.md");
  const std::string text((std::istreambuf_iterator<char>(readme)),
                         std::istreambuf_iterator<char>());
  BOOST_TEST(text.find("SYNTHETIC DATA") != std::string::npos);
  BOOST_TEST(text.find("- seed: 2026") != std::string::npos);
}

// The calibration is met by construction, whatever the seed: the summary (checked
// against the files above) says so for other seeds too.
BOOST_AUTO_TEST_CASE(every_seed_is_calibrated) {
  const Calendar calendar = TestCalendar();
  const std::vector<Organisation> orgs = SampleOrganisations();
  for (uint64_t seed : {1u, 99u}) {
    TempDir dir;
    SyntheticOptions options;
    options.seed = seed;
    Result<SyntheticSummary> s = GenerateNational(orgs, options, calendar, dir.path);
    BOOST_REQUIRE(s.ok());
    for (const SyntheticYear& y : s->years) {
      BOOST_TEST_CONTEXT("seed " << seed << ", year " << y.year) {
        const NationalFigures& f = NationalTable()[static_cast<size_t>(y.year - 2019)];
        BOOST_TEST(y.meldingen_kindermishandeling == f.meldingen_kindermishandeling);
        BOOST_TEST(y.investigations_completed == f.investigations_completed);
        BOOST_TEST(y.investigations_completed_kindermishandeling ==
                   f.investigations_completed_kindermishandeling);
        BOOST_TEST(y.rvdk == f.rvdk);
        BOOST_TEST(y.safety_late * 10 >= y.safety_assessed * 4);
        BOOST_TEST(y.safety_late * 10 <= y.safety_assessed * 6);
        if (y.year == 2024) {
          BOOST_TEST(y.organisations_investigations_80 == 2);
          BOOST_TEST(y.organisations_investigations_all == 0);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_other_seed_other_bytes) {
  TempDir a, b, c;
  const Calendar calendar = TestCalendar();
  const std::vector<Organisation> orgs = SampleOrganisations();
  SyntheticOptions options;
  options.scale = 0.05;
  options.seed = 7;
  BOOST_REQUIRE(GenerateNational(orgs, options, calendar, a.path).ok());
  BOOST_REQUIRE(GenerateNational(orgs, options, calendar, b.path).ok());
  options.seed = 8;
  BOOST_REQUIRE(GenerateNational(orgs, options, calendar, c.path).ok());
  BOOST_TEST(DirectoryDigest(a.path) == DirectoryDigest(b.path));
  BOOST_TEST(DirectoryDigest(a.path) != DirectoryDigest(c.path));
}

BOOST_AUTO_TEST_CASE(a_scale_shrinks_every_volume) {
  TempDir dir;
  SyntheticOptions options;
  options.scale = 0.01;
  options.first_year = 2024;
  options.last_year = 2024;
  Result<SyntheticSummary> s =
      GenerateNational(SampleOrganisations(), options, TestCalendar(), dir.path);
  BOOST_REQUIRE(s.ok());
  BOOST_REQUIRE_EQUAL(s->years.size(), 1u);
  BOOST_TEST(s->years[0].meldingen_kindermishandeling == 670);  // 67,030 × 0.01
  BOOST_TEST(s->years[0].investigations_completed == 77);
  BOOST_TEST(s->years[0].rvdk == 6);
}

BOOST_AUTO_TEST_CASE(refuses_years_outside_the_table_and_bad_weights) {
  TempDir dir;
  const Calendar calendar = TestCalendar();
  SyntheticOptions options;
  options.first_year = 2018;
  Result<SyntheticSummary> s = GenerateNational(SampleOrganisations(), options, calendar, dir.path);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.status().ToString() ==
             "years must lie within 2019-2025, the years of the national figures");
  s = GenerateNational({{"VT01", "A", "", 1}, {"VT01", "B", "", 1}}, {}, calendar, dir.path);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.status().ToString() == "organisation VT01 occurs twice");
  s = GenerateNational({{"VT01", "A", "", 0}}, {}, calendar, dir.path);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.status().ToString() == "organisation VT01: size_weight must be greater than 0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
