// The command-line front end: one table of commands (name, one-line help, usage,
// options, handler) from which `--help` is printed and arguments are checked, so a
// command cannot forget its help. Handlers turn arguments into library calls and
// library results into text or JSON; they hold no domain logic.
#ifndef VTAUDIT_TOOLKIT_CLI_H_
#define VTAUDIT_TOOLKIT_CLI_H_

#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compare.h"
#include "compare_writer.h"
#include "status.h"
#include "timeliness.h"
#include "workspace.h"

namespace vtaudit::cli {

struct Option {
  std::string_view name;  // "--org"
  std::string_view arg;   // "CODE"; empty for a flag
  std::string_view help;
  bool repeatable = false;
};

class Context;
using Handler = int (*)(Context&);

struct Command {
  std::string_view name;     // "framework show"
  std::string_view summary;  // one line
  std::string_view usage;    // after the name: "FILE [--json]"
  std::vector<Option> options;
  Handler run;
  int min_positional = 0;
  int max_positional = 0;  // -1: any number
};

// Thrown by handlers for wrong arguments; main prints it and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Context {
 public:
  Context(const Command& command, std::vector<std::string> positional,
          std::map<std::string, std::vector<std::string>> options, std::string db_path)
      : command_(command),
        positional_(std::move(positional)),
        options_(std::move(options)),
        db_path_(std::move(db_path)) {}

  const Command& command() const { return command_; }
  const std::vector<std::string>& positional() const { return positional_; }
  bool Flag(std::string_view name) const { return options_.count(std::string(name)) > 0; }
  std::optional<std::string> Get(std::string_view name) const;
  std::vector<std::string> GetAll(std::string_view name) const;
  // The option's value; a UsageError naming it when absent.
  std::string Required(std::string_view name) const;
  long RequiredInt(std::string_view name) const;
  std::optional<long> OptionalInt(std::string_view name) const;
  std::optional<double> OptionalDouble(std::string_view name) const;
  // A date option (YYYY-MM-DD); `fallback` when absent, a UsageError when malformed.
  Date DateOption(std::string_view name, Date fallback) const;
  // --as-of, default today.
  Date AsOf() const { return DateOption("--as-of", Date::Today()); }
  // --as-of when given.
  std::optional<Date> OptionalAsOf() const;
  // --cohort completed (default) or due.
  Cohort CohortOption() const;
  // --lang nl (default) or en.
  std::string LangOption() const;

  // Opens the workspace (once). Errors are returned, not thrown.
  Result<Workspace*> workspace();
  const std::string& db_path() const { return db_path_; }

 private:
  const Command& command_;
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> options_;
  std::string db_path_;
  std::unique_ptr<Workspace> workspace_;
};

// Warns on stderr when the workspace at `db_path` or its -wal/-shm/-journal file is open to
// others than its owner, and names the command that restricts them.
void WarnIfExposed(const std::string& db_path);
// `text` as one word for a POSIX shell: as it is when plain, else in single quotes.
std::string ShellWord(const std::string& text);

// Prints each message of a failed status as "vtaudit: …" on stderr; returns 1.
int Fail(const Status& status);
// Prints "vtaudit: message" on stderr; returns 1.
int Fail(std::string_view message);

const std::vector<Command>& Commands();

// Where the shipped checklists live: $VTAUDIT_DATA_DIR, else the source tree this
// binary was built from.
std::string DataDir();
std::string DefaultFrameworkPath();  // checklists/toetsingskader-veilig-thuis-2025.xml
std::string DefaultCalendarPath();   // checklists/kalender-nl.xml
// An audit id given as text; a UsageError unless it is a positive whole number.
int64_t ParseAuditId(const std::string& text);
// The --audit option as an audit id.
int64_t RequiredAuditId(const Context& ctx);
// The inspector: --inspector, else $VTAUDIT_INSPECTOR; a UsageError when neither is given
// (never the login name: a score must name who made it).
std::string InspectorName(const Context& ctx);
// The same, or none when neither is given.
std::optional<std::string> OptionalInspectorName(const Context& ctx);
// `text` fit for one terminal line: control characters (newlines, ESC…) shown as \n, \t or
// \xNN, cut after `max_bytes` (at a UTF-8 boundary) with "…".
std::string Printable(std::string_view text, size_t max_bytes);

// Handlers, one file per command group (cmd_<name>.cc).
int FrameworkValidate(Context& ctx);
int FrameworkShow(Context& ctx);
int FrameworkList(Context& ctx);
int OrgList(Context& ctx);
int OrgAdd(Context& ctx);
int CasesImport(Context& ctx);
int CasesList(Context& ctx);
int CasesDeliveries(Context& ctx);
int CasesCheck(Context& ctx);
int CasesTemplate(Context& ctx);
int Timeliness(Context& ctx);
int OrgImport(Context& ctx);
int SamplesGenerate(Context& ctx);
int AuditNew(Context& ctx);
int AuditList(Context& ctx);
int AuditShow(Context& ctx);
int AuditStatusCommand(Context& ctx);
int AuditInspectors(Context& ctx);
int AuditSet(Context& ctx);
int AuditHistory(Context& ctx);
int AuditExport(Context& ctx);
int AuditImport(Context& ctx);
int ScoreSkip(Context& ctx);
int ResponseAdd(Context& ctx);
int ResponseDecide(Context& ctx);
int ResponseList(Context& ctx);
int FindingSet(Context& ctx);
int FindingShow(Context& ctx);
int SampleSizeCommand(Context& ctx);
int SampleDraw(Context& ctx);
int SampleShow(Context& ctx);
int ScoreSet(Context& ctx);
int ScoreImport(Context& ctx);
int ScoreTemplateCommand(Context& ctx);
int ScoreShow(Context& ctx);
int ScoreHistoryCommand(Context& ctx);
int ScoreReconcile(Context& ctx);
int ScoreClear(Context& ctx);
int ScoreRedact(Context& ctx);
int AgreementCommand(Context& ctx);
int JudgeCommand(Context& ctx);
int Demo(Context& ctx);
int Serve(Context& ctx);
int WorkspaceRestrict(Context& ctx);
int CompareCommand(Context& ctx);
int ReportCommand(Context& ctx);
int ReportVersionsCommand(Context& ctx);
int ReportDiffCommand(Context& ctx);
int ArchivePushCommand(Context& ctx);
int ArchivePullCommand(Context& ctx);
int ArchiveStatusCommand(Context& ctx);
// compare --archive: the comparison over the archive (cmd_archive.cc).
int CompareArchive(Context& ctx, const CompareRequest& request, const Framework& reference,
                   const std::string& format, const Translator& words);
// Writes the comparison in `format` (table, html, json, csv) to --output or standard output.
int WriteComparison(Context& ctx, const Comparison& comparison, const CompareMeta& meta,
                    const std::string& format);

}  // namespace vtaudit::cli

#endif  // VTAUDIT_TOOLKIT_CLI_H_
