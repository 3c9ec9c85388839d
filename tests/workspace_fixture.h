// TwoOrganisations: a workspace in a temporary folder with organisations A and B, for the
// tests that import deliveries into it. The folder goes when the fixture does.
#ifndef VTAUDIT_TESTS_WORKSPACE_FIXTURE_H_
#define VTAUDIT_TESTS_WORKSPACE_FIXTURE_H_

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "workspace.h"

namespace vtaudit {

struct TwoOrganisations {
  TwoOrganisations() {
    char tmpl[] = "/tmp/vtaudit-test-XXXXXX";
    dir = ::mkdtemp(tmpl);
    Result<std::unique_ptr<Workspace>> opened = Workspace::Open(dir + "/ws.sqlite");
    BOOST_TEST_REQUIRE(opened.ok(), opened.status().ToString());
    ws = std::move(*opened);
    BOOST_TEST_REQUIRE(ws->AddOrganisation({"A", "a", "", 1}).ok());
    BOOST_TEST_REQUIRE(ws->AddOrganisation({"B", "b", "", 1}).ok());
  }
  ~TwoOrganisations() { std::filesystem::remove_all(dir); }
  TwoOrganisations(const TwoOrganisations&) = delete;
  TwoOrganisations& operator=(const TwoOrganisations&) = delete;
  // Writes a file of the folder and returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  }
  std::string dir;
  std::unique_ptr<Workspace> ws;
};

}  // namespace vtaudit

#endif  // VTAUDIT_TESTS_WORKSPACE_FIXTURE_H_
