// The web UI's form decoder (DecodeForm, Poco's HTMLForm underneath) on arbitrary text,
// as a query string or an application/x-www-form-urlencoded body arrives. The field limit
// is the one the server uses.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "fuzz_support.h"
#include "web_internal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(vtaudit::fuzz::AsText(data, size));
  vtaudit::Result<std::map<std::string, std::string>> form = vtaudit::web::DecodeForm(text);
  if (form.ok()) vtaudit::fuzz::Require(form->size() <= 1000, "at most the field limit");
  return 0;
}
