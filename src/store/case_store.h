// Reading and writing the cases of the workspace. Imports go through
// ExtractImporter (extract.h); this is the storage both it and the analyses use.
#ifndef VTAUDIT_CASE_STORE_H_
#define VTAUDIT_CASE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "case_record.h"
#include "workspace.h"

namespace vtaudit {

struct CaseFilter {
  std::optional<Date> received_from;  // inclusive, on the received date
  std::optional<Date> received_to;    // inclusive
  std::vector<std::string> case_ids;  // when not empty: only these
  // A range of case_id, to read a set in parts (CaseRanges): from (inclusive) up to
  // before (exclusive); unset: unbounded.
  std::optional<std::string> case_id_from, case_id_before;
};

// Where cases are read from: an organisation's cases in the workspace as the latest
// delivery left them, or the copy frozen into an audit snapshot (snapshot id, not 0).
struct CaseSet {
  std::string org;
  int64_t snapshot = 0;
};

// Calls `fn` for every case of the set matching `filter`, ordered by case_id.
Status ForEachCase(Workspace* ws, const CaseSet& set, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn);
Result<std::vector<CaseRecord>> LoadCases(Workspace* ws, const CaseSet& set,
                                          const CaseFilter& filter);
// Splits the cases of `set` into at most `parts` consecutive ranges of case_id of about
// equal size, to read on as many threads: `parts` - 1 boundaries at most, ascending, each
// the first case_id of the next range (fewer when the set is small). The sizes rest on the
// deliveries' counts of added cases (a snapshot: on its own count), so they only balance
// the work: any boundaries give every case to exactly one range.
Result<std::vector<std::string>> CaseRanges(Database* db, const CaseSet& set, int parts);
Result<std::optional<CaseRecord>> FindCase(Workspace* ws, const CaseSet& set,
                                           const std::string& case_id);
// A copy of the organisation's current cases into snapshot `snapshot`. REQUIRES: inside
// the transaction that creates the snapshot.
Status CopyCasesToSnapshot(Workspace* ws, const std::string& org, int64_t snapshot);

// Calls `fn` for every case of `org` matching `filter`, ordered by case_id.
Status ForEachCase(Workspace* ws, const std::string& org, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn);
// The same through a connection of its own to the workspace file (Database::OpenReadOnly),
// so that several threads can each read organisations at once.
Status ForEachCase(Database* db, const std::string& org, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn);
Status ForEachCase(Database* db, const CaseSet& set, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn);
Result<std::vector<CaseRecord>> LoadCases(Workspace* ws, const std::string& org,
                                          const CaseFilter& filter = {});
Result<std::optional<CaseRecord>> FindCase(Workspace* ws, const std::string& org,
                                           const std::string& case_id);
Result<long> CountCases(Workspace* ws, const std::string& org);
// The file name of each delivery (extract_file.id → file_name) of `org`.
Result<std::map<int64_t, std::string>> ExtractFileNames(Workspace* ws, const std::string& org);

// One import of a delivery as the workspace recorded it (table extract_file).
struct DeliveryImport {
  int64_t id = 0;
  std::string file_name;    // "a.csv", or "a.csv + b.csv" for several files
  std::string sha256;       // of the file's bytes (several files: of their digests)
  std::string imported_at;  // UTC, ISO
  long rows = 0, added = 0, changed = 0, unchanged = 0, missing = 0;
  // The profile that shaped it: its id ("native" for the native format, whose
  // profile_sha256 is empty), empty when imported before vtaudit recorded it.
  std::string profile;
  std::string profile_sha256;  // of the profile file's bytes
};
// The deliveries imported for `org`, oldest first.
Result<std::vector<DeliveryImport>> ListDeliveryImports(Workspace* ws, const std::string& org);

// Serialises a case's fields for the case_data table, and back.
std::string JoinViolence(const std::vector<std::string>& v);  // "a|b"
// An event time as stored (workspace migration 4): seconds since 1970-01-01T00:00
// times two, plus one when it has a time of day. Orders like the moments themselves.
inline int64_t EncodeEvent(const EventTime& t) { return t.Timestamp() * 2 + (t.seconds ? 1 : 0); }
EventTime DecodeEvent(int64_t stored);

}  // namespace vtaudit

#endif  // VTAUDIT_CASE_STORE_H_
