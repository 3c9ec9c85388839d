#include "report.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>

#include "audit_fixture.h"
#include "chart.h"
#include "digest.h"
#include "lifecycle.h"
#include "report_version.h"
#include "sample_draw.h"
#include "scoring.h"

namespace vtaudit {
namespace {

// An audit of 2025 with ten meldingen, all sampled: C1 met in 8 of them; O1 scored;
// and the audit of 2024 with ten other meldingen: C1 met in 5.
struct ReportFixture : testing::AuditFixture {
  ReportFixture() {
    for (int i = 1; i <= 10; ++i) {
      AddCase("C" + std::to_string(100 + i), "melding", "2025-03-03");
      AddCase("P" + std::to_string(100 + i), "melding", "2024-03-04");
    }
    Result<Audit> p = CreateAudit(ws.get(), {"VT01", 2024, framework_path, {"Anna", "Bram"}});
    BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
    previous = *p;
    BOOST_TEST_REQUIRE(ChangeInspectors(ws.get(), audit.id, {"Bram"}, {}, "").ok());
    BOOST_TEST_REQUIRE(DrawSample(ws.get(), {audit.id, 10, "1", "", "", false}).ok());
    BOOST_TEST_REQUIRE(DrawSample(ws.get(), {previous.id, 10, "1", "", "", false}).ok());
    for (int i = 1; i <= 10; ++i) {
      Score(audit.id, "C" + std::to_string(100 + i), "C1", i <= 8 ? "voldoet" : "voldoet_niet",
            i == 9 ? "<script>alert('x')</script> & co" : "");
      Score(previous.id, "P" + std::to_string(100 + i), "C1", i <= 5 ? "voldoet" : "voldoet_niet",
            "");
    }
    Score(audit.id, "", "O1", "grotendeels", "Beleid besproken");
    Result<Calendar> cal = Calendar::LoadFile(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml");
    BOOST_TEST_REQUIRE(cal.ok(), cal.status().ToString());
    calendar = std::make_unique<Calendar>(std::move(*cal));
  }

  void Score(int64_t id, const std::string& case_id, const std::string& criterion,
             const std::string& result, const std::string& note) {
    Status s = SetScore(ws.get(), {id, case_id, criterion, result, note, "Anna", {}});
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }

  ReportModel Model() {
    Result<ReportModel> m =
        BuildReportModel(ws.get(), audit.id, *calendar, *Date::FromYmd(2026, 1, 15));
    BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
    return *m;
  }

  // C2 marked niet beoordeeld, everything else is scored: the audit may become a concept.
  void ToConcept() {
    BOOST_TEST_REQUIRE(MarkNotJudged(ws.get(), audit.id, "C2", "niet gelezen", "Anna", false).ok());
    std::ifstream in(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml", std::ios::binary);
    const std::string calendar_text((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    Transition t;
    t.to = AuditStatus::kConcept;
    t.actor = "Anna";
    Status s = MoveAudit(ws.get(), audit.id, t, *calendar, calendar_text);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }

  ReportTemplates Templates(const std::string& lang = "nl") {
    Result<ReportTemplates> t = LoadReportTemplates(VTAUDIT_SOURCE_DIR "/reports", lang);
    BOOST_TEST_REQUIRE(t.ok(), t.status().ToString());
    return *t;
  }

  const ReportNode& Criterion(const ReportModel& m, const std::string& id) {
    for (const ReportNode& d : m.domains) {
      for (const ReportNode& s : d.children) {
        for (const ReportNode& c : s.children) {
          if (c.id == id) return c;
        }
      }
    }
    BOOST_FAIL("no criterion " + id);
    return m.domains.front();
  }

  Audit previous;
  std::unique_ptr<Calendar> calendar;
};

BOOST_FIXTURE_TEST_SUITE(report, ReportFixture)

BOOST_AUTO_TEST_CASE(model_holds_the_judged_numbers_with_intervals) {
  const ReportModel m = Model();
  BOOST_TEST(m.org_code == "VT01");
  BOOST_TEST(m.period == 2025);
  BOOST_TEST(m.population == 10);
  BOOST_TEST_REQUIRE(m.sample.has_value());
  BOOST_TEST(m.sample->size == 10);
  BOOST_TEST(m.cases.size() == 10U);
  BOOST_TEST(!m.synthetic);
  const ReportNode& c1 = Criterion(m, "C1");
  BOOST_TEST(c1.met == 8);
  BOOST_TEST(c1.not_met == 2);
  BOOST_TEST(*c1.share == 0.8);
  BOOST_TEST(*c1.level == "grotendeels");
  const Interval w = WilsonInterval(8, 10);
  BOOST_TEST_REQUIRE(c1.ci95.has_value());
  BOOST_TEST(c1.ci95->low == w.low);
  BOOST_TEST(c1.ci95->high == w.high);
  BOOST_TEST_REQUIRE(c1.notes.size() == 1U);
  BOOST_TEST(c1.notes[0].case_id == "C109");
  const ReportNode& o1 = Criterion(m, "O1");
  BOOST_TEST(*o1.level == "grotendeels");
  BOOST_TEST(!o1.ci95.has_value());
  BOOST_TEST(o1.notes[0].note == "Beleid besproken");
}

BOOST_AUTO_TEST_CASE(comparison_uses_the_previous_audit_and_newcombe) {
  const ReportModel m = Model();
  BOOST_TEST_REQUIRE(m.previous_audit.has_value());
  BOOST_TEST(*m.previous_audit == previous.id);
  BOOST_TEST(*m.previous_period == 2024);
  const ReportNode& c1 = Criterion(m, "C1");
  BOOST_TEST_REQUIRE(c1.change.has_value());
  BOOST_TEST(c1.change->previous_met == 5);
  BOOST_TEST(c1.change->previous_not_met == 5);
  BOOST_TEST(*c1.change->change == 0.8 - 0.5, boost::test_tools::tolerance(1e-12));
  const Interval n = NewcombeDifference(8, 10, 5, 10);
  BOOST_TEST(c1.change->change_ci95->low == n.low);
  BOOST_TEST(c1.change->change_ci95->high == n.high);
  BOOST_TEST(c1.change->exceeds_noise == (n.low > 0));
  // The difference and its interval in one unit, percentage points: 80% − 50% = +30,0.
  auto points = [](double v) { return (v > 0 ? "+" : "") + FormatNumber(v * 100, 1, "nl"); };
  const std::string html = ReportHtml(m, Templates());
  BOOST_TEST(html.find("<td>+30,0 procentpunt</td><td>" + points(n.low) + " tot " + points(n.high) +
                       " procentpunt</td>") != std::string::npos);
  // The earlier audit has no earlier one.
  Result<ReportModel> p = BuildReportModel(ws.get(), previous.id, *calendar, Date::Today());
  BOOST_TEST_REQUIRE(p.ok());
  BOOST_TEST(!p->previous_audit.has_value());
}

BOOST_AUTO_TEST_CASE(user_text_is_escaped_in_html) {
  const std::string html = ReportHtml(Model(), Templates());
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co") !=
             std::string::npos);
  BOOST_TEST(EscapeHtml("<a href=\"x\">'&'</a>") ==
             "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

BOOST_AUTO_TEST_CASE(json_csv_and_html_carry_the_same_numbers) {
  const ReportModel m = Model();
  const std::string json = ReportJson(m), csv = ReportCsv(m);
  const std::string html = ReportHtml(m, Templates()), html_en = ReportHtml(m, Templates("en"));
  const Interval w = WilsonInterval(8, 10);
  const std::string low = JsonWriter::FormatNumber(w.low), high = JsonWriter::FormatNumber(w.high);
  const size_t share = json.find("\"share\": 0.8,");
  BOOST_TEST_REQUIRE(share != std::string::npos);
  BOOST_TEST(json.find("\"ci95\": [", share) < json.find(low, share));
  BOOST_TEST(json.find(high, share) < json.find("\"notes\"", share));
  BOOST_TEST(csv.find(",D1,S1,C1,case,,grotendeels,8,2,0,0,0,0.8," + low + "," + high + ",2024,") !=
             std::string::npos);
  BOOST_TEST(html.find("8 van 10 dossiers (80,0%)") != std::string::npos);
  BOOST_TEST(html.find(FormatPercent(w.low, 1, "nl") + " – " + FormatPercent(w.high, 1, "nl")) !=
             std::string::npos);
  BOOST_TEST(html_en.find("8 of 10 case files (80.0%)") != std::string::npos);
  BOOST_TEST(html.find("+30,0 procentpunt") != std::string::npos);
  BOOST_TEST(json.find("\"change\": 0.3") != std::string::npos);
  BOOST_TEST(json.find(m.framework_sha256) != std::string::npos);
  BOOST_TEST(html.find(m.framework_sha256) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(indicative_not_applicable_disputed_and_undefined_kappa) {
  // Bram agrees with Anna's voldoet on C1 for C101..C103: all six scores in one category, so
  // chance agreement is 3·3 / 3² = 1 and kappa undefined. C2: Anna v v n v on C101..C104,
  // Bram n on C104: 2 met, 1 not met, 1 disputed, 6 unscored (10 in all), 2 / 3 = 0.667 →
  // deels on n = 3 < 5: indicative. M1: no case of the extract has been triaged, so the
  // triage clock counted nothing: not applicable.
  for (const char* c : {"C101", "C102", "C103"}) {
    BOOST_TEST_REQUIRE(SetScore(ws.get(), {audit.id, c, "C1", "voldoet", "", "Bram"}).ok());
  }
  Score(audit.id, "C101", "C2", "voldoet", "");
  Score(audit.id, "C102", "C2", "voldoet", "");
  Score(audit.id, "C103", "C2", "voldoet_niet", "");
  Score(audit.id, "C104", "C2", "voldoet", "");
  BOOST_TEST_REQUIRE(SetScore(ws.get(), {audit.id, "C104", "C2", "voldoet_niet", "", "Bram"}).ok());
  const ReportModel m = Model();
  const ReportNode& c2 = Criterion(m, "C2");
  BOOST_TEST(c2.met + c2.not_met + c2.not_applicable + c2.disputed + c2.unscored == 10);
  BOOST_TEST(c2.disputed == 1);
  BOOST_TEST(c2.indicative);
  BOOST_TEST(!Criterion(m, "M1").applicable);
  BOOST_TEST_REQUIRE(m.agreement.size() == 2u);
  BOOST_TEST(!m.agreement[0].kappa.has_value());

  const std::string html = ReportHtml(m, Templates()), en = ReportHtml(m, Templates("en"));
  BOOST_TEST(html.find("Cohen n.v.t. (alle scores in één categorie)") != std::string::npos);
  BOOST_TEST(en.find("Cohen n/a (all scores in one category)") != std::string::npos);
  BOOST_TEST(html.find("Voldoet deels") == std::string::npos);  // the mini scale says D
  BOOST_TEST(html.find("<td>D<br>indicatief (n = 3)</td>") != std::string::npos);
  BOOST_TEST(en.find("<td>D<br>indicative (n = 3)</td>") != std::string::npos);
  BOOST_TEST(html.find("oneens, niet meegeteld: 1") != std::string::npos);
  BOOST_TEST(html.find("<td>niet van toepassing</td>") != std::string::npos);
  BOOST_TEST(en.find("<td>not applicable</td>") != std::string::npos);
  const std::string json = ReportJson(m), csv = ReportCsv(m);
  BOOST_TEST(json.find("\"method\": \"cohen\"") != std::string::npos);
  BOOST_TEST(json.find("\"kappa\": null") != std::string::npos);
  BOOST_TEST(json.find("\"disputed\": 1,") != std::string::npos);
  const size_t n3 = json.find("\"n\": 3,");
  BOOST_TEST_REQUIRE(n3 != std::string::npos);
  BOOST_TEST(json.find("\"indicative\": true,", n3) < json.find("\"share\"", n3));
  // met, not met, nvt, disputed, unscored, share … applicable, indicative.
  BOOST_TEST(csv.find(",D1,S1,C2,case,,deels,2,1,0,1,6,0.6666666666666666,") != std::string::npos,
             csv);
  BOOST_TEST(csv.find("C2,case,,deels,2,1,0,1,6,") < csv.find(",1,1\n", csv.find(",C2,")));
}

// The summary gives, beside the share of completed cases, the waiting list at the as-of date.
// The fixture's twenty meldingen (C101..C110 received 2025-03-03, P101..P110 2024-03-04) are
// never triaged: at 2026-01-15 all twenty are open and past the 24-hour term. Ages by hand:
// 2025-03-03 → 2026-01-15 is 28 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 + 15 = 318 days,
// 2024-03-04 → 2025-03-03 another 364, so 682. Median of ten 318s and ten 682s: 500; P90
// (interpolated at 19 · 0.9 = 17.1) and maximum: 682. Nothing was completed in 2025: "–".
BOOST_AUTO_TEST_CASE(summary_shows_the_waiting_list_beside_the_completed_share) {
  const ReportModel m = Model();
  const std::string html = ReportHtml(m, Templates()), en = ReportHtml(m, Templates("en"));
  const size_t summary = html.find("<section id=\"summary\">");
  const size_t method = html.find("<section id=\"method\">");
  BOOST_TEST_REQUIRE(summary < method);
  const std::string part = html.substr(summary, method - summary);
  BOOST_TEST(part.find("<th scope=\"col\">Afgerond op tijd</th><th scope=\"col\">Norm</th>"
                       "<th scope=\"col\">Haalt norm</th><th scope=\"col\">Nog open en te "
                       "laat</th>") != std::string::npos,
             part);
  BOOST_TEST(part.find("<tr><td>T</td><td>–</td><td>90%</td><td>–</td><td>20</td></tr>") !=
             std::string::npos);
  BOOST_TEST(part.find("Wachtlijst op de peildatum 2026-01-15") != std::string::npos);
  BOOST_TEST(part.find("<tr><td>T</td><td>0</td><td>20</td><td>500</td><td>682</td><td>682</td>"
                       "</tr>") != std::string::npos);
  BOOST_TEST(part.find("Op 2026-01-15 wacht geen zaak waarin tot onderzoek is besloten") !=
             std::string::npos);
  BOOST_TEST(en.find("Still open, overdue") != std::string::npos);
  BOOST_TEST(en.find("Waiting list at the as-of date 2026-01-15") != std::string::npos);
}

// A share of completed cases is shown with its n and the open overdue beside it, in the
// summary (n with no-break spaces) and on the bar chart: 1 of 2 triaged on time (50,0%), 20 still
// open and overdue.
BOOST_AUTO_TEST_CASE(a_completed_share_never_stands_without_the_open_overdue) {
  // T1 triaged the next day (on time: a date-only 24-hour term allows one day), T2 three days
  // later (late); the twenty others stay open and overdue.
  for (const auto& [id, triaged] : {std::pair{"T1", "2025-03-04"}, std::pair{"T2", "2025-03-06"}}) {
    Result<Statement> q = ws->db().Prepare(
        "INSERT INTO case_file (org, case_id, kind, violence, received, triaged, extract_id) "
        "VALUES ('VT01', ?, 'melding', '', '2025-03-03', ?, 1)");
    BOOST_TEST_REQUIRE(q.ok());
    BOOST_TEST_REQUIRE(q->Bind(1, id).Bind(2, triaged).Run().ok());
  }
  const ReportModel m = Model();
  const std::string html = ReportHtml(m, Templates());
  BOOST_TEST(
      html.find("<tr><td>T</td><td>50,0% op tijd (n\u00a0=\u00a02)</td><td>90%</td><td>nee</td>"
                "<td>20</td></tr>") != std::string::npos);
  // M1 is measured by the triage clock: its compliance says the open overdue too.
  BOOST_TEST(html.find("1 van 2 op tijd (50,0%), hele registratie<br>nog open en te laat: 20") !=
             std::string::npos);
  // The bar's label: the deadline's name and, on its second line, the open overdue.
  BOOST_TEST(html.find(">nog open en te laat: 20</text>") != std::string::npos);
}

// The report says its state on every page, and only the final one has a signature block.
BOOST_AUTO_TEST_CASE(the_state_is_on_every_page_and_only_the_final_report_is_signed) {
  ReportModel m = Model();
  std::string html = ReportHtml(m, Templates());
  BOOST_TEST(html.find("<div class=\"state\" role=\"note\">Voorbeeld · 2025 · "
                       "werkversie</div>") != std::string::npos,
             html.substr(0, 300));
  BOOST_TEST(Templates().css.find(".state { position: fixed;") != std::string::npos);
  m.status = "concept";
  html = ReportHtml(m, Templates());
  BOOST_TEST(html.find("· concept voor hoor en wederhoor</div>") != std::string::npos);
  BOOST_TEST(html.find("bedoeld voor de reactie van de organisatie") != std::string::npos);
  BOOST_TEST(html.find("Ondertekening") == std::string::npos);
  m.status = "final";
  html = ReportHtml(m, Templates());
  BOOST_TEST(html.find("· definitief</div>") != std::string::npos);
  BOOST_TEST(html.find("Ondertekening") != std::string::npos);
  BOOST_TEST(html.find("<td>Bram</td><td></td><td></td>") != std::string::npos);
  // The PDF's footer carries the state on each page.
  m.status = "concept";
  Result<std::string> pdf = ReportPdf(m, Templates());
  BOOST_TEST_REQUIRE(pdf.ok());
}

BOOST_AUTO_TEST_CASE(synthetic_extracts_are_marked) {
  BOOST_TEST_REQUIRE(
      ws->db().Exec("UPDATE extract_file SET file_name = 'VT01-synthetisch.csv'").ok());
  const ReportModel m = Model();
  BOOST_TEST(m.synthetic);
  BOOST_TEST(ReportHtml(m, Templates()).find("SYNTHETISCHE GEGEVENS") != std::string::npos);
  BOOST_TEST(ReportJson(m).find("\"synthetic\": true") != std::string::npos);
  Result<std::string> pdf = ReportPdf(m, Templates());
  BOOST_TEST_REQUIRE(pdf.ok());
  BOOST_TEST(pdf->substr(0, 5) == "%PDF-");
}

BOOST_AUTO_TEST_CASE(a_frozen_report_is_kept_and_written_from_the_store) {
  ToConcept();
  Result<WrittenReport> first = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(first.ok(), first.status().ToString());
  BOOST_TEST(first->stored);
  BOOST_TEST(first->version == 1);
  BOOST_TEST(first->state == "concept");
  BOOST_TEST(first->sha256 == Sha256Hex(first->bytes));
  // A case added since does not move the concept, and the stored bytes are what is written.
  AddCase("C999", "melding", "2025-06-02");
  BOOST_TEST_REQUIRE(ws->db().Exec("UPDATE extract_file SET file_name = 'later.csv'").ok());
  Result<WrittenReport> again = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(again.ok(), again.status().ToString());
  BOOST_TEST(again->bytes == first->bytes);
  BOOST_TEST(again->written_at == first->written_at);
  Result<WrittenReport> by_number =
      WriteReport(ws.get(), audit.id, "json", Templates(), *calendar, 1);
  BOOST_TEST_REQUIRE(by_number.ok(), by_number.status().ToString());
  BOOST_TEST(by_number->bytes == first->bytes);

  Result<WrittenReport> pdf = WriteReport(ws.get(), audit.id, "pdf", Templates("en"), *calendar);
  BOOST_TEST_REQUIRE(pdf.ok(), pdf.status().ToString());
  BOOST_TEST(pdf->bytes.substr(0, 5) == "%PDF-");
  Result<WrittenReport> pdf_again =
      WriteReport(ws.get(), audit.id, "pdf", Templates("en"), *calendar, 1);
  BOOST_TEST_REQUIRE(pdf_again.ok());
  BOOST_TEST(pdf_again->bytes == pdf->bytes);

  Result<WrittenReport> never = WriteReport(ws.get(), audit.id, "csv", Templates(), *calendar, 2);
  BOOST_TEST(never.status().IsNotFound());
  BOOST_TEST(never.status().ToString().find("version 2 was never written as csv (nl)") !=
             std::string::npos);

  Result<std::vector<ReportVersionInfo>> versions = ReportVersions(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(versions.ok());
  BOOST_TEST_REQUIRE(versions->size() == 1u);
  BOOST_TEST_REQUIRE((*versions)[0].files.size() == 2u);
  BOOST_TEST((*versions)[0].files[0].format == "json");
  BOOST_TEST((*versions)[0].files[1].lang == "en");
  BOOST_TEST(!ws->db().Exec("DELETE FROM report_version").ok());
}

BOOST_AUTO_TEST_CASE(a_drafts_report_is_a_werkversie_and_not_kept) {
  Result<WrittenReport> r = WriteReport(ws.get(), audit.id, "html", Templates(), *calendar);
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(!r->stored);
  BOOST_TEST(r->version == 0);
  BOOST_TEST(r->bytes.find("werkversie") != std::string::npos);
  BOOST_TEST(r->bytes.find("Ondertekening") == std::string::npos);
  Result<Statement> q = ws->db().Prepare("SELECT count(*) FROM report_version");
  BOOST_TEST_REQUIRE(q.ok());
  BOOST_TEST_REQUIRE(q->Step());
  BOOST_TEST(q->Int(0) == 0);
  BOOST_TEST(
      WriteReport(ws.get(), audit.id, "html", Templates(), *calendar, 1).status().IsNotFound());
}

// A frozen report shows no time of writing: the only time in it is its snapshot's, in the PDF's
// creation date too.
BOOST_AUTO_TEST_CASE(a_frozen_report_holds_no_now) {
  ToConcept();
  Result<ReportModel> built = BuildReportModel(ws.get(), audit.id, *calendar);
  BOOST_TEST_REQUIRE(built.ok(), built.status().ToString());
  ReportModel m = *built;
  Result<std::optional<AuditSnapshot>> snapshot = LatestSnapshot(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(snapshot.ok());
  BOOST_TEST(m.version == 1);
  BOOST_TEST(m.created_at == (*snapshot)->created_at);
  BOOST_TEST(m.not_judged.at("C2") == "niet gelezen");
  m.created_at = "2020-01-02T03:04:05Z";
  const std::string today = UtcNowIso().substr(0, 10);
  for (const char* lang : {"nl", "en"}) {
    for (const std::string& text : {ReportHtml(m, Templates(lang)), ReportJson(m), ReportCsv(m)}) {
      BOOST_TEST(text.find(today) == std::string::npos);
      BOOST_TEST(text.find(Date::Today().ToIso()) == std::string::npos);
    }
    Result<std::string> pdf = ReportPdf(m, Templates(lang));
    BOOST_TEST_REQUIRE(pdf.ok());
    BOOST_TEST(pdf->find("/CreationDate (") != std::string::npos);
    BOOST_TEST(pdf->find("20200102030405") != std::string::npos);
    BOOST_TEST(pdf->find(today.substr(0, 4) + today.substr(5, 2) + today.substr(8, 2)) ==
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(properties_and_wording) {
  Result<std::map<std::string, std::string>> p =
      ParseProperties("# c\na = x {n} y\n\nb=two\\nlines\nbad line\na = again\n", "t.properties");
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(p.status().ToString() ==
             "t.properties:5: expected 'key = value'\nt.properties:6: key 'a' given twice");
  ReportTemplates t;
  t.words = *Translator::FromText("a = x {n} y {other}\n", "t.properties", "nl");
  BOOST_TEST(t.T("a", {{"n", "3"}}) == "x 3 y {other}");
  BOOST_TEST(t.T("missing") == "[missing]");
  BOOST_TEST(!LoadReportTemplates(VTAUDIT_SOURCE_DIR "/reports", "de").ok());
  BOOST_TEST(LoadReportTemplates("/nonexistent", "nl").status().IsNotFound());
  // Both languages have the same keys.
  std::set<std::string> nl, en;
  for (const std::string& k : Templates("nl").words.Keys()) nl.insert(k);
  for (const std::string& k : Templates("en").words.Keys()) en.insert(k);
  BOOST_TEST((nl == en));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
