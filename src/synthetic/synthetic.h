// A synthetic national registration: one extract per Veilig Thuis organisation, in the
// import format (docs/extract.md), calibrated per year on the national
// figures of the parliamentary answers (samples/README.md) and deterministic from a seed. It
// holds no person: case numbers are invented, every file name says "synthetisch".
//
// At scale 1.0 the yearly national counts equal the table exactly (meldingen of child
// abuse by year received; investigations completed, all and of child abuse, and RvdK
// handovers by year completed), 40–60% of safety assessments are late every year, and in
// 2024 exactly 2 organisations complete at least 80% of their investigations on time
// (none all of them). The exact counts are met by construction: yearly totals are shared
// out by largest remainder, investigations are generated from their completion date, and
// the number of on-time investigations per organisation and year is chosen, then realised
// case by case with the calendar. Not thread-safe; one call writes all files.
#ifndef VTAUDIT_SYNTHETIC_H_
#define VTAUDIT_SYNTHETIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "calendar.h"
#include "organisation.h"
#include "status.h"

namespace vtaudit {

struct SyntheticOptions {
  uint64_t seed = 2026;   // the same seed gives byte-identical files
  int first_year = 2019;  // within 2019..2025, the years of the table; else Invalid
  int last_year = 2025;
  double scale = 1.0;  // 1.0 = full national volume; exact calibration only at 1.0
};

// The national figures of the parliamentary answers for one year (samples/README.md).
struct NationalFigures {
  int year;
  long meldingen_kindermishandeling;
  long investigations_completed;
  long investigations_completed_kindermishandeling;
  long rvdk;
};
const std::vector<NationalFigures>& NationalTable();  // 2019..2025

// What was generated in one year, counted from the generated cases themselves.
struct SyntheticYear {
  int year = 0;
  long meldingen = 0;                     // by year received
  long meldingen_kindermishandeling = 0;  // by year received
  long adviezen = 0;                      // by year received
  long investigations_completed = 0;      // by year completed
  long investigations_completed_kindermishandeling = 0;
  long rvdk = 0;                             // on investigations completed in the year
  long safety_assessed = 0;                  // by year assessed
  long safety_late = 0;                      // of which after 5 working days
  int organisations_investigations_80 = 0;   // organisations with >= 80% on time (10 weeks)
  int organisations_investigations_all = 0;  // organisations with all on time
};

struct SyntheticSummary {
  uint64_t seed = 0;
  double scale = 1;
  long cases = 0;                  // rows written, adviezen included
  std::vector<std::string> files;  // paths written, extracts first, README.md last
  std::vector<SyntheticYear> years;
};

// The file name of an organisation's extract: "VT07-synthetisch.csv".
std::string SyntheticFileName(const std::string& organisation_code);

// Writes DIR/VTxx-synthetisch.csv for each organisation (code and size_weight are used)
// and DIR/README.md, creating DIR when needed. `calendar` decides working days and the
// Atw extension (the statutory holidays plus the decreed days of kalender-nl.xml).
// REQUIRES: codes unique, size weights > 0.
Result<SyntheticSummary> GenerateNational(const std::vector<Organisation>& organisations,
                                          const SyntheticOptions& options, const Calendar& calendar,
                                          const std::string& output_dir);

}  // namespace vtaudit

#endif  // VTAUDIT_SYNTHETIC_H_
