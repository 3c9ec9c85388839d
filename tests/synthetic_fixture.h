// SyntheticWorkspace: the shipped calendar and 2025 framework, and a workspace in a
// temporary folder holding the first `organisations` of samples/organisations.csv, each
// with a synthetic extract (`vtaudit samples generate`) imported. For the tests that read
// many cases, on several threads; the folder goes when the fixture does.
#ifndef VTAUDIT_TESTS_SYNTHETIC_FIXTURE_H_
#define VTAUDIT_TESTS_SYNTHETIC_FIXTURE_H_

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "calendar.h"
#include "extract.h"
#include "framework.h"
#include "organisations.h"
#include "synthetic.h"
#include "workspace.h"

namespace vtaudit {

struct SyntheticWorkspace {
  SyntheticWorkspace(size_t organisations, const SyntheticOptions& options) {
    char tmpl[] = "/tmp/vtaudit-synthetic-XXXXXX";
    dir = ::mkdtemp(tmpl);
    const std::string source = VTAUDIT_SOURCE_DIR;
    Result<Calendar> c = Calendar::LoadFile(source + "/checklists/kalender-nl.xml");
    BOOST_REQUIRE_MESSAGE(c.ok(), c.status().ToString());
    calendar = *c;
    Result<Framework> f =
        LoadFrameworkFile(source + "/checklists/toetsingskader-veilig-thuis-2025.xml");
    BOOST_REQUIRE_MESSAGE(f.ok(), f.status().ToString());
    framework = *f;
    Result<std::vector<Organisation>> o = ReadOrganisations(source + "/samples/organisations.csv");
    BOOST_REQUIRE_MESSAGE(o.ok(), o.status().ToString());
    orgs.assign(o->begin(), o->begin() + static_cast<long>(std::min(organisations, o->size())));
    Result<SyntheticSummary> gen = GenerateNational(orgs, options, calendar, dir + "/extracts");
    BOOST_REQUIRE_MESSAGE(gen.ok(), gen.status().ToString());
    cases = gen->cases;
    Result<std::unique_ptr<Workspace>> w = Workspace::Open(dir + "/ws.sqlite");
    BOOST_REQUIRE_MESSAGE(w.ok(), w.status().ToString());
    ws = std::move(*w);
    for (const Organisation& org : orgs) {
      BOOST_REQUIRE(ws->AddOrganisation(org).ok());
      Result<ImportSummary> r =
          ImportExtract(ws.get(), org.code, dir + "/extracts/" + SyntheticFileName(org.code));
      BOOST_REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    }
  }
  ~SyntheticWorkspace() {
    ws.reset();
    std::filesystem::remove_all(dir);
  }
  SyntheticWorkspace(const SyntheticWorkspace&) = delete;
  SyntheticWorkspace& operator=(const SyntheticWorkspace&) = delete;

  std::string dir;
  Calendar calendar = Calendar::Statutory();
  Framework framework;
  std::vector<Organisation> orgs;
  long cases = 0;  // generated, all imported
  std::unique_ptr<Workspace> ws;
};

}  // namespace vtaudit

#endif  // VTAUDIT_TESTS_SYNTHETIC_FIXTURE_H_
