#include "crosswalk.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "time_limit.h"

namespace vtaudit {
namespace {

// A framework with one domain and standard holding the given criteria.
Framework MakeFramework(const std::string& id, const std::vector<std::string>& criteria) {
  Framework f;
  f.id = id;
  Domain d{"D", "Domein", "Domain", 1, {}};
  Standard s{"S", "Standaard", "Standard", 1, {}};
  for (const std::string& c : criteria) {
    Criterion crit;
    crit.id = c;
    s.criteria.push_back(crit);
  }
  d.standards.push_back(s);
  f.domains.push_back(d);
  return f;
}

// Old: A (renamed to A2), B (split into B1, B2), C (kept), R (removed).
// New: A2, B1, B2, C, N (added).
struct Fixture {
  Framework old_fw = MakeFramework("old", {"A", "B", "C", "R"});
  Framework new_fw = MakeFramework("new", {"A2", "B1", "B2", "C", "N"});
};

constexpr const char* kGood = R"(<?xml version="1.0" encoding="UTF-8"?>
<crosswalk from="old" to="new">
  <map from="A" to="A2"/>
  <map from="B" to="B1"/>
  <map from="B" to="B2"/>
  <map from="C" to="C"/>
  <removed id="R"/>
  <added id="N"/>
</crosswalk>
)";

std::vector<std::string> Errors(const char* xml, const Fixture& f) {
  Result<Crosswalk> r = ParseCrosswalk(xml, "cw.xml", f.old_fw, f.new_fw);
  BOOST_REQUIRE(!r.ok());
  return r.status().messages();
}

BOOST_FIXTURE_TEST_SUITE(crosswalk, Fixture)

BOOST_AUTO_TEST_CASE(renamed_split_removed_added) {
  Result<Crosswalk> cw = ParseCrosswalk(kGood, "cw.xml", old_fw, new_fw);
  BOOST_REQUIRE_MESSAGE(cw.ok(), cw.status().ToString());
  BOOST_TEST(cw->from_framework == "old");
  BOOST_TEST(cw->to_framework == "new");
  // Renamed: A continues as A2.
  BOOST_TEST(cw->Successors("A") == std::vector<std::string>{"A2"});
  BOOST_TEST(*cw->Predecessor("A2") == "A");
  // Split: B continues as both B1 and B2, each with B as predecessor.
  BOOST_TEST((cw->Successors("B") == std::vector<std::string>{"B1", "B2"}));
  BOOST_TEST(*cw->Predecessor("B2") == "B");
  // Removed and added have no counterpart.
  BOOST_TEST(cw->Successors("R").empty());
  BOOST_TEST(!cw->Predecessor("N").has_value());
  BOOST_TEST(cw->removed == std::vector<std::string>{"R"});
  BOOST_TEST(cw->added == std::vector<std::string>{"N"});
}

BOOST_AUTO_TEST_CASE(shipped_crosswalk_loads_against_both_frameworks) {
  const std::string dir = std::string(VTAUDIT_SOURCE_DIR) + "/checklists/";
  Result<Framework> f2024 =
      LoadFrameworkFile(dir + "toetsingskader-veilig-thuis-2024-voorbeeld.xml");
  Result<Framework> f2025 = LoadFrameworkFile(dir + "toetsingskader-veilig-thuis-2025.xml");
  BOOST_REQUIRE(f2024.ok() && f2025.ok());
  const std::string path = CrosswalkPath(dir + "crosswalks", f2024->id, f2025->id);
  BOOST_TEST(path == dir + "crosswalks/igj-vt-2024--igj-vt-2025.xml");
  Result<Crosswalk> cw = LoadCrosswalkFile(path, *f2024, *f2025);
  BOOST_REQUIRE_MESSAGE(cw.ok(), cw.status().ToString());
  BOOST_TEST((cw->Successors("VH2.1") == std::vector<std::string>{"V2.1", "V2.2"}));
  BOOST_TEST(cw->Successors("GC1.4").empty());
}

// Positions are LINE:COL of the element's '<' or of the attribute's name.
BOOST_AUTO_TEST_CASE(criterion_missing_twice_or_unknown) {
  // Line 2: root. Line 3 col 3: first map; line 4: map to A2 again; line 5 col 12: from="X".
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<crosswalk from="old" to="new">
  <map from="A" to="A2"/>
  <map from="C" to="A2"/>
  <map from="X" to="C"/>
  <removed id="R"/>
  <removed id="R"/>
  <added id="N"/>
</crosswalk>
)";
  BOOST_TEST(Errors(xml, *this) == (std::vector<std::string>{
                                       "cw.xml:4:3: criterion 'A2' of new appears twice (first "
                                       "at 3:3)",
                                       "cw.xml:5:8: framework old has no criterion 'X'",
                                       "cw.xml:7:3: criterion 'R' is removed twice (first at 6:3)",
                                       "cw.xml:2:1: criterion 'B' of old is neither mapped nor "
                                       "removed",
                                       "cw.xml:2:1: criterion 'B1' of new is neither mapped nor "
                                       "added",
                                       "cw.xml:2:1: criterion 'B2' of new is neither mapped nor "
                                       "added",
                                   }),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(mapped_and_removed_wrong_frameworks_and_elements) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<crosswalk from="other" to="new" by="x">
  <map from="A"/>
  <merge from="A" to="A2"/>
  <added id="9x"/>
</crosswalk>
)";
  BOOST_TEST(Errors(xml, *this) ==
                 (std::vector<std::string>{
                     "cw.xml:2:34: unexpected attribute by on <crosswalk>",
                     "cw.xml:2:12: crosswalk starts from framework 'other', expected 'old'",
                     "cw.xml:3:3: <map> needs a to attribute",
                     "cw.xml:4:3: unexpected element <merge> (expected <map>, <removed> or "
                     "<added>)",
                     "cw.xml:5:10: id=\"9x\" is not an id",
                     "cw.xml:2:1: criterion 'A2' of new is neither mapped nor added",
                     "cw.xml:2:1: criterion 'B1' of new is neither mapped nor added",
                     "cw.xml:2:1: criterion 'B2' of new is neither mapped nor added",
                     "cw.xml:2:1: criterion 'C' of new is neither mapped nor added",
                     "cw.xml:2:1: criterion 'N' of new is neither mapped nor added",
                 }),
             boost::test_tools::per_element());

  const char* both = R"(<?xml version="1.0" encoding="UTF-8"?>
<crosswalk from="old" to="new">
  <map from="A" to="A2"/><map from="B" to="B1"/><map from="B" to="B2"/><map from="C" to="C"/>
  <map from="R" to="N"/>
  <removed id="R"/>
</crosswalk>
)";
  BOOST_TEST(Errors(both, *this) ==
                 (std::vector<std::string>{"cw.xml:5:3: criterion 'R' is both removed and "
                                           "mapped (at 4:3)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(malformed_xml_and_wrong_root) {
  BOOST_TEST(Errors("<crosswalk from=\"old\" to=\"new\">\n  <map from=\"A\"\n", *this).size() ==
             1u);
  const std::vector<std::string> root = Errors("<?xml version=\"1.0\"?>\n<walk/>\n", *this);
  BOOST_TEST(root == (std::vector<std::string>{"cw.xml:2:1: root element is <walk>, expected "
                                               "<crosswalk>"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_errors_on_one_line_are_counted_fast) {
  // 200,000 unknown elements on one line, then the 4 old and 5 new criteria that nothing
  // maps: 200,009 errors, of which the first 100 are listed, in well under 2 s.
  std::string xml = "<crosswalk from=\"old\" to=\"new\">";
  for (int i = 0; i < 200000; ++i) xml += "<x/>";
  xml += "</crosswalk>";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> errors = Errors(xml.c_str(), *this);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  BOOST_TEST(took.count() < TimeLimit(2.0));
  BOOST_TEST_REQUIRE(errors.size() == 101u);
  // The opening tag is 31 characters: the first <x/> is at column 32, the 100th at
  // 32 + 99 × 4 = 428.
  BOOST_TEST(errors[0] ==
             "cw.xml:1:32: unexpected element <x> (expected <map>, <removed> or <added>)");
  BOOST_TEST(errors[99] ==
             "cw.xml:1:428: unexpected element <x> (expected <map>, <removed> or <added>)");
  BOOST_TEST(errors[100] == "cw.xml: and 199909 more errors (200009 in all)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
