// vtaudit: the command line. Parses global options, finds the command in the one
// table, checks its arguments against the table, and runs it. Exceptions are bugs
// or library failures and are caught here, once.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli.h"
#include "version.h"

namespace vtaudit::cli {
namespace {

constexpr int kExitUsage = 2;

const std::vector<Command>& Table() {
  // clang-format off
  static const std::vector<Command> kCommands = {
      {"framework validate",
       "check framework files against the format and its rules",
       "FILE...",
       {},
       FrameworkValidate,
       1,
       -1},
      {"framework show",
       "print a framework's scale, deadlines, domains and criteria",
       "FILE",
       {{"--json", "", "print JSON (id, version, title, scale, domains, deadlines)"}},
       FrameworkShow,
       1,
       1},
      {"framework list",
       "list the frameworks stored in the workspace",
       "",
       {},
       FrameworkList,
       0,
       0},
      {"org list",
       "list the organisations in the workspace",
       "",
       {{"--json", "", "print JSON"}},
       OrgList,
       0,
       0},
      {"org add",
       "register an organisation",
       "CODE NAME",
       {{"--region", "REGION", "the region it serves"},
        {"--size-weight", "W", "relative size (default 1)"}},
       OrgAdd,
       2,
       2},
      {"org import",
       "register the organisations of a CSV file (code,name,region,size_weight)",
       "FILE",
       {},
       OrgImport,
       1,
       1},
      {"cases import",
       "import a registration extract (CSV or XLSX), all or nothing",
       "--org CODE [--profile FILE] FILE...",
       {{"--org", "CODE", "the organisation the extract belongs to"},
        {"--sheet", "NAME", "XLSX: the sheet to read (default: the first)"},
        {"--profile", "FILE", "how the delivery maps onto the case fields (default: native)"}},
       CasesImport,
       1,
       -1},
      {"cases check",
       "check a delivery as an import would, listing every error; writes nothing",
       "[--profile FILE] FILE...",
       {{"--sheet", "NAME", "XLSX: the sheet to read (default: the first)"},
        {"--profile", "FILE", "how the delivery maps onto the case fields (default: native)"}},
       CasesCheck,
       1,
       -1},
      {"cases template",
       "write an empty delivery: the header and, in XLSX, a sheet explaining each column",
       "[--profile FILE] --format csv|xlsx --output FILE",
       {{"--profile", "FILE", "the profile whose columns to write (default: native)"},
        {"--format", "FORMAT", "csv or xlsx"},
        {"--output", "FILE", "where to write it"}},
       CasesTemplate,
       0,
       0},
      {"cases list",
       "list an organisation's imported cases",
       "--org CODE",
       {{"--org", "CODE", "the organisation"},
        {"--limit", "N", "show at most N cases"},
        {"--json", "", "print JSON"}},
       CasesList,
       0,
       0},
      {"cases deliveries",
       "list an organisation's deliveries and the profile that shaped each",
       "--org CODE",
       {{"--org", "CODE", "the organisation"}, {"--json", "", "print JSON"}},
       CasesDeliveries,
       0,
       0},
      {"timeliness", "share of cases finished within each legal term", "--org CODE --from DATE --to DATE | --sample AUDIT",
       {{"--org", "CODE", "the organisation"},
        {"--from", "DATE", "first day of the period (YYYY-MM-DD)"},
        {"--to", "DATE", "last day of the period, inclusive"},
        {"--as-of", "DATE", "the day open cases are judged on (default today; with --sample the audit's peildatum)"},
        {"--cohort", "C", "completed (default: finished in the period) or due (due in the period)"},
        {"--framework", "FILE", "framework with the deadlines (default the shipped 2025 framework)"},
        {"--calendar", "FILE", "days equated to holidays (default checklists/kalender-nl.xml)"},
        {"--list", "STATUS", "list the cases: all, on_time, late, pending, overdue, invalid, or open (the waiting list)"},
        {"--sample", "AUDIT", "only the audit's sampled cases, with 95% Wilson intervals (org and period default to the audit's)"},
        {"--by", "month", "per month of the period: started, completed, on time, late, share, the stock at the month's end"},
        {"--csv", "", "print CSV (with --by month)"},
        {"--json", "", "print JSON"}},
       Timeliness, 0, 0},
      {"samples generate",
       "write a synthetic national registration, one extract per organisation",
       "--output DIR [--seed S] [--years 2019-2025] [--scale X]",
       {{"--output", "DIR", "the directory to write (created when needed)"},
        {"--seed", "S", "the seed (default 2026); the same seed gives identical files"},
        {"--years", "FROM-TO", "the years, within 2019-2025 (default 2019-2025)"},
        {"--scale", "X", "share of the national volume (default 1: exact calibration)"},
        {"--organisations", "FILE", "the organisations (default samples/organisations.csv)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"},
        {"--timing", "", "print the generation time on stderr"}},
       SamplesGenerate,
       0,
       0},
      {"audit new",
       "start an audit of one organisation over one year with a framework",
       "--org CODE --period YEAR --framework FILE [--inspector NAME...] [--as-of DATE] [--force]",
       {{"--org", "CODE", "the organisation audited"},
        {"--period", "YEAR", "the calendar year audited"},
        {"--framework", "FILE", "the framework (stored in the workspace by its SHA-256)"},
        {"--inspector", "NAME", "an inspector of the audit", true},
        {"--as-of", "DATE", "the peildatum (default: end of the period plus the longest clock, at most today)"},
        {"--calendar", "FILE", "the calendar for the default peildatum (default checklists/kalender-nl.xml)"},
        {"--force", "", "allow a second audit of the same organisation and period"}},
       AuditNew,
       0,
       0},
      {"audit list", "list the audits in the workspace", "[--json]",
       {{"--json", "", "print JSON"}}, AuditList, 0, 0},
      {"audit show",
       "print an audit: organisation, period, framework, state, peildatum, inspectors, sample, versions",
       "--audit ID [--json]",
       {{"--audit", "ID", "the audit (or give the ID alone)"}, {"--json", "", "print JSON"}},
       AuditShow,
       0,
       1},
      {"audit status",
       "move an audit: draft (werkversie) → concept → final (definitief); lists unmet conditions",
       "--audit ID draft|concept|final [--reason TEXT] [--without-response]",
       {{"--audit", "ID", "the audit (or give the ID before the state)"},
        {"--reason", "TEXT", "why (needed to go back to draft, and with --without-response)"},
        {"--without-response", "", "final without a hoor-en-wederhoor round (give the reason)"},
        {"--inspector", "I", "who makes the move (default $VTAUDIT_INSPECTOR)"},
        {"--calendar", "FILE", "the calendar kept with the concept (default checklists/kalender-nl.xml)"},
        {"--check", "", "only list the unmet conditions; change nothing"}},
       AuditStatusCommand,
       1,
       2},
      {"audit set",
       "change a draft's peildatum (recorded)",
       "--audit ID --as-of DATE",
       {{"--audit", "ID", "the audit"},
        {"--as-of", "DATE", "the new peildatum"},
        {"--inspector", "I", "who changes it (default $VTAUDIT_INSPECTOR)"}},
       AuditSet,
       0,
       0},
      {"audit history",
       "print what happened to an audit: inspectors, peildatum, states, criteria not judged",
       "--audit ID [--json]",
       {{"--audit", "ID", "the audit"}, {"--json", "", "print JSON"}},
       AuditHistory,
       0,
       0},
      {"audit inspectors",
       "list, add or remove the inspectors of an audit (only they may score; every change is recorded)",
       "--audit ID [--add NAME...] [--remove NAME...] [--json]",
       {{"--audit", "ID", "the audit"},
        {"--add", "NAME", "an inspector to add", true},
        {"--remove", "NAME", "an inspector to remove (their scores stay on record)", true},
        {"--json", "", "print JSON: the inspectors and the changes"}},
       AuditInspectors,
       0,
       0},
      {"audit export",
       "write an audit to one bundle file (0600) for another laptop or the archive; prints its SHA-256",
       "--audit ID --output FILE",
       {{"--audit", "ID", "the audit"},
        {"--output", "FILE", "the bundle to write (never over an existing file)"}},
       AuditExport,
       0,
       0},
      {"audit import",
       "merge an audit bundle into the workspace: verified, then every event once, nothing overwritten",
       "FILE",
       {},
       AuditImport,
       1,
       1},
      {"sample size",
       "the sample size for estimating a share (finite population correction)",
       "(--population N | --audit ID [--where COND] [--all-cases]) --expected P --margin E [--confidence C] [--json]",
       {{"--population", "N", "cases to draw from"},
        {"--audit", "ID", "take the population from the audit, as sample draw does"},
        {"--where", "COND", "with --audit: only cases matching a condition"},
        {"--all-cases", "", "with --audit: every case of the period"},
        {"--expected", "P", "the share expected (0.5 when unknown)"},
        {"--margin", "E", "the margin wanted, as a share (0.05)"},
        {"--confidence", "C", "0.90, 0.95 or 0.99 (default 0.95)"},
        {"--json", "", "print JSON with n and the inputs"}},
       SampleSizeCommand,
       0,
       0},
      {"sample draw",
       "draw the audit's sample of case files, reproducibly from a seed",
       "--audit ID --size N [--seed S] [--stratify FIELD] [--where COND] [--all-cases] [--reserve K] [--replace]",
       {{"--audit", "ID", "the audit"},
        {"--size", "N", "cases to draw"},
        {"--seed", "S", "the seed (a number or any text; default a fresh random seed)"},
        {"--stratify", "FIELD", "proportional strata by a case field (kind, violence, outcome...)"},
        {"--where", "COND", "only cases matching a condition (framework syntax)"},
        {"--all-cases", "", "draw from every case of the period, not only those a case criterion applies to"},
        {"--reserve", "K", "cases drawn after the sample as its reserve list (default 5)"},
        {"--replace", "", "replace an earlier draw (which stays on record)"}},
       SampleDraw,
       0,
       0},
      {"sample show",
       "print the audit's sample and reserve, or write them as CSV",
       "--audit ID [--json] [--csv FILE]",
       {{"--audit", "ID", "the audit"},
        {"--json", "", "print JSON"},
        {"--csv", "FILE", "write audit, organisation, seed, date, the case numbers and the reserve to FILE for the organisation"}},
       SampleShow,
       0,
       0},
      {"score set",
       "record a score for a sampled case or for the organisation",
       "--audit ID [--case C] --criterion K --result R [--note T] [--inspector I]",
       {{"--audit", "ID", "the audit"},
        {"--case", "C", "the sampled case (omit for organisation criteria)"},
        {"--criterion", "K", "the criterion id"},
        {"--result", "R", "voldoet, voldoet_niet or nvt; a scale level for the organisation"},
        {"--note", "T", "the finding (no names, no BSN); without it the earlier note stays"},
        {"--response", "N", "the accepted response this change follows from"},
        {"--inspector", "I", "who scores, one of the audit's inspectors (default $VTAUDIT_INSPECTOR)"}},
       ScoreSet,
       0,
       0},
      {"score skip",
       "mark a criterion niet beoordeeld (not judged) with the reason, or take the mark back",
       "--audit ID --criterion K --reason T [--undo]",
       {{"--audit", "ID", "the audit"},
        {"--criterion", "K", "the criterion id"},
        {"--reason", "T", "why it is not judged"},
        {"--undo", "", "take the mark back"},
        {"--inspector", "I", "who decides (default $VTAUDIT_INSPECTOR)"}},
       ScoreSkip,
       0,
       0},
      {"response add",
       "record the organisation's response to the concept (hoor en wederhoor)",
       "--audit ID [--criterion K] --text T|--file F [--source S] [--received DATE]",
       {{"--audit", "ID", "the audit"},
        {"--criterion", "K", "the criterion it answers (omit for the report as a whole)"},
        {"--text", "T", "what the organisation wrote"},
        {"--file", "F", "read the text from a UTF-8 file"},
        {"--source", "S", "where it came from (\"brief van de bestuurder\")"},
        {"--received", "DATE", "when it came in (default today)"},
        {"--inspector", "I", "who records it (default $VTAUDIT_INSPECTOR)"}},
       ResponseAdd,
       0,
       0},
      {"response decide",
       "record what the inspectors did with a response: accepted or rejected, and why",
       "--audit ID --response N accepted|rejected --reason T",
       {{"--audit", "ID", "the audit"},
        {"--response", "N", "the response (see response list)"},
        {"--reason", "T", "why"},
        {"--inspector", "I", "who decides (default $VTAUDIT_INSPECTOR)"}},
       ResponseDecide,
       1,
       1},
      {"finding set",
       "write the inspectors' finding on a criterion or standard, with its evidence",
       "--audit ID --criterion K|--standard S --text T|--file F [--evidence T] [--inspector I]",
       {{"--audit", "ID", "the audit"},
        {"--criterion", "K", "the criterion the finding is on"},
        {"--standard", "S", "or the standard it is on"},
        {"--text", "T", "the finding (no names, no BSN)"},
        {"--file", "F", "read the finding from a UTF-8 file"},
        {"--evidence", "T", "what it rests on: case numbers, documents, interviews"},
        {"--inspector", "I", "who writes it, one of the audit's inspectors (default $VTAUDIT_INSPECTOR)"}},
       FindingSet,
       0,
       0},
      {"finding show",
       "print the findings that count per criterion and standard, or all of them",
       "--audit ID [--history] [--json]",
       {{"--audit", "ID", "the audit"},
        {"--history", "", "every finding written, oldest first"},
        {"--json", "", "print JSON"}},
       FindingShow,
       0,
       0},
      {"response list",
       "print the organisation's responses and what was decided",
       "--audit ID [--json]",
       {{"--audit", "ID", "the audit"}, {"--json", "", "print JSON"}},
       ResponseList,
       0,
       0},
      {"score clear",
       "withdraw an inspector's score (recorded in the trail)",
       "--audit ID [--case C] --criterion K [--reason T] [--inspector I]",
       {{"--audit", "ID", "the audit"},
        {"--case", "C", "the sampled case (omit for organisation criteria)"},
        {"--criterion", "K", "the criterion id"},
        {"--reason", "T", "why the score is withdrawn"},
        {"--inspector", "I", "whose score (default $VTAUDIT_INSPECTOR)"}},
       ScoreClear,
       0,
       0},
      {"score import",
       "import a score sheet (CSV case_id,criterion,result,note[,inspector]), all or nothing",
       "--audit ID FILE",
       {{"--audit", "ID", "the audit"},
        {"--inspector", "I", "inspector for rows without one (default $VTAUDIT_INSPECTOR)"}},
       ScoreImport,
       1,
       1},
      {"score template",
       "write the score sheet to fill in: each sampled case by each criterion that applies, then the organisation",
       "--audit ID --output FILE [--format csv|xlsx]",
       {{"--audit", "ID", "the audit"},
        {"--output", "FILE", "where to write it"},
        {"--format", "FORMAT", "csv or xlsx (default: xlsx for a FILE ending in .xlsx, else csv)"}},
       ScoreTemplateCommand,
       0,
       0},
      {"score show",
       "print the current scores of an audit as an inspector may see them (blind), or --all",
       "--audit ID [--inspector I | --all] [--json]",
       {{"--audit", "ID", "the audit"},
        {"--inspector", "I", "whose view: others' scores only where I scored too (default $VTAUDIT_INSPECTOR)"},
        {"--all", "", "every inspector's scores, for the reconciliation"},
        {"--json", "", "print JSON"}},
       ScoreShow,
       0,
       0},
      {"score history",
       "print the audit trail of scores: who, when, old and new result and note",
       "--audit ID [--case C] [--criterion K] [--inspector I | --all] [--json]",
       {{"--audit", "ID", "the audit"},
        {"--case", "C", "only this case"},
        {"--criterion", "K", "only this criterion"},
        {"--inspector", "I", "whose view, blind as in score show (default $VTAUDIT_INSPECTOR)"},
        {"--all", "", "every inspector's events"},
        {"--json", "", "print JSON"}},
       ScoreHistoryCommand,
       0,
       0},
      {"score reconcile",
       "record the agreed score where inspectors' scores differ, with the reason",
       "--audit ID [--case C] --criterion K --result R --reason T [--inspector I]",
       {{"--audit", "ID", "the audit"},
        {"--case", "C", "the sampled case (omit for organisation criteria)"},
        {"--criterion", "K", "the criterion id"},
        {"--result", "R", "the agreed result"},
        {"--reason", "T", "how and why it was agreed"},
        {"--inspector", "I", "who records it, one of the audit's inspectors (default $VTAUDIT_INSPECTOR)"}},
       ScoreReconcile,
       0,
       0},
      {"score redact",
       "replace a note that must not be kept (a BSN, a name) by \"[verwijderd: REASON]\", recorded",
       "--audit ID --event N --reason T [--inspector I]",
       {{"--audit", "ID", "the audit (any state: draft, concept or final)"},
        {"--event", "N", "the score event: its number in score history --all, or its uid"},
        {"--reason", "T", "why (kept, and shown in place of the note; no names, no BSN)"},
        {"--inspector", "I", "who redacts, one of the audit's inspectors (default $VTAUDIT_INSPECTOR)"}},
       ScoreRedact,
       0,
       0},
      {"agreement",
       "agreement between inspectors per criterion: observed, Cohen's kappa, disagreements",
       "--audit ID [--json]",
       {{"--audit", "ID", "the audit"}, {"--json", "", "print JSON"}},
       AgreementCommand,
       0,
       0},
      {"judge",
       "judge every criterion, standard and domain of an audit",
       "--audit ID [--json] [--explain [--lang nl|en]] [--as-of DATE] [--calendar FILE]",
       {{"--audit", "ID", "the audit"},
        {"--json", "", "print JSON: domains, standards, criteria"},
        {"--explain", "", "show the numbers and the rule behind every level, in words"},
        {"--lang", "nl|en", "the language of --explain (default nl)"},
        {"--as-of", "DATE", "a draft only: the date open cases are judged at (default the audit's peildatum)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"}},
       JudgeCommand,
       0,
       0},
      {"demo",
       "build a workspace of synthetic data with judged example audits, and say what it wrote",
       "[--output DIR]",
       {{"--output", "DIR", "the directory to write (default ./vtaudit-demo; a previous demo is replaced)"},
        {"--timing", "", "print the time taken on stderr"}},
       Demo,
       0,
       0},
      {"serve",
       "the web UI for scoring on this computer (127.0.0.1 only), until Ctrl-C",
       "[--port P] [--lang nl|en] [--inspector I]",
       {{"--port", "P", "the port (default 8321; 0: a free port, shown in the URL)"},
        {"--lang", "L", "nl (default) or en; the pages have a language switch"},
        {"--inspector", "I", "who works first (default $VTAUDIT_INSPECTOR; else the pages ask)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"}},
       Serve,
       0,
       0},
      {"workspace restrict",
       "restrict the workspace and its -wal/-shm files to their owner (mode 0600)",
       "",
       {},
       WorkspaceRestrict,
       0,
       0},
      {"compare",
       "compare organisations and years: shares on time, norms, ranking, trends, counts",
       "--period YEAR... [--org CODE...] [--deadline ID...] [--format table|html|json|csv] [--archive]",
       {{"--period", "YEAR", "a year or a range 2019-2025", true},
        {"--org", "CODE", "an organisation (default: all)", true},
        {"--deadline", "ID", "a deadline of the framework (default: all)", true},
        {"--cohort", "C", "completed (default) or due"},
        {"--format", "F", "table (default), html, json or csv"},
        {"--output", "FILE", "write to FILE instead of standard output"},
        {"--lang", "L", "nl (default) or en"},
        {"--as-of", "DATE", "the date open cases are judged at (default today)"},
        {"--framework", "FILE", "framework with the deadlines (default the shipped 2025 framework)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"},
        {"--archive", "", "over the archive ($VTAUDIT_ARCHIVE) instead of the workspace"}},
       CompareCommand,
       0,
       0},
      {"archive push",
       "send an audit (bundle, judgement) and its organisation's monthly aggregates to the archive",
       "--audit ID | --org CODE [--as-of DATE]",
       {{"--audit", "ID", "the audit"},
        {"--org", "CODE", "only this organisation's aggregates (no audit)"},
        {"--as-of", "DATE", "the date the aggregates' open cases are judged at (default today)"},
        {"--framework", "FILE", "framework with the deadlines (default the shipped 2025 framework)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"}},
       ArchivePushCommand,
       0,
       0},
      {"archive pull",
       "bring an organisation's audits back from the archive, merging every bundle pushed",
       "--org CODE [--period YEAR]",
       {{"--org", "CODE", "the organisation"}, {"--period", "YEAR", "only the audits of that year"}},
       ArchivePullCommand,
       0,
       0},
      {"archive status",
       "the archive's server, schema version and what it holds",
       "[--migrate]",
       {{"--migrate", "", "create or update the archive's schema first (its owner does this)"}},
       ArchiveStatusCommand,
       0,
       0},
      // Before "report": the first name that matches wins.
      {"report versions",
       "list an audit's versions: state, peildatum, delivery and the report files kept of each",
       "--audit ID [--json]",
       {{"--audit", "ID", "the audit"}, {"--json", "", "print JSON"}},
       ReportVersionsCommand,
       0,
       0},
      {"report diff",
       "what changed between two versions: judgements, deadline figures, score changes and responses",
       "--audit ID [--from V] [--to V] [--json]",
       {{"--audit", "ID", "the audit"},
        {"--from", "V", "the earlier version (default the first)"},
        {"--to", "V", "the later version (default the latest)"},
        {"--json", "", "print JSON"}},
       ReportDiffCommand,
       0,
       0},
      {"report",
       "write the audit report: HTML, PDF, JSON or CSV, in Dutch or English",
       "--audit ID --format html|pdf|json|csv --output FILE [--lang nl|en] [--version V] [--as-of DATE] [--calendar FILE]",
       {{"--audit", "ID", "the audit"},
        {"--format", "F", "html, pdf, json (every number) or csv (the findings table)"},
        {"--output", "FILE", "the file to write"},
        {"--lang", "L", "nl (default) or en"},
        {"--version", "V", "an earlier version, as it was written then"},
        {"--as-of", "DATE", "a draft only: the date open cases are judged at (default its peildatum)"},
        {"--calendar", "FILE", "the calendar (default checklists/kalender-nl.xml)"}},
       ReportCommand,
       0,
       0},
  };
  // clang-format on
  return kCommands;
}

void PrintOverview() {
  std::printf("vtaudit %s: audits of Veilig Thuis organisations for IGJ inspectors\n\n", kVersion);
  std::printf("usage: vtaudit [--db FILE] COMMAND [ARGS...]\n\ncommands:\n");
  for (const Command& c : Table()) {
    std::printf("  %-22s %s\n", std::string(c.name).c_str(), std::string(c.summary).c_str());
  }
  std::printf(
      "\noptions:\n"
      "  --db FILE              the workspace (default %s)\n"
      "  --help                 this text; `vtaudit COMMAND --help` for one command\n"
      "  --version              print the version\n",
      Workspace::DefaultPath().c_str());
}

void PrintCommandHelp(const Command& c) {
  std::printf("usage: vtaudit %s%s%s\n\n%s\n", std::string(c.name).c_str(),
              c.usage.empty() ? "" : " ", std::string(c.usage).c_str(),
              std::string(c.summary).c_str());
  std::printf("\noptions:\n");
  for (const Option& o : c.options) {
    std::string left = std::string(o.name) + (o.arg.empty() ? "" : " " + std::string(o.arg));
    std::printf("  %-22s %s%s\n", left.c_str(), std::string(o.help).c_str(),
                o.repeatable ? " (may be repeated)" : "");
  }
  std::printf("  %-22s %s\n  %-22s %s\n", "--db FILE", "the workspace", "--help", "this text");
}

int Usage(const std::string& message, const Command* c) {
  std::fprintf(stderr, "vtaudit: %s\n", message.c_str());
  if (c) {
    std::fprintf(stderr, "usage: vtaudit %s%s%s\n", std::string(c->name).c_str(),
                 c->usage.empty() ? "" : " ", std::string(c->usage).c_str());
  } else {
    std::fprintf(stderr, "run `vtaudit --help` for the list of commands\n");
  }
  return kExitUsage;
}

int Run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string db_path;
  bool help = false;
  // Global options may stand anywhere.
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db") {
      if (i + 1 >= args.size()) return Usage("--db needs a FILE", nullptr);
      db_path = args[++i];
    } else if (args[i].rfind("--db=", 0) == 0) {
      db_path = args[i].substr(5);
    } else if (args[i] == "--help" || args[i] == "-h") {
      help = true;
    } else if (args[i] == "--version" && rest.empty()) {
      std::printf("vtaudit %s\ndata: %s\n", kVersion, DataDir().c_str());
      return 0;
    } else {
      rest.push_back(args[i]);
    }
  }
  if (rest.empty()) {
    PrintOverview();
    return help ? 0 : kExitUsage;
  }
  const Command* command = nullptr;
  size_t consumed = 0;
  for (const Command& c : Table()) {
    const std::string_view name = c.name;
    const size_t space = name.find(' ');
    if (space == std::string_view::npos) {
      if (rest[0] == name) command = &c, consumed = 1;
    } else if (rest.size() >= 2 && rest[0] == name.substr(0, space) &&
               rest[1] == name.substr(space + 1)) {
      command = &c, consumed = 2;
    }
    if (command) break;
  }
  if (!command) {
    std::string tried = rest[0] + (rest.size() > 1 && rest[1][0] != '-' ? " " + rest[1] : "");
    for (const Command& c : Table()) {
      if (c.name.substr(0, c.name.find(' ')) == rest[0]) {
        return Usage("unknown command '" + tried + "'", nullptr);
      }
    }
    return Usage("unknown command '" + rest[0] + "'", nullptr);
  }
  if (help) {
    PrintCommandHelp(*command);
    return 0;
  }
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;
  for (size_t i = consumed; i < rest.size(); ++i) {
    const std::string& a = rest[i];
    if (a.size() > 1 && a[0] == '-' &&
        !(a.size() > 1 && std::isdigit(static_cast<unsigned char>(a[1])))) {
      std::string name = a, value;
      bool has_value = false;
      if (const size_t eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq), value = a.substr(eq + 1), has_value = true;
      }
      const Option* opt = nullptr;
      for (const Option& o : command->options) {
        if (o.name == name) opt = &o;
      }
      if (!opt)
        return Usage("unknown option '" + name + "' for '" + std::string(command->name) + "'",
                     command);
      if (!opt->arg.empty() && !has_value) {
        if (i + 1 >= rest.size()) return Usage(name + " needs " + std::string(opt->arg), command);
        value = rest[++i];
      } else if (opt->arg.empty() && has_value) {
        return Usage(name + " takes no value", command);
      }
      auto& slot = options[name];
      if (!slot.empty() && !opt->repeatable) return Usage(name + " given twice", command);
      slot.push_back(value);
    } else {
      positional.push_back(a);
    }
  }
  const int n = static_cast<int>(positional.size());
  if (n < command->min_positional) {
    return Usage("'" + std::string(command->name) + "' needs " + std::string(command->usage),
                 command);
  }
  if (command->max_positional >= 0 && n > command->max_positional) {
    return Usage(
        "unexpected argument '" + positional[static_cast<size_t>(command->max_positional)] + "'",
        command);
  }
  if (db_path.empty()) db_path = Workspace::DefaultPath();
  Context ctx(*command, std::move(positional), std::move(options), db_path);
  try {
    return command->run(ctx);
  } catch (const UsageError& e) {
    return Usage(e.what(), command);
  }
}

}  // namespace

const std::vector<Command>& Commands() { return Table(); }

}  // namespace vtaudit::cli

int main(int argc, char** argv) {
  // Case data is for the inspector's eyes only: nothing we create is readable by others.
  ::umask(077);
  try {
    return vtaudit::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vtaudit: internal error: %s\n", e.what());
    return 1;
  }
}
