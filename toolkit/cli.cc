#include "cli.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "database.h"

namespace vtaudit::cli {

std::optional<std::string> Context::Get(std::string_view name) const {
  const auto it = options_.find(std::string(name));
  if (it == options_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Context::GetAll(std::string_view name) const {
  const auto it = options_.find(std::string(name));
  return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::string Context::Required(std::string_view name) const {
  std::optional<std::string> v = Get(name);
  if (!v) {
    std::string arg;
    for (const Option& o : command_.options) {
      if (o.name == name) arg = " " + std::string(o.arg);
    }
    throw UsageError("'" + std::string(command_.name) + "' needs " + std::string(name) + arg);
  }
  return *v;
}

namespace {

long ParseLong(std::string_view name, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0) {
    throw UsageError(std::string(name) + " must be a whole number, got '" + text + "'");
  }
  return v;
}

}  // namespace

long Context::RequiredInt(std::string_view name) const { return ParseLong(name, Required(name)); }

std::optional<long> Context::OptionalInt(std::string_view name) const {
  const std::optional<std::string> v = Get(name);
  if (!v) return std::nullopt;
  return ParseLong(name, *v);
}

std::optional<double> Context::OptionalDouble(std::string_view name) const {
  const std::optional<std::string> v = Get(name);
  if (!v) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0') {
    throw UsageError(std::string(name) + " must be a number, got '" + *v + "'");
  }
  return d;
}

Date Context::DateOption(std::string_view name, Date fallback) const {
  const std::optional<std::string> text = Get(name);
  if (!text) return fallback;
  const std::optional<Date> d = Date::ParseIso(*text);
  if (!d) throw UsageError(std::string(name) + " must be a date YYYY-MM-DD, got '" + *text + "'");
  return *d;
}

std::optional<Date> Context::OptionalAsOf() const {
  if (!Get("--as-of")) return std::nullopt;
  return DateOption("--as-of", Date());
}

Cohort Context::CohortOption() const {
  const std::string cohort = Get("--cohort").value_or("completed");
  if (cohort == "completed") return Cohort::kCompleted;
  if (cohort == "due") return Cohort::kDue;
  throw UsageError("--cohort must be completed or due, got '" + cohort + "'");
}

std::string Context::LangOption() const {
  const std::string lang = Get("--lang").value_or("nl");
  if (lang != "nl" && lang != "en") throw UsageError("--lang must be nl or en, got '" + lang + "'");
  return lang;
}

Result<Workspace*> Context::workspace() {
  if (!workspace_) {
    Result<std::unique_ptr<Workspace>> ws = Workspace::Open(db_path_);
    if (!ws.ok()) return ws.status();
    workspace_ = std::move(*ws);
    // After the open: SQLite has made the -wal and -shm files by then, with the file's mode.
    WarnIfExposed(db_path_);
  }
  return workspace_.get();
}

std::string ShellWord(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_./-+:=@%", c);
  });
  if (plain) return text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

void WarnIfExposed(const std::string& db_path) {
  const std::vector<ExposedFile> exposed = ExposedWorkspaceFiles(db_path);
  if (exposed.empty()) return;
  std::string files;
  for (size_t i = 0; i < exposed.size(); ++i) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", exposed[i].mode);
    if (i > 0) files += i + 1 == exposed.size() ? " and " : ", ";
    files += Printable(exposed[i].path, 200) + " (mode " + mode + ")";
  }
  std::fprintf(stderr,
               "vtaudit: warning: %s %s open to others than %s owner, and the workspace holds "
               "case files\n"
               "vtaudit: warning: restrict %s to yourself: vtaudit --db %s workspace restrict\n",
               files.c_str(), exposed.size() == 1 ? "is" : "are",
               exposed.size() == 1 ? "its" : "their", exposed.size() == 1 ? "it" : "them",
               Printable(ShellWord(db_path), 200).c_str());
}

// Where the shipped data (checklists/, reports/, samples/) is, in this order:
//   1. $VTAUDIT_DATA_DIR, when set;
//   2. an installed vtaudit: PREFIX/share/vtaudit next to PREFIX/bin/vtaudit (found from
//      /proc/self/exe, so an installed tree can be moved as a whole);
//   3. the source tree the binary was built from (a build that is not installed).
std::string DataDir() {
  static const std::string dir = [] {
    const char* env = std::getenv("VTAUDIT_DATA_DIR");
    if (env && *env) return std::string(env);
    std::error_code error;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
      const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "vtaudit";
      if (std::filesystem::is_directory(installed / "checklists", error)) return installed.string();
    }
    return std::string(VTAUDIT_DATA_DIR);
  }();
  return dir;
}

std::string DefaultFrameworkPath() {
  return DataDir() + "/checklists/toetsingskader-veilig-thuis-2025.xml";
}

std::string DefaultCalendarPath() { return DataDir() + "/checklists/kalender-nl.xml"; }

int64_t ParseAuditId(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || id <= 0) {
    throw UsageError("an audit ID is a positive whole number, got '" + text + "'");
  }
  return id;
}

int64_t RequiredAuditId(const Context& ctx) { return ParseAuditId(ctx.Required("--audit")); }

std::optional<std::string> OptionalInspectorName(const Context& ctx) {
  if (std::optional<std::string> name = ctx.Get("--inspector")) return name;
  if (const char* env = std::getenv("VTAUDIT_INSPECTOR"); env && *env) return std::string(env);
  return std::nullopt;
}

std::string InspectorName(const Context& ctx) {
  if (std::optional<std::string> name = OptionalInspectorName(ctx)) return *name;
  throw UsageError("say who scores: --inspector NAME, or set VTAUDIT_INSPECTOR");
}

std::string Printable(std::string_view text, size_t max_bytes) {
  std::string out;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    if (out.size() >= max_bytes && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i < text.size()) out += "…";
  return out;
}

int Fail(const Status& status) {
  for (const std::string& m : status.messages()) std::fprintf(stderr, "vtaudit: %s\n", m.c_str());
  return 1;
}

int Fail(std::string_view message) {
  std::fprintf(stderr, "vtaudit: %.*s\n", static_cast<int>(message.size()), message.data());
  return 1;
}

}  // namespace vtaudit::cli
