#include "extract.h"

#include <array>
#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "case_store.h"
#include "digest.h"
#include "read_ahead.h"
#include "row_checker.h"
#include "table_reader.h"

namespace vtaudit {
namespace {

// The field of each Event, in Event order.
constexpr std::array<CaseField, kEventCount> kEventFields = {CaseField::kReceived,
                                                             CaseField::kTriaged,
                                                             CaseField::kSafetyAssessed,
                                                             CaseField::kInvestigationDecided,
                                                             CaseField::kInvestigationStarted,
                                                             CaseField::kInvestigationCompleted};

std::string StreamSha256(std::ifstream& in) {
  Sha256 h;
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.Update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  return h.HexDigest();
}

// Turns foreign key enforcement off for a connection while it lives. SQLite ignores the
// switch inside a transaction, so this must wrap one.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Database* db) : db_(db), off_(db_->Exec("PRAGMA foreign_keys = OFF")) {}
  // The pragma takes no lock and touches no file: it fails only when SQLite is out of
  // memory, and then the connection is lost anyway, so there is nothing to report here.
  ~ForeignKeysOff() {
    if (off_.ok()) static_cast<void>(db_->Exec("PRAGMA foreign_keys = ON"));
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  // Whether the switch worked.
  const Status& status() const { return off_; }

 private:
  Database* db_;
  Status off_;
};

class Importer {
 public:
  Importer(Workspace* ws, std::string org, std::string path, const ImportOptions& options)
      : ws_(ws), org_(std::move(org)), path_(std::move(path)), options_(options) {}

  Result<ImportSummary> Run() {
    summary_.file_name = path_;
    std::ifstream file(path_, std::ios::binary);
    if (!file) return Status::IoError(path_ + ": cannot open file");
    // Hashed on a thread of its own while the rows are read; FinishExtract waits for it.
    sha256_ = std::async(std::launch::async,
                         [in = std::move(file)]() mutable { return StreamSha256(in); });
    if (Result<Organisation> o = ws_->FindOrganisation(org_); !o.ok()) return o.status();
    Result<std::unique_ptr<TableReader>> table = OpenTable(path_, options_.sheet);
    if (!table.ok()) return table.status();
    reader_ = std::move(*table);
    // Rows that do not fit the header are listed with the other bad rows, in file order.
    reader_->DeliverBadRows();

    if (Status s = ReadHeader(); !s.ok()) return s;
    Result<long> existing = CountCases(ws_, org_);
    if (!existing.ok()) return existing.status();
    fresh_org_ = *existing == 0;

    // Foreign keys cost two parent lookups per case; the import checks both parents
    // itself, inside its transaction: the organisation, and the extract_file row it adds.
    ForeignKeysOff no_foreign_keys(&ws_->db());
    if (!no_foreign_keys.status().ok()) return no_foreign_keys.status();
    Transaction tx(&ws_->db());
    if (!tx.status().ok()) return tx.status();
    if (Result<Organisation> o = ws_->FindOrganisation(org_); !o.ok()) return o.status();
    if (Status s = BeginExtract(); !s.ok()) return s;
    if (Status s = PrepareStatements(); !s.ok()) return s;
    // Rows are read and checked on a second thread, and stored here in file order.
    ReadAhead<CheckedRow> rows([this, row = TableRow()](CheckedRow* out) mutable {
      if (!reader_->Next(&row)) return false;
      checker_->Check(row, out);
      return true;
    });
    CheckedRow r;
    while (rows.Next(&r)) {
      ++summary_.rows;
      if (!r.errors.empty()) {
        // Earlier rows first: a duplicate among them is reported before this row's errors.
        if (Status s = FlushBatch(); !s.ok()) return s;
        for (std::string& e : r.errors) AddError(std::move(e));
      } else if (errors_.empty()) {
        if (Status s = fresh_org_ ? AddToBatch(&r) : Store(r); !s.ok()) return s;
      }
    }
    if (Status s = FlushBatch(); !s.ok()) return s;
    if (!reader_->status().ok()) {
      for (const std::string& m : reader_->status().messages()) AddError(m);
    }
    if (summary_.rows == 0 && errors_.empty()) AddError(path_ + ": the extract has no data rows");
    if (!errors_.empty()) {
      if (error_count_ > options_.max_errors) {
        errors_.push_back(path_ + ": " + std::to_string(error_count_ - options_.max_errors) +
                          " more bad rows not listed");
      }
      errors_.push_back(path_ + ": nothing imported (" + std::to_string(error_count_) +
                        (error_count_ == 1 ? " error" : " errors") +
                        "); the workspace is unchanged");
      return Status::InvalidAll(std::move(errors_));
    }
    if (Status s = MarkMissing(); !s.ok()) return s;
    if (Status s = FinishExtract(); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
    return summary_;
  }

 private:
  void AddError(std::string message) {
    ++error_count_;
    if (error_count_ <= options_.max_errors) errors_.push_back(std::move(message));
  }
  Status ReadHeader() {
    TableRow header;
    if (!reader_->Next(&header)) {
      if (!reader_->status().ok()) return reader_->status();
      return Status::Invalid(path_ + ": the file is empty (expected a header row)");
    }
    Result<RowChecker> checker = RowChecker::FromHeader(path_, header, &summary_.warnings);
    if (!checker.ok()) return checker.status();
    checker_.emplace(std::move(*checker));
    return Status::Ok();
  }

  Status PrepareStatements() {
    std::string batch_sql =
        "INSERT INTO case_data (org, case_id, advies, violence, received, triaged,"
        " safety_assessed, outcome, investigation_decided, investigation_started,"
        " investigation_completed, rvdk, disclosure, extract_id) VALUES ";
    for (size_t i = 0; i < kBatchRows; ++i) {
      batch_sql += i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }
    Result<Statement> batch = ws_->db().Prepare(batch_sql);
    if (!batch.ok()) return batch.status();
    batch_insert_.emplace(std::move(*batch));
    Result<Statement> insert = ws_->db().Prepare(
        "INSERT INTO case_data (org, case_id, advies, violence, received, triaged, safety_assessed,"
        " outcome, investigation_decided, investigation_started, investigation_completed, rvdk,"
        " disclosure, extract_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14)");
    if (!insert.ok()) return insert.status();
    insert_.emplace(std::move(*insert));
    Result<Statement> update = ws_->db().Prepare(
        "UPDATE case_data SET advies = ?3, violence = ?4, received = ?5, triaged = ?6,"
        " safety_assessed = ?7, outcome = ?8, investigation_decided = ?9,"
        " investigation_started = ?10, investigation_completed = ?11, rvdk = ?12,"
        " disclosure = ?13, extract_id = ?14, missing_since = NULL"
        " WHERE org = ?1 AND case_id = ?2");
    if (!update.ok()) return update.status();
    update_.emplace(std::move(*update));
    Result<Statement> find = ws_->db().Prepare(
        "SELECT advies, violence, received, triaged, safety_assessed, outcome,"
        " investigation_decided, investigation_started, investigation_completed, rvdk, disclosure,"
        " extract_id FROM case_data WHERE org = ?1 AND case_id = ?2");
    if (!find.ok()) return find.status();
    find_.emplace(std::move(*find));
    return Status::Ok();
  }

  // Binds every parameter, so that the statement can run without clearing its bindings.
  // The texts are bound without copies: they outlive the run.
  void BindCase(Statement* q, const CheckedRow& r, int first = 1) {
    const CaseRecord& c = r.c;
    const int o = first - 1;
    q->BindStatic(o + 1, org_).BindStatic(o + 2, c.case_id);
    q->Bind(o + 3, c.kind == CaseKind::kAdvies ? 1 : 0).BindStatic(o + 4, r.violence);
    for (size_t e = 0; e < kEventFields.size(); ++e) {
      // the parameters follow the column order
      const int index = o + static_cast<int>(kEventFields[e]) + 2;
      if (c.events[e]) {
        q->Bind(index, EncodeEvent(*c.events[e]));
      } else {
        q->BindNull(index);
      }
    }
    q->BindStatic(o + 8, c.outcome);
    q->Bind(o + 12, c.rvdk ? 1 : 0).Bind(o + 13, c.disclosure ? 1 : 0).Bind(o + 14, extract_id_);
  }

  // Whether the stored row under find_ holds the same case.
  bool SameAsStored(const CheckedRow& r) const {
    const CaseRecord& c = r.c;
    if ((find_->Int(0) != 0) != (c.kind == CaseKind::kAdvies)) return false;
    if (find_->TextView(1) != r.violence || find_->TextView(5) != c.outcome) return false;
    if ((find_->Int(9) != 0) != c.rvdk || (find_->Int(10) != 0) != c.disclosure) return false;
    for (size_t e = 0; e < kEventFields.size(); ++e) {
      const int column =
          static_cast<int>(kEventFields[e]) - static_cast<int>(CaseField::kReceived) + 2;
      if (find_->IsNull(column) != !c.events[e]) return false;
      if (c.events[e] && find_->Int(column) != EncodeEvent(*c.events[e])) return false;
    }
    return true;
  }

  // Stores one valid case. Every case this import touches carries its extract_id,
  // which tells a duplicate within the file apart from a case of an earlier delivery.
  Status Store(const CheckedRow& r) {
    const CaseRecord& c = r.c;
    const int line = r.line;
    if (!fresh_org_) {
      find_->BindStatic(1, org_).BindStatic(2, c.case_id);
      if (find_->Step()) {
        const bool duplicate = find_->Int(11) == extract_id_;
        const bool same = SameAsStored(r);
        find_->Reset();
        if (duplicate) {
          AddError(checker_->RowMessage(
              line, CaseField::kCaseId,
              "duplicate case_id '" + c.case_id + "' (it appears earlier in the file)"));
          return Status::Ok();
        }
        BindCase(&*update_, r);
        if (Status s = update_->RunKeepingBindings(); !s.ok()) return s;
        ++(same ? summary_.unchanged : summary_.changed);
        return Status::Ok();
      }
      if (!find_->status().ok()) return find_->status();
      find_->Reset();
    }
    BindCase(&*insert_, r);
    Status s = insert_->RunKeepingBindings();
    if (!s.ok()) {
      if (s.ToString().find("UNIQUE constraint failed") != std::string::npos) {
        AddError(checker_->RowMessage(
            line, CaseField::kCaseId,
            "duplicate case_id '" + c.case_id + "' (it appears earlier in the file)"));
        return Status::Ok();
      }
      return s;
    }
    ++summary_.added;
    return Status::Ok();
  }

  // A new organisation's cases are inserted kBatchRows to a statement: one statement
  // keeps its B-tree cursor on the last leaf, so that appending needs no search from the
  // root, and its set-up is paid once. The rows wait in batch_, which owns their texts.
  Status AddToBatch(CheckedRow* r) {
    std::swap(*r, batch_[batch_size_++]);
    if (batch_size_ < kBatchRows) return Status::Ok();
    for (size_t i = 0; i < kBatchRows; ++i) {
      BindCase(&*batch_insert_, batch_[i], static_cast<int>(i * kParameters + 1));
    }
    Status s = batch_insert_->RunKeepingBindings();
    if (s.ok()) {
      summary_.added += static_cast<long>(kBatchRows);
      batch_size_ = 0;
      return s;
    }
    if (s.ToString().find("UNIQUE constraint failed") == std::string::npos) return s;
    return FlushBatch();  // row by row, to name the duplicate
  }

  // Stores the rows waiting in batch_ one by one, exactly as Store would have.
  Status FlushBatch() {
    const size_t n = std::exchange(batch_size_, 0);
    for (size_t i = 0; i < n && errors_.empty(); ++i) {
      if (Status s = Store(batch_[i]); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Marks the cases of the previous delivery that this one lacks as missing since it. Every
  // case in the file now carries this import's extract_id, so the others are the ones an
  // earlier delivery had; those already missing keep the delivery that first lacked them.
  // One pass over the organisation's cases, which come back in no set order: the first
  // kListedMissing by case_id are kept as they pass. A new organisation has no earlier cases.
  Status MarkMissing() {
    if (fresh_org_) return Status::Ok();
    Result<Statement> mark = ws_->db().Prepare(
        "UPDATE case_data SET missing_since = ?2 WHERE org = ?1 AND extract_id != ?2 AND "
        "missing_since IS NULL RETURNING case_id");
    if (!mark.ok()) return mark.status();
    mark->Bind(1, org_).Bind(2, extract_id_);
    std::set<std::string> first;
    while (mark->Step()) {
      ++summary_.missing;
      if (first.size() == ImportSummary::kListedMissing) {
        if (mark->TextView(0) >= *first.rbegin()) continue;
        first.erase(std::prev(first.end()));
      }
      first.insert(mark->Text(0));
    }
    if (!mark->status().ok()) return mark->status();
    summary_.missing_listed.assign(first.begin(), first.end());
    return Status::Ok();
  }

  // Adds the extract_file row; FinishExtract fills in the SHA-256 and the counts.
  Status BeginExtract() {
    Result<Statement> q = ws_->db().Prepare(
        "INSERT INTO extract_file (org, file_name, sha256, imported_at, rows, added, changed, "
        "unchanged) VALUES (?, ?, '', ?, 0, 0, 0, 0)");
    if (!q.ok()) return q.status();
    const size_t slash = path_.rfind('/');
    q->Bind(1, org_).Bind(2, slash == std::string::npos ? path_ : path_.substr(slash + 1));
    q->Bind(3, UtcNowIso());
    if (Status s = q->Run(); !s.ok()) return s;
    extract_id_ = ws_->db().LastInsertId();
    return Status::Ok();
  }

  Status FinishExtract() {
    summary_.sha256 = sha256_.get();
    Result<Statement> seen = ws_->db().Prepare(
        "SELECT count(*) FROM extract_file WHERE org = ? AND sha256 = ? AND id != ?");
    if (!seen.ok()) return seen.status();
    seen->Bind(1, org_).Bind(2, summary_.sha256).Bind(3, extract_id_);
    seen->Step();
    summary_.seen_before = seen->Int(0) > 0;
    Result<Statement> q = ws_->db().Prepare(
        "UPDATE extract_file SET sha256 = ?, rows = ?, added = ?, changed = ?, unchanged = ?,"
        " missing = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, summary_.sha256).Bind(2, int64_t{summary_.rows}).Bind(3, int64_t{summary_.added});
    q->Bind(4, int64_t{summary_.changed}).Bind(5, int64_t{summary_.unchanged});
    q->Bind(6, int64_t{summary_.missing}).Bind(7, extract_id_);
    return q->Run();
  }

  Workspace* ws_;
  std::string org_;
  std::string path_;
  ImportOptions options_;
  std::unique_ptr<TableReader> reader_;
  std::optional<RowChecker> checker_;
  bool fresh_org_ = false;
  int64_t extract_id_ = 0;
  std::future<std::string> sha256_;
  static constexpr size_t kBatchRows = 512;
  static constexpr size_t kParameters = 14;  // per case
  std::optional<Statement> batch_insert_, insert_, update_, find_;
  std::vector<CheckedRow> batch_ = std::vector<CheckedRow>(kBatchRows);
  size_t batch_size_ = 0;
  ImportSummary summary_;
  std::vector<std::string> errors_;
  long error_count_ = 0;
};

}  // namespace

Result<ImportSummary> ImportExtract(Workspace* ws, const std::string& org, const std::string& path,
                                    const ImportOptions& options) {
  return Importer(ws, org, path, options).Run();
}

std::string MissingCasesMessage(const ImportSummary& summary) {
  if (summary.missing == 0) return "";
  std::string out = std::to_string(summary.missing) +
                    (summary.missing == 1 ? " case of the previous delivery is missing: "
                                          : " cases of the previous delivery are missing: ");
  for (size_t i = 0; i < summary.missing_listed.size(); ++i) {
    if (i > 0) out += ", ";
    out += summary.missing_listed[i];
  }
  const long unlisted = summary.missing - static_cast<long>(summary.missing_listed.size());
  if (unlisted > 0) out += " and " + std::to_string(unlisted) + " more";
  return out;
}

}  // namespace vtaudit
