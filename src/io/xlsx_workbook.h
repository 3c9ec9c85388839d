// XlsxWorkbook: an Excel workbook (.xlsx) being written with libxlsxwriter, set up the way
// every workbook vtaudit writes is (the delivery and score templates): a bold format for
// headings and a wrapping, top-aligned one for long text. The caller adds its sheets
// through book() with libxlsxwriter's own calls, then Close() writes the file. Move-only;
// not thread-safe.
#ifndef VTAUDIT_XLSX_WORKBOOK_H_
#define VTAUDIT_XLSX_WORKBOOK_H_

#include <string>
#include <utility>

#include "status.h"

// libxlsxwriter's types, declared here so that only the writers include <xlsxwriter.h>.
struct lxw_workbook;
struct lxw_format;

namespace vtaudit {

class XlsxWorkbook {
 public:
  // A new workbook at `path`; IoError "PATH: cannot write" when it cannot be made.
  static Result<XlsxWorkbook> Open(const std::string& path);
  XlsxWorkbook(XlsxWorkbook&& other) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) = delete;
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
  // Writes what was added if Close() was not called (its error unheard).
  ~XlsxWorkbook();

  lxw_workbook* book() const { return book_; }
  lxw_format* bold() const { return bold_; }
  lxw_format* wrap() const { return wrap_; }  // wraps text, aligned to the top of its cell

  // Writes the file; IoError "PATH: cannot write (WHY)" when that fails.
  // REQUIRES: not closed before.
  Status Close();

 private:
  XlsxWorkbook(std::string path, lxw_workbook* book, lxw_format* bold, lxw_format* wrap)
      : path_(std::move(path)), book_(book), bold_(bold), wrap_(wrap) {}

  std::string path_;
  lxw_workbook* book_;  // null once closed or moved from
  lxw_format* bold_;
  lxw_format* wrap_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_XLSX_WORKBOOK_H_
