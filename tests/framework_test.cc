#include "framework.h"

#include <boost/test/unit_test.hpp>

namespace vtaudit {
namespace {

// A small but complete framework; tests replace one piece to introduce a defect.
std::string Mini(std::string_view criteria = "", std::string_view unit = "workdays") {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="mini" version="1" valid-from="2025-01-01">
  <title>Mini</title><gloss>Mini</gloss><source>test</source>
  <scale>
    <level id="voldoet" score="3" min-share="0.9" met="true"><name>Voldoet</name><gloss>Meets</gloss></level>
    <level id="deels" score="1" min-share="0.5" met="false"><name>Deels</name><gloss>Partly</gloss></level>
    <level id="niet" score="0" min-share="0" met="false"><name>Niet</name><gloss>No</gloss></level>
  </scale>
  <deadlines>
    <deadline id="vb" from="received" to="safety_assessed" length="5" unit=")";
  xml += unit;
  xml += R"(" norm="0.9" basis="protocol">
      <name>Veiligheidsbeoordeling</name><gloss>Safety assessment</gloss><source>Handelingsprotocol Veilig Thuis</source>
      <applies-when>kind = melding</applies-when>
    </deadline>
  </deadlines>
  <aggregation method="weighted-mean" norm-missed-max="deels">
    <band level="voldoet" min-score="2.5"/><band level="deels" min-score="1"/><band level="niet" min-score="0"/>
  </aggregation>
  <domain id="veiligheid" weight="2"><name>Veiligheid</name><gloss>Safety</gloss>
    <standard id="V1"><name>Tijdigheid</name><gloss>Timeliness</gloss>
      <criterion id="V1.1" scope="organisation" measured-by="vb"><text>Tijdig</text><gloss>On time</gloss></criterion>
)";
  xml += criteria.empty() ? R"(      <criterion id="V1.2" scope="case" weight="2" cap="deels">
        <text>Een   kind
          gezien</text><gloss>Child seen</gloss>
        <applies-when>disclosure = 1</applies-when>
      </criterion>
)"
                          : criteria;
  xml += R"(    </standard>
  </domain>
</framework>
)";
  return xml;
}

std::string Errors(const std::string& xml) {
  Result<Framework> f = ParseFramework(xml, "t.xml");
  BOOST_TEST_REQUIRE(!f.ok());
  return f.status().ToString();
}

BOOST_AUTO_TEST_SUITE(framework)

BOOST_AUTO_TEST_CASE(loads_every_part_into_plain_structs) {
  Result<Framework> f = ParseFramework(Mini(), "mini.xml");
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST(f->id == "mini");
  BOOST_TEST(f->valid_from.ToIso() == "2025-01-01");
  BOOST_TEST(f->scale.levels.size() == 3u);
  BOOST_TEST(f->scale.ForShare(0.95).id == "voldoet");
  BOOST_TEST(f->scale.ForShare(0.9).id == "voldoet");
  BOOST_TEST(f->scale.ForShare(9.0 / 10.0).id == "voldoet");
  BOOST_TEST(f->scale.ForShare(0.899).id == "deels");
  BOOST_TEST(f->scale.ForShare(0.0).id == "niet");
  BOOST_TEST(f->aggregation.norm_missed_max == "deels");
  const Deadline* vb = f->FindDeadline("vb");
  BOOST_TEST_REQUIRE(vb != nullptr);
  BOOST_TEST((vb->unit == DurationUnit::kWorkdays));
  BOOST_TEST((vb->to == Event::kSafetyAssessed));
  BOOST_TEST(vb->norm == 0.9);
  BOOST_TEST(vb->applies_when.text() == "kind = melding");
  BOOST_TEST((vb->basis == Basis::kProtocol));
  BOOST_TEST(vb->source == "Handelingsprotocol Veilig Thuis");
  const Criterion* c = f->FindCriterion("V1.2");
  BOOST_TEST_REQUIRE(c != nullptr);
  BOOST_TEST(c->text == "Een kind gezien");  // white space folded
  BOOST_TEST(c->weight == 2);
  BOOST_TEST(c->cap == "deels");
  BOOST_TEST((c->scope == Scope::kCase));
  BOOST_TEST(f->domains[0].weight == 2);
  BOOST_TEST(f->FindCriterion("V1.1")->measured_by == "vb");
  BOOST_TEST(f->sha256.size() == 64u);
}

BOOST_AUTO_TEST_CASE(reports_every_error_with_its_position) {
  // Line 21 holds the criteria; columns count characters from 1.
  const std::string xml = Mini(
      R"(      <criterion id="V1.1" scope="case" weight="0"><text>x</text><gloss>x</gloss><applies-when>kind = </applies-when></criterion>
)");
  BOOST_TEST(Errors(xml) ==
             "t.xml:21:18: duplicate id 'V1.1' (first defined at 20:7)\n"
             "t.xml:21:41: weight must be greater than 0, got 0\n"
             "t.xml:21:103: bad condition: expected a value, got 'end of condition'");
}

BOOST_AUTO_TEST_CASE(a_huge_id_is_an_error_not_a_crash) {
  // std::regex overflowed the stack on an id of 30,000 characters.
  std::string xml = Mini();
  const std::string from = "<domain id=\"veiligheid\"";
  xml.replace(xml.find(from), from.size(), "<domain id=\"" + std::string(30000, 'v') + "\"");
  BOOST_TEST(Errors(xml).find("id of 30000 characters: an id has at most 64") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(min_cases_on_the_scale_and_on_case_criteria) {
  Result<Framework> f = ParseFramework(Mini(), "mini.xml");
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST(f->scale.min_cases == 5);  // the default
  BOOST_TEST(f->FindCriterion("V1.2")->min_cases == 5);
  std::string xml = Mini(
      R"(      <criterion id="V1.3" scope="case" min-cases="8"><text>x</text><gloss>x</gloss></criterion>
      <criterion id="V1.4" scope="case"><text>x</text><gloss>x</gloss></criterion>
)");
  xml.replace(xml.find("<scale>"), 7, "<scale min-cases=\"12\">");
  f = ParseFramework(xml, "mini.xml");
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST(f->scale.min_cases == 12);
  BOOST_TEST(f->FindCriterion("V1.3")->min_cases == 8);   // its own
  BOOST_TEST(f->FindCriterion("V1.4")->min_cases == 12);  // the scale's
}

BOOST_AUTO_TEST_CASE(refuses_a_bad_min_cases_where_it_stands) {
  // Line 4 is <scale>, line 21 the criteria; the column is the attribute's.
  std::string xml = Mini(
      R"(      <criterion id="V1.3" scope="case" min-cases="2.5"><text>x</text><gloss>x</gloss></criterion>
      <criterion id="V1.4" scope="organisation" min-cases="3"><text>x</text><gloss>x</gloss></criterion>
)");
  xml.replace(xml.find("<scale>"), 7, "<scale min-cases=\"0\">");
  BOOST_TEST(Errors(xml) ==
             "t.xml:4:10: min-cases must be a whole number of at least 1, got '0'\n"
             "t.xml:21:41: min-cases must be a whole number of at least 1, got '2.5'\n"
             "t.xml:22:49: min-cases goes with scope=\"case\": an organisation criterion is "
             "judged once, not over cases");
}

BOOST_AUTO_TEST_CASE(refuses_hours_with_atw_extension) {
  std::string xml = Mini("", "hours");
  xml.replace(xml.find("norm=\"0.9\""), 10, "norm=\"0.9\" extend=\"true\"");
  BOOST_TEST(Errors(xml) ==
             "t.xml:10:95: extend=\"true\" (Atw art. 1 and 2) applies to terms in days or weeks, "
             "not hours");
}

BOOST_AUTO_TEST_CASE(every_deadline_states_its_basis_and_source) {
  // Line 10 is the <deadline> tag, line 11 its name, gloss and source.
  const std::string with_basis = " basis=\"protocol\"";
  const std::string with_source = "<source>Handelingsprotocol Veilig Thuis</source>";
  std::string xml = Mini();
  xml.replace(xml.find(with_basis), with_basis.size(), " basis=\"wetboek\"");
  BOOST_TEST(Errors(xml) ==
             "t.xml:10:98: unknown basis 'wetboek' (expected wet, protocol or veldnorm)");
  xml = Mini();
  xml.erase(xml.find(with_basis), with_basis.size());
  BOOST_TEST(Errors(xml) ==
             "t.xml:10:5: <deadline id=\"vb\"> has no attribute 'basis' (wet, protocol or "
             "veldnorm)");
  xml = Mini();
  xml.erase(xml.find(with_source), with_source.size());
  BOOST_TEST(Errors(xml) ==
             "t.xml:10:5: deadline 'vb' has no <source> (the citation its basis rests on)");
  xml = Mini();
  xml.replace(xml.find(with_source), with_source.size(), "<source> </source><note>x</note>");
  BOOST_TEST(Errors(xml) ==
             "t.xml:11:74: deadline 'vb': <source> is blank\n"
             "t.xml:11:92: unexpected element <note> in <deadline>");
}

BOOST_AUTO_TEST_CASE(a_stored_framework_from_before_the_basis_still_loads) {
  // Workspaces keep the bytes of every framework an audit used; one stored before
  // deadlines stated their basis must still load, with the basis unstated.
  std::string xml = Mini();
  const std::string with_basis = " basis=\"protocol\"";
  const std::string with_source = "<source>Handelingsprotocol Veilig Thuis</source>";
  xml.erase(xml.find(with_basis), with_basis.size());
  xml.erase(xml.find(with_source), with_source.size());
  BOOST_TEST(!ParseFramework(xml, "t.xml").ok());
  Result<Framework> f = ParseFramework(xml, "t.xml", FrameworkOrigin::kStored);
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST((f->FindDeadline("vb")->basis == Basis::kUnstated));
  BOOST_TEST(f->FindDeadline("vb")->source == "");
  // Half stated is an error there too: a basis without its source.
  xml = Mini();
  xml.erase(xml.find(with_source), with_source.size());
  BOOST_TEST(!ParseFramework(xml, "t.xml", FrameworkOrigin::kStored).ok());
}

BOOST_AUTO_TEST_CASE(counts_columns_in_characters) {
  // "ë" is two bytes but one column.
  const std::string xml = Mini(
      R"(      <criterion id="V1.3" scope="case"><text>beëindigd</text><gloss>ended</gloss><applies-when>kind ~</applies-when></criterion>
)");
  BOOST_TEST(Errors(xml) == "t.xml:21:102: bad condition: unexpected character '~'");
}

BOOST_AUTO_TEST_CASE(refuses_doctype_and_bad_bytes) {
  BOOST_TEST(Errors("<?xml version=\"1.0\"?>\n<!DOCTYPE framework>\n<framework/>") ==
             "t.xml:2:1: a DOCTYPE is not allowed (entity declarations are refused)");
  BOOST_TEST(Errors("<framework>\n  <title>be\xEBindigd</title>") ==
             "t.xml:2:12: not valid UTF-8 (byte 0xEB); save the file as UTF-8");
  BOOST_TEST(Errors("") == "t.xml:1:1: empty document");
  BOOST_TEST(Errors("<framework>\n<title>") ==
             "t.xml:2:7: XML is not well-formed: start-end tags mismatch");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
