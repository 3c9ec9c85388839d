// An audit bundle: one audit as a single file that travels between inspectors' laptops
// (and into the inspectorate's archive), so that work done on two machines merges as if it
// had been done on one. The file is a SQLite database (mode 0600) holding the audit (by its
// stable uid), its framework text, the inspectors, the sample draws, the sampled cases'
// fields only (never the rest of the delivery; the delivery is named by file name and
// SHA-256), every score event with its basis, every audit event, response and decision, the
// written findings, the snapshots and the kept report versions, plus a content digest over
// a canonical serialisation of all of it. Reading verifies the digest and the format
// version first.
//
// Import merges in one transaction: the audit is matched by uid (created when absent),
// every event is matched by its uid and inserted once (twice = once; A then B = B then A),
// nothing present is overwritten. The rules, the refusals and what a workspace without the
// delivery can do are in docs/bundles.md. Not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_BUNDLE_H_
#define VTAUDIT_BUNDLE_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "status.h"
#include "workspace.h"

namespace vtaudit {

// What a bundle holds, read without importing it.
struct BundleInfo {
  std::string audit_uid;  // stable id of the audit across laptops (migration 9)
  std::string org;        // organisation code
  int period = 0;
  std::string state;  // draft | concept | final
  std::string framework_sha256;
  std::string sha256;  // SHA-256 of the bundle file as written (printed by export)
  int format = 0;      // the bundle format: 1, or 2 from when findings travel
  int64_t events = 0;  // score events, audit events and findings carried
};

// What an import did.
struct BundleMerge {
  int64_t audit_id = 0;  // the audit in the receiving workspace
  bool audit_created = false;
  int64_t events_added = 0;  // new to this workspace
  int64_t events_known = 0;  // already present (same uid): skipped
  // Notes redacted here by redactions the bundle brought; their old text is zeroed in the
  // workspace file and its write-ahead log, as `score redact` does.
  int64_t redacted = 0;
  // What the merge could not settle as one machine would (docs/bundles.md, known limits),
  // one sentence each: a reconciliation and a score of the same case criterion made on
  // different laptops within the same second.
  std::vector<std::string> warnings;
};

// Writes audit `audit_id` to `output` (created 0600; an existing file is refused).
// NotFound for an unknown audit; IoError when the file cannot be written.
Result<BundleInfo> ExportBundle(Workspace& ws, int64_t audit_id,
                                const std::filesystem::path& output);
// Opens `bundle` read-only and verifies it (format version, digest); changes nothing.
// Invalid naming the file and what is wrong for a file that is not a bundle, is truncated
// or altered, or has a newer format.
Result<BundleInfo> ReadBundleInfo(const std::filesystem::path& bundle);
// Verifies `bundle` as ReadBundleInfo does, then merges it into `ws` in one transaction;
// on any refusal the workspace is unchanged.
Result<BundleMerge> ImportBundle(Workspace& ws, const std::filesystem::path& bundle);

}  // namespace vtaudit

#endif  // VTAUDIT_BUNDLE_H_
