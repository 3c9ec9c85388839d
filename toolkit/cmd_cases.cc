// cases import | cases check | cases template | cases list | cases deliveries
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "case_store.h"
#include "cli.h"
#include "delivery_template.h"
#include "extract.h"
#include "json_writer.h"
#include "profile.h"

namespace vtaudit::cli {
namespace {

// The profile of --profile, else the native one.
Result<Profile> ChosenProfile(Context& ctx) {
  const std::optional<std::string> path = ctx.Get("--profile");
  if (!path) return NativeProfile();
  return LoadProfile(*path);
}

// A workspace of its own in a fresh temporary folder, removed with it, for `cases check`.
class ScratchWorkspace {
 public:
  Status Open() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vtaudit-check-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) return Status::IoError("cannot make a temporary folder");
    dir_ = tmpl;
    Result<std::unique_ptr<Workspace>> ws = Workspace::Open(dir_ + "/check.sqlite");
    if (!ws.ok()) return ws.status();
    ws_ = std::move(*ws);
    return ws_->AddOrganisation({"CHECK", "the delivery checked", "", 1.0});
  }
  ~ScratchWorkspace() {
    ws_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }
  Workspace* get() { return ws_.get(); }

 private:
  std::string dir_;
  std::unique_ptr<Workspace> ws_;
};

}  // namespace

int CasesCheck(Context& ctx) {
  Result<Profile> profile = ChosenProfile(ctx);
  if (!profile.ok()) return Fail(profile.status());
  ScratchWorkspace ws;
  if (Status s = ws.Open(); !s.ok()) return Fail(s);
  ImportOptions options;
  options.sheet = ctx.Get("--sheet").value_or("");
  options.profile = &*profile;
  options.check_only = true;
  options.max_errors = INT_MAX;
  Result<ImportSummary> r = ImportDelivery(ws.get(), "CHECK", ctx.positional(), options);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& w : r->warnings)
    std::fprintf(stderr, "vtaudit: warning: %s\n", w.c_str());
  std::printf("%s: %ld rows, no errors (profile %s)\n", r->file_name.c_str(), r->rows,
              profile->id.c_str());
  return 0;
}

int CasesTemplate(Context& ctx) {
  Result<Profile> profile = ChosenProfile(ctx);
  if (!profile.ok()) return Fail(profile.status());
  const std::string format = ctx.Required("--format");
  const std::string output = ctx.Required("--output");
  if (format == "csv") {
    Result<std::vector<std::string>> files = WriteCsvTemplate(*profile, output);
    if (!files.ok()) return Fail(files.status());
    for (const std::string& f : *files) std::printf("wrote %s\n", f.c_str());
    return 0;
  }
  if (format == "xlsx") {
    if (Status s = WriteXlsxTemplate(*profile, output); !s.ok()) return Fail(s);
    std::printf("wrote %s\n", output.c_str());
    return 0;
  }
  return Fail("--format '" + format + "' is not csv or xlsx");
}

int CasesImport(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Profile> profile = ChosenProfile(ctx);
  if (!profile.ok()) return Fail(profile.status());
  ImportOptions options;
  options.sheet = ctx.Get("--sheet").value_or("");
  options.profile = &*profile;
  Result<ImportSummary> r = ImportDelivery(*ws, ctx.Required("--org"), ctx.positional(), options);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& w : r->warnings)
    std::fprintf(stderr, "vtaudit: warning: %s\n", w.c_str());
  std::printf("%s: %ld rows: %ld added, %ld changed, %ld unchanged%s\n", r->file_name.c_str(),
              r->rows, r->added, r->changed, r->unchanged,
              r->seen_before ? " (this file was imported before)" : "");
  if (const std::string missing = MissingCasesMessage(*r); !missing.empty()) {
    std::fprintf(stderr, "vtaudit: warning: %s: %s (kept in the workspace, marked missing)\n",
                 r->file_name.c_str(), missing.c_str());
  }
  return 0;
}

int CasesList(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const std::string org = ctx.Required("--org");
  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  const long limit = ctx.OptionalInt("--limit").value_or(-1);
  const bool json = ctx.Flag("--json");
  // A case the latest delivery lacks shows the delivery that first lacked it.
  Result<std::map<int64_t, std::string>> deliveries = ExtractFileNames(*ws, org);
  if (!deliveries.ok()) return Fail(deliveries.status());
  const auto delivery = [&](int64_t id) {
    const auto it = deliveries->find(id);
    return it == deliveries->end() ? std::to_string(id) : it->second;
  };
  JsonWriter w;
  if (json) w.BeginArray();
  long shown = 0;
  const auto event = [](const CaseRecord& c, Event e) {
    return c.event(e) ? c.event(e)->ToIso() : std::string("-");
  };
  if (!json) {
    std::printf("%-16s %-8s %-19s %-19s %-10s %-10s %-10s %-10s %-8s %s\n", "case_id", "kind",
                "received", "triaged", "assessed", "decided", "started", "completed", "outcome",
                "missing_since");
  }
  Status s = ForEachCase(*ws, org, {}, [&](const CaseRecord& c) {
    if (limit >= 0 && shown >= limit) return;
    ++shown;
    if (json) {
      w.BeginObject().Key("case_id").String(c.case_id).Key("kind").String(CaseKindName(c.kind));
      w.Key("violence").String(JoinViolence(c.violence));
      for (int e = 0; e < kEventCount; ++e) {
        const auto& t = c.events[static_cast<size_t>(e)];
        w.Key(EventName(static_cast<Event>(e)));
        if (t) {
          w.String(t->ToIso());
        } else {
          w.Null();
        }
      }
      w.Key("outcome")
          .String(c.outcome)
          .Key("rvdk")
          .Bool(c.rvdk)
          .Key("disclosure")
          .Bool(c.disclosure);
      w.Key("missing_since");
      if (c.missing_since != 0) {
        w.BeginObject().Key("extract_id").Int(c.missing_since);
        w.Key("file_name").String(delivery(c.missing_since)).EndObject();
      } else {
        w.Null();
      }
      w.EndObject();
      return;
    }
    std::printf("%-16s %-8s %-19s %-19s %-10s %-10s %-10s %-10s %-8s %s\n", c.case_id.c_str(),
                std::string(CaseKindName(c.kind)).c_str(), event(c, Event::kReceived).c_str(),
                event(c, Event::kTriaged).c_str(), event(c, Event::kSafetyAssessed).c_str(),
                event(c, Event::kInvestigationDecided).c_str(),
                event(c, Event::kInvestigationStarted).c_str(),
                event(c, Event::kInvestigationCompleted).c_str(),
                c.outcome.empty() ? "-" : c.outcome.c_str(),
                c.missing_since != 0 ? delivery(c.missing_since).c_str() : "-");
  });
  if (!s.ok()) return Fail(s);
  if (json) {
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
  }
  return 0;
}

int CasesDeliveries(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const std::string org = ctx.Required("--org");
  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  Result<std::vector<DeliveryImport>> imports = ListDeliveryImports(*ws, org);
  if (!imports.ok()) return Fail(imports.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const DeliveryImport& d : *imports) {
      w.BeginObject().Key("id").Int(d.id).Key("file_name").String(d.file_name);
      w.Key("sha256").String(d.sha256).Key("imported_at").String(d.imported_at);
      w.Key("rows").Int(d.rows).Key("added").Int(d.added).Key("changed").Int(d.changed);
      w.Key("unchanged").Int(d.unchanged).Key("missing").Int(d.missing);
      w.Key("profile");
      if (d.profile.empty()) {
        w.Null();  // imported before vtaudit recorded the profile
      } else {
        w.BeginObject().Key("id").String(d.profile).Key("sha256");
        if (d.profile_sha256.empty()) {
          w.Null();
        } else {
          w.String(d.profile_sha256);
        }
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("%-4s %-20s %-12s %8s %8s %8s %9s %8s  %-35s %s\n", "id", "imported_at", "sha256",
              "rows", "added", "changed", "unchanged", "missing", "profile", "file");
  for (const DeliveryImport& d : *imports) {
    // A profile file by its id and the start of its SHA-256, as a delivery is named.
    const std::string profile = d.profile.empty() ? std::string("(not recorded)")
                                : d.profile_sha256.empty()
                                    ? d.profile
                                    : d.profile + " " + d.profile_sha256.substr(0, 12);
    std::printf("%-4lld %-20s %-12s %8ld %8ld %8ld %9ld %8ld  %-35s %s\n",
                static_cast<long long>(d.id), d.imported_at.c_str(), d.sha256.substr(0, 12).c_str(),
                d.rows, d.added, d.changed, d.unchanged, d.missing, profile.c_str(),
                d.file_name.c_str());
  }
  return 0;
}

}  // namespace vtaudit::cli
