// The pages that run an audit from the browser, as the command line does: a new audit
// (`audit new`), the import of a delivery (`cases import`, uploaded), the draw (`sample
// draw`), the state with its gates (`audit status`), hoor en wederhoor (`response add`,
// `response decide`) and the report versions (`report versions`) with their files. Each GET
// shows a form; its POST writes through the same library call as the command, then
// redirects (303), or shows the form again with the error and the values entered, and
// nothing written (the library's calls are all or nothing).

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "audit.h"
#include "audit_start.h"
#include "case_store.h"
#include "extract.h"
#include "lifecycle.h"
#include "page_parts.h"
#include "profile.h"
#include "report_version.h"
#include "response.h"
#include "review_pages.h"
#include "sample_draw.h"
#include "snapshot.h"
#include "translator.h"
#include "web_internal.h"

namespace vtaudit::web::page {
namespace {

std::string Get(const Request& req, const std::string& name) {
  auto it = req.form.find(name);
  return it == req.form.end() ? "" : it->second;
}

// The status of a form the library refused: what the user entered is wrong or names
// nothing there is (422), it contradicts the stored state (409), else HttpStatusFor.
int FormStatus(const Status& s) {
  if (s.IsConflict()) return 409;
  if (s.IsNotFound()) return 422;
  return HttpStatusFor(s, "POST");
}

// A day stored as ISO ("2025-01-06") written out: "6 januari 2025".
std::string Day(const std::string& iso, const Translator& w) {
  std::optional<Date> d = Date::ParseIso(iso);
  return d ? w.LongDate(*d) : iso;
}

std::string Input(const std::string& id, std::string_view label, const std::string& value,
                  const std::string& type = "text", const std::string& attributes = "") {
  return "<p><label for=\"" + id + "\">" + S(label) + "</label><br><input type=\"" + type +
         "\" id=\"" + id + "\" name=\"" + id + "\" value=\"" + Escape(value) + "\"" + attributes +
         "></p>\n";
}

// A textarea named `id`, or `name` when one is given (several forms on a page).
std::string TextArea(const std::string& id, std::string_view label, const std::string& value,
                     int rows = 3, const std::string& name = "") {
  return "<p><label for=\"" + id + "\">" + S(label) + "</label><br><textarea id=\"" + id +
         "\" name=\"" + (name.empty() ? id : name) + "\" rows=\"" + std::to_string(rows) +
         "\" cols=\"60\" autocomplete=\"off\">" + Escape(value) + "</textarea></p>\n";
}

struct Option {
  std::string value, label;
  std::string lang = "";  // the label's language when not the page's ("en")
};

std::string Select(const std::string& id, std::string_view label,
                   const std::vector<Option>& options, const std::string& chosen) {
  std::string html = "<p><label for=\"" + id + "\">" + S(label) + "</label><br><select id=\"" + id +
                     "\" name=\"" + id + "\">";
  for (const Option& o : options) {
    html += "<option value=\"" + Escape(o.value) + "\"" + (o.value == chosen ? " selected" : "") +
            (o.lang.empty() ? "" : " lang=\"" + Escape(o.lang) + "\"") + ">" + Escape(o.label) +
            "</option>";
  }
  return html + "</select></p>\n";
}

std::string Checkbox(const std::string& id, std::string_view label, bool checked) {
  return "<p><label for=\"" + id + "\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + id +
         "\" value=\"1\"" + (checked ? " checked" : "") + "> " + S(label) + "</label></p>\n";
}

std::string FormOpen(const PageEnv& env, const std::string& action, bool upload = false) {
  return "<form method=\"post\" action=\"" + Escape(action) + "\"" +
         (upload ? " enctype=\"multipart/form-data\"" : "") + ">\n" + CsrfField(env) + "\n";
}

std::string Submit(std::string_view label, const std::string& name = "",
                   const std::string& value = "") {
  return "<p><button class=\"primary\" type=\"submit\"" +
         (name.empty() ? "" : " name=\"" + name + "\" value=\"" + Escape(value) + "\"") + ">" +
         S(label) + "</button></p>\n";
}

std::string Notice(std::string_view text) {
  return "<p class=\"message ok\" role=\"status\">" + S(text) + "</p>\n";
}

// The files with extension .xml directly in `dir`, by name; none when it cannot be read.
std::vector<std::string> XmlFiles(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code error;
  if (dir.empty()) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file(error) && entry.path().extension() == ".xml") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// ---- a new audit ------------------------------------------------------------------------

// The frameworks an audit may take: those the workspace stores ("sha:HEX") and those shipped
// in checklists/ that it does not store yet ("file:NAME").
Result<std::vector<Option>> FrameworkOptions(const PageEnv& env) {
  Result<std::vector<StoredFramework>> stored = env.ws->Frameworks();
  if (!stored.ok()) return stored.status();
  std::vector<Option> out;
  for (const StoredFramework& f : *stored) {
    out.push_back({"sha:" + f.sha256, f.id + " " + f.version + " — " + f.title});
  }
  for (const std::string& name : XmlFiles(env.checklists_dir)) {
    std::ifstream in(env.checklists_dir + "/" + name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Result<Framework> f = ParseFramework(bytes.str(), name);
    if (!f.ok()) continue;  // the calendar and other files of checklists/
    const bool known = std::any_of(stored->begin(), stored->end(),
                                   [&](const StoredFramework& s) { return s.sha256 == f->sha256; });
    if (!known) {
      out.push_back({"file:" + name, f->id + " " + f->version + " — " + f->title + " (" +
                                         S(env.words().T("web.audit.shipped")) + ")"});
    }
  }
  return out;
}

// The submitted names, one a line, without blank lines.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(TypedNote(text));
  for (std::string line; std::getline(in, line);) {
    const size_t a = line.find_first_not_of(" \t"), b = line.find_last_not_of(" \t");
    if (a != std::string::npos) out.push_back(line.substr(a, b - a + 1));
  }
  return out;
}

// Whole digits only: "2025" → 2025; none for anything else or more than nine digits.
std::optional<long> Whole(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

Response NewAuditPage(const PageEnv& env, const Request& req) {
  const Translator& w = env.words();
  Result<std::vector<Organisation>> orgs = env.ws->Organisations();
  if (!orgs.ok()) return Fail(env, req, orgs.status());
  Result<std::vector<Option>> frameworks = FrameworkOptions(env);
  if (!frameworks.ok()) return Fail(env, req, frameworks.status());
  std::vector<std::string> problems;
  int status = 200;
  if (req.method == "POST") {
    AuditStart start;
    NewAudit& request = start.audit;
    request.org = Get(req, "org");
    const std::optional<long> period = Whole(Get(req, "period"));
    if (!period) {
      problems.push_back(w.T("web.audit.year_not_a_year", {{"value", Get(req, "period")}}));
    }
    request.period = static_cast<int>(period.value_or(0));
    const std::string framework = Get(req, "framework");
    const bool offered = std::any_of(frameworks->begin(), frameworks->end(),
                                     [&](const Option& o) { return o.value == framework; });
    if (!offered) {
      problems.push_back(S(w.T("web.audit.choose_framework")));
    } else if (framework.rfind("sha:", 0) == 0) {
      start.framework_sha256 = framework.substr(4);
    } else {
      request.framework_path = env.checklists_dir + "/" + framework.substr(5);
    }
    request.inspectors = Lines(Get(req, "inspectors"));
    if (const std::string as_of = Get(req, "as_of"); !as_of.empty()) {
      request.as_of = Date::ParseIso(as_of);
      if (!request.as_of) {
        problems.push_back(w.T("web.audit.as_of_not_a_date", {{"value", as_of}}));
      }
    }
    request.force = Get(req, "force") == "1";
    start.calendar = env.calendar;
    status = 422;
    if (problems.empty()) {
      Result<Audit> a = StartAudit(env.ws, start);
      if (a.ok()) return Redirect(AuditPath(a->id) + "?created=1");
      status = FormStatus(a.status());
      problems = Said(env, a.status());
    }
    problems.push_back(S(w.T("web.forms.nothing_was_saved")));
  }
  std::string body = Messages(problems, "error");
  if (orgs->empty()) {
    body += "<p>" + S(w.T("web.audit.there_no_organisations_yet")) + "</p>\n";
    return Html(env, req, w.T("web.audit.new_audit"), body, status);
  }
  std::vector<Option> org_options;
  for (const Organisation& o : *orgs) org_options.push_back({o.code, o.code + " " + o.name});
  const bool posted = req.method == "POST";
  const Date today = DutchToday();
  body +=
      FormOpen(env, "/audit/new") +
      Select("org", w.T("web.audit.organisation"), org_options, Get(req, "org")) +
      Input("period", w.T("web.audit.year_period"),
            posted ? Get(req, "period") : std::to_string(today.year() - 1), "text",
            " inputmode=\"numeric\" size=\"6\"") +
      Select("framework", w.T("web.audit.framework"), *frameworks, Get(req, "framework")) +
      TextArea("inspectors", w.T("web.audit.inspectors_one_line"), Get(req, "inspectors")) +
      Input("as_of", w.T("web.audit.peildatum_empty_end_period"), Get(req, "as_of"), "date") +
      Checkbox("force", w.T("web.audit.second_audit_same_organisation"), Get(req, "force") == "1") +
      Submit(w.T("web.audit.create_audit")) + "</form>\n";
  return Html(env, req, w.T("web.audit.new_audit"), body, status);
}

// ---- the import of a delivery -----------------------------------------------------------

// The profiles a delivery may be read with: the native one ("") and those shipped in
// checklists/profiles/ (by file name).
std::vector<Option> ProfileOptions(const PageEnv& env) {
  std::vector<Option> out{{"", S(env.words().T("web.audit.native_extract_format_its"))}};
  if (env.checklists_dir.empty()) return out;
  for (const std::string& name : XmlFiles(env.checklists_dir + "/profiles")) {
    Result<Profile> p = LoadProfile(env.checklists_dir + "/profiles/" + name);
    // A profile's title is written in English (the shipped ones are): marked as such.
    if (p.ok() && p->id != NativeProfile().id) {
      out.push_back({name, p->id + " — " + p->title, env.lang == Lang::kEn ? "" : "en"});
    }
  }
  return out;
}

// `message` without the folder an uploaded file was saved in ("…/0/delivery.csv:3: …" →
// "delivery.csv:3: …"): the user knows the file by the name they sent.
std::string WithoutFolders(std::string message, const std::vector<UploadedFile>& files) {
  for (const UploadedFile& f : files) {
    const std::string folder = f.path.substr(0, f.path.size() - f.name.size());
    for (size_t at; (at = message.find(folder)) != std::string::npos;) {
      message.erase(at, folder.size());
    }
  }
  return message;
}

Response ImportPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Audit& a = ac.audit;
  const std::vector<Option> profiles = ProfileOptions(env);
  std::vector<std::string> problems;
  int status = 200;
  if (req.method == "POST") {
    status = 422;
    std::vector<std::string> paths;
    std::vector<UploadedFile> files;
    std::string names;
    for (const UploadedFile& f : req.files) {
      if (f.field != "delivery") continue;
      files.push_back(f);
      paths.push_back(f.path);
      names += (names.empty() ? "" : " + ") + f.name;
    }
    const std::string chosen = Get(req, "profile");
    const bool offered = std::any_of(profiles.begin(), profiles.end(),
                                     [&](const Option& o) { return o.value == chosen; });
    if (paths.empty()) {
      problems.push_back(S(w.T("web.audit.choose_file_delivery")));
    } else if (!offered) {
      problems.push_back(S(w.T("web.audit.choose_profile")));
    } else {
      Result<Profile> profile = chosen.empty()
                                    ? Result<Profile>(NativeProfile())
                                    : LoadProfile(env.checklists_dir + "/profiles/" + chosen);
      if (!profile.ok()) return Fail(env, req, profile.status());
      ImportOptions options;
      options.sheet = Get(req, "sheet");
      options.profile = &*profile;
      options.name = names;
      Result<ImportSummary> r = ImportDelivery(env.ws, a.org, paths, options);
      if (r.ok()) {
        return Redirect(AuditPath(a.id) + "/import?rows=" + std::to_string(r->rows) + "&added=" +
                        std::to_string(r->added) + "&changed=" + std::to_string(r->changed) +
                        "&unchanged=" + std::to_string(r->unchanged) +
                        "&missing=" + std::to_string(r->missing));
      }
      status = FormStatus(r.status());
      for (const std::string& m : Said(env, r.status())) {
        problems.push_back(WithoutFolders(m, files));
      }
    }
    problems.push_back(S(w.T("web.audit.nothing_was_imported")));
  }
  std::string body = AuditNav(env, a, w.T("web.parts.delivery")) + Messages(problems, "error");
  if (req.method == "GET" && req.query.count("rows")) {
    const auto q = [&](const char* k) {
      auto it = req.query.find(k);
      return Escape(it == req.query.end() ? "0" : it->second);
    };
    body += Notice(w.T("web.audit.imported", {{"rows", q("rows")},
                                              {"added", q("added")},
                                              {"changed", q("changed")},
                                              {"unchanged", q("unchanged")},
                                              {"missing", q("missing")}}));
  }
  Result<std::optional<Delivery>> latest = LatestDelivery(env.ws, a.org);
  if (!latest.ok()) return Fail(env, req, latest.status());
  Result<long> cases = CountCases(env.ws, a.org);
  if (!cases.ok()) return Fail(env, req, cases.status());
  body += "<p>" +
          w.T(*latest ? "web.audit.latest_delivery" : "web.audit.no_delivery_yet",
              {{"file", *latest ? Escape((*latest)->file_name) : ""},
               {"at", *latest ? Escape(StampLabel(w, (*latest)->imported_at)) : ""},
               {"cases", std::to_string(*cases)}}) +
          "</p>\n";
  body += FormOpen(env, AuditPath(a.id) + "/import", true) + "<p><label for=\"delivery\">" +
          S(w.T("web.audit.file_csv_or_xlsx")) +
          "</label><br><input type=\"file\" id=\"delivery\" name=\"delivery\" multiple "
          "accept=\".csv,.xlsx,.txt\"></p>\n" +
          Select("profile", w.T("web.audit.profile"), profiles, Get(req, "profile")) +
          Input("sheet", w.T("web.audit.sheet_xlsx_empty_first"), Get(req, "sheet")) +
          Submit(w.T("web.audit.import")) + "</form>\n<p class=\"muted small\">" +
          S(w.T("web.audit.all_or_nothing_file")) + "</p>\n";
  return Html(env, req, w.T("web.audit.import_delivery"), body, status);
}

// ---- the draw ----------------------------------------------------------------------------

Response DrawPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Audit& a = ac.audit;
  std::vector<std::string> problems;
  int status = 200;
  if (req.method == "POST") {
    status = 422;
    SampleRequest request;
    request.audit = a.id;
    const std::optional<long> size = Whole(Get(req, "size"));
    if (!size) {
      problems.push_back(w.T("web.audit.size_not_whole", {{"value", Get(req, "size")}}));
    }
    request.size = size.value_or(0);
    request.seed = Get(req, "seed");
    request.stratify = Get(req, "stratify");
    request.where = Get(req, "where");
    request.replace = Get(req, "replace") == "1";
    request.all_cases = Get(req, "all_cases") == "1";
    if (problems.empty()) {
      Result<Sample> s = DrawSample(env.ws, request);
      if (s.ok()) return Redirect(AuditPath(a.id) + "?drawn=1");
      status = FormStatus(s.status());
      problems = Said(env, s.status());
    }
    problems.push_back(S(w.T("web.audit.nothing_was_drawn")));
  }
  // The population the draw takes by default: the cases some case criterion applies to.
  Result<Population> population = SamplePopulation(env.ws, a.id, "", false);
  if (!population.ok()) return Fail(env, req, population.status());
  Result<Sample> current = CurrentSample(env.ws, a.id);
  if (!current.ok() && !current.status().IsNotFound()) return Fail(env, req, current.status());
  std::string body = AuditNav(env, a, w.T("web.parts.draw")) + Messages(problems, "error");
  body += "<p>" +
          w.T("web.audit.population", {{"cases", std::to_string(population->ids.size())},
                                       {"period", std::to_string(a.period)}}) +
          "</p>\n";
  if (current.ok()) {
    const Sample& s = *current;
    body += "<p>" +
            w.T("web.audit.current_sample",
                {{"size", std::to_string(s.size)},
                 {"population", std::to_string(s.population)},
                 {"share", s.population > 0 ? w.Percent(static_cast<double>(s.size) /
                                                        static_cast<double>(s.population))
                                            : "–"},
                 {"method", s.method == "simple"
                                ? w.T("web.audit.simple_random")
                                : w.T("web.audit.stratified_by", {{"field", Escape(s.stratify)}})},
                 {"seed", "<code>" + Escape(s.seed) + "</code>"},
                 {"filter", s.where.empty()
                                ? ""
                                : w.T("web.audit.with_filter",
                                      {{"filter", "<code>" + Escape(s.where) + "</code>"}})},
                 {"at", Escape(StampLabel(w, s.drawn_at))}}) +
            "</p>\n";
    if (!s.strata.empty()) {
      body += "<table><thead><tr><th>" + S(w.T("web.audit.stratum")) + "</th><th class=\"num\">" +
              S(w.T("web.audit.cases")) + "</th><th class=\"num\">" + S(w.T("web.audit.drawn")) +
              "</th></tr></thead><tbody>\n";
      for (const SampleStratum& st : s.strata) {
        body += "<tr><td>" + Escape(st.key.empty() ? "(leeg)" : st.key) +
                "</td><td class=\"num\">" + std::to_string(st.population) +
                "</td><td class=\"num\">" + std::to_string(st.allocated) + "</td></tr>\n";
      }
      body += "</tbody></table>\n";
    }
  }
  std::vector<Option> fields{{"", S(w.T("web.audit.no_simple_random"))}};
  for (const std::string& f : CaseFieldNames()) fields.push_back({f, f});
  body +=
      FormOpen(env, AuditPath(a.id) + "/draw") +
      Input("size", w.T("web.audit.size"), Get(req, "size"), "text",
            " inputmode=\"numeric\" size=\"6\"") +
      Input("seed", w.T("web.audit.seed_empty_fresh_random"), Get(req, "seed")) +
      Select("stratify", w.T("web.audit.stratify_by"), fields, Get(req, "stratify")) +
      Input("where", w.T("web.audit.filter_condition_e_g"), Get(req, "where"), "text",
            " size=\"50\"") +
      Checkbox("all_cases", w.T("web.audit.draw_from_every_case"), Get(req, "all_cases") == "1") +
      (current.ok() ? Checkbox("replace", w.T("web.audit.replace_current_sample_it"),
                               Get(req, "replace") == "1")
                    : "") +
      Submit(w.T("web.audit.draw")) + "</form>\n";
  return Html(env, req, w.T("web.audit.draw_sample"), body, status);
}

// ---- the state ---------------------------------------------------------------------------

struct Move {
  AuditStatus to;
  std::string label;
};

// The moves open from the audit's state.
std::vector<Move> Moves(const Translator& w, AuditStatus from) {
  if (from == AuditStatus::kDraft) return {{AuditStatus::kConcept, w.T("web.audit.concept")}};
  if (from == AuditStatus::kConcept) {
    return {{AuditStatus::kFinal, w.T("web.audits.final")},
            {AuditStatus::kDraft, w.T("web.audit.back_draft")}};
  }
  return {};
}

Response StatePage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Audit& a = ac.audit;
  std::vector<std::string> problems;
  int status = 200;
  // The move to confirm: asked for with the button of the first form (a GET), or sent
  // back after a refusal.
  std::optional<AuditStatus> confirm;
  const std::string to_text = req.method == "POST"    ? Get(req, "to")
                              : req.query.count("to") ? req.query.at("to")
                                                      : "";
  if (!to_text.empty()) confirm = AuditStatusFromName(to_text);
  if (req.method == "POST") {
    status = 422;
    if (!confirm) {
      problems.push_back(w.T("web.audit.unknown_state", {{"state", to_text}}));
    } else {
      Transition t{*confirm, TypedNote(Get(req, "reason")), env.inspector,
                   Get(req, "without_response") == "1"};
      Status moved = MoveAudit(env.ws, a.id, t, *env.calendar, *env.calendar_text);
      if (moved.ok()) return Redirect(AuditPath(a.id) + "/state?moved=1");
      status = FormStatus(moved);
      problems = Said(env, moved);
    }
    problems.push_back(S(w.T("web.audit.state_has_not_changed")));
  }
  std::string body = AuditNav(env, a, w.T("web.parts.state")) + Messages(problems, "error");
  if (req.query.count("moved")) body += Notice(w.T("web.audit.state_has_changed"));
  body += "<p>" +
          w.T("web.audit.this_audit_is",
              {{"state", "<strong>" + StateLabel(w, a.status) + "</strong>"}}) +
          "</p>\n";
  Result<std::vector<AuditSnapshot>> versions = Snapshots(env.ws, a.id);
  if (!versions.ok()) return Fail(env, req, versions.status());
  if (!versions->empty()) {
    const AuditSnapshot& v = versions->back();
    body += "<p class=\"muted\">" +
            w.T("web.audit.latest_version", {{"version", std::to_string(v.version)},
                                             {"state", Escape(v.state)},
                                             {"as_of", w.LongDate(v.as_of)},
                                             {"at", Escape(StampLabel(w, v.created_at))}}) +
            "</p>\n";
  }
  for (const Move& m : Moves(w, a.status)) {
    const Transition t{m.to, "", env.inspector, false};
    Result<std::vector<UnmetGate>> unmet = UnmetGates(env.ws, a.id, t, *env.calendar);
    if (!unmet.ok()) return Fail(env, req, unmet.status());
    body += "<section class=\"state\"><h2>" + S(m.label) + "</h2>\n";
    if (unmet->empty()) {
      body += "<p>" + S(w.T("web.audit.every_condition_met")) + "</p>\n";
    } else {
      body += "<p>" +
              w.T("web.audit.conditions_not_yet_met", {{"count", std::to_string(unmet->size())}}) +
              "</p>\n<ul class=\"small\">";
      for (const UnmetGate& u : *unmet) body += "<li>" + EscapeWithCode(Said(env, u)) + "</li>";
      body += "</ul>\n";
    }
    if (confirm == m.to) {
      // The second step: the move itself, with what it needs.
      body += FormOpen(env, AuditPath(a.id) + "/state") +
              "<input type=\"hidden\" name=\"to\" value=\"" + S(AuditStatusName(m.to)) + "\">\n" +
              "<p><strong>" + w.T("web.audit.are_you_sure") + "</strong> " +
              S(m.to == AuditStatus::kConcept ? w.T("web.audit.audit_frozen_into_version")
                : m.to == AuditStatus::kFinal ? w.T("web.audit.final_cannot_be_undone")
                                              : w.T("web.audit.audit_goes_back_draft")) +
              "</p>\n" +
              (m.to != AuditStatus::kConcept
                   ? TextArea("reason",
                              m.to == AuditStatus::kDraft
                                  ? w.T("web.audit.reason_required")
                                  : w.T("web.audit.reason_required_without_responses"),
                              Get(req, "reason"))
                   : "") +
              (m.to == AuditStatus::kFinal
                   ? Checkbox("without_response", w.T("web.audit.without_responses"),
                              Get(req, "without_response") == "1")
                   : "") +
              Submit(w.T("web.audit.confirm", {{"move", S(m.label)}})) + "</form>\n" +
              "<p><a href=\"" + AuditPath(a.id) + "/state\">" + S(w.T("web.audit.cancel")) +
              "</a></p>\n";
    } else {
      body += "<form method=\"get\" action=\"" + AuditPath(a.id) +
              "/state\"><input type=\"hidden\" name=\"to\" value=\"" + S(AuditStatusName(m.to)) +
              "\"><button type=\"submit\">" + S(m.label) + "…</button></form>\n";
    }
    body += "</section>\n";
  }
  return Html(env, req, w.T("web.audit.state_audit"), body, status);
}

// ---- hoor en wederhoor -------------------------------------------------------------------

// At most `max` bytes of `text`, cut before a whole UTF-8 character, "…" when cut.
std::string Shortened(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// Escaped text with its line breaks shown.
std::string WithBreaks(const std::string& html) {
  std::string out;
  for (char c : html) out += c == '\n' ? std::string("<br>\n") : std::string(1, c);
  return out;
}

std::string DecisionLabel(const Translator& w, const std::string& decision) {
  if (decision == "accepted") return S(w.T("web.audit.accepted"));
  if (decision == "rejected") return S(w.T("web.audit.rejected"));
  return decision;
}

Response ResponsesPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const Audit& a = ac.audit;
  std::vector<std::string> problems;
  int status = 200;
  const std::string action = Get(req, "action");
  if (req.method == "POST") {
    status = 422;
    if (action == "add") {
      NewResponse r;
      r.audit = a.id;
      r.criterion = Get(req, "criterion");
      r.text = TypedNote(Get(req, "text"));
      r.source = Get(req, "source");
      r.actor = env.inspector;
      const std::optional<Date> received = Date::ParseIso(Get(req, "received"));
      if (!received) {
        problems.push_back(w.T("web.audit.received_not_a_date", {{"value", Get(req, "received")}}));
      } else {
        r.received = *received;
        Result<vtaudit::Response> added = AddResponse(env.ws, r);
        if (added.ok()) return Redirect(AuditPath(a.id) + "/responses?added=1");
        status = FormStatus(added.status());
        problems = Said(env, added.status());
      }
    } else if (action == "decide") {
      const std::optional<long> id = Whole(Get(req, "response"));
      const std::string decision = Get(req, "decision");
      if (!id || (decision != "accepted" && decision != "rejected")) {
        problems.push_back(S(w.T("web.audit.choose_accepted_or_rejected")));
      } else {
        Status s = DecideResponse(env.ws, a.id, *id, decision, TypedNote(Get(req, "reason")),
                                  env.inspector);
        if (s.ok()) return Redirect(AuditPath(a.id) + "/responses?decided=1");
        status = FormStatus(s);
        problems = Said(env, s);
      }
    } else {
      problems.push_back(S(w.T("web.audit.unknown_action")));
    }
    problems.push_back(S(w.T("web.forms.nothing_was_saved")));
  }
  Result<std::vector<vtaudit::Response>> responses = Responses(env.ws, a.id);
  if (!responses.ok()) return Fail(env, req, responses.status());
  std::string body = AuditNav(env, a, w.T("web.parts.responses")) + Messages(problems, "error");
  if (req.query.count("added")) body += Notice(w.T("web.audit.response_recorded"));
  if (req.query.count("decided")) body += Notice(w.T("web.audit.decision_recorded"));
  if (responses->empty()) {
    body += "<p>" + S(w.T("web.audit.no_responses_organisation_yet")) + "</p>\n";
  }
  for (const vtaudit::Response& r : *responses) {
    const std::string id = std::to_string(r.id);
    body += "<section class=\"response\"><h2>" +
            w.T("web.audit.response_on",
                {{"response", id},
                 {"subject",
                  r.criterion.empty() ? w.T("web.audit.report_as_whole") : Escape(r.criterion)}}) +
            "</h2>\n<p class=\"muted small\">" +
            w.T("web.audit.received_on", {{"date", Escape(Day(r.received, w))}}) +
            (r.source.empty() ? "" : " · " + Escape(r.source)) + " · " +
            w.T("web.audit.on_version", {{"version", std::to_string(r.version)}}) + " · " +
            (r.recorded_by.empty()
                 ? w.T("web.audit.recorded_at", {{"at", Escape(StampLabel(w, r.at))}})
                 : w.T("web.audit.recorded_at_by", {{"at", Escape(StampLabel(w, r.at))},
                                                    {"inspector", Escape(r.recorded_by)}})) +
            "</p>\n<blockquote class=\"text\">" + WithBreaks(Escape(r.text)) + "</blockquote>\n";
    if (r.decision) {
      body += "<p><strong>" + DecisionLabel(w, *r.decision) + "</strong>" +
              (r.reason.empty() ? "" : ": " + Escape(r.reason)) + " <span class=\"muted small\">(" +
              Escape(StampLabel(w, r.decided_at)) +
              (r.decided_by.empty() ? "" : ", " + Escape(r.decided_by)) + ")</span></p>\n";
    }
    const bool resubmitted = action == "decide" && Get(req, "response") == id;
    body += "<details" + std::string(resubmitted || !r.decision ? " open" : "") + "><summary>" +
            S(r.decision ? w.T("web.audit.change_decision") : w.T("web.audit.decide")) +
            "</summary>\n" + FormOpen(env, AuditPath(a.id) + "/responses") +
            "<input type=\"hidden\" name=\"action\" value=\"decide\"><input type=\"hidden\" "
            "name=\"response\" value=\"" +
            id + "\">\n<fieldset><legend>" + S(w.T("web.audit.decision")) + "</legend>";
    for (const char* d : {"accepted", "rejected"}) {
      const std::string input_id = "d" + id + "_" + d;
      const bool checked = resubmitted && Get(req, "decision") == d;
      body += "<label for=\"" + input_id + "\"><input type=\"radio\" id=\"" + input_id +
              "\" name=\"decision\" value=\"" + d + "\"" + (checked ? " checked" : "") + "> " +
              DecisionLabel(w, d) + "</label> ";
    }
    body += "</fieldset>\n" +
            TextArea("reason" + id, w.T("web.audit.reason"), resubmitted ? Get(req, "reason") : "",
                     3, "reason") +
            Submit(w.T("web.audit.record_decision")) + "</form></details>\n" + "</section>\n";
  }
  std::vector<Option> criteria{{"", S(w.T("web.audit.report_as_whole"))}};
  for (const Criterion* k : ac.framework->Criteria()) {
    criteria.push_back({k->id, k->id + " — " + Shortened(Name(l, k->text, k->gloss), 80)});
  }
  const bool adding = action == "add";
  const std::string today = DutchToday().ToIso();
  body +=
      "<h2>" + S(w.T("web.audit.record_response")) + "</h2>\n" +
      FormOpen(env, AuditPath(a.id) + "/responses") +
      "<input type=\"hidden\" name=\"action\" value=\"add\">\n" +
      Select("criterion", w.T("web.audits.criterion"), criteria,
             adding ? Get(req, "criterion") : "") +
      TextArea("text", w.T("web.audit.organisation_s_response"), adding ? Get(req, "text") : "",
               5) +
      Input("source", w.T("web.audit.source_e_g_board"), adding ? Get(req, "source") : "") +
      Input("received", w.T("web.audit.received"), adding ? Get(req, "received") : today, "date") +
      Submit(w.T("web.audit.record_the_response")) + "</form>\n";
  return Html(env, req, w.T("web.parts.responses"), body, status);
}

// ---- the report versions -----------------------------------------------------------------

const char* ContentType(const std::string& format) {
  if (format == "pdf") return "application/pdf";
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "json") return "application/json";
  return "text/csv; charset=utf-8";
}

Response VersionsPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Audit& a = ac.audit;
  Result<std::vector<ReportVersionInfo>> versions = ReportVersions(env.ws, a.id);
  if (!versions.ok()) return Fail(env, req, versions.status());
  std::string body = AuditNav(env, a, w.T("web.parts.versions"));
  body += "<p><a href=\"" + AuditPath(a.id) + "/report.pdf\">" +
          S(a.status == AuditStatus::kDraft ? w.T("web.audit.download_draft_as_pdf")
                                            : w.T("web.audit.download_latest_version_as")) +
          "</a></p>\n";
  if (versions->empty()) {
    body += "<p>" + S(w.T("web.audit.there_no_version_yet")) + "</p>\n";
    return Html(env, req, w.T("web.audit.report_versions"), body);
  }
  body += "<table><thead><tr><th>" + S(w.T("web.audit.version")) + "</th><th>" +
          S(w.T("web.parts.state")) + "</th><th>" + S(w.T("web.audit.peildatum")) + "</th><th>" +
          S(w.T("web.audit.made")) + "</th><th>" + S(w.T("web.audit.files")) +
          "</th></tr></thead><tbody>\n";
  for (const ReportVersionInfo& v : *versions) {
    std::string files;
    for (const StoredReport& f : v.files) {
      files += "<div><a href=\"" + AuditPath(a.id) + "/version/" +
               std::to_string(v.snapshot.version) + "/" + Escape(UrlSegment(f.format)) + "/" +
               Escape(UrlSegment(f.lang)) + "\">" + Escape(f.format) + " (" + Escape(f.lang) +
               ")</a> <span class=\"muted small\">" + Escape(StampLabel(w, f.written_at)) +
               " · SHA-256 " + Escape(f.sha256.substr(0, 12)) + "</span></div>";
    }
    for (const WithdrawnReport& gone : v.withdrawn) {
      files += "<div class=\"muted small\">" + Escape(gone.format) + " (" + Escape(gone.lang) +
               ") " +
               w.T("web.audit.withdrawn_on", {{"at", Escape(StampLabel(w, gone.withdrawn_at))}}) +
               (gone.reason.empty() ? "" : ": " + Escape(gone.reason)) + "</div>";
    }
    if (files.empty()) {
      files = "<span class=\"muted small\">" + S(w.T("web.audit.no_file_written_yet")) + "</span>";
    }
    body += "<tr><td>" + std::to_string(v.snapshot.version) + "</td><td>" +
            Escape(v.snapshot.state) + "</td><td>" + w.LongDate(v.snapshot.as_of) + "</td><td>" +
            Escape(StampLabel(w, v.snapshot.created_at)) + "</td><td>" + files + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, w.T("web.audit.report_versions"), body);
}

// A kept report file: /audit/N/version/V/FORMAT/LANG, the bytes stored, as a download.
Response VersionFile(const PageEnv& env, const Request& req, const AuditContext& ac,
                     const std::string& version, const std::string& format,
                     const std::string& lang) {
  const std::optional<long> v = Whole(version);
  if (!v || (lang != "nl" && lang != "en") ||
      (format != "html" && format != "pdf" && format != "json" && format != "csv")) {
    return ErrorPage(env, req, 404, req.path);
  }
  const ReportTemplates& templates = lang == "en" ? *env.report_en : *env.report_nl;
  Result<WrittenReport> report =
      WriteReport(env.ws, ac.audit.id, format, templates, *env.calendar, static_cast<int>(*v));
  if (!report.ok()) return Fail(env, req, report.status());
  Response r{200, ContentType(format), std::move(report->bytes), ""};
  const std::string file = "rapport-" + ac.audit.org + "-" + std::to_string(ac.audit.period) +
                           "-v" + std::to_string(*v) + "-" + lang + "." + format;
  r.disposition =
      "attachment; filename=\"" + UrlSegment(file) + "\"; filename*=UTF-8''" + UrlSegment(file);
  return r;
}

}  // namespace

}  // namespace vtaudit::web::page

namespace vtaudit::web {

std::optional<Response> AuditWorkPage(const PageEnv& env, const Request& req) {
  using namespace page;
  const std::vector<std::string>& s = req.segments;
  if (s.size() == 2 && s[0] == "audit" && s[1] == "new") return NewAuditPage(env, req);
  if (s.size() < 3 || s[0] != "audit") return std::nullopt;
  const std::string& what = s[2];
  const bool form = s.size() == 3 &&
                    (what == "import" || what == "draw" || what == "state" || what == "responses");
  const bool shown = (s.size() == 3 && what == "versions") || (s.size() == 6 && what == "version");
  if (!form && !shown) return std::nullopt;
  if (shown && req.method != "GET") return ErrorPage(env, req, 405, req.method);
  Result<AuditContext> ac = LoadAudit(env, s[1]);
  if (!ac.ok()) return Fail(env, req, ac.status());
  if (what == "import") return ImportPage(env, req, *ac);
  if (what == "draw") return DrawPage(env, req, *ac);
  if (what == "state") return StatePage(env, req, *ac);
  if (what == "responses") return ResponsesPage(env, req, *ac);
  if (what == "versions") return VersionsPage(env, req, *ac);
  return VersionFile(env, req, *ac, s[3], s[4], s[5]);
}

}  // namespace vtaudit::web
