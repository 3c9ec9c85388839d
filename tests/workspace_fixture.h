// TempWorkspace: a workspace in a temporary folder, for the tests that import into it;
// TwoOrganisations the same with organisations A and B. The folder goes with the fixture.
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

// An empty workspace in a temporary folder.
struct TempWorkspace {
  TempWorkspace() {
    char tmpl[] = "/tmp/vtaudit-test-XXXXXX";
    dir = ::mkdtemp(tmpl);
    Result<std::unique_ptr<Workspace>> opened = Workspace::Open(dir + "/ws.sqlite");
    BOOST_TEST_REQUIRE(opened.ok(), opened.status().ToString());
    ws = std::move(*opened);
  }
  ~TempWorkspace() {
    ws.reset();
    std::filesystem::remove_all(dir);
  }
  TempWorkspace(const TempWorkspace&) = delete;
  TempWorkspace& operator=(const TempWorkspace&) = delete;
  // Writes a file of the folder and returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  }
  std::string dir;
  std::unique_ptr<Workspace> ws;
};

// The same with organisations A and B.
struct TwoOrganisations : TempWorkspace {
  TwoOrganisations() {
    BOOST_TEST_REQUIRE(ws->AddOrganisation({"A", "a", "", 1}).ok());
    BOOST_TEST_REQUIRE(ws->AddOrganisation({"B", "b", "", 1}).ok());
  }
};

}  // namespace vtaudit

#endif  // VTAUDIT_TESTS_WORKSPACE_FIXTURE_H_
