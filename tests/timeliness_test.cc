#include "timeliness.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace vtaudit {
namespace {

Date Day(const char* iso) { return *Date::ParseIso(iso); }

// The three clocks of the shipped framework, under short ids.
constexpr const char* kFrameworkXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="mini" version="1" valid-from="2025-01-01">
  <title>Mini</title><gloss>Mini</gloss><source>test</source>
  <scale>
    <level id="voldoet" score="3" min-share="0.9" met="true"><name>Voldoet</name><gloss>Meets</gloss></level>
    <level id="niet" score="0" min-share="0" met="false"><name>Niet</name><gloss>No</gloss></level>
  </scale>
  <deadlines>
    <deadline id="triage" from="received" to="triaged" length="24" unit="hours" norm="1.0" basis="veldnorm">
      <name>Triage binnen 24 uur</name><gloss>Triage within 24 hours</gloss><source>Kamervragen 2026Z10868</source>
      <applies-when>kind = melding</applies-when>
    </deadline>
    <deadline id="vb" from="received" to="safety_assessed" length="5" unit="workdays" norm="0.9" basis="protocol">
      <name>Veiligheidsbeoordeling</name><gloss>Safety assessment</gloss><source>Handelingsprotocol</source>
      <applies-when>kind = melding</applies-when>
    </deadline>
    <deadline id="onderzoek" from="investigation_decided" to="investigation_completed"
              length="10" unit="weeks" extend="true" norm="0.8" basis="wet">
      <name>Onderzoek binnen 10 weken</name><gloss>Investigation within 10 weeks</gloss>
      <source>Uitvoeringsbesluit Wmo 2015, art. 4.1.7 lid 2</source>
      <applies-when>kind = melding</applies-when>
    </deadline>
  </deadlines>
  <aggregation method="worst">
    <band level="voldoet" min-score="2.5"/><band level="niet" min-score="0"/>
  </aggregation>
  <domain id="veiligheid"><name>Veiligheid</name><gloss>Safety</gloss>
    <standard id="V1"><name>Tijdigheid</name><gloss>Timeliness</gloss>
      <criterion id="V1.1" scope="organisation" measured-by="vb"><text>Tijdig</text><gloss>On time</gloss></criterion>
    </standard>
  </domain>
</framework>
)";

// Friday 30 May 2025, the day after Ascension, is equated to a holiday by decree.
constexpr const char* kCalendarXml = R"(<calendar id="kalender-test" version="1">
  <source>test</source>
  <decreed date="2025-05-30">Vrijdag na Hemelvaartsdag</decreed>
</calendar>
)";

// Event times in extract order; "" leaves an event unset.
struct Events {
  const char* received = "";
  const char* triaged = "";
  const char* safety_assessed = "";
  const char* investigation_decided = "";
  const char* investigation_started = "";
  const char* investigation_completed = "";
};

CaseRecord Case(const char* id, CaseKind kind, const Events& e) {
  CaseRecord c;
  c.case_id = id;
  c.kind = kind;
  const char* texts[kEventCount] = {e.received,
                                    e.triaged,
                                    e.safety_assessed,
                                    e.investigation_decided,
                                    e.investigation_started,
                                    e.investigation_completed};
  for (int i = 0; i < kEventCount; ++i) {
    if (*texts[i] != '\0') c.events[i] = *EventTime::ParseIso(texts[i]);
  }
  return c;
}

CaseRecord Melding(const char* id, const char* received, const char* triaged,
                   const char* assessed) {
  return Case(id, CaseKind::kMelding, {received, triaged, assessed});
}

// A melding received, triaged and assessed on Monday 2 December 2024: triage (due
// 2024-12-03) and assessment (due 2024-12-09) on time and outside every period below,
// so only the investigation clock matters.
CaseRecord Investigation(const char* id, const char* decided, const char* started,
                         const char* completed) {
  return Case(id, CaseKind::kMelding,
              {"2024-12-02", "2024-12-02", "2024-12-02", decided, started, completed});
}

// The extract, with each case's status per clock worked out by hand. Period March–May
// 2025; "as of 30 June" unless said otherwise. T = triage (24 hours), V = safety
// assessment (5 working days), O = investigation (10 weeks, Atw art. 1).
std::vector<CaseRecord> Extract() {
  return {
      // T: due 2025-03-04T09:00, triaged at that minute: on time (1 day).
      // V: Mon 3 Mar → Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 → due 2025-03-10; assessed
      //    the 10th at 17:00, a time does not move a day clock: on time (7 days).
      Melding("c01", "2025-03-03T09:00", "2025-03-04T09:00", "2025-03-10T17:00"),
      // T: due 2025-03-04T09:00, triaged a minute later: late (1 day).
      // V: due 2025-03-10, assessed the 11th: late (8 days).
      Melding("c02", "2025-03-03T09:00", "2025-03-04T09:01", "2025-03-11"),
      // T: received date-only Fri 7 Mar → to-date at most 7 + ceil(24/24) = Sat
      //    2025-03-08 (hours are never extended); triaged the 8th: on time (1 day).
      // V: Fri 7 → Mon 10, Tue 11, Wed 12, Thu 13, Fri 14 → due 2025-03-14: on time (7).
      Melding("c03", "2025-03-07", "2025-03-08T23:00", "2025-03-14"),
      // T: triaged date-only → compare dates: due 2025-03-11, triaged the 12th: late (2).
      // V: Mon 10 → … → due Mon 2025-03-17; assessed date-only the day of the 14:00
      //    receipt: dates compare, on time (0 days), not "before the receipt".
      Melding("c04", "2025-03-10T14:00", "2025-03-12", "2025-03-10"),
      // T: due Fri 2025-04-18T11:00 (Good Friday: hours ignore holidays): on time (0).
      // V: received Thu 17 Apr 2025 → working days Tue 22 (Good Fri 18, Easter Mon 21
      //    skipped), Wed 23, Thu 24, Fri 25, Mon 28 → due 2025-04-28; assessed the 29th:
      //    late (12 days).
      Melding("c05", "2025-04-17T11:00", "2025-04-17T15:00", "2025-04-29"),
      // T: triaged 26 Feb, due date 27 Feb: on time, outside the period in both cohorts.
      // V: Wed 26 Feb → Thu 27, Fri 28, Mon 3, Tue 4, Wed 5 → due 2025-03-05; assessed
      //    6 Mar: late (8 days), in the period in both cohorts.
      Melding("c06", "2025-02-26T10:00", "2025-02-26T12:00", "2025-03-06"),
      // T: on time, outside the period in both cohorts.
      // V: Mon 24 Feb → Tue 25, Wed 26, Thu 27, Fri 28, Mon 3 → due 2025-03-03; assessed
      //    28 Feb: on time (4 days); completed cohort: February, not counted; due
      //    cohort: due in March, counted on time.
      Melding("c07", "2025-02-24T10:00", "2025-02-24T11:00", "2025-02-28"),
      // T: due 2025-05-24T16:00, triaged 15:00 that day: on time (1 day).
      // V: Fri 23 May → Mon 26, Tue 27, Wed 28, (Ascension Thu 29, decreed Fri 30),
      //    Mon 2 Jun, Tue 3 Jun → due 2025-06-03; assessed 28 May: on time (5 days);
      //    completed cohort: May; due cohort: June, outside.
      Melding("c08", "2025-05-23T16:00", "2025-05-24T15:00", "2025-05-28"),
      // T: on time (0 days), due date 20 May.
      // V: Mon 19 May → Tue 20, Wed 21, Thu 22, Fri 23, Mon 26 → due 2025-05-26; open:
      //    overdue as of 30 June (backlog), in the period in both cohorts.
      Melding("c09", "2025-05-19T08:00", "2025-05-19T09:00", ""),
      // T: open, due 2025-05-31T10:00: overdue as of 30 June (backlog), pending as of
      //    31 May (overdue from 1 June); due in the period.
      // V: Fri 30 May → Mon 2, Tue 3, Wed 4, Thu 5, Fri 6 Jun → due 2025-06-06: outside
      //    the period; overdue as of 30 June, so only in the backlog.
      Melding("c10", "2025-05-30T10:00", "", ""),
      // Adviezen have no clock (kind = melding), however late: n/a everywhere.
      Case("c11", CaseKind::kAdvies, {"2025-03-03T09:00", "2025-03-10", "2025-03-20"}),
      Case("c12", CaseKind::kAdvies, {"2025-05-30"}),
      // O: Mon 24 Feb + 70 days = Mon 5 May 2025, Liberation Day → due Tue 2025-05-06;
      //    completed the 6th: on time (71 days). Decided before the period: no waiting.
      Investigation("c13", "2025-02-24", "2025-03-03", "2025-05-06"),
      // O: Sat 4 Jan + 70 = Sat 15 Mar → extended to Mon 2025-03-17: on time (72).
      Investigation("c14", "2025-01-04", "", "2025-03-17"),
      // O: Mon 13 Jan + 70 = Mon 2025-03-24, a working day; completed the 25th: late (71).
      Investigation("c15", "2025-01-13", "", "2025-03-25"),
      // O: Mon 3 Feb + 70 = Mon 2025-04-14; open: overdue (backlog), due in the period.
      Investigation("c16", "2025-02-03", "", ""),
      // O: Thu 20 Mar + 70 = Thu 29 May (Ascension) → Fri 30 (decreed) → Mon 2025-06-02;
      //    completed 30 May: on time (71); completed cohort: May; due cohort: outside.
      //    Waiting: decided in the period, started 3 Apr: 14 days.
      Investigation("c17", "2025-03-20", "2025-04-03", "2025-05-30"),
      // O: completed without a decision: invalid, completion in the period.
      Investigation("c18", "", "", "2025-04-15"),
      // O: Tue 1 Apr + 70 = Tue 2025-06-10; open: overdue as of 30 June, due outside the
      //    period: backlog only. Waiting: started 11 Apr: 10 days.
      Investigation("c19", "2025-04-01", "2025-04-11", ""),
      // O: Thu 15 May + 70 = Thu 2025-07-24: pending, outside. Waiting: not started.
      Investigation("c20", "2025-05-15", "", ""),
      // O: Tue 20 May + 70 = Tue 2025-07-29: pending, outside. Waiting: starts 1 July,
      //    after the as-of date: not started.
      Investigation("c21", "2025-05-20", "2025-07-01", ""),
  };
}

struct Fixture {
  Framework framework = ParseFramework(kFrameworkXml, "mini.xml").value();
  Calendar calendar = Calendar::ParseXml(kCalendarXml, "kalender-test.xml").value();

  const Deadline& deadline(const char* id) const { return *framework.FindDeadline(id); }

  TimelinessReport Run(TimelinessOptions o, const std::vector<CaseRecord>& cases) const {
    TimelinessCalculator calculator(framework, calendar, o);
    for (const CaseRecord& c : cases) calculator.Add(c);
    return calculator.Finish("VT01");
  }

  TimelinessReport Run(Cohort cohort, const char* as_of, bool sample = false) const {
    TimelinessOptions o;
    o.period = {Day("2025-03-01"), Day("2025-05-31")};
    o.as_of = Day(as_of);
    o.cohort = cohort;
    o.sample = sample;
    return Run(o, Extract());
  }
};

// "counted on_time late pending overdue invalid backlog", so a mismatch reads at once.
std::string Counts(const DeadlineSummary& s) {
  return std::to_string(s.counted) + " " + std::to_string(s.on_time) + " " +
         std::to_string(s.late) + " " + std::to_string(s.pending) + " " +
         std::to_string(s.overdue) + " " + std::to_string(s.invalid) + " " +
         std::to_string(s.backlog);
}

// "2025-03 2/2, 2025-04 1/0, …" (on time / late per month).
std::string Monthly(const DeadlineSummary& s) {
  std::string out;
  for (const MonthCount& m : s.monthly) {
    if (!out.empty()) out += ", ";
    out += m.month + " " + std::to_string(m.on_time) + "/" + std::to_string(m.late);
  }
  return out;
}

std::string Status(const ClockResult& r) { return std::string(ClockStatusName(r.status)); }

BOOST_AUTO_TEST_SUITE(timeliness)

BOOST_FIXTURE_TEST_CASE(evaluates_one_clock, Fixture) {
  const Deadline& triage = deadline("triage");
  const Deadline& vb = deadline("vb");
  const Deadline& onderzoek = deadline("onderzoek");
  const Date june = Day("2025-06-30");

  const ClockResult c01 = EvaluateClock(triage, Extract()[0], calendar, june);
  BOOST_TEST(Status(c01) == "on_time");
  BOOST_TEST(c01.due_date->ToIso() == "2025-03-04");
  BOOST_TEST(*c01.due_timestamp == EventTime::ParseIso("2025-03-04T09:00")->Timestamp());
  BOOST_TEST(*c01.duration_days == 1);

  // Date-only on one side: no due moment, dates compare.
  const ClockResult c04 = EvaluateClock(triage, Extract()[3], calendar, june);
  BOOST_TEST(Status(c04) == "late");
  BOOST_TEST(c04.due_date->ToIso() == "2025-03-11");
  BOOST_TEST(!c04.due_timestamp.has_value());
  const ClockResult c04_vb = EvaluateClock(vb, Extract()[3], calendar, june);
  BOOST_TEST(Status(c04_vb) == "on_time");
  BOOST_TEST(*c04_vb.duration_days == 0);

  const ClockResult c05 = EvaluateClock(vb, Extract()[4], calendar, june);
  BOOST_TEST(Status(c05) == "late");
  BOOST_TEST(c05.due_date->ToIso() == "2025-04-28");

  // An open hours clock due at 10:00 on 31 May is overdue from the next day on.
  const CaseRecord c10 = Extract()[9];
  BOOST_TEST(Status(EvaluateClock(triage, c10, calendar, Day("2025-05-31"))) == "pending");
  BOOST_TEST(Status(EvaluateClock(triage, c10, calendar, Day("2025-06-01"))) == "overdue");
  BOOST_TEST(!EvaluateClock(triage, c10, calendar, june).duration_days.has_value());

  // The decreed Friday after Ascension only counts with the calendar file.
  const CaseRecord c17 = Extract()[16];
  BOOST_TEST(EvaluateClock(onderzoek, c17, calendar, june).due_date->ToIso() == "2025-06-02");
  BOOST_TEST(EvaluateClock(onderzoek, c17, Calendar::Statutory(), june).due_date->ToIso() ==
             "2025-05-30");
  BOOST_TEST(EvaluateClock(onderzoek, Extract()[12], calendar, june).due_date->ToIso() ==
             "2025-05-06");
  BOOST_TEST(EvaluateClock(onderzoek, Extract()[13], calendar, june).due_date->ToIso() ==
             "2025-03-17");

  // c16 (due 14 April) before and after its deadline.
  const CaseRecord c16 = Extract()[15];
  BOOST_TEST(Status(EvaluateClock(onderzoek, c16, calendar, Day("2025-04-14"))) == "pending");
  BOOST_TEST(Status(EvaluateClock(onderzoek, c16, calendar, Day("2025-04-15"))) == "overdue");

  BOOST_TEST(Status(EvaluateClock(onderzoek, Extract()[17], calendar, june)) == "invalid");
  BOOST_TEST(Status(EvaluateClock(onderzoek, Extract()[0], calendar, june)) == "n/a");
  BOOST_TEST(Status(EvaluateClock(triage, Extract()[10], calendar, june)) == "n/a");
}

BOOST_FIXTURE_TEST_CASE(counts_days_and_hours_by_unit, Fixture) {
  const Date as_of = Day("2025-06-30");
  Deadline d;
  d.from = Event::kReceived;
  d.to = Event::kTriaged;

  // 36 hours from a date-only receipt: the to-date may be ceil(36/24) = 2 days on.
  d.unit = DurationUnit::kHours;
  d.length = 36;
  const CaseRecord date_only = Melding("h", "2025-03-03", "2025-03-05T23:59", "");
  BOOST_TEST(Status(EvaluateClock(d, date_only, calendar, as_of)) == "on_time");
  // With both times: Mon 09:00 + 36 h = Tue 21:00.
  BOOST_TEST(Status(EvaluateClock(d, Melding("h", "2025-03-03T09:00", "2025-03-04T21:00", ""),
                                  calendar, as_of)) == "on_time");
  BOOST_TEST(Status(EvaluateClock(d, Melding("h", "2025-03-03T09:00", "2025-03-04T21:00:01", ""),
                                  calendar, as_of)) == "late");

  // 12 days from Wed 23 Apr 2025 = Mon 5 May (Liberation Day): extended only when declared.
  d.unit = DurationUnit::kDays;
  d.length = 12;
  const CaseRecord open = Melding("d", "2025-04-23", "", "");
  BOOST_TEST(EvaluateClock(d, open, calendar, as_of).due_date->ToIso() == "2025-05-05");
  d.extend = true;
  BOOST_TEST(EvaluateClock(d, open, calendar, as_of).due_date->ToIso() == "2025-05-06");

  // Atw art. 2 (the start of an onderzoek: 5 days, extended): Thu 17 Apr 2025 + 5 days =
  // Tue 22, a working day, but the only one in the term (Good Friday 18, the weekend,
  // Easter Monday 21): extended to Wed 23 April, so a start on the 23rd is on time.
  d.from = Event::kInvestigationDecided;
  d.to = Event::kInvestigationStarted;
  d.length = 5;
  const auto start = [](const char* decided, const char* started) {
    return Case("s", CaseKind::kMelding, {"2025-04-10", "", "", decided, started});
  };
  BOOST_TEST(
      EvaluateClock(d, start("2025-04-17", "2025-04-23"), calendar, as_of).due_date->ToIso() ==
      "2025-04-23");
  BOOST_TEST(Status(EvaluateClock(d, start("2025-04-17", "2025-04-23"), calendar, as_of)) ==
             "on_time");
  BOOST_TEST(Status(EvaluateClock(d, start("2025-04-17", "2025-04-24"), calendar, as_of)) ==
             "late");
  // Without `extend` the term is bare calendar days: due Tue 22, the 23rd is late.
  d.extend = false;
  BOOST_TEST(Status(EvaluateClock(d, start("2025-04-17", "2025-04-23"), calendar, as_of)) ==
             "late");
  d.from = Event::kReceived;
  d.to = Event::kTriaged;

  // Working days: Thu 22 May 2025 → Fri 23, Mon 26, Tue 27, Wed 28, (Thu 29 Ascension,
  // Fri 30 decreed), Mon 2 June.
  d.unit = DurationUnit::kWorkdays;
  d.length = 5;
  d.extend = false;
  BOOST_TEST(
      EvaluateClock(d, Melding("w", "2025-05-22", "", ""), calendar, as_of).due_date->ToIso() ==
      "2025-06-02");

  // Neither event: no clock.
  BOOST_TEST(Status(EvaluateClock(d, CaseRecord{}, calendar, as_of)) == "n/a");
}

BOOST_FIXTURE_TEST_CASE(completed_cohort, Fixture) {
  const TimelinessReport r = Run(Cohort::kCompleted, "2025-06-30");
  BOOST_TEST_REQUIRE(r.deadlines.size() == 3u);
  const DeadlineSummary& t = r.deadlines[0];
  const DeadlineSummary& v = r.deadlines[1];
  const DeadlineSummary& o = r.deadlines[2];

  // T: on time c01 c03 c05 c08 c09, late c02 c04; c10 overdue, due in the period.
  BOOST_TEST(Counts(t) == "7 5 2 0 1 0 1");
  BOOST_TEST(Monthly(t) == "2025-03 2/2, 2025-04 1/0, 2025-05 2/0");
  BOOST_TEST(*t.share_on_time == 5.0 / 7.0);
  BOOST_TEST(t.meets_norm == "no");
  BOOST_TEST(!t.ci95.has_value());
  // Durations 0 0 1 1 1 1 2: median 1; p90 at h = 5.4 → 1 + 0.4 × 1.
  BOOST_TEST(*t.median_days == 1);
  BOOST_TEST(*t.p90_days == 1.4, boost::test_tools::tolerance(1e-12));

  // V: on time c01 c03 c04 c08, late c02 c05 c06 (c07 finished in February);
  // c09 overdue; backlog c09 and c10 (due 6 June).
  BOOST_TEST(Counts(v) == "7 4 3 0 1 0 2");
  BOOST_TEST(Monthly(v) == "2025-03 3/2, 2025-04 0/1, 2025-05 1/0");
  // Durations 0 5 7 7 8 8 12: median 7; p90 = 8 + 0.4 × 4.
  BOOST_TEST(*v.median_days == 7);
  BOOST_TEST(*v.p90_days == 9.6, boost::test_tools::tolerance(1e-12));

  // O: on time c13 c14 c17, late c15; c16 overdue; c18 invalid; backlog c16 and c19.
  BOOST_TEST(Counts(o) == "4 3 1 0 1 1 2");
  BOOST_TEST(Monthly(o) == "2025-03 1/1, 2025-04 0/0, 2025-05 2/0");
  BOOST_TEST(*o.share_on_time == 0.75);
  BOOST_TEST(o.meets_norm == "no");
  // Durations 71 71 71 72: median 71; p90 at h = 2.7 → 71 + 0.7 × 1.
  BOOST_TEST(*o.median_days == 71);
  BOOST_TEST(*o.p90_days == 71.7, boost::test_tools::tolerance(1e-12));

  // Decided in the period: c17 (14 days), c19 (10 days), c20 (none), c21 (after as-of).
  BOOST_TEST(r.waiting.decided == 4);
  BOOST_TEST(r.waiting.started == 2);
  BOOST_TEST(r.waiting.not_started == 2);
  BOOST_TEST(*r.waiting.median_days == 12);
  BOOST_TEST(*r.waiting.p90_days == 13.6, boost::test_tools::tolerance(1e-12));
}

BOOST_FIXTURE_TEST_CASE(due_cohort, Fixture) {
  const TimelinessReport r = Run(Cohort::kDue, "2025-06-30");
  const DeadlineSummary& t = r.deadlines[0];
  const DeadlineSummary& v = r.deadlines[1];
  const DeadlineSummary& o = r.deadlines[2];

  // T: as completed, plus c10 (due 31 May, open) counted late and overdue.
  BOOST_TEST(Counts(t) == "8 5 3 0 1 0 1");
  BOOST_TEST(Monthly(t) == "2025-03 2/2, 2025-04 1/0, 2025-05 2/1");
  BOOST_TEST(*t.median_days == 1);  // the open case has no duration

  // V: on time c01 c03 c04 c07, late c02 c05 c06 and c09 (open, overdue); c08 is due
  // in June.
  BOOST_TEST(Counts(v) == "8 4 4 0 1 0 2");
  BOOST_TEST(Monthly(v) == "2025-03 4/2, 2025-04 0/1, 2025-05 0/1");
  BOOST_TEST(*v.share_on_time == 0.5);
  // Durations 0 4 7 7 8 8 12.
  BOOST_TEST(*v.median_days == 7);

  // O: on time c13 c14, late c15 and c16 (open, overdue); c17 due in June; c18 invalid.
  BOOST_TEST(Counts(o) == "4 2 2 0 1 1 2");
  BOOST_TEST(Monthly(o) == "2025-03 1/1, 2025-04 0/1, 2025-05 1/0");
  // Durations 71 71 72: p90 at h = 1.8 → 71 + 0.8 × 1.
  BOOST_TEST(*o.p90_days == 71.8, boost::test_tools::tolerance(1e-12));
}

// Cases the latest delivery lacks still count, and are counted apart: c02, c07, c11, c16
// and c18 are marked. Completed cohort: T and V count c02 (c07 finished in February, c16
// is only overdue, c18 invalid, c11 an advies) → 1, 1, 0. Due cohort: T c02; V c02 and
// c07 (due 3 March); O c16 (open, overdue, counted late) → 1, 2, 1. The counts stay those
// of completed_cohort and due_cohort.
BOOST_FIXTURE_TEST_CASE(counts_cases_missing_from_the_latest_delivery, Fixture) {
  std::vector<CaseRecord> cases = Extract();
  for (CaseRecord& c : cases) {
    if (c.case_id == "c02" || c.case_id == "c07" || c.case_id == "c11" || c.case_id == "c16" ||
        c.case_id == "c18") {
      c.missing_since = 2;
    }
  }
  const auto missing = [](const TimelinessReport& r) {
    std::string out;
    for (const DeadlineSummary& d : r.deadlines) {
      out += (out.empty() ? "" : " ") + std::to_string(d.missing_from_latest);
    }
    return out;
  };
  TimelinessOptions o;
  o.period = {Day("2025-03-01"), Day("2025-05-31")};
  o.as_of = Day("2025-06-30");
  const TimelinessReport completed = Run(o, cases);
  BOOST_TEST(missing(completed) == "1 1 0");
  BOOST_TEST(Counts(completed.deadlines[1]) == "7 4 3 0 1 0 2");
  o.cohort = Cohort::kDue;
  const TimelinessReport due = Run(o, cases);
  BOOST_TEST(missing(due) == "1 2 1");
  BOOST_TEST(Counts(due.deadlines[2]) == "4 2 2 0 1 1 2");
  BOOST_TEST(missing(Run(o, Extract())) == "0 0 0");
}

// "c09 42 overdue, c10 31 overdue": the oldest open cases with their age and status.
std::string Oldest(const WaitingList& w) {
  std::string out;
  for (const OpenCase& c : w.oldest) {
    out += (out.empty() ? "" : ", ") + c.case_id + " " + std::to_string(c.age_days) +
           (c.overdue ? " overdue" : " pending");
  }
  return out;
}

BOOST_FIXTURE_TEST_CASE(the_waiting_list_at_the_as_of_date, Fixture) {
  // As of 30 June 2025 (day 181 of the year), whatever the period:
  //  T: only c10 is not triaged (received 30 May, due 31 May 10:00): overdue, 31 days.
  //  V: c09 (received 19 May, due 26 May: 42 days) and c10 (30 May, due 6 June: 31
  //     days), both overdue; median (31 + 42) / 2 = 36.5, p90 at h = 0.9 → 31 + 0.9 × 11.
  //  O: c16 (decided 3 Feb, day 34: 147 days, due 14 Apr) and c19 (1 Apr, day 91: 90
  //     days, due 10 Jun) overdue; c20 (15 May, day 135: 46 days) and c21 (20 May, day
  //     140: 41 days) pending; ages 41 46 90 147: median 68, p90 at h = 2.7 → 90 + 0.7 ×
  //     57 = 129.9. c14, c15 and c13, c17 finished; c18 has no decision.
  //  Not started: c16 (147), c20 (46) and c21 (41: starts 1 July, after the as-of date);
  //     c14 and c15 never started but are completed; median 46, p90 at h = 1.8 → 46 +
  //     0.8 × 101 = 126.8.
  for (const Period& period : {Period{Day("2025-03-01"), Day("2025-05-31")},
                               Period{Day("2024-01-01"), Day("2024-01-31")}}) {
    TimelinessOptions o;
    o.period = period;
    o.as_of = Day("2025-06-30");
    const TimelinessReport r = Run(o, Extract());
    BOOST_TEST_CONTEXT("period from " << period.from.ToIso()) {
      const WaitingList& t = r.deadlines[0].open;
      BOOST_TEST(t.pending == 0);
      BOOST_TEST(t.overdue == 1);
      BOOST_TEST(t.count == 1);
      BOOST_TEST(*t.median_age_days == 31);
      BOOST_TEST(*t.max_age_days == 31);
      BOOST_TEST(Oldest(t) == "c10 31 overdue");
      BOOST_TEST(t.oldest[0].due == "2025-05-31T10:00:00");

      const WaitingList& v = r.deadlines[1].open;
      BOOST_TEST(v.pending == 0);
      BOOST_TEST(v.overdue == 2);
      BOOST_TEST(v.overdue == r.deadlines[1].backlog);
      BOOST_TEST(*v.median_age_days == 36.5);
      BOOST_TEST(*v.p90_age_days == 40.9, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(*v.max_age_days == 42);
      BOOST_TEST(Oldest(v) == "c09 42 overdue, c10 31 overdue");

      const WaitingList& w = r.deadlines[2].open;
      BOOST_TEST(w.pending == 2);
      BOOST_TEST(w.overdue == 2);
      BOOST_TEST(w.count == 4);
      BOOST_TEST(*w.median_age_days == 68);
      BOOST_TEST(*w.p90_age_days == 129.9, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(*w.max_age_days == 147);
      BOOST_TEST(Oldest(w) == "c16 147 overdue, c19 90 overdue, c20 46 pending, c21 41 pending");
      BOOST_TEST(w.oldest[0].since.ToIso() == "2025-02-03");
      BOOST_TEST(w.oldest[0].due == "2025-04-14");

      const WaitingList& n = r.waiting.not_started_at_as_of;
      BOOST_TEST(n.count == 3);
      BOOST_TEST(*n.median_age_days == 46);
      BOOST_TEST(*n.p90_age_days == 126.8, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(*n.max_age_days == 147);
      BOOST_TEST(Oldest(n) == "c16 147 pending, c20 46 pending, c21 41 pending");
    }
  }
}

BOOST_FIXTURE_TEST_CASE(the_waiting_list_names_the_five_oldest, Fixture) {
  // Seven investigations decided, none completed: the two youngest drop out; on one day
  // the case ids decide. Listed with keep_cases (`--list open`): all seven, oldest first.
  std::vector<CaseRecord> cases = {
      Investigation("z7", "2025-03-10", "", ""), Investigation("z6", "2025-03-03", "", ""),
      Investigation("z5", "2025-03-03", "", ""), Investigation("z4", "2025-04-01", "", ""),
      Investigation("z3", "2025-03-03", "", ""), Investigation("z2", "2025-05-02", "", ""),
      Investigation("z1", "2025-03-04", "", ""),
  };
  TimelinessOptions o;
  o.period = {Day("2025-01-01"), Day("2025-12-31")};
  o.as_of = Day("2025-06-30");
  o.keep_cases = true;
  const TimelinessReport r = Run(o, cases);
  const DeadlineSummary& d = r.deadlines[2];
  std::string ids;
  for (const OpenCase& c : d.open.oldest) ids += c.case_id + " ";
  BOOST_TEST(ids == "z3 z5 z6 z1 z7 ");
  BOOST_TEST(d.open.count == 7);
  ids.clear();
  for (const ClockCase* c : ListedCases(d, CaseList::kOpen)) ids += c->case_id + " ";
  BOOST_TEST(ids == "z3 z5 z6 z1 z7 z4 z2 ");
}

BOOST_FIXTURE_TEST_CASE(pending_cases_are_not_counted_before_their_deadline, Fixture) {
  // As of 31 May: c10's triage (due 31 May 10:00) is pending, not late; c09's assessment
  // (due 26 May) is overdue; c19 (due 10 June) leaves the backlog.
  const TimelinessReport r = Run(Cohort::kDue, "2025-05-31");
  BOOST_TEST(Counts(r.deadlines[0]) == "7 5 2 1 0 0 0");
  BOOST_TEST(Counts(r.deadlines[1]) == "8 4 4 0 1 0 1");
  BOOST_TEST(Counts(r.deadlines[2]) == "4 2 2 0 1 1 1");
}

BOOST_FIXTURE_TEST_CASE(sample_adds_wilson_intervals, Fixture) {
  const TimelinessReport r = Run(Cohort::kCompleted, "2025-06-30", true);
  const DeadlineSummary& t = r.deadlines[0];
  const DeadlineSummary& o = r.deadlines[2];
  BOOST_TEST(r.sample);
  // 5 of 7 against a norm of 1: the interval ends below 1.
  BOOST_TEST(t.ci95->high < 1.0);
  BOOST_TEST(t.meets_norm == "no");
  // 3 of 4 against 0.8: [0.30, 0.95] straddles the norm.
  const Interval expected = WilsonInterval(3, 4);
  BOOST_TEST(o.ci95->low == expected.low);
  BOOST_TEST(o.ci95->high == expected.high);
  BOOST_TEST(o.ci95->low < 0.8);
  BOOST_TEST(o.ci95->high > 0.8);
  BOOST_TEST(o.meets_norm == "inconclusive");
}

BOOST_FIXTURE_TEST_CASE(keeps_cases_in_the_order_fed, Fixture) {
  TimelinessOptions o;
  o.period = {Day("2025-03-01"), Day("2025-05-31")};
  o.as_of = Day("2025-06-30");
  o.keep_cases = true;
  o.histogram_bins = 3;
  const TimelinessReport r = Run(o, Extract());

  std::vector<std::string> listed;
  for (const ClockCase& c : r.deadlines[2].cases) {
    listed.push_back(c.case_id + " " + std::string(ClockStatusName(c.status)) + " " + c.from + " " +
                     c.to + " " + c.due + (c.counted ? " counted" : ""));
  }
  const std::vector<std::string> expected = {
      "c13 on_time 2025-02-24 2025-05-06 2025-05-06 counted",
      "c14 on_time 2025-01-04 2025-03-17 2025-03-17 counted",
      "c15 late 2025-01-13 2025-03-25 2025-03-24 counted",
      "c16 overdue 2025-02-03  2025-04-14",
      "c17 on_time 2025-03-20 2025-05-30 2025-06-02 counted",
      "c18 invalid  2025-04-15 ",
  };
  BOOST_TEST(listed == expected, boost::test_tools::per_element());

  const ClockCase& c01 = r.deadlines[0].cases.front();
  BOOST_TEST(c01.due == "2025-03-04T09:00:00");
  BOOST_TEST(r.deadlines[0].cases.size() == 8u);  // 7 counted and c10

  // Triage durations 0 0 1 1 1 1 2 in bins 0, 1 and "2 or more".
  BOOST_TEST(r.deadlines[0].duration_histogram == (std::vector<long>{2, 4, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(r.deadlines[2].duration_histogram == (std::vector<long>{0, 0, 4}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(writes_json, Fixture) {
  TimelinessOptions o;
  o.period = {Day("2025-03-01"), Day("2025-04-30")};
  o.as_of = Day("2025-04-30");
  o.keep_cases = true;
  const TimelinessReport r =
      Run(o, {
                 // T: on time (0 days). V: Mon 3 Mar → due Mon 10 Mar; on time (2 days).
                 Melding("j1", "2025-03-03T09:00", "2025-03-03T10:00", "2025-03-05"),
                 // T: due 2 Apr 09:00, late (1 day). V: Tue 1 Apr → Wed 2, Thu 3, Fri 4,
                 // Mon 7, Tue 8 → due 8 Apr; open and overdue as of 30 April, 29 days
                 // after the receipt: the whole waiting list, listed with `--list open`.
                 Melding("j2", "2025-04-01T09:00", "2025-04-02T10:00", ""),
             });
  JsonWriter w;
  WriteTimelinessJson(r, &w, CaseList::kOpen);
  BOOST_TEST(w.str() == R"({
  "organisation": "VT01",
  "period": {
    "from": "2025-03-01",
    "to": "2025-04-30"
  },
  "as_of": "2025-04-30",
  "cohort": "completed",
  "sample": false,
  "deadlines": [
    {
      "id": "triage",
      "name": "Triage binnen 24 uur",
      "basis": "veldnorm",
      "source": "Kamervragen 2026Z10868",
      "counted": 2,
      "on_time": 1,
      "late": 1,
      "pending": 0,
      "overdue": 0,
      "invalid": 0,
      "missing_from_latest": 0,
      "share_on_time": 0.5,
      "ci95": null,
      "norm": 1,
      "meets_norm": "no",
      "median_days": 0.5,
      "p90_days": 0.9,
      "backlog": 0,
      "monthly": [
        {
          "month": "2025-03",
          "on_time": 1,
          "late": 0
        },
        {
          "month": "2025-04",
          "on_time": 0,
          "late": 1
        }
      ],
      "open": {
        "pending": 0,
        "overdue": 0,
        "median_age_days": null,
        "p90_age_days": null,
        "max_age_days": null,
        "oldest": []
      },
      "cases": []
    },
    {
      "id": "vb",
      "name": "Veiligheidsbeoordeling",
      "basis": "protocol",
      "source": "Handelingsprotocol",
      "counted": 1,
      "on_time": 1,
      "late": 0,
      "pending": 0,
      "overdue": 1,
      "invalid": 0,
      "missing_from_latest": 0,
      "share_on_time": 1,
      "ci95": null,
      "norm": 0.9,
      "meets_norm": "yes",
      "median_days": 2,
      "p90_days": 2,
      "backlog": 1,
      "monthly": [
        {
          "month": "2025-03",
          "on_time": 1,
          "late": 0
        },
        {
          "month": "2025-04",
          "on_time": 0,
          "late": 0
        }
      ],
      "open": {
        "pending": 0,
        "overdue": 1,
        "median_age_days": 29,
        "p90_age_days": 29,
        "max_age_days": 29,
        "oldest": [
          {
            "case_id": "j2",
            "since": "2025-04-01",
            "age_days": 29,
            "status": "overdue",
            "due": "2025-04-08"
          }
        ]
      },
      "cases": [
        {
          "case_id": "j2",
          "status": "overdue",
          "counted": false,
          "from": "2025-04-01T09:00:00",
          "to": null,
          "due": "2025-04-08"
        }
      ]
    },
    {
      "id": "onderzoek",
      "name": "Onderzoek binnen 10 weken",
      "basis": "wet",
      "source": "Uitvoeringsbesluit Wmo 2015, art. 4.1.7 lid 2",
      "counted": 0,
      "on_time": 0,
      "late": 0,
      "pending": 0,
      "overdue": 0,
      "invalid": 0,
      "missing_from_latest": 0,
      "share_on_time": null,
      "ci95": null,
      "norm": 0.8,
      "meets_norm": null,
      "median_days": null,
      "p90_days": null,
      "backlog": 0,
      "monthly": [
        {
          "month": "2025-03",
          "on_time": 0,
          "late": 0
        },
        {
          "month": "2025-04",
          "on_time": 0,
          "late": 0
        }
      ],
      "open": {
        "pending": 0,
        "overdue": 0,
        "median_age_days": null,
        "p90_age_days": null,
        "max_age_days": null,
        "oldest": []
      },
      "cases": []
    }
  ],
  "waiting": {
    "decided": 0,
    "started": 0,
    "not_started": 0,
    "median_days": null,
    "p90_days": null,
    "not_started_at_as_of": {
      "count": 0,
      "median_age_days": null,
      "p90_age_days": null,
      "max_age_days": null,
      "oldest": []
    }
  }
}
)");
}

// The flow and the stock per month (`timeliness --by month`) of the safety assessment
// (V: 5 working days) over February and March 2025, as of 31 March, worked by hand:
//  a1 Mon 3 Feb → due Mon 10 Feb, assessed 10 Feb: on time, February.
//  a2 Mon 24 Feb → Tue 25 … Fri 28, Mon 3 Mar: due 3 Mar; assessed 4 Mar: late, March;
//     open at the end of February, before its due date: pending.
//  a3 Tue 18 Feb → due Tue 25 Feb, never assessed: overdue at the end of February and
//     at 31 March.
//  a4 Thu 27 Mar → Fri 28, Mon 31, Tue 1, Wed 2, Thu 3 Apr: pending at 31 March.
//  a5 Fri 31 Jan (before the period) → due Fri 7 Feb; assessed 3 Feb: on time, February;
//     its start is not in the period.
//  a6 Mon 10 Mar → due Mon 17 Mar; assessed 19 Mar: late, March.
//  a7, a10 Mon 3 Mar → due Mon 10 Mar; assessed 7 and 10 Mar: on time, March.
//  a8 Fri 28 Feb → due Fri 7 Mar; assessed Mon 3 Mar: on time, March; open at the end of
//     February: pending.
//  a9 Mon 17 Mar → due Mon 24 Mar; assessed 15 April, after the as-of date: open and
//     overdue at 31 March.
//  February: started a1 a2 a3 a8 = 4, completed a1 a5 = 2, on time 2 of 2 (few: 2 < 5),
//     stock pending a2 a8 = 2, overdue a3 = 1.
//  March: started a4 a6 a7 a9 a10 = 5, completed a2 a6 a7 a8 a10 = 5, on time 3 of 5
//     (not few), stock pending a4 = 1, overdue a3 a9 = 2.
BOOST_FIXTURE_TEST_CASE(counts_flow_and_stock_per_month, Fixture) {
  const std::vector<CaseRecord> cases = {
      Melding("a1", "2025-02-03", "2025-02-03", "2025-02-10"),
      Melding("a2", "2025-02-24", "2025-02-24", "2025-03-04"),
      Melding("a3", "2025-02-18", "2025-02-18", ""),
      Melding("a4", "2025-03-27", "2025-03-27", ""),
      Melding("a5", "2025-01-31", "2025-01-31", "2025-02-03"),
      Melding("a6", "2025-03-10", "2025-03-10", "2025-03-19"),
      Melding("a7", "2025-03-03", "2025-03-03", "2025-03-07"),
      Melding("a8", "2025-02-28", "2025-02-28", "2025-03-03"),
      Melding("a9", "2025-03-17", "2025-03-17", "2025-04-15"),
      Melding("a10", "2025-03-03", "2025-03-03", "2025-03-10"),
      Case("adv", CaseKind::kAdvies, {"2025-02-03"}),
  };
  TimelinessOptions o;
  o.period = {Day("2025-02-01"), Day("2025-03-31")};
  o.as_of = Day("2025-03-31");
  const TimelinessReport r = Run(o, cases);
  BOOST_TEST(r.min_cases == 5);
  const DeadlineSummary& v = r.deadlines[1];
  BOOST_TEST(v.id == "vb");
  const auto row = [&](const MonthCount& m) {
    return m.month + " started " + std::to_string(m.started) + " completed " +
           std::to_string(m.completed) + " " + std::to_string(m.on_time) + "/" +
           std::to_string(m.late) + " stock " + std::to_string(m.stock_pending) + "+" +
           std::to_string(m.stock_overdue) + (FewCases(m, r.min_cases) ? " few" : "");
  };
  BOOST_REQUIRE(v.monthly.size() == 2u);
  BOOST_TEST(row(v.monthly[0]) == "2025-02 started 4 completed 2 2/0 stock 2+1 few");
  BOOST_TEST(row(v.monthly[1]) == "2025-03 started 5 completed 5 3/2 stock 1+2");
  // The stock at the as-of date is the waiting list's.
  BOOST_TEST(v.open.pending == 1);
  BOOST_TEST(v.open.overdue == 2);

  // As of 15 March the month of the as-of date is measured on that day: a4 and a9 are not
  // yet received; a6 (assessed 19 Mar) is open and pending (due 17 Mar); a2, a7, a8 and
  // a10 are completed in March, a2 late (3 on time of 4: few); open on 15 March: a6
  // pending and a3 overdue.
  o.as_of = Day("2025-03-15");
  const TimelinessReport early = Run(o, cases);
  BOOST_TEST(row(early.deadlines[1].monthly[1]) ==
             "2025-03 started 3 completed 4 3/1 stock 1+1 few");
}

// A deadline's condition sees the case as it stood at the as-of date: the start clock
// (received → started, for meldingen with a decision) has no clock before the decision.
BOOST_AUTO_TEST_CASE(a_condition_on_an_event_sees_the_as_of_date) {
  const Framework f = ParseFramework(R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="start" version="1" valid-from="2025-01-01">
  <title>Start</title><gloss>Start</gloss><source>test</source>
  <scale>
    <level id="voldoet" score="3" min-share="0.9" met="true"><name>Voldoet</name><gloss>Meets</gloss></level>
    <level id="niet" score="0" min-share="0" met="false"><name>Niet</name><gloss>No</gloss></level>
  </scale>
  <deadlines>
    <deadline id="start_onderzoek" from="received" to="investigation_started" length="5"
              unit="days" extend="true" norm="0.8" basis="wet">
      <name>Start</name><gloss>Start</gloss><source>Uitvoeringsbesluit Wmo 2015, art. 4.1.7 lid 1</source>
      <applies-when>kind = melding and investigation_decided is set</applies-when>
    </deadline>
  </deadlines>
  <aggregation method="worst">
    <band level="voldoet" min-score="2.5"/><band level="niet" min-score="0"/>
  </aggregation>
  <domain id="veiligheid"><name>Veiligheid</name><gloss>Safety</gloss>
    <standard id="V1"><name>Tijdigheid</name><gloss>Timeliness</gloss>
      <criterion id="V1.5" scope="organisation" measured-by="start_onderzoek"><text>Tijdig</text><gloss>On time</gloss></criterion>
    </standard>
  </domain>
</framework>
)",
                                     "start.xml")
                          .value();
  const Calendar calendar = Calendar::ParseXml(kCalendarXml, "kalender-test.xml").value();
  // Received Mon 3 Mar 2025 + 5 days = Sat 8 Mar → art. 1: Mon 10 Mar; decided 20 March,
  // never started.
  const CaseRecord c =
      Case("s1", CaseKind::kMelding, {"2025-03-03", "2025-03-03", "2025-03-07", "2025-03-20"});
  const Deadline& d = f.deadlines[0];
  BOOST_TEST(Status(EvaluateClock(d, c, calendar, Day("2025-03-19"))) == "n/a");
  const ClockResult later = EvaluateClock(d, c, calendar, Day("2025-03-20"));
  BOOST_TEST(Status(later) == "overdue");
  BOOST_TEST(later.due_date->ToIso() == "2025-03-10");
  // A melding without a decision has no start clock, however old.
  const CaseRecord none = Case("s2", CaseKind::kMelding, {"2025-03-03", "2025-03-03"});
  BOOST_TEST(Status(EvaluateClock(d, none, calendar, Day("2025-12-31"))) == "n/a");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
