#include "organisations.h"

#include <boost/test/unit_test.hpp>

#include "workspace_fixture.h"

namespace vtaudit {
namespace {

using Fixture = TempWorkspace;

BOOST_AUTO_TEST_SUITE(organisations)

BOOST_AUTO_TEST_CASE(reads_the_samples_file) {
  Result<std::vector<Organisation>> orgs =
      ReadOrganisations(VTAUDIT_SOURCE_DIR "/samples/organisations.csv");
  BOOST_REQUIRE_MESSAGE(orgs.ok(), orgs.status().ToString());
  BOOST_REQUIRE_EQUAL(orgs->size(), 25u);
  BOOST_TEST(orgs->front().code == "VT01");
  BOOST_TEST(orgs->front().name == "Voorbeeldregio 01");
  BOOST_TEST(orgs->back().code == "VT25");
  double sum = 0;
  for (const Organisation& o : *orgs) sum += o.size_weight;
  BOOST_TEST(sum == 27.0, boost::test_tools::tolerance(1e-9));
}

BOOST_FIXTURE_TEST_CASE(reports_every_bad_row, Fixture) {
  const std::string path = Write("bad.csv",
                                 "code;name;size_weight\n"
                                 "VT01;Een;1\n"
                                 ";Twee;1\n"
                                 "VT03;Drie;nul\n"
                                 "VT01;Nogmaals;1\n");
  Result<std::vector<Organisation>> orgs = ReadOrganisations(path);
  BOOST_REQUIRE(!orgs.ok());
  BOOST_TEST(orgs.status().ToString() ==
             path + ":3: column code: empty\n" + path +
                 ":4: column size_weight: 'nul' is not a number greater than 0\n" + path +
                 ":5: column code: VT01 occurs twice");
}

// Lines 3 and 5 have five fields and two under a header of four; line 4 is bad in a column.
// All three are listed in file order, and nothing is imported.
BOOST_FIXTURE_TEST_CASE(refuses_rows_of_another_width_than_the_header, Fixture) {
  const std::string path = Write("wide.csv",
                                 "code,name,region,size_weight\n"
                                 "VT01,Een,Noord,1\n"
                                 "VT02,Twee,Zuid,1,extra\n"
                                 "VT03,Drie,West,nul\n"
                                 "VT04,Vier\n");
  Result<std::vector<Organisation>> orgs = ReadOrganisations(path);
  BOOST_REQUIRE(!orgs.ok());
  BOOST_TEST(orgs.status().messages() ==
                 (std::vector<std::string>{
                     path + ":3: 5 fields, header has 4",
                     path + ":4: column size_weight: 'nul' is not a number greater than 0",
                     path + ":5: 2 fields, header has 4"}),
             boost::test_tools::per_element());
  BOOST_TEST(!ImportOrganisations(ws.get(), path).ok());
  BOOST_TEST(ws->Organisations()->empty());
}

BOOST_FIXTURE_TEST_CASE(import_is_idempotent_and_all_or_nothing, Fixture) {
  const std::string good = Write("good.csv",
                                 "code,name,region,size_weight\n"
                                 "VT01,Een,Noord,0.5\n"
                                 "VT02,Twee,Zuid,2\n");
  OrganisationImport counts;
  BOOST_REQUIRE(ImportOrganisations(ws.get(), good, &counts).ok());
  BOOST_TEST(counts.added == 2);
  BOOST_REQUIRE(ImportOrganisations(ws.get(), good, &counts).ok());
  BOOST_TEST(counts.added == 0);
  BOOST_TEST(counts.unchanged == 2);

  const std::string conflicting = Write("conflict.csv",
                                        "code,name,region,size_weight\n"
                                        "VT03,Drie,West,1\n"
                                        "VT02,Anders,Zuid,2\n");
  Status s = ImportOrganisations(ws.get(), conflicting);
  BOOST_TEST(s.IsConflict());
  BOOST_TEST(s.ToString() ==
             conflicting + ": organisation VT02 exists already as 'Twee' with other details");
  Result<std::vector<Organisation>> stored = ws->Organisations();
  BOOST_REQUIRE(stored.ok());
  BOOST_TEST(stored->size() == 2u);  // VT03 was rolled back
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
