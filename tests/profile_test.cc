#include "profile.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "case_store.h"
#include "extract.h"
#include "row_checker.h"
#include "workspace.h"
#include "workspace_fixture.h"

namespace vtaudit {
namespace {

using Errors = std::vector<std::string>;

TableRow Row(int line, std::vector<std::string> fields) {
  TableRow row;
  row.line = line;
  row.numeric.assign(fields.size(), false);
  row.fields = std::move(fields);
  return row;
}

Profile MustParse(const std::string& xml) {
  Result<Profile> p = ParseProfile(xml, "p.xml");
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  return *p;
}

// One record: case number by name, kind by position 2 with codes, received as YYYYMMDD,
// safety_assessed as D-M-YYYY with unknown days left empty, a column ignored on purpose.
const char* kOneRecord = R"(<profile id="t">
  <title>test</title>
  <record name="r">
    <field name="case_id" column="Nummer"/>
    <field name="kind" position="2"><code value="M" means="melding"/><code value="A" means="advies"/></field>
    <field name="received" column="ontvangen" format="YYYYMMDD"/>
    <field name="safety_assessed" column="beoordeeld" format="DD-MM-YYYY YYYYMMDD" unknown-day="empty"/>
    <ignore column="team"/>
  </record>
</profile>)";

struct OneRecord {
  OneRecord() : profile(MustParse(kOneRecord)) {
    Result<RowChecker> c = RowChecker::FromHeader(
        "d.csv", profile, 0, Row(1, {"nummer", "soort", "ontvangen", "beoordeeld", "Team"}),
        &warnings, *Date::FromYmd(2025, 12, 1));
    BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
    checker.emplace(std::move(*c));
  }
  Errors Check(std::vector<std::string> fields) {
    checker->Check(Row(2, std::move(fields)), &out);
    return out.errors;
  }
  Profile profile;
  std::vector<std::string> warnings;
  std::optional<RowChecker> checker;
  CheckedRow out;
};

std::string Source(const std::string& path) { return std::string(VTAUDIT_SOURCE_DIR) + "/" + path; }

BOOST_AUTO_TEST_SUITE(profile)

// Each delivery records the profile that shaped it: "native" without a SHA-256, or the
// profile file's id and the SHA-256 of its bytes (computed with sha256sum over the text).
BOOST_FIXTURE_TEST_CASE(a_delivery_records_its_profile, TwoOrganisations) {
  const std::string xml =
      R"(<profile id="t"><title>t</title><record name="r"><field name="case_id" column="nr"/>)"
      R"(<field name="kind" column="soort"/><field name="received" column="datum" )"
      R"(format="DD-MM-YYYY"/></record></profile>)";
  Result<Profile> p = LoadProfile(Write("t.xml", xml));
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  BOOST_TEST(p->sha256 == "eb377131cd1b77e1d45b63087ae1aefdd85f6f1d0f52ed675f2821924382531f");
  BOOST_TEST(NativeProfile().sha256.empty());
  const std::string native = Write("n.csv", "case_id,kind,received\nC1,melding,2025-03-03\n");
  BOOST_TEST_REQUIRE(ImportExtract(ws.get(), "A", native).ok());
  ImportOptions options;
  options.profile = &*p;
  Result<ImportSummary> r = ImportExtract(
      ws.get(), "A", Write("t.csv", "nr,soort,datum\nC1,melding,3-3-2025\n"), options);
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->unchanged == 1);
  Result<std::vector<DeliveryImport>> imports = ListDeliveryImports(ws.get(), "A");
  BOOST_TEST_REQUIRE(imports.ok(), imports.status().ToString());
  BOOST_TEST_REQUIRE(imports->size() == 2u);
  BOOST_TEST((*imports)[0].file_name == "n.csv");
  BOOST_TEST((*imports)[0].profile == "native");
  BOOST_TEST((*imports)[0].profile_sha256 == "");
  BOOST_TEST((*imports)[1].file_name == "t.csv");
  BOOST_TEST((*imports)[1].profile == "t");
  BOOST_TEST((*imports)[1].profile_sha256 == p->sha256);
  BOOST_TEST((*imports)[1].unchanged == 1);
  // A check writes nothing, and an organisation without deliveries lists none.
  ImportOptions check;
  check.check_only = true;
  BOOST_TEST_REQUIRE(ImportExtract(ws.get(), "B", native, check).ok());
  BOOST_TEST(ListDeliveryImports(ws.get(), "B")->empty());
}

// The CBS-shaped delivery as one file with a recordtype column gives the same cases as the
// same records in a file each (tests/data/profiles: the same six cases, three onderzoeken).
BOOST_FIXTURE_TEST_CASE(one_file_of_all_record_types_is_joined_like_separate_files,
                        TwoOrganisations) {
  Result<Profile> p = LoadProfile(Source("checklists/profiles/cbs-beleidsinformatie.xml"));
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  BOOST_TEST(p->type_column == "recordtype");
  ImportOptions options;
  options.profile = &*p;
  Result<ImportSummary> separate =
      ImportDelivery(ws.get(), "A",
                     {Source("tests/data/profiles/cbs-meldingen.csv"),
                      Source("tests/data/profiles/cbs-onderzoeken.csv")},
                     options);
  BOOST_TEST_REQUIRE(separate.ok(), separate.status().ToString());
  Result<ImportSummary> one =
      ImportExtract(ws.get(), "B", Source("tests/data/profiles/cbs-een-bestand.csv"), options);
  BOOST_TEST_REQUIRE(one.ok(), one.status().ToString());
  BOOST_TEST(one->rows == 6);  // the cases' rows; the onderzoeken are joined into them
  BOOST_TEST(one->added == 6);
  BOOST_TEST(one->warnings.empty());
  Result<std::vector<CaseRecord>> a = LoadCases(ws.get(), "A");
  Result<std::vector<CaseRecord>> b = LoadCases(ws.get(), "B");
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(b.ok());
  BOOST_TEST_REQUIRE(a->size() == 6u);
  BOOST_TEST_REQUIRE(b->size() == 6u);
  for (size_t i = 0; i < a->size(); ++i) {
    const CaseRecord& x = (*a)[i];
    const CaseRecord& y = (*b)[i];
    BOOST_TEST(x.case_id == y.case_id);
    BOOST_TEST((x.kind == y.kind));
    BOOST_TEST(x.violence == y.violence);
    BOOST_TEST((x.events == y.events));
    BOOST_TEST(x.outcome == y.outcome);
    BOOST_TEST(x.rvdk == y.rvdk);
    BOOST_TEST(x.disclosure == y.disclosure);
  }
  // P01's onderzoek (O1, uitkomst 03) sets rvdk and its completion date 2025-05-12.
  BOOST_TEST((*b)[0].rvdk);
  BOOST_TEST((*b)[0].event(Event::kInvestigationCompleted)->date.ToIso() == "2025-05-12");
}

BOOST_FIXTURE_TEST_CASE(one_file_refuses_an_unknown_record_type_and_an_orphan, TwoOrganisations) {
  Result<Profile> p = LoadProfile(Source("checklists/profiles/cbs-beleidsinformatie.xml"));
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  ImportOptions options;
  options.profile = &*p;
  const std::string path =
      Write("x.csv",
            "recordtype;meldingnummer;soort;datum_melding;datum_einde_onderzoek\n"
            "melding;P01;2;20250303;\n"
            "onderzoek;P09;;;20250512\n"
            "beschikking;P02;2;20250303;\n");
  Result<ImportSummary> r = ImportExtract(ws.get(), "A", path, options);
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.status().messages() ==
             Errors({path + ":4: column recordtype: 'beschikking' is not a record type of "
                            "profile cbs-beleidsinformatie: melding (melding), advies (melding), "
                            "onderzoek (onderzoek)",
                     path + ":3: column meldingnummer: onderzoek of case 'P09', which no "
                            "melding record of the delivery holds",
                     path + ": nothing imported (2 errors); the workspace is unchanged"}));
  BOOST_TEST(ListDeliveryImports(ws.get(), "A")->empty());
}

BOOST_AUTO_TEST_CASE(type_values_need_a_type_column_and_each_marks_one_record) {
  Result<Profile> p = ParseProfile(R"(<profile id="t" type-column="soort">
  <title>t</title>
  <record name="r" type="m a"><field name="case_id" column="nr"/><field name="kind" column="k"/><field name="received" column="d"/></record>
  <record name="o" type="o A"><field name="case_id" column="nr"/></record>
  <record name="x"><field name="case_id" column="nr"/></record>
</profile>)",
                                   "p.xml");
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(p.status().messages() ==
             Errors({"p.xml:4:20: type 'a' marks record 'r' too",
                     "p.xml:5:3: <record> 'x' needs a type attribute: the values of column "
                     "'soort' that mark its rows"}));
  p = ParseProfile(R"(<profile id="t"><title>t</title>
  <record name="r" type="m"><field name="case_id" column="nr"/><field name="kind" column="k"/><field name="received" column="d"/></record>
</profile>)",
                   "p.xml");
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(
      p.status().messages() ==
      Errors({"p.xml:2:20: type applies only in a profile with a type-column on <profile>"}));
}

BOOST_FIXTURE_TEST_CASE(maps_columns_codes_and_date_formats, OneRecord) {
  BOOST_TEST(warnings.empty());  // the ignored column is silent
  BOOST_TEST(Check({"A7", "m", "20250303", "3-3-2025", "Noord"}).empty());
  BOOST_TEST(out.c.case_id == "A7");
  BOOST_TEST((out.c.kind == CaseKind::kMelding));  // "m" matches the code M in any case
  BOOST_TEST(out.c.event(Event::kReceived)->ToIso() == "2025-03-03");
  BOOST_TEST(out.c.event(Event::kSafetyAssessed)->ToIso() == "2025-03-03");
  // The second format is tried when the first does not fit; a time of day may follow.
  BOOST_TEST(Check({"A7", "A", "20250303 14:30", "20250310", ""}).empty());
  BOOST_TEST(out.c.event(Event::kReceived)->ToIso() == "2025-03-03T14:30:00");
  BOOST_TEST(out.c.event(Event::kSafetyAssessed)->ToIso() == "2025-03-10");
  BOOST_TEST((out.c.kind == CaseKind::kAdvies));
}

// D-M-YYYY takes one or two digits for the day and the month and four for the year; any
// other shape, cut short anywhere, is "not DD-MM-YYYY" (then YYYYMMDD is tried, which does
// not fit either), never read past its end.
BOOST_FIXTURE_TEST_CASE(day_month_year_shapes, OneRecord) {
  for (const char* fits : {"3-3-2025", "03-3-2025", "3-03-2025", "03-03-2025"}) {
    BOOST_TEST(Check({"A7", "M", "20250301", fits, ""}).empty(), fits);
    BOOST_TEST(out.c.event(Event::kSafetyAssessed)->ToIso() == "2025-03-03");
  }
  BOOST_TEST(Check({"A7", "M", "20250301", "3-3-2025 14:30", ""}).empty());
  BOOST_TEST(out.c.event(Event::kSafetyAssessed)->ToIso() == "2025-03-03T14:30:00");
  for (const char* bad : {"3", "12", "3-", "3-3", "3-3-", "3-3-202", "3-3-20x5", "123-3-2025",
                          "3-123-2025", "-3-2025", "3--2025", "x3-3-2025"}) {
    const std::string why = "d.csv:2: column beoordeeld (safety_assessed): '" + std::string(bad) +
                            "' is not a moment in the form DD-MM-YYYY or YYYYMMDD (not DD-MM-YYYY)";
    BOOST_TEST(Check({"A7", "M", "20250301", bad, ""}) == Errors{why}, bad);
  }
}

BOOST_FIXTURE_TEST_CASE(an_unmapped_code_lists_the_allowed_ones, OneRecord) {
  BOOST_TEST(Check({"A7", "X", "20250303", "", ""}) ==
             Errors{"d.csv:2: column 2 (kind): 'X' is not a code of profile t: m "
                    "(melding), a (advies)"});
}

BOOST_FIXTURE_TEST_CASE(unknown_days, OneRecord) {
  // received is a clock's start: an unknown day is a bad row.
  BOOST_TEST(Check({"A7", "M", "20250300", "", ""}) ==
             Errors{"d.csv:2: column ontvangen (received): '20250300' has no day (JJJJMM00); a "
                    "legal clock runs from or to this moment and needs the day"});
  BOOST_TEST(Check({"A7", "M", "20250000", "", ""}) ==
             Errors{"d.csv:2: column ontvangen (received): '20250000' has no month and day "
                    "(JJJJ0000); a legal clock runs from or to this moment and needs the day"});
  // The profile keeps safety_assessed's unknown day as unknown: empty, no error.
  BOOST_TEST(Check({"A7", "M", "20250303", "20250300", ""}).empty());
  BOOST_TEST(!out.c.event(Event::kSafetyAssessed).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_moment_in_no_listed_format, OneRecord) {
  BOOST_TEST(Check({"A7", "M", "2025-03-03", "", ""}) ==
             Errors{"d.csv:2: column ontvangen (received): '2025-03-03' is not a moment in the "
                    "form YYYYMMDD (not YYYYMMDD)"});
  BOOST_TEST(Check({"A7", "M", "20250230", "", ""}) ==
             Errors{"d.csv:2: column ontvangen (received): '20250230' is not a moment in the "
                    "form YYYYMMDD (no such day: 2025-02-30)"});
}

BOOST_FIXTURE_TEST_CASE(an_ignored_column_is_still_checked_for_bsns, OneRecord) {
  // 799642630 passes the 11-proef: 9·7+8·9+7·9+6·6+5·4+4·2+3·6+2·3 = 286 = 26·11 (− 0).
  BOOST_TEST(Check({"A7", "M", "20250303", "", "799642630"}) ==
             Errors{"d.csv:2: column team: holds a number that passes the BSN 11-proef; vtaudit "
                    "stores no BSNs: remove the column"});
}

BOOST_AUTO_TEST_CASE(an_ignored_column_named_like_a_person_is_refused) {
  const Profile p = MustParse(R"(<profile id="t"><title>t</title><record name="r">
    <field name="case_id" column="nr"/><field name="kind" column="soort"/>
    <field name="received" column="datum"/><ignore column="naam client"/></record></profile>)");
  std::vector<std::string> warnings;
  Result<RowChecker> c = RowChecker::FromHeader(
      "d.csv", p, 0, Row(1, {"nr", "soort", "datum", "Naam client"}), &warnings);
  BOOST_TEST_REQUIRE(!c.ok());
  BOOST_TEST(c.status().messages()[0] ==
             "d.csv:1: column 'naam client' looks like a personal identifier (naam); vtaudit "
             "stores no names, addresses or BSNs: remove the column");
}

BOOST_AUTO_TEST_CASE(errors_name_the_place_in_the_profile) {
  Result<Profile> p = ParseProfile(R"(<profile id="t">
  <title>t</title>
  <record name="r">
    <field name="case_id" column="nr" format="YYYYMMDD"/>
    <field name="kind" column="soort"><code value="1" means="melding"/><code value="1" means="advies"/></field>
    <field name="received" column="datum" format="JJJJMMDD"/>
    <field name="outcome" column="uitkomst"><code value="1" means="VT-7"/></field>
    <field name="bsn" column="x"/>
  </record>
  <record name="o"><field name="received" column="datum2"/></record>
</profile>)",
                                   "p.xml");
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(p.status().messages() ==
             Errors({"p.xml:4:39: format applies to moments only, not to case_id",
                     "p.xml:5:78: code '1' appears twice (first at 5:39)",
                     "p.xml:6:43: 'JJJJMMDD' is not a date format (YYYY-MM-DD, DD-MM-YYYY, "
                     "YYYYMMDD, excel, native)",
                     "p.xml:7:61: means=\"VT-7\" is not a value of outcome (VT-00, VT-01-01, "
                     "VT-01-02, VT-01-03, VT-01-04, VT-02, VT-03, VT-99)",
                     "p.xml:8:12: 'bsn' is not a case field (case_id, kind, violence, received, "
                     "triaged, safety_assessed, outcome, investigation_decided, "
                     "investigation_started, investigation_completed, rvdk, disclosure)",
                     "p.xml:10:27: field received belongs to the primary record (the first "
                     "<record>)",
                     "p.xml:10:20: field received is mapped by another record too (at 6:5); "
                     "each field comes from one record",
                     "p.xml:10:3: <record> 'o' needs a field case_id: the column holding the case "
                     "number of its primary record"}));
}

// The native profile file says exactly what the built-in native profile does.
BOOST_AUTO_TEST_CASE(native_xml_is_the_native_profile) {
  Result<Profile> p =
      LoadProfile(std::string(VTAUDIT_SOURCE_DIR) + "/checklists/profiles/native.xml");
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  const Profile& n = NativeProfile();
  BOOST_TEST(p->id == n.id);
  BOOST_TEST_REQUIRE(p->records.size() == 1u);
  BOOST_TEST_REQUIRE(p->records[0].fields.size() == n.records[0].fields.size());
  for (size_t i = 0; i < n.records[0].fields.size(); ++i) {
    const FieldSource& a = p->records[0].fields[i];
    const FieldSource& b = n.records[0].fields[i];
    BOOST_TEST((a.field == b.field));
    BOOST_TEST(a.column == b.column);
    BOOST_TEST(a.codes.empty());
    BOOST_TEST((a.formats == b.formats));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
