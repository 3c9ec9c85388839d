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
#include "problems.h"
#include "read_ahead.h"
#include "row_checker.h"
#include "table_reader.h"
#include "write_behind.h"

namespace vtaudit {
namespace {

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

// One file of a delivery, open, with its header read.
struct DeliveryFile {
  std::string path;
  std::unique_ptr<TableReader> reader;
  TableRow header;
  size_t record = 0;  // of the profile
  // A file of all record types, read once per record type: a secondary record's pass
  // leaves the reader's errors to the primary one's.
  bool one_file = false;
  std::optional<RowChecker> checker;
};

class Importer {
 public:
  Importer(Workspace* ws, std::string org, std::vector<std::string> paths,
           const ImportOptions& options)
      : ws_(ws),
        org_(std::move(org)),
        paths_(std::move(paths)),
        options_(options),
        profile_(options.profile != nullptr ? *options.profile : NativeProfile()) {
    for (const std::string& p : paths_) path_ += (path_.empty() ? "" : " + ") + p;
    if (!options_.name.empty()) path_ = options_.name;
  }

  Result<ImportSummary> Run() {
    summary_.file_name = path_;
    if (paths_.empty()) {
      return Status::Invalid("no delivery file given", Problem("problem.import.no_file"));
    }
    for (const std::string& path : paths_) {
      std::ifstream file(path, std::ios::binary);
      if (!file) {
        return Status::IoError(path + ": cannot open file",
                               Problem("problem.import.cannot_open", {{"where", path}}));
      }
      // Hashed on a thread of its own while the rows are read; FinishExtract waits for it.
      sha256_.push_back(std::async(std::launch::async,
                                   [in = std::move(file)]() mutable { return StreamSha256(in); }));
    }
    if (Result<Organisation> o = ws_->FindOrganisation(org_); !o.ok()) return o.status();
    for (const std::string& path : paths_) {
      if (Status s = OpenFile(path); !s.ok()) return s;
    }
    if (Status s = CheckRecordTypes(); !s.ok()) return s;
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
    // The cases reach the disk twice: in the WAL as they are stored, and in the workspace
    // file when the commit copies them there. Writing the WAL out while the rows are still
    // being read leaves the commit's sync of it less to wait for.
    // A million cases: the commit's sync of the WAL took 0.20-0.26 s, now 0.09 s.
    WriteBehind wal(ws_->db().path() + "-wal");
    // The secondary records first: their rows wait, by case number, for their primary rows.
    for (DeliveryFile& f : files_) {
      if (f.record != 0) ReadSecondary(&f);
    }
    std::vector<bool> joined(joins_.rows.size(), false);
    for (DeliveryFile& f : files_) {
      if (f.record != 0) continue;
      // No lookup per row when there is nothing to join.
      if (Status s = Checker(&f, joins_.rows.empty() ? nullptr : &joins_); !s.ok()) return s;
      current_ = &*f.checker;
      // Rows are read and checked on a second thread, and stored here in file order.
      ReadAhead<CheckedRow> rows([&f, row = TableRow()](CheckedRow* out) mutable {
        while (f.reader->Next(&row)) {
          if (!f.checker->Takes(row)) continue;  // another record type's, in one file
          f.checker->Check(row, out);
          return true;
        }
        return false;
      });
      // A new organisation's rows are read straight into the next place of batch_.
      CheckedRow single;
      CheckedRow* slot = fresh_org_ ? &batch_[batch_size_] : &single;
      while (rows.Next(slot)) {
        CheckedRow& r = *slot;
        ++summary_.rows;
        if (r.joined != CheckedRow::kNotJoined) joined[r.joined] = true;
        if (!r.errors.empty()) {
          // Earlier rows first: a duplicate among them is reported before this row's errors.
          if (Status s = FlushBatch(); !s.ok()) return s;
          AddErrors(&r);
        } else if (errors_.empty()) {
          if (Status s = fresh_org_ ? AddToBatch() : Store(r); !s.ok()) return s;
        }
        if (fresh_org_) slot = &batch_[batch_size_];
      }
      if (Status s = FlushBatch(); !s.ok()) return s;
      if (!f.reader->status().ok()) AddErrors(f.reader->status());
    }
    for (size_t i = 0; i < joins_.rows.size(); ++i) {
      if (joined[i]) continue;
      const JoinedRow& j = joins_.rows[i];
      const std::string column = j.record->Find(CaseField::kCaseId)->ColumnLabel();
      AddError(
          *j.path + ":" + std::to_string(j.line) + ": column " + column + ": " + j.record->name +
              " of case '" + j.c.case_id + "', which no " + profile_.records[0].name +
              " record of the delivery holds",
          Problem("problem.import.not_joined", {{"where", *j.path + ":" + std::to_string(j.line)},
                                                {"column", column},
                                                {"record", j.record->name},
                                                {"case", j.c.case_id},
                                                {"primary", profile_.records[0].name}}));
    }
    if (summary_.rows == 0 && errors_.empty()) {
      AddError(path_ + ": the extract has no data rows",
               Problem("problem.import.no_rows", {{"where", path_}}));
    }
    if (!errors_.empty()) {
      if (error_count_ > options_.max_errors) {
        const std::string more = std::to_string(error_count_ - options_.max_errors);
        errors_.push_back(path_ + ": " + more + " more bad rows not listed");
        problems_.push_back(Problem("problem.table.more_rows", {{"where", path_}, {"n", more}}));
      }
      const std::string count =
          std::to_string(error_count_) + (error_count_ == 1 ? " error" : " errors");
      errors_.push_back(options_.check_only
                            ? path_ + ": " + count + "; the delivery would not import"
                            : path_ + ": nothing imported (" + count +
                                  "); the workspace is unchanged");
      problems_.push_back(Problem(
          options_.check_only ? "problem.import.would_not_import" : "problem.import.refused",
          {{"where", path_}, {"n", std::to_string(error_count_)}, {"errors", count}}));
      return Status::InvalidAll(std::move(errors_), std::move(problems_));
    }
    if (Status s = MarkMissing(); !s.ok()) return s;
    if (Status s = FinishExtract(); !s.ok()) return s;
    if (options_.check_only) return summary_;  // the transaction rolls back
    if (Status s = tx.Commit(); !s.ok()) return s;
    return summary_;
  }

 private:
  void AddError(std::string message, ProblemCode problem) {
    ++error_count_;
    if (error_count_ > options_.max_errors) return;
    errors_.push_back(std::move(message));
    problems_.push_back(std::move(problem));
  }
  // The errors of a checked row, with their codes.
  void AddErrors(CheckedRow* r) {
    for (size_t i = 0; i < r->errors.size(); ++i) {
      AddError(std::move(r->errors[i]), std::move(r->problems[i]));
    }
  }
  void AddErrors(const Status& s) {
    for (size_t i = 0; i < s.messages().size(); ++i) AddError(s.messages()[i], s.problems()[i]);
  }
  // A case number the delivery holds twice.
  void AddDuplicate(int line, const std::string& case_id) {
    AddError(current_->RowMessage(
                 line, CaseField::kCaseId,
                 "duplicate case_id '" + case_id + "' (it appears earlier in the file)"),
             current_->RowProblem(line, CaseField::kCaseId, "problem.import.duplicate",
                                  {{"case", case_id}}));
  }
  // Opens a file of the delivery and reads its header into *f.
  Status OpenReader(const std::string& path, DeliveryFile* f) {
    Result<std::unique_ptr<TableReader>> table = OpenTable(path, options_.sheet);
    if (!table.ok()) return table.status();
    f->path = path;
    f->reader = std::move(*table);
    // Rows that do not fit the header are listed with the other bad rows, in file order.
    f->reader->DeliverBadRows();
    if (!f->reader->Next(&f->header)) {
      if (!f->reader->status().ok()) return f->reader->status();
      return Status::Invalid(path + ": the file is empty (expected a header row)",
                             Problem("problem.import.empty_file", {{"where", path}}));
    }
    return Status::Ok();
  }

  // Opens a file of the delivery and tells its record type from its header. A file with
  // the profile's type column holds them all: it is read once per record type.
  Status OpenFile(const std::string& path) {
    DeliveryFile f;
    if (Status s = OpenReader(path, &f); !s.ok()) return s;
    if (profile_.multi_record() && RowChecker::HasTypeColumn(profile_, f.header)) {
      f.one_file = true;
      files_.push_back(std::move(f));
      for (size_t i = 1; i < profile_.records.size(); ++i) {
        DeliveryFile again;
        if (Status s = OpenReader(path, &again); !s.ok()) return s;
        again.record = i;
        again.one_file = true;
        files_.push_back(std::move(again));
      }
      return Status::Ok();
    }
    if (profile_.multi_record()) {
      // The record type most of whose columns the header has.
      int best = 0;
      bool tie = false;
      for (size_t i = 0; i < profile_.records.size(); ++i) {
        const int found = RowChecker::ColumnsFound(profile_.records[i], f.header);
        if (found > best) {
          best = found;
          tie = false;
          f.record = i;
        } else if (found == best && found > 0) {
          tie = true;
        }
      }
      if (best == 0 || tie) {
        std::string which;
        for (const RecordType& r : profile_.records) {
          which += (which.empty() ? "" : "; ") + r.name + ":";
          for (const FieldSource& s : r.fields) which += " " + s.ColumnLabel();
        }
        const std::string where = path + ":" + std::to_string(f.header.line);
        return Status::Invalid(
            where + ": the header fits no single record type of profile " + profile_.id + " (" +
                which + ")",
            Problem("problem.import.no_record_type",
                    {{"where", where}, {"profile", profile_.id}, {"records", which}}));
      }
    }
    files_.push_back(std::move(f));
    return Status::Ok();
  }

  Status CheckRecordTypes() {
    for (const DeliveryFile& f : files_) {
      if (f.record == 0) return Status::Ok();
    }
    return Status::Invalid(
        path_ + ": the delivery has no file of " + profile_.records[0].name + " records (profile " +
            profile_.id + ")",
        Problem(
            "problem.import.no_primary_file",
            {{"where", path_}, {"record", profile_.records[0].name}, {"profile", profile_.id}}));
  }

  Status Checker(DeliveryFile* f, const Joins* joins) {
    Result<RowChecker> checker = RowChecker::FromHeader(f->path, profile_, f->record, f->header,
                                                        &summary_.warnings, Date::Today(), joins);
    if (!checker.ok()) return checker.status();
    f->checker.emplace(std::move(*checker));
    return Status::Ok();
  }

  // Reads and checks every row of a secondary record's file into joins_.
  void ReadSecondary(DeliveryFile* f) {
    if (Status s = Checker(f, nullptr); !s.ok()) {
      for (size_t i = 0; i < s.messages().size(); ++i) {
        if (s.problems()[i].key != "problem.import.nothing_imported") {
          AddError(s.messages()[i], s.problems()[i]);
        }
      }
      return;
    }
    TableRow row;
    CheckedRow r;
    while (f->reader->Next(&row)) {
      if (!f->checker->Takes(row)) continue;
      f->checker->Check(row, &r);
      if (!r.errors.empty()) {
        AddErrors(&r);
        continue;
      }
      const auto [seen, fresh] = joins_.by_case.emplace(r.c.case_id, joins_.rows.size());
      if (!fresh) {
        const JoinedRow& first = joins_.rows[seen->second];
        const std::string at_first = *first.path + ":" + std::to_string(first.line);
        AddError(f->checker->RowMessage(r.line, CaseField::kCaseId,
                                        "a second " + first.record->name + " of case '" +
                                            r.c.case_id + "' (the first is at " + at_first + ")"),
                 f->checker->RowProblem(
                     r.line, CaseField::kCaseId, "problem.import.second_record",
                     {{"record", first.record->name}, {"case", r.c.case_id}, {"first", at_first}}));
        continue;
      }
      joins_.rows.push_back({&f->path, &profile_.records[f->record], r.line, r.c});
    }
    if (!f->one_file && !f->reader->status().ok()) AddErrors(f->reader->status());
  }

  Status PrepareStatements() {
    // OR FAIL: a statement that inserts many rows and may abort halfway needs a statement
    // journal to undo its own rows, and SQLite writes one there: each of the 2,000
    // statements of a million cases copied the few pages it touched first (the B-tree's
    // right edge, 32 KiB each), 390 MB in all, into a temporary file. Failing keeps the rows
    // before the failing one instead, which AddToBatch takes as stored; the transaction
    // around the import still undoes everything when a row is bad.
    // Every parameter is anonymous and bound for every row: sharing a numbered one (?1 for
    // the organisation) made SQLite look it up in the list of all before it, and 512 rows
    // of that took 50 ms to prepare, more than the binds it saved.
    std::string batch_sql =
        "INSERT OR FAIL INTO case_data (org, case_id, advies, violence, received, triaged,"
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
          AddDuplicate(line, c.case_id);
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
        AddDuplicate(line, c.case_id);
        return Status::Ok();
      }
      return s;
    }
    ++summary_.added;
    return Status::Ok();
  }

  // A new organisation's cases are inserted kBatchRows to a statement: one statement
  // keeps its B-tree cursor on the last leaf, so that appending needs no search from the
  // root, and its set-up is paid once. The rows wait in batch_, which owns their texts:
  // the row just read is batch_[batch_size_].
  Status AddToBatch() {
    if (++batch_size_ < kBatchRows) return Status::Ok();
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
    // The rows before the duplicate are in; the rest go row by row, to name it.
    const size_t stored = static_cast<size_t>(ws_->db().Changes());
    summary_.added += static_cast<long>(stored);
    return FlushBatch(stored);
  }

  // Stores the rows waiting in batch_, from `from` on, one by one, exactly as Store would
  // have.
  Status FlushBatch(size_t from = 0) {
    const size_t n = std::exchange(batch_size_, 0);
    for (size_t i = from; i < n && errors_.empty(); ++i) {
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
        "unchanged, profile, profile_sha256) VALUES (?, ?, '', ?, 0, 0, 0, 0, ?, ?)");
    if (!q.ok()) return q.status();
    std::string names;
    for (const std::string& path : paths_) {
      const size_t slash = path.rfind('/');
      names += (names.empty() ? "" : " + ") +
               (slash == std::string::npos ? path : path.substr(slash + 1));
    }
    q->Bind(1, org_).Bind(2, names);
    q->Bind(3, UtcNowIso()).Bind(4, profile_.id).Bind(5, profile_.sha256);
    if (Status s = q->Run(); !s.ok()) return s;
    extract_id_ = ws_->db().LastInsertId();
    return Status::Ok();
  }

  Status FinishExtract() {
    if (sha256_.size() == 1) {
      summary_.sha256 = sha256_[0].get();
    } else {
      // Several files: the SHA-256 of their digests, one line each, in the order given.
      Sha256 h;
      for (std::future<std::string>& f : sha256_) h.Update(f.get() + "\n");
      summary_.sha256 = h.HexDigest();
    }
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
  std::vector<std::string> paths_;
  std::string path_;  // the paths joined by " + "
  ImportOptions options_;
  const Profile& profile_;
  std::vector<DeliveryFile> files_;
  Joins joins_;
  const RowChecker* current_ = nullptr;  // the primary file's being stored
  bool fresh_org_ = false;
  int64_t extract_id_ = 0;
  std::vector<std::future<std::string>> sha256_;  // per file
  static constexpr size_t kBatchRows = 512;
  static constexpr size_t kParameters = 14;  // per case
  std::optional<Statement> batch_insert_, insert_, update_, find_;
  std::vector<CheckedRow> batch_ = std::vector<CheckedRow>(kBatchRows);
  size_t batch_size_ = 0;
  ImportSummary summary_;
  std::vector<std::string> errors_;
  std::vector<ProblemCode> problems_;  // the code of each of errors_
  long error_count_ = 0;
};

}  // namespace

Result<ImportSummary> ImportExtract(Workspace* ws, const std::string& org, const std::string& path,
                                    const ImportOptions& options) {
  return Importer(ws, org, {path}, options).Run();
}

Result<ImportSummary> ImportDelivery(Workspace* ws, const std::string& org,
                                     const std::vector<std::string>& paths,
                                     const ImportOptions& options) {
  return Importer(ws, org, paths, options).Run();
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
