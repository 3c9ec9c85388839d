// The crosswalk loader on arbitrary text, checked against the two shipped frameworks
// (2024 example → 2025), which are loaded once.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "crosswalk.h"
#include "framework.h"
#include "fuzz_support.h"

namespace {

std::optional<vtaudit::Framework> g_from, g_to;

vtaudit::Framework LoadShipped(const char* name) {
  vtaudit::Result<vtaudit::Framework> f =
      vtaudit::LoadFrameworkFile(std::string(VTAUDIT_SOURCE_DIR "/checklists/") + name);
  if (!f.ok()) {
    std::fprintf(stderr, "%s\n", f.status().ToString().c_str());
    std::exit(1);
  }
  return *std::move(f);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_from = LoadShipped("toetsingskader-veilig-thuis-2024-voorbeeld.xml");
  g_to = LoadShipped("toetsingskader-veilig-thuis-2025.xml");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vtaudit::Result<vtaudit::Crosswalk> c =
      vtaudit::ParseCrosswalk(vtaudit::fuzz::AsText(data, size), "fuzz.xml", *g_from, *g_to);
  if (!c.ok()) return 0;
  for (const vtaudit::Domain& d : g_from->domains) {
    for (const vtaudit::Standard& s : d.standards) {
      for (const vtaudit::Criterion& k : s.criteria) {
        for (const std::string& next : c->Successors(k.id)) {
          vtaudit::fuzz::Require(g_to->FindCriterion(next) != nullptr,
                                 "a successor is a criterion of the new framework");
        }
      }
    }
  }
  return 0;
}
