// The PDF report: the document's sections laid out on A4 pages with cairo and pango
// (reports/README.md says why these). Text is set with pango as plain text, never markup,
// so user strings need no escaping; cairo embeds the font subsets it uses. The layout runs
// twice: once to count the pages, once to draw them with "page X of Y".
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "report.h"
#include "report_internal.h"

namespace vtaudit {
namespace {

using report_internal::Block;
using report_internal::Section;

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMarginX = 56;
constexpr double kTop = 64;
constexpr double kBottom = 62;  // space kept free at the bottom for the footer
constexpr double kContentWidth = kPageWidth - 2 * kMarginX;
constexpr const char* kFont = "DejaVu Sans";
constexpr double kCellSize = 8.5;  // table text
constexpr double kCellPad = 3.5;

struct Colour {
  double r, g, b;
};
constexpr Colour kInk{0.106, 0.106, 0.106};
constexpr Colour kAccent{0.082, 0.259, 0.451};
constexpr Colour kMuted{0.353, 0.353, 0.353};
constexpr Colour kRule{0.784, 0.784, 0.784};
constexpr Colour kBand{0.949, 0.961, 0.976};
constexpr Colour kAlert{0.69, 0, 0.125};

class PdfWriter {
 public:
  PdfWriter(cairo_t* cr, const ReportModel& model, const ReportTemplates& t, int total_pages)
      : cr_(cr), model_(model), t_(t), total_pages_(total_pages) {}

  int Run(const std::vector<Section>& sections) {
    StartPage();
    for (size_t i = 0; i < sections.size(); ++i) {
      // The cover stands alone and the appendices start on a page of their own; the
      // chapters of the body follow each other, so that the body stays short.
      if (i > 0 && (sections[i - 1].id == "cover" || sections[i].id == "appendices")) NewPage();
      for (const Block& b : sections[i].blocks) Draw(b);
    }
    FinishPage();
    return page_;
  }

 private:
  PangoLayout* Layout(const std::string& text, double size, bool bold, double width) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_from_string(kFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Show(PangoLayout* layout, double x, double y, Colour c) {
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
    cairo_restore(cr_);
  }

  // Draws text at (x, y) and returns its height.
  double Text(const std::string& text, double x, double y, double size, bool bold, double width,
              Colour c) {
    PangoLayout* layout = Layout(text, size, bold, width);
    const double h = Height(layout);
    Show(layout, x, y, c);
    g_object_unref(layout);
    return h;
  }

  double Measure(const std::string& text, double size, bool bold, double width) {
    PangoLayout* layout = Layout(text, size, bold, width);
    const double h = Height(layout);
    g_object_unref(layout);
    return h;
  }

  void StartPage() {
    ++page_;
    y_ = kTop;
    if (model_.synthetic) {
      cairo_save(cr_);
      cairo_set_source_rgb(cr_, kAlert.r, kAlert.g, kAlert.b);
      cairo_rectangle(cr_, 0, 18, kPageWidth, 22);
      cairo_fill(cr_);
      cairo_restore(cr_);
      PangoLayout* layout = Layout(t_.T("synthetic.banner"), 11, true, kPageWidth);
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      Show(layout, 0, 22, {1, 1, 1});
      g_object_unref(layout);
    }
  }

  void FinishPage() {
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, kRule.r, kRule.g, kRule.b);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMarginX, kPageHeight - 44);
    cairo_line_to(cr_, kPageWidth - kMarginX, kPageHeight - 44);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    const std::string left = model_.org_name + " · " + std::to_string(model_.period) + " · " +
                             t_.T("status." + model_.status);
    Text(left, kMarginX, kPageHeight - 38, 8, false, kContentWidth * 0.7, kMuted);
    PangoLayout* layout =
        Layout(t_.T("pdf.page", {{"page", std::to_string(page_)},
                                 {"pages", std::to_string(std::max(total_pages_, page_))}}),
               8, false, kContentWidth);
    pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
    Show(layout, kMarginX, kPageHeight - 38, kMuted);
    g_object_unref(layout);
    cairo_show_page(cr_);
  }

  void NewPage() {
    FinishPage();
    StartPage();
  }

  double Room() const { return kPageHeight - kBottom - y_; }

  void EnsureRoom(double needed) {
    if (needed > Room() && y_ > kTop + 1) NewPage();
  }

  static double HeadingSize(int level) {
    switch (level) {
      case 1:
        return 24;
      case 2:
        return 17;
      case 3:
        return 13;
      default:
        return 11;
    }
  }

  void Draw(const Block& b) {
    switch (b.kind) {
      case Block::Kind::kHeading: {
        const double size = HeadingSize(b.level);
        const double h = Measure(b.text, size, true, kContentWidth);
        // A heading keeps the start of what follows (often a paragraph and a chart) on its page.
        const double follow = b.level <= 3 ? 200 : 90;
        // A chapter that follows another on the same page keeps a clear gap above it.
        y_ += b.level <= 2 ? (y_ > kTop + 1 ? 18 : 0) : 8;
        EnsureRoom(h + follow);
        y_ += Text(b.text, kMarginX, y_, size, true, kContentWidth, b.level <= 2 ? kAccent : kInk);
        if (b.level == 2) {
          cairo_save(cr_);
          cairo_set_source_rgb(cr_, kAccent.r, kAccent.g, kAccent.b);
          cairo_set_line_width(cr_, 1.2);
          cairo_move_to(cr_, kMarginX, y_ + 2);
          cairo_line_to(cr_, kMarginX + kContentWidth, y_ + 2);
          cairo_stroke(cr_);
          cairo_restore(cr_);
          y_ += 6;
        }
        y_ += 6;
        break;
      }
      case Block::Kind::kParagraph: {
        const bool lead = b.style == "lead", note = b.style == "note";
        const double size = lead ? 14 : note ? 8.5 : 10;
        const double h = Measure(b.text, size, false, kContentWidth);
        EnsureRoom(h);
        y_ += Text(b.text, kMarginX, y_, size, false, kContentWidth, note ? kMuted : kInk) + 7;
        break;
      }
      case Block::Kind::kTable:
        DrawTable(b);
        break;
      case Block::Kind::kBarChart:
        DrawChart(b.bar);
        break;
      case Block::Kind::kLineChart:
        DrawChart(b.line);
        break;
      case Block::Kind::kHistogram:
        DrawChart(b.histogram);
        break;
    }
  }

  template <typename Chart>
  void DrawChart(const Chart& chart) {
    const double width = kContentWidth * 0.9;
    cairo_surface_t* probe = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
    cairo_t* probe_cr = cairo_create(probe);
    const double h = DrawPdf(chart, probe_cr, 0, 0, width);
    cairo_destroy(probe_cr);
    cairo_surface_destroy(probe);
    EnsureRoom(h);
    y_ += DrawPdf(chart, cr_, kMarginX, y_, width) + 10;
  }

  // The width of the widest word of `text`, set on one line.
  double WidestWord(const std::string& text, double size, bool bold) {
    double widest = 0;
    size_t start = 0;
    while (start < text.size()) {
      const size_t end = std::min(text.find_first_of(" \n", start), text.size());
      if (end > start) {
        PangoLayout* layout = Layout(text.substr(start, end - start), size, bold, -1);
        pango_layout_set_width(layout, -1);
        int w = 0, h = 0;
        pango_layout_get_size(layout, &w, &h);
        g_object_unref(layout);
        widest = std::max(widest, static_cast<double>(w) / PANGO_SCALE);
      }
      start = end + 1;
    }
    return widest;
  }

  // The block's relative widths scaled to the page, then widened so that no column breaks
  // a word of its header, nor of its cells up to a third of the page (a hash may break);
  // the room comes from the columns that have some to spare.
  std::vector<double> ColumnWidths(const Block& b, size_t columns) {
    std::vector<double> w = b.widths;
    w.resize(columns, 1);
    double sum = 0;
    for (const double x : w) sum += x;
    for (double& x : w) x = x / sum * kContentWidth;
    std::vector<double> least(columns, 0);
    for (size_t i = 0; i < columns && i < b.header.size(); ++i) {
      least[i] = WidestWord(b.header[i], kCellSize, true);
    }
    for (const auto& row : b.rows) {
      for (size_t i = 0; i < columns && i < row.size(); ++i) {
        least[i] = std::max(least[i], std::min(WidestWord(row[i], kCellSize, false),
                                               kContentWidth / 3 - 2 * kCellPad));
      }
    }
    for (double& x : least) x = std::ceil(x + 2 * kCellPad + 1);
    double need = 0, spare = 0;
    for (size_t i = 0; i < columns; ++i) {
      if (w[i] < least[i]) {
        need += least[i] - w[i];
      } else {
        spare += w[i] - least[i];
      }
    }
    if (need <= 0 || spare <= 0) return w;
    const double take = std::min(1.0, need / spare);
    for (size_t i = 0; i < columns; ++i) {
      w[i] = w[i] < least[i] ? w[i] + (least[i] - w[i]) * std::min(1.0, spare / need)
                             : w[i] - (w[i] - least[i]) * take;
    }
    return w;
  }

  // Draws one row; returns its height. `measure_only` draws nothing.
  double Row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header,
             bool key_value, bool measure_only, bool signature = false) {
    constexpr double kPad = kCellPad;
    const double size = kCellSize;
    double h = 0;
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      h = std::max(h, Measure(cells[i], size, header, widths[i] - 2 * kPad));
    }
    h += 2 * kPad;
    if (signature && !header) h = std::max(h, 34.0);
    if (measure_only) return h;
    if (header) {
      cairo_save(cr_);
      cairo_set_source_rgb(cr_, kBand.r, kBand.g, kBand.b);
      cairo_rectangle(cr_, kMarginX, y_, kContentWidth, h);
      cairo_fill(cr_);
      cairo_restore(cr_);
    }
    double x = kMarginX;
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      Text(cells[i], x + kPad, y_ + kPad, size, header, widths[i] - 2 * kPad,
           key_value && i == 0 ? kMuted : kInk);
      x += widths[i];
    }
    cairo_save(cr_);
    const Colour line = header ? kAccent : kRule;
    cairo_set_source_rgb(cr_, line.r, line.g, line.b);
    cairo_set_line_width(cr_, header ? 1 : 0.5);
    cairo_move_to(cr_, kMarginX, y_ + h);
    cairo_line_to(cr_, kMarginX + kContentWidth, y_ + h);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    return h;
  }

  void DrawTable(const Block& b) {
    size_t columns = b.header.size();
    for (const auto& r : b.rows) columns = std::max(columns, r.size());
    const std::vector<double> widths = ColumnWidths(b, columns);
    const bool key_value = b.header.empty();
    const bool signature = b.style == "signature";  // rows tall enough to sign in
    const double caption_h = b.text.empty() ? 0 : Measure(b.text, 9, true, kContentWidth) + 3;
    const double header_h = key_value ? 0 : Row(b.header, widths, true, false, true);
    const double first_h = b.rows.empty() ? 0 : Row(b.rows[0], widths, false, key_value, true);
    EnsureRoom(caption_h + header_h + first_h);
    if (!b.text.empty()) y_ += Text(b.text, kMarginX, y_, 9, true, kContentWidth, kInk) + 3;
    if (!key_value) y_ += Row(b.header, widths, true, false, false);
    for (const auto& r : b.rows) {
      const double h = Row(r, widths, false, key_value, true, signature);
      if (h > Room()) {
        NewPage();
        if (!key_value) y_ += Row(b.header, widths, true, false, false);
      }
      y_ += Row(r, widths, false, key_value, false, signature);
    }
    y_ += 10;
  }

  cairo_t* cr_;
  const ReportModel& model_;
  const ReportTemplates& t_;
  int total_pages_;
  int page_ = 0;
  double y_ = kTop;
};

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> ReportPdf(const ReportModel& model, const ReportTemplates& t) {
  const std::vector<Section> sections = report_internal::BuildDocument(model, t);
  int pages = 0;
  {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(Discard, nullptr, kPageWidth, kPageHeight);
    cairo_t* cr = cairo_create(surface);
    pages = PdfWriter(cr, model, t, 0).Run(sections);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &bytes, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Status::IoError("cannot create the PDF");
  }
  const std::string title = t.T(
      "html.title", {{"organisation", model.org_name}, {"period", std::to_string(model.period)}});
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                 ("vtaudit " + model.toolkit_version).c_str());
  if (!model.created_at.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   model.created_at.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  PdfWriter(cr, model, t, pages).Run(sections);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::IoError(std::string("cannot write the PDF: ") + cairo_status_to_string(status));
  }
  return bytes;
}

}  // namespace vtaudit
