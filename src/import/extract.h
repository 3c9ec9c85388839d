// Importing an organisation's registration extract (CSV or XLSX, docs/extract.md) into
// the workspace. An import is all or nothing: every bad row is reported as "FILE:LINE:
// column NAME: reason", or "FILE:LINE: N fields, header has M" (up to a limit), and then
// nothing is stored. The file is streamed; memory does not grow with its length.
// Re-importing the same cases changes nothing;
// a newer delivery updates the cases that changed and says how many were added, changed
// and unchanged. A case of the previous delivery that a newer one lacks is kept (an
// audit's sample may hold it) and marked missing since that delivery; a later delivery
// that has it again clears the mark.
#ifndef VTAUDIT_EXTRACT_H_
#define VTAUDIT_EXTRACT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "case_record.h"
#include "profile.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct ImportOptions {
  std::string sheet;    // XLSX: the sheet by name; empty = the first
  int max_errors = 50;  // bad rows listed before the rest are only counted
  // How the delivery maps onto the case fields; null: the native profile. Must outlive
  // the import.
  const Profile* profile = nullptr;
  // Every check, then nothing written: the summary tells what an import would have done.
  bool check_only = false;
  // The delivery's name as recorded and in its own messages (an uploaded file's name, not
  // the temporary path it was saved to); empty: the paths joined by " + ".
  std::string name;
};

struct ImportSummary {
  // The missing cases listed by case_id; the rest are only counted.
  static constexpr size_t kListedMissing = 20;

  std::string file_name;  // as given (ImportOptions::name, else the paths)
  std::string sha256;     // of the file's bytes
  long rows = 0;          // data rows read
  long added = 0, changed = 0, unchanged = 0;
  // Cases of the previous delivery that this one lacks: kept, and marked missing since it.
  long missing = 0;
  std::vector<std::string> missing_listed;  // the first kListedMissing of them, by case_id
  bool seen_before = false;           // the same bytes were imported for this organisation before
  std::vector<std::string> warnings;  // unknown columns, …
};

// "3 cases of the previous delivery are missing: C1, C2, C3" (after kListedMissing ids,
// "and N more"); empty when none is.
std::string MissingCasesMessage(const ImportSummary& summary);

Result<ImportSummary> ImportExtract(Workspace* ws, const std::string& org, const std::string& path,
                                    const ImportOptions& options = {});
// A delivery in one or more files (a profile with several record types: one file per
// record type, each told by its header). Several files are recorded as one delivery, named
// "a.csv + b.csv", whose SHA-256 is that of the files' digests, one line each, in order.
Result<ImportSummary> ImportDelivery(Workspace* ws, const std::string& org,
                                     const std::vector<std::string>& paths,
                                     const ImportOptions& options = {});

}  // namespace vtaudit

#endif  // VTAUDIT_EXTRACT_H_
