#include "pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace vtaudit {
namespace {

// The password given in the connection string itself, so that no message repeats it.
std::string PasswordOf(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (error) PQfreemem(error);
  std::string password;
  if (!options) return password;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val) password = o->val;
  }
  PQconninfoFree(options);
  return password;
}

std::string Describe(PGconn* conn) {
  const auto or_default = [](const char* v) { return std::string(v && *v ? v : "(default)"); };
  return "host " + or_default(PQhost(conn)) + " port " + or_default(PQport(conn)) + " database " +
         or_default(PQdb(conn)) + " user " + or_default(PQuser(conn));
}

}  // namespace

PgParam PgParam::Bytes(std::string bytes) {
  PgParam p(std::move(bytes));
  p.binary = true;
  return p;
}

PgParam PgParam::Null() {
  PgParam p("");
  p.value.reset();
  return p;
}

const std::string& PgResult::Text(size_t row, size_t column) const {
  static const std::string kEmpty;
  const std::optional<std::string>& v = rows_[row][column];
  return v ? *v : kEmpty;
}

int64_t PgResult::Int(size_t row, size_t column) const {
  const std::optional<std::string>& v = rows_[row][column];
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

std::optional<double> PgResult::OptionalDouble(size_t row, size_t column) const {
  const std::optional<std::string>& v = rows_[row][column];
  if (!v) return std::nullopt;
  return std::strtod(v->c_str(), nullptr);
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo) {
  // Earlier keywords are defaults: what the string sets wins (expand_dbname).
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "vtaudit", conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (!conn) return Status::IoError("archive: out of memory connecting");
  std::unique_ptr<PgConnection> c(new PgConnection(conn, Describe(conn), PasswordOf(conninfo)));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::IoError("archive (" + c->server_ +
                           "): cannot connect: " + c->Reason(PQerrorMessage(conn)));
  }
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

std::string PgConnection::ServerVersion() const {
  const int v = PQserverVersion(conn_);
  return std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

std::string PgConnection::Reason(const char* message) const {
  std::string m = message ? message : "";
  // libpq's messages may run over lines (a DETAIL, the addresses tried): the first says why.
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  if (const size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  if (!password_.empty()) {
    for (size_t at = m.find(password_); at != std::string::npos; at = m.find(password_, at)) {
      m.replace(at, password_.size(), "***");
    }
  }
  return m;
}

Result<PgResult> PgConnection::Send(std::string_view sql, const std::vector<PgParam>& params,
                                    int format) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const PgParam& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  const std::string text(sql);
  PGresult* r = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                             values.data(), lengths.data(), formats.data(), format);
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string reason = Reason(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    if (r) PQclear(r);
    return Status::IoError("archive (" + server_ + "): " + reason);
  }
  PgResult out;
  const int rows = PQntuples(r), columns = PQnfields(r);
  out.rows_.resize(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    std::vector<std::optional<std::string>>& row = out.rows_[static_cast<size_t>(i)];
    for (int j = 0; j < columns; ++j) {
      if (PQgetisnull(r, i, j)) {
        row.emplace_back();
      } else {
        row.emplace_back(
            std::string(PQgetvalue(r, i, j), static_cast<size_t>(PQgetlength(r, i, j))));
      }
    }
  }
  PQclear(r);
  return out;
}

Result<PgResult> PgConnection::Query(std::string_view sql, const std::vector<PgParam>& params) {
  return Send(sql, params, 0);
}

Result<PgResult> PgConnection::QueryBinary(std::string_view sql,
                                           const std::vector<PgParam>& params) {
  return Send(sql, params, 1);
}

Status PgConnection::Run(std::string_view sql, const std::vector<PgParam>& params) {
  Result<PgResult> r = Send(sql, params, 0);
  return r.ok() ? Status::Ok() : r.status();
}

PgTransaction::PgTransaction(PgConnection* conn) : conn_(conn), begin_(conn->Run("BEGIN")) {}

PgTransaction::~PgTransaction() {
  if (!done_ && begin_.ok()) (void)conn_->Run("ROLLBACK");
}

Status PgTransaction::Commit() {
  done_ = true;
  return conn_->Run("COMMIT");
}

}  // namespace vtaudit
