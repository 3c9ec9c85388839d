// A thin RAII layer over libpq for the archive layer only (its other headers never show a
// PGconn): one connection, every statement sent with PQexecParams (parameters apart from
// the SQL, never spliced into it), results copied out, transactions that roll back unless
// committed. Errors are Status values naming the server (host, port, database, user) and
// never the password. One thread at a time.
#ifndef VTAUDIT_PG_CONNECTION_H_
#define VTAUDIT_PG_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

struct pg_conn;

namespace vtaudit {

// One query parameter: text, bytes (sent in binary, for a bytea column) or NULL.
struct PgParam {
  PgParam(std::string text) : value(std::move(text)) {}  // NOLINT: text is the common case
  PgParam(const char* text) : value(std::string(text)) {}
  PgParam(int64_t number) : value(std::to_string(number)) {}
  PgParam(int number) : value(std::to_string(number)) {}
  static PgParam Bytes(std::string bytes);
  static PgParam Null();

  std::optional<std::string> value;
  bool binary = false;
};

// The rows of a query, copied out of the PGresult. Columns are 0-based.
class PgResult {
 public:
  size_t rows() const { return rows_.size(); }
  bool IsNull(size_t row, size_t column) const { return !rows_[row][column].has_value(); }
  // "" for NULL. With binary results (PgConnection::QueryBinary), the bytes as sent.
  const std::string& Text(size_t row, size_t column) const;
  int64_t Int(size_t row, size_t column) const;  // 0 for NULL
  std::optional<double> OptionalDouble(size_t row, size_t column) const;
  std::optional<std::string> OptionalText(size_t row, size_t column) const {
    return rows_[row][column];
  }

 private:
  friend class PgConnection;
  std::vector<std::vector<std::optional<std::string>>> rows_;
};

class PgConnection {
 public:
  // Connects with a libpq connection string (`host=… dbname=…`, a postgresql:// URI or
  // `service=NAME`); libpq reads ~/.pgpass, PGSERVICEFILE, sslmode and the rest as usual.
  // A connection attempt gives up after 10 seconds unless the string sets connect_timeout.
  // IoError naming the server, and libpq's reason without the password, when it fails.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // "host 127.0.0.1 port 5432 database archive user anna".
  const std::string& server() const { return server_; }
  // The server's version, e.g. "15.18".
  std::string ServerVersion() const;

  // One statement with its parameters ($1, $2, …); results as text.
  Result<PgResult> Query(std::string_view sql, const std::vector<PgParam>& params = {});
  // The same with results in binary: for fetching bytea columns byte for byte.
  Result<PgResult> QueryBinary(std::string_view sql, const std::vector<PgParam>& params = {});
  // A statement whose rows (if any) do not matter.
  Status Run(std::string_view sql, const std::vector<PgParam>& params = {});

 private:
  PgConnection(pg_conn* conn, std::string server, std::string password)
      : conn_(conn), server_(std::move(server)), password_(std::move(password)) {}
  Result<PgResult> Send(std::string_view sql, const std::vector<PgParam>& params, int format);
  // libpq's message, first line, with the password (if any was given) blanked out.
  std::string Reason(const char* message) const;

  pg_conn* conn_;
  std::string server_;
  std::string password_;
};

// BEGIN … COMMIT; the destructor rolls back what was not committed.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection* conn);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  const Status& status() const { return begin_; }  // whether BEGIN worked
  Status Commit();

 private:
  PgConnection* conn_;
  Status begin_;
  bool done_ = false;
};

}  // namespace vtaudit

#endif  // VTAUDIT_PG_CONNECTION_H_
