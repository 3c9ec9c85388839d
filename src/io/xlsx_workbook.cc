#include "xlsx_workbook.h"

#include <xlsxwriter.h>

#include <utility>

namespace vtaudit {

Result<XlsxWorkbook> XlsxWorkbook::Open(const std::string& path) {
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return Status::IoError(path + ": cannot write");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  return XlsxWorkbook(path, book, bold, wrap);
}

XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&& other) noexcept
    : path_(std::move(other.path_)),
      book_(std::exchange(other.book_, nullptr)),
      bold_(other.bold_),
      wrap_(other.wrap_) {}

XlsxWorkbook::~XlsxWorkbook() {
  if (book_ != nullptr) workbook_close(book_);
}

Status XlsxWorkbook::Close() {
  const lxw_error err = workbook_close(std::exchange(book_, nullptr));
  if (err != LXW_NO_ERROR) {
    return Status::IoError(path_ + ": cannot write (" + lxw_strerror(err) + ")");
  }
  return Status::Ok();
}

}  // namespace vtaudit
