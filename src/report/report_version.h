// Report versions: the report of a concept or final audit is a numbered version, the
// audit's latest snapshot version (snapshot.h). The first time a (version, format, lang) is
// written its bytes are kept in report_version with their SHA-256, and every later write of
// it returns those bytes, so that the file the organisation received and the file in the
// archive are byte-identical, whatever was imported since (unless a redaction withdrew
// them, redaction.h). A draft's report (werkversie) is
// rendered afresh and never kept. Also: the list of versions with their stored files, and
// what changed between two versions (from the snapshots' judgement and timeliness JSON and
// the score events between them). The command line and the web UI both write reports
// through WriteReport. Not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_REPORT_VERSION_H_
#define VTAUDIT_REPORT_VERSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "report.h"
#include "snapshot.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct WrittenReport {
  std::string bytes;
  std::string state;  // "draft", "concept" or "final"
  int version = 0;    // 0 for a draft
  std::string sha256;
  bool stored = false;     // kept in report_version (concept and final)
  std::string written_at;  // when its bytes were first written; "" for a draft
};

// The report of audit `id` in `format` (html, pdf, json or csv) and the templates'
// language. Without `version`: a concept or final audit's latest version, the stored bytes
// when written before, else rendered and stored; a draft's werkversie, rendered and not
// stored (`as_of` applies to a draft only, SourceOf). With `version`: the stored bytes of
// that version, NotFound when that format and language were never written for it or were
// withdrawn by a redaction (a past version cannot be rendered again: its scores have moved
// on). The latest version of a concept or final audit whose file was withdrawn is rendered
// and kept again, with the redacted note.
Result<WrittenReport> WriteReport(Workspace* ws, int64_t id, const std::string& format,
                                  const ReportTemplates& templates, const Calendar& calendar,
                                  std::optional<int> version = std::nullopt,
                                  std::optional<Date> as_of = std::nullopt);

struct StoredReport {
  std::string format, lang, sha256, written_at;
};
// A kept report file withdrawn because a note it may hold was redacted (redaction.h): its
// bytes are gone from the workspace, what identifies them stays.
struct WithdrawnReport {
  int version = 0;
  std::string format, lang, sha256, written_at;  // of the file withdrawn
  int64_t redaction = 0;                         // the AuditEvent that withdrew it
  std::string withdrawn_at, by, reason;
};
struct ReportVersionInfo {
  AuditSnapshot snapshot;
  std::vector<StoredReport> files;         // by format, then language
  std::vector<WithdrawnReport> withdrawn;  // oldest first
};
// Every version of the audit, oldest first, with the report files kept of it and those
// withdrawn.
Result<std::vector<ReportVersionInfo>> ReportVersions(Workspace* ws, int64_t id);

// What changed between two versions of an audit.
struct NodeChange {
  std::string id, kind;  // domain, standard or criterion
  std::optional<std::string> from_level, to_level;
  std::optional<long> from_met, to_met, from_not_met, to_not_met;  // criteria
  std::optional<double> from_share, to_share;
};
struct DeadlineChange {
  std::string id, figure;  // e.g. "share_on_time", "counted"
  std::optional<double> from, to;
};
struct DiffScoreEvent {
  std::string at, case_id, criterion, inspector, kind, note;
  std::optional<std::string> old_result, new_result;
  std::optional<int64_t> response;  // the response the change follows from
  std::string response_text;
};
struct ReportDiff {
  int64_t audit = 0;
  AuditSnapshot from, to;
  std::vector<NodeChange> nodes;
  std::vector<DeadlineChange> deadlines;
  std::vector<DiffScoreEvent> events;  // made between the two snapshots, oldest first
};
// The difference between versions `from` and `to` (default: the first and the latest).
// NotFound for an unknown version; Invalid when the audit was never frozen.
Result<ReportDiff> DiffVersions(Workspace* ws, int64_t id, std::optional<int> from,
                                std::optional<int> to);
std::string ReportDiffJson(const ReportDiff& diff);

}  // namespace vtaudit

#endif  // VTAUDIT_REPORT_VERSION_H_
