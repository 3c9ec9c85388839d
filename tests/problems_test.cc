#include "problems.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "audit_fixture.h"
#include "bundle.h"
#include "calendar.h"
#include "extract.h"
#include "finding.h"
#include "framework.h"
#include "lifecycle.h"
#include "profile.h"
#include "response.h"
#include "sample_draw.h"
#include "translator.h"

namespace vtaudit {
namespace {

using testing::AuditFixture;
using Messages = std::vector<std::string>;

Translator Texts(const std::string& lang) {
  Result<Translator> t =
      Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-" + lang + ".properties", lang);
  BOOST_TEST_REQUIRE(t.ok(), t.status().ToString());
  return *t;
}

// Every string literal in src/ that names a problem key or a prefix of keys ("problem.gate."),
// with the file it is in.
std::vector<std::pair<std::string, std::string>> KeysWrittenInSource() {
  const std::regex literal("\"(problem\\.[a-z0-9_.]+)\"");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(VTAUDIT_SOURCE_DIR "/src")) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), literal); it != std::sregex_iterator();
         ++it) {
      out.emplace_back((*it)[1].str(), entry.path().filename().string());
    }
  }
  return out;
}

// levering.csv in the audit fixture's folder, imported into VT01: a delivery refused.
struct Delivery : AuditFixture {
  Status Refused(const std::string& text) {
    std::ofstream(path) << text;
    Result<ImportSummary> r = ImportExtract(ws.get(), "VT01", path);
    BOOST_TEST_REQUIRE(!r.ok());
    return r.status();
  }
  const std::string path = dir + "/levering.csv";
};

BOOST_AUTO_TEST_SUITE(problems)

BOOST_AUTO_TEST_CASE(every_listed_key_has_a_text_in_both_languages) {
  const std::span<const std::string_view> keys = ProblemKeys();
  BOOST_TEST(std::is_sorted(keys.begin(), keys.end()));
  BOOST_TEST((std::adjacent_find(keys.begin(), keys.end()) == keys.end()));
  const Translator nl = Texts("nl"), en = Texts("en");
  for (std::string_view key : keys) {
    BOOST_TEST(nl.Has(std::string(key)), key);
    BOOST_TEST(en.Has(std::string(key)), key);
  }
  // And no text for a problem the library does not give.
  for (const Translator* t : {&nl, &en}) {
    for (const std::string& key : t->Keys()) {
      if (key.rfind("problem.", 0) != 0) continue;
      BOOST_TEST(std::binary_search(keys.begin(), keys.end(), key), key);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_key_written_in_the_source_is_listed) {
  const std::span<const std::string_view> keys = ProblemKeys();
  const auto written = KeysWrittenInSource();
  // The scan finds what it looks for (a key each of the import, the audit and the bundles).
  BOOST_TEST(written.size() > 80u);
  std::set<std::string> prefixes;
  for (const auto& [key, file] : written) {
    if (key.back() == '.') {
      // A prefix completed at run time (lifecycle's "problem.gate." + key): some key has it.
      prefixes.insert(key);
      BOOST_TEST(std::any_of(keys.begin(), keys.end(),
                             [&](std::string_view k) { return k.rfind(key, 0) == 0; }),
                 key << " in " << file);
    } else {
      BOOST_TEST(std::binary_search(keys.begin(), keys.end(), key), key << " in " << file);
    }
  }
  // No listed key is dead: each is written out, or begins with a prefix that is.
  for (std::string_view key : keys) {
    const bool full =
        std::any_of(written.begin(), written.end(), [&](const auto& w) { return w.first == key; });
    const bool by_prefix = std::any_of(prefixes.begin(), prefixes.end(),
                                       [&](const std::string& p) { return key.rfind(p, 0) == 0; });
    BOOST_TEST((full || by_prefix), key);
  }
}

// A bad delivery, said in Dutch: the texts put together by hand from text-nl.properties with
// the arguments the import gives (file:line, the column, the value, the count of errors).
BOOST_FIXTURE_TEST_CASE(a_refused_import_is_said_in_dutch, Delivery) {
  const Status refused = Refused(
      "case_id,kind,received\n"
      "A1,brief,2025-03-03\n"
      "A2,advies\n"
      ",advies,2025-03-04\n");
  const Messages english = {
      path + ":2: column kind: 'brief' is not melding or advies",
      path + ":3: 2 fields, header has 3",
      path + ":4: column case_id: empty; every case needs the organisation's case number",
      path + ": nothing imported (3 errors); the workspace is unchanged"};
  BOOST_TEST(refused.messages() == english, boost::test_tools::per_element());
  // The English texts say what the library says.
  BOOST_TEST(Texts("en").Messages(refused) == english, boost::test_tools::per_element());
  BOOST_TEST(
      Texts("nl").Messages(refused) ==
          (Messages{path + ":2: kolom kind: 'brief' is geen melding of advies",
                    path + ":3: 2 velden, de kopregel heeft er 3",
                    path + ":4: kolom case_id: leeg; elke zaak heeft het zaaknummer van "
                           "de organisatie nodig",
                    path + ": niets geïmporteerd (fouten: 3); de werkruimte is ongewijzigd"}),
      boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_missing_column_is_said_in_dutch, Delivery) {
  const Status refused = Refused("case_id,kind\nA1,melding\n");
  BOOST_TEST(refused.ToString() == path + ":1: required column 'received' is missing\n" + path +
                                       ": nothing imported; the workspace is unchanged");
  BOOST_TEST(Texts("nl").Messages(refused) ==
                 (Messages{path + ":1: de verplichte kolom 'received' ontbreekt",
                           path + ": niets geïmporteerd; de werkruimte is ongewijzigd"}),
             boost::test_tools::per_element());
}

// The fixture's audit 1 on framework mini 1 has inspector Anna only; 111222333 passes the
// eleven test (9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6·11).
BOOST_FIXTURE_TEST_CASE(findings_responses_and_marks_are_said_in_dutch, AuditFixture) {
  const Translator nl = Texts("nl");
  Result<Finding> finding = SetFinding(ws.get(), {audit.id, "X9", "", "BSN 111222333", "Kees"});
  BOOST_TEST_REQUIRE(!finding.ok());
  BOOST_TEST(nl.Messages(finding.status()) ==
                 (Messages{"criterium of norm 'X9' bestaat niet in toetsingskader mini 1",
                           "een bevinding heeft een tekst nodig (--text of --file)",
                           "de bevinding bevat een nummer dat de elfproef van een BSN doorstaat; "
                           "laat persoonsgegevens weg",
                           "inspecteur Kees staat niet op audit 1; voeg haar of hem toe met "
                           "`vtaudit audit inspectors --audit 1 --add NAAM`"}),
             boost::test_tools::per_element());

  const Status decision = DecideResponse(ws.get(), audit.id, 1, "misschien", "omdat", "Anna");
  BOOST_TEST(decision.ToString() == "a decision is accepted or rejected, got 'misschien'");
  BOOST_TEST(nl.Messages(decision) ==
                 Messages{"een besluit is accepted (aanvaard) of rejected (verworpen), niet "
                          "'misschien'"},
             boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(DecideResponse(ws.get(), audit.id, 7, "accepted", "omdat", "Anna")) ==
                 Messages{"audit 1 heeft geen reactie 7 (zie `vtaudit response list`)"},
             boost::test_tools::per_element());

  BOOST_TEST(nl.Messages(MarkNotJudged(ws.get(), audit.id, "C1", "", "Anna", false)) ==
                 Messages{"niet beoordeeld vraagt een reden (--reason TEKST)"},
             boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(MarkNotJudged(ws.get(), audit.id, "M1", "geen dossiers", "Anna", false)) ==
                 Messages{"criterium M1 wordt gemeten met termijn triage, niet met de hand "
                          "gescoord"},
             boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(MarkNotJudged(ws.get(), audit.id, "Q7", "", "Anna", false)) ==
                 Messages{"criterium 'Q7' bestaat niet in toetsingskader mini 1"},
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_bundle_refused_is_said_in_dutch, AuditFixture) {
  const std::string missing = dir + "/geen.vtbundle";
  Result<BundleInfo> info = ReadBundleInfo(missing);
  BOOST_TEST_REQUIRE(info.status().IsNotFound());
  BOOST_TEST(
      Texts("nl").Messages(info.status()) == Messages{missing + ": dit bundelbestand bestaat niet"},
      boost::test_tools::per_element());
  // An export over an existing file is refused the same way in both languages' texts.
  Result<BundleInfo> twice = ExportBundle(*ws, audit.id, dir + "/ws.sqlite");
  BOOST_TEST_REQUIRE(twice.status().IsConflict());
  BOOST_TEST(Texts("nl").Messages(twice.status()) ==
                 Messages{dir + "/ws.sqlite bestaat al: een bundel overschrijft nooit een "
                                "bestaand bestand; kies een andere naam"},
             boost::test_tools::per_element());
  BOOST_TEST(Texts("en").Messages(twice.status()) == twice.status().messages(),
             boost::test_tools::per_element());
}

// The date parser's reasons said in Dutch inside the row's message: the texts put together by
// hand from problem.row.not_a_moment_native and problem.date.* in text-nl.properties. Month 13
// is no month; 25:00 is no clock time; "3/3/2025" is none of the forms.
BOOST_FIXTURE_TEST_CASE(a_date_refused_is_said_in_dutch_with_its_reason, Delivery) {
  const Status refused = Refused(
      "case_id,kind,received\n"
      "A1,melding,2025-13-01\n"
      "A2,melding,2025-03-03T25:00\n"
      "A3,melding,3/3/2025\n");
  const Messages english = {
      path + ":2: column received: '2025-13-01': no such day: 2025-13-01",
      path +
          ":3: column received: '2025-03-03T25:00': not a time of day: '25:00' (expected "
          "HH:MM[:SS])",
      path +
          ":4: column received: '3/3/2025': not a date (expected YYYY-MM-DD, "
          "YYYY-MM-DDTHH:MM[:SS] or DD-MM-YYYY[ HH:MM])",
      path + ": nothing imported (3 errors); the workspace is unchanged"};
  BOOST_TEST(refused.messages() == english, boost::test_tools::per_element());
  BOOST_TEST(Texts("en").Messages(refused) == english, boost::test_tools::per_element());
  BOOST_TEST(
      Texts("nl").Messages(refused) ==
          (Messages{path + ":2: kolom received: '2025-13-01' is geen datum of moment: deze "
                           "dag bestaat niet: 2025-13-01",
                    path + ":3: kolom received: '2025-03-03T25:00' is geen datum of "
                           "moment: geen tijdstip: '25:00' (verwacht UU:MM[:SS])",
                    path + ":4: kolom received: '3/3/2025' is geen datum of moment: geen "
                           "datum (verwacht JJJJ-MM-DD, JJJJ-MM-DDTUU:MM[:SS] of "
                           "DD-MM-JJJJ[ UU:MM])",
                    path + ": niets geïmporteerd (fouten: 3); de werkruimte is ongewijzigd"}),
      boost::test_tools::per_element());
}

// A reason whose key a translator has no text for keeps the English the library wrote in the
// field; one it has is said, with its own arguments, and its parts are no fields of the outer
// text.
BOOST_AUTO_TEST_CASE(a_reason_is_said_where_its_text_is_known) {
  Result<Translator> t = Translator::FromText("outer = buiten: {why}\ninner = binnen {day}\n",
                                              "test.properties", "nl");
  BOOST_TEST_REQUIRE(t.ok());
  ProblemCode code{"outer", {{"why", "inside 5"}}};
  ProblemCode unknown{"problem.date.no_such_day", {{"day", "5"}}};
  ProblemCode known{"inner", {{"day", "5"}}};
  ProblemCode with_unknown = code, with_known = code;
  PutReason(&with_unknown.args, "why", unknown);
  PutReason(&with_known.args, "why", known);
  BOOST_TEST(t->Say("outer 5", code) == "buiten: inside 5");
  BOOST_TEST(t->Say("outer 5", with_unknown) == "buiten: inside 5");
  BOOST_TEST(t->Say("outer 5", with_known) == "buiten: binnen 5");
  BOOST_TEST(with_known.args.at("why@") == "inner");
  BOOST_TEST(with_known.args.at("why@day") == "5");
}

// A framework with six faults, said in Dutch: the places counted by hand (columns in characters
// from 1: valid-from starts at 1:31, met at 3:48, the <level> at 3:10, weight at 5:18), the
// texts put together from problem.framework.* in text-nl.properties.
BOOST_AUTO_TEST_CASE(a_framework_refused_is_said_in_dutch) {
  const std::string xml =
      "<framework id=\"m\" version=\"1\" valid-from=\"2025-13-01\">\n"
      "  <gloss>G</gloss><source>s</source>\n"
      "  <scale><level id=\"a\" score=\"1\" min-share=\"0\" "
      "met=\"ja\"><name>A</name></level></scale>\n"
      "  <aggregation method=\"worst\"/>\n"
      "  <domain id=\"d\" weight=\"0\"><name>D</name><gloss>D</gloss></domain>\n"
      "</framework>\n";
  Result<Framework> f = ParseFramework(xml, "t.xml");
  BOOST_TEST_REQUIRE(!f.ok());
  const Messages english = {"t.xml:1:31: valid-from is not a date (YYYY-MM-DD): '2025-13-01'",
                            "t.xml:1:1: the framework has no <title> (Dutch text)",
                            "t.xml:3:10: level 'a' has no <gloss> (English gloss)",
                            "t.xml:3:48: met must be true or false, got 'ja'",
                            "t.xml:3:3: the scale needs at least two levels",
                            "t.xml:5:18: weight must be greater than 0, got 0",
                            "t.xml:5:3: domain 'd' has no <standard>"};
  BOOST_TEST(f.status().messages() == english, boost::test_tools::per_element());
  BOOST_TEST(Texts("en").Messages(f.status()) == english, boost::test_tools::per_element());
  BOOST_TEST(Texts("nl").Messages(f.status()) ==
                 (Messages{"t.xml:1:31: valid-from is geen datum (JJJJ-MM-DD): '2025-13-01'",
                           "t.xml:1:1: het toetsingskader heeft geen <title> (Nederlandse tekst)",
                           "t.xml:3:10: level 'a' heeft geen <gloss> (Engelse vertaling)",
                           "t.xml:3:48: met moet true of false zijn, niet 'ja'",
                           "t.xml:3:3: de schaal heeft minstens twee niveaus nodig",
                           "t.xml:5:18: weight moet groter zijn dan 0, niet 0",
                           "t.xml:5:3: domain 'd' heeft geen <standard>"}),
             boost::test_tools::per_element());
  // Not well-formed: the place (pugixml's, the name in the end tag: column 13) and the reason
  // its parse status names, in Dutch; the command line keeps pugixml's words.
  const auto broken = [](const std::string& text, const std::string& en, const std::string& nl) {
    Result<Framework> b = ParseFramework(text, "b.xml");
    BOOST_TEST_REQUIRE(!b.ok());
    BOOST_TEST(b.status().messages() == Messages{en}, boost::test_tools::per_element());
    BOOST_TEST(Texts("en").Messages(b.status()) == Messages{en}, boost::test_tools::per_element());
    BOOST_TEST(Texts("nl").Messages(b.status()) == Messages{nl}, boost::test_tools::per_element());
  };
  broken("<framework>\n  <title>x</titel>\n",
         "b.xml:2:13: XML is not well-formed: start-end tags mismatch",
         "b.xml:2:13: de XML is niet goed gevormd: de eindtag hoort niet bij de begintag");
  // an unquoted value: pugixml stops at its first character (column 15)
  broken("<framework id=m/>", "b.xml:1:15: XML is not well-formed: error parsing element attribute",
         "b.xml:1:15: de XML is niet goed gevormd: een attribuut is onjuist (staat de waarde "
         "tussen aanhalingstekens?)");
  // A condition the parser refuses (tests/data/frameworks: the first ends in "and"; the
  // second names a field that does not exist): its reason in Dutch too, the end of the
  // condition named in it.
  const auto condition = [](const std::string& file, const std::string& en, const std::string& nl) {
    Result<Framework> loaded = LoadFrameworkFile(std::string(VTAUDIT_SOURCE_DIR) + "/" + file);
    BOOST_TEST_REQUIRE(!loaded.ok());
    const Messages said_en = Texts("en").Messages(loaded.status()),
                   said_nl = Texts("nl").Messages(loaded.status());
    BOOST_TEST(said_en == loaded.status().messages(), boost::test_tools::per_element());
    const auto ends = [](const Messages& all, const std::string& tail) {
      return std::count_if(all.begin(), all.end(), [&](const std::string& m) {
        return m.size() >= tail.size() && m.compare(m.size() - tail.size(), tail.size(), tail) == 0;
      });
    };
    BOOST_TEST(ends(said_en, en) == 1);
    BOOST_TEST(ends(said_nl, nl) == 1);
  };
  condition("tests/data/frameworks/bad-condition.xml",
            ".xml:43:41: bad condition: expected a case field, got 'end of condition'",
            ".xml:43:41: onjuiste voorwaarde: verwacht een zaakveld, niet 'het einde van de "
            "voorwaarde'");
  condition("tests/data/frameworks/unknown-field-condition.xml",
            ".xml:43:23: bad condition: unknown case field 'kinds'",
            ".xml:43:23: onjuiste voorwaarde: onbekend zaakveld 'kinds'");
}

// The profile and calendar loaders, one fault each, in Dutch: a profile without a title
// (<profile> at 1:1) and a calendar day decreed on a Saturday (2025-03-01; <decreed> at 3:3).
BOOST_AUTO_TEST_CASE(a_profile_and_a_calendar_refused_are_said_in_dutch) {
  Result<Profile> p = ParseProfile(
      "<profile id=\"t\"><record name=\"r\"><field name=\"case_id\" column=\"nr\"/>"
      "<field name=\"kind\" column=\"soort\"/><field name=\"received\" column=\"datum\"/>"
      "</record></profile>",
      "p.xml");
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(p.status().messages() == Messages{"p.xml:1:1: <profile> needs a <title>"},
             boost::test_tools::per_element());
  BOOST_TEST(
      Texts("nl").Messages(p.status()) == Messages{"p.xml:1:1: <profile> heeft een <title> nodig"},
      boost::test_tools::per_element());
  Result<Calendar> c = Calendar::ParseXml(
      "<calendar id=\"c\" version=\"1\">\n  <source>Stcrt.</source>\n"
      "  <decreed date=\"2025-03-01\">brugdag</decreed>\n</calendar>\n",
      "c.xml");
  BOOST_TEST_REQUIRE(!c.ok());
  BOOST_TEST(c.status().messages() ==
                 Messages{"c.xml:3:3: 2025-03-01 is a Saturday, not a working day to begin with"},
             boost::test_tools::per_element());
  BOOST_TEST(Texts("nl").Messages(c.status()) ==
                 Messages{"c.xml:3:3: 2025-03-01 is een zaterdag, sowieso geen werkdag"},
             boost::test_tools::per_element());
  // A calendar file that is not there: the system's words on the command line, the Dutch
  // page says what failed.
  Result<Calendar> none = Calendar::LoadFile("/nonexistent/kalender.xml");
  BOOST_TEST_REQUIRE(!none.ok());
  BOOST_TEST(none.status().messages() ==
                 Messages{"/nonexistent/kalender.xml: cannot open: No such file or directory"},
             boost::test_tools::per_element());
  BOOST_TEST(Texts("nl").Messages(none.status()) ==
                 Messages{"/nonexistent/kalender.xml: het bestand kan niet worden geopend"},
             boost::test_tools::per_element());
}

// An audit's own refusals in Dutch (problem.audit.* in text-nl.properties by hand): the fixture's
// audit 1 has inspector Anna; once a concept, its peildatum no longer changes.
BOOST_FIXTURE_TEST_CASE(an_audits_refusals_are_said_in_dutch, AuditFixture) {
  const Translator nl = Texts("nl");
  BOOST_TEST(
      nl.Messages(FindAudit(ws.get(), 99).status()) ==
          Messages{"er is geen audit met id 99 in deze werkruimte (zie `vtaudit audit list`)"},
      boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(ChangeInspectors(ws.get(), audit.id, {"Anna"}, {}, "Anna")) ==
                 Messages{"inspecteur Anna staat al op audit 1"},
             boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(ChangeInspectors(ws.get(), audit.id, {}, {"Kees"}, "Anna")) ==
                 Messages{"inspecteur Kees staat niet op audit 1"},
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(SetAuditStatus(ws.get(), audit.id, AuditStatus::kConcept).ok());
  const Status as_of = SetAuditAsOf(ws.get(), audit.id, *Date::FromYmd(2025, 6, 30), "Anna");
  BOOST_TEST(as_of.ToString() ==
             "audit 1 is concept: set it back to draft to change its peildatum");
  BOOST_TEST(Texts("en").Messages(as_of) == as_of.messages(), boost::test_tools::per_element());
  BOOST_TEST(nl.Messages(as_of) ==
                 Messages{"audit 1 is concept: zet haar terug naar werkversie om haar peildatum "
                          "te veranderen"},
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  BOOST_TEST(nl.Messages(SetAuditStatus(ws.get(), audit.id, AuditStatus::kDraft)) ==
                 Messages{"audit 1 is definitief en kan niet terug naar werkversie"},
             boost::test_tools::per_element());
}

// The refusals of a sample draw, as the web's draw page shows them: two cases of 2025, both
// in the population (criterion C1 applies to every case), so 3 cannot be drawn.
BOOST_FIXTURE_TEST_CASE(a_draws_refusals_are_said_in_dutch, AuditFixture) {
  AddCase("A1", "melding", "2025-03-03T09:00");
  AddCase("A2", "advies", "2025-04-01T10:00");
  const Translator nl = Texts("nl"), en = Texts("en");
  const auto draw = [&](long size, const std::string& stratify = "", const std::string& where = "",
                        bool all = false) {
    SampleRequest r;
    r.audit = audit.id;
    r.size = size;
    r.seed = "7";
    r.stratify = stratify;
    r.where = where;
    r.all_cases = all;
    return DrawSample(ws.get(), r).status();
  };
  const auto says = [&](const Status& st, const std::string& dutch) {
    BOOST_TEST_REQUIRE(!st.ok());
    BOOST_TEST(en.Messages(st) == st.messages(), boost::test_tools::per_element());
    BOOST_TEST(nl.Messages(st) == Messages{dutch}, boost::test_tools::per_element());
  };
  says(CurrentSample(ws.get(), audit.id).status(),
       "audit 1 heeft nog geen steekproef (zie `vtaudit sample draw`)");
  says(draw(0), "de steekproef telt ten minste 1 zaak");
  says(draw(3),
       "kan geen 3 zaken trekken uit de populatie van VT01 2025: die telt 2 zaken "
       "waarop een zaakcriterium van toepassing is");
  says(draw(3, "", "", true),
       "kan geen 3 zaken trekken uit de populatie van VT01 2025: die "
       "telt 2 zaken (alle zaken van de periode)");
  says(draw(2, "", "kind = melding"),
       "kan geen 2 zaken trekken uit de populatie van VT01 2025: die telt 1 zaken waarop een "
       "zaakcriterium van toepassing is en die voldoen aan 'kind = melding'");
  // A --where the condition parser refuses: its reason in Dutch (position 8: the end).
  says(draw(1, "", "kind = "),
       "filter (--where): verwacht een waarde, niet 'het einde van de voorwaarde' op positie 8 "
       "van 'kind = '");
  says(draw(1, "naam"),
       "kan niet stratificeren naar 'naam': dat is geen zaakveld (een van case_id, kind, "
       "violence, received, triaged, safety_assessed, outcome, investigation_decided, "
       "investigation_started, investigation_completed, rvdk, disclosure)");
  BOOST_TEST_REQUIRE(draw(1).ok());
  says(draw(1),
       "audit 1 heeft al een steekproef; kies 'vervangen' (--replace) om een nieuwe "
       "te trekken (de oude blijft vastgelegd)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
