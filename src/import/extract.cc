#include "extract.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "case_store.h"
#include "digest.h"
#include "escape.h"
#include "printable.h"
#include "privacy.h"
#include "table_reader.h"
#include "text.h"

namespace vtaudit {
namespace {

enum Column {
  kCaseId,
  kKind,
  kViolence,
  kReceived,
  kTriaged,
  kSafetyAssessed,
  kOutcome,
  kDecided,
  kStarted,
  kCompleted,
  kRvdk,
  kDisclosure,
  kColumnCount
};

// The column names, in Column order (the same order as CaseFieldNames()).
std::string_view ColumnName(int column) { return CaseFieldNames()[static_cast<size_t>(column)]; }

// The column of each Event, in Event order.
constexpr std::array<int, kEventCount> kEventColumns = {kReceived, kTriaged, kSafetyAssessed,
                                                        kDecided,  kStarted, kCompleted};

bool IsOutcomeCode(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kCodes = {
      "VT-00", "VT-01-01", "VT-01-02", "VT-01-03", "VT-01-04", "VT-02", "VT-03", "VT-99"};
  return std::find(kCodes.begin(), kCodes.end(), s) != kCodes.end();
}

std::string StreamSha256(std::ifstream& in) {
  Sha256 h;
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.Update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  return h.HexDigest();
}

// Produces items on a thread of its own, a few thousand ahead of the consumer, so that
// reading and checking an extract overlaps with storing its cases. Items come out in the
// order produced; an exception of `produce` comes out of Next after the items before it.
template <typename Item>
class ReadAhead {
 public:
  // `produce` fills an item, reusing its buffers, and returns true; false at the end.
  explicit ReadAhead(std::function<bool(Item*)> produce)
      : produce_(std::move(produce)), thread_([this] { Produce(); }) {}
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // The next item, swapped into *item (whose buffers go back for reuse); false at the end.
  bool Next(Item* item) {
    if (pos_ == batch_.size()) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!batch_.empty()) free_.push_back(std::move(batch_));
      changed_.notify_all();
      changed_.wait(lock, [&] { return !full_.empty() || finished_; });
      if (full_.empty()) {
        if (thrown_) std::rethrow_exception(std::exchange(thrown_, nullptr));
        return false;
      }
      batch_ = std::move(full_.front());
      full_.pop_front();
      pos_ = 0;
      changed_.notify_all();
    }
    std::swap(*item, batch_[pos_++]);
    return true;
  }

 private:
  static constexpr size_t kBatchItems = 4096;
  static constexpr size_t kBatchesAhead = 2;

  void Produce() {
    std::vector<Item> batch;
    bool more = true;
    while (more) {
      batch.resize(kBatchItems);
      size_t n = 0;
      std::exception_ptr thrown;
      try {
        while (n < kBatchItems && (more = produce_(&batch[n]))) ++n;
      } catch (...) {
        thrown = std::current_exception();
        more = false;
      }
      batch.resize(n);
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return full_.size() < kBatchesAhead || stop_; });
      if (stop_) return;
      if (n > 0) full_.push_back(std::move(batch));
      if (!more) {
        thrown_ = thrown;
        finished_ = true;
      } else if (!free_.empty()) {
        batch = std::move(free_.back());
        free_.pop_back();
      } else {
        batch = {};
      }
      changed_.notify_all();
    }
  }

  std::function<bool(Item*)> produce_;
  std::mutex mutex_;
  std::condition_variable changed_;
  // Guarded by mutex_: full_ to thrown_.
  std::deque<std::vector<Item>> full_;
  std::vector<std::vector<Item>> free_;
  bool finished_ = false;
  bool stop_ = false;
  std::exception_ptr thrown_;
  std::vector<Item> batch_;  // the consumer's
  size_t pos_ = 0;
  std::thread thread_;  // last: starts once the members above exist
};

// One data row of an extract, checked: the case it holds, or what is wrong with it.
struct CheckedRow {
  int line = 0;
  CaseRecord c;
  std::string violence;  // the types as stored: "a|b"
  std::vector<std::string> errors;
};

// Whether `later` may follow `earlier`: dates are compared when either has no time.
bool NotBefore(const EventTime& later, const EventTime& earlier) {
  if (!later.seconds || !earlier.seconds) return later.date >= earlier.date;
  return later.Timestamp() >= earlier.Timestamp();
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
      ParseRow(row, out);
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
  std::string RowMessage(int line, int column, const std::string& reason) const {
    return path_ + ":" + std::to_string(line) + ": column " + std::string(ColumnName(column)) +
           ": " + reason;
  }
  // An error of the row being checked (on the reading thread: see ParseRow).
  void RowError(int line, int column, const std::string& reason) {
    checking_->errors.push_back(RowMessage(line, column, reason));
  }

  Status ReadHeader() {
    TableRow header;
    if (!reader_->Next(&header)) {
      if (!reader_->status().ok()) return reader_->status();
      return Status::Invalid(path_ + ": the file is empty (expected a header row)");
    }
    positions_.fill(-1);
    std::vector<std::string> problems;
    for (size_t i = 0; i < header.fields.size(); ++i) {
      std::string name = Lower(Trim(header.fields[i]));
      if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);
      const auto& names = CaseFieldNames();
      const auto known = std::find(names.begin(), names.end(), name);
      const std::string where =
          path_ + ":" + std::to_string(header.line) + ": column '" + EscapeControl(name) + "'";
      if (known != names.end()) {
        const auto col = static_cast<size_t>(known - names.begin());
        if (positions_[col] >= 0) {
          problems.push_back(where + " appears twice");
        }
        positions_[col] = static_cast<int>(i);
      } else if (const std::string kind = PersonalColumnKind(name); !kind.empty()) {
        problems.push_back(where + " looks like a personal identifier (" + kind +
                           "); vtaudit stores no names, addresses or BSNs: remove the column");
      } else if (name.empty()) {
        summary_.warnings.push_back(path_ + ":" + std::to_string(header.line) + ": column " +
                                    std::to_string(i + 1) + " has no name and is ignored");
        unknown_.push_back(i);
      } else {
        summary_.warnings.push_back(where + " is not a known column and is ignored");
        unknown_.push_back(i);
        unknown_names_[i] = EscapeControl(name);
      }
    }
    for (int required : {kCaseId, kKind, kReceived}) {
      if (positions_[required] < 0) {
        problems.push_back(path_ + ":" + std::to_string(header.line) + ": required column '" +
                           std::string(ColumnName(required)) + "' is missing");
      }
    }
    if (!problems.empty()) {
      problems.push_back(path_ + ": nothing imported; the workspace is unchanged");
      return Status::InvalidAll(std::move(problems));
    }
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

  std::string_view Field(const TableRow& row, int column) const {
    const int pos = positions_[column];
    return pos >= 0 && static_cast<size_t>(pos) < row.fields.size()
               ? std::string_view(row.fields[static_cast<size_t>(pos)])
               : std::string_view();
  }
  bool Numeric(const TableRow& row, int column) const {
    const int pos = positions_[column];
    return pos >= 0 && static_cast<size_t>(pos) < row.numeric.size() &&
           row.numeric[static_cast<size_t>(pos)];
  }

  // Checks a row into *out. Runs on the reading thread: it touches only `out`, checking_
  // and what ReadHeader set up.
  void ParseRow(const TableRow& row, CheckedRow* out) {
    checking_ = out;
    out->errors.clear();
    out->line = row.line;
    if (!row.problem.empty()) {
      // Its fields are not where the header says: checking them would only mislead.
      out->errors.push_back(row.problem);
      return;
    }
    CaseRecord* c = &out->c;
    const int line = row.line;
    c->case_id.assign(Trim(Field(row, kCaseId)));
    if (c->case_id.empty()) {
      RowError(line, kCaseId, "empty; every case needs the organisation's case number");
    } else if (const std::string why = UnprintableReason(c->case_id); !why.empty()) {
      RowError(line, kCaseId, "holds " + why + "; a case_id may hold printable characters only");
    } else if (ContainsBsn(c->case_id)) {
      RowError(line, kCaseId,
               "'" + c->case_id +
                   "' looks like a BSN (9 digits passing the 11-proef); "
                   "use the organisation's case number");
    }
    const std::string_view kind = Trim(Field(row, kKind));
    if (EqualsLower(kind, "melding")) {
      c->kind = CaseKind::kMelding;
    } else if (EqualsLower(kind, "advies")) {
      c->kind = CaseKind::kAdvies;
    } else {
      RowError(line, kKind, "'" + EscapeControl(Lower(kind)) + "' is not melding or advies");
    }
    ParseViolence(Trim(Field(row, kViolence)), line, c);
    for (size_t e = 0; e < kEventColumns.size(); ++e) {
      c->events[e] = ParseEvent(row, kEventColumns[e], line);
    }
    if (!c->event(Event::kReceived) && Trim(Field(row, kReceived)).empty()) {
      RowError(line, kReceived, "empty; every case has a date of receipt");
    }
    c->outcome.assign(Trim(Field(row, kOutcome)));
    if (!c->outcome.empty() && !IsOutcomeCode(c->outcome)) {
      RowError(line, kOutcome,
               "'" + EscapeControl(c->outcome) +
                   "' is not a VT outcome code (VT-00, VT-01-01 … VT-01-04, VT-02, VT-03, VT-99)");
    }
    c->rvdk = ParseFlag(row, kRvdk, line);
    c->disclosure = ParseFlag(row, kDisclosure, line);
    CheckOrder(*c, line);
    for (size_t pos : unknown_) {
      if (pos < row.fields.size() && ContainsBsn(row.fields[pos])) {
        const auto named = unknown_names_.find(pos);
        out->errors.push_back(
            path_ + ":" + std::to_string(line) + ": column " +
            (named != unknown_names_.end() ? named->second : std::to_string(pos + 1)) +
            ": holds a number that passes the BSN 11-proef; vtaudit stores no BSNs: remove "
            "the column");
      }
    }
  }

  // Fills c->violence (reusing its strings) and checking_->violence, the text to store.
  void ParseViolence(std::string_view text, int line, CaseRecord* c) {
    size_t n = 0;
    std::string& joined = checking_->violence;
    joined.clear();
    size_t start = 0;
    while (!text.empty() && start <= text.size()) {
      size_t bar = text.find('|', start);
      if (bar == std::string_view::npos) bar = text.size();
      const std::string_view part = Trim(text.substr(start, bar - start));
      start = bar + 1;
      const auto& types = ViolenceTypes();
      const auto known = std::find_if(types.begin(), types.end(),
                                      [&](const std::string& t) { return EqualsLower(part, t); });
      if (known == types.end()) {
        RowError(line, kViolence,
                 "'" + EscapeControl(Lower(part)) +
                     "' is not a type of violence (kindermishandeling, partnergeweld, "
                     "ouderenmishandeling, geweld_tegen_ouders, overig)");
        continue;
      }
      if (n == c->violence.size()) c->violence.emplace_back();
      c->violence[n++].assign(*known);
      if (!joined.empty()) joined += '|';
      joined += *known;
    }
    c->violence.resize(n);
  }

  std::optional<EventTime> ParseEvent(const TableRow& row, int column, int line) {
    const std::string_view text = Trim(Field(row, column));
    if (text.empty()) return std::nullopt;
    std::string why;
    if (Numeric(row, column)) {
      std::optional<EventTime> t = FromExcelSerial(text, &why);
      if (!t) {
        RowError(line, column, "'" + EscapeControl(text) + "' is not an Excel date: " + why);
      } else if (t->date > today_) {
        RowError(line, column,
                 "Excel date " + std::string(text) + " (" + t->ToIso() + ") lies in the future");
        return std::nullopt;
      }
      return t;
    }
    std::optional<EventTime> t = ParseEventTime(text, &why);
    if (!t) {
      RowError(line, column, "'" + EscapeControl(text) + "': " + EscapeControl(why));
    } else if (t->date > today_) {
      RowError(line, column, std::string(text) + " lies in the future");
      return std::nullopt;
    }
    return t;
  }

  bool ParseFlag(const TableRow& row, int column, int line) {
    const std::string_view v = Trim(Field(row, column));
    if (v.empty() || v == "0" || EqualsLower(v, "nee") || EqualsLower(v, "false")) return false;
    if (v == "1" || EqualsLower(v, "ja") || EqualsLower(v, "true")) return true;
    RowError(line, column, "'" + EscapeControl(Lower(v)) + "' is not 1 or 0");
    return false;
  }

  void CheckOrder(const CaseRecord& c, int line) {
    const auto& received = c.event(Event::kReceived);
    const auto& assessed = c.event(Event::kSafetyAssessed);
    const auto& decided = c.event(Event::kInvestigationDecided);
    const auto& started = c.event(Event::kInvestigationStarted);
    const auto& completed = c.event(Event::kInvestigationCompleted);
    const auto check = [&](const std::optional<EventTime>& later, int later_col,
                           const std::optional<EventTime>& earlier, int earlier_col) {
      if (later && earlier && !NotBefore(*later, *earlier)) {
        RowError(line, later_col,
                 later->ToIso() + " is before " + std::string(ColumnName(earlier_col)) + " " +
                     earlier->ToIso());
      }
    };
    check(c.event(Event::kTriaged), kTriaged, received, kReceived);
    check(assessed, kSafetyAssessed, received, kReceived);
    check(decided, kDecided, assessed ? assessed : received,
          assessed ? kSafetyAssessed : kReceived);
    check(started, kStarted, decided, kDecided);
    check(completed, kCompleted, started ? started : decided, started ? kStarted : kDecided);
  }

  // Binds every parameter, so that the statement can run without clearing its bindings.
  // The texts are bound without copies: they outlive the run.
  void BindCase(Statement* q, const CheckedRow& r, int first = 1) {
    const CaseRecord& c = r.c;
    const int o = first - 1;
    q->BindStatic(o + 1, org_).BindStatic(o + 2, c.case_id);
    q->Bind(o + 3, c.kind == CaseKind::kAdvies ? 1 : 0).BindStatic(o + 4, r.violence);
    for (size_t e = 0; e < kEventColumns.size(); ++e) {
      const int index = o + kEventColumns[e] + 2;  // the parameters follow the column order
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
    for (size_t e = 0; e < kEventColumns.size(); ++e) {
      const int column = kEventColumns[e] - kReceived + 2;
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
          AddError(
              RowMessage(line, kCaseId,
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
        AddError(
            RowMessage(line, kCaseId,
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
  std::array<int, kColumnCount> positions_{};
  std::vector<size_t> unknown_;
  std::map<size_t, std::string> unknown_names_;
  bool fresh_org_ = false;
  int64_t extract_id_ = 0;
  std::future<std::string> sha256_;
  static constexpr size_t kBatchRows = 512;
  static constexpr size_t kParameters = 14;  // per case
  std::optional<Statement> batch_insert_, insert_, update_, find_;
  std::vector<CheckedRow> batch_ = std::vector<CheckedRow>(kBatchRows);
  size_t batch_size_ = 0;
  CheckedRow* checking_ = nullptr;  // the row ParseRow fills; the reading thread's
  ImportSummary summary_;
  std::vector<std::string> errors_;
  long error_count_ = 0;
  Date today_ = Date::Today();
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
