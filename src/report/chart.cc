#include "chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iterator>
#include <numbers>
#include <type_traits>
#include <utility>
#include <variant>

namespace vtaudit {
namespace {

// Every layout is computed in this coordinate system; SVG uses it as its viewBox and the PDF
// backend scales it to the requested width.
constexpr double kWidth = 640;

// The palette: navy and teal first, then colours that stay apart for colour-blind readers;
// orange is kept for norms. Lines also differ by marker shape, so colour is never the only cue.
constexpr const char* kNavy = "#154273";
constexpr const char* kLightNavy = "#9DB4D3";
constexpr const char* kNormColour = "#C25400";  // dashed markers and lines for norms
constexpr const char* kNormText = "#9A4300";    // darker, for text on white
constexpr const char* kInk = "#1A1A1A";
constexpr const char* kMuted = "#4A5563";
constexpr const char* kGrid = "#D9DEE5";
constexpr const char* kPlotFill = "#F6F8FA";
constexpr const char* kWhite = "#FFFFFF";
constexpr const char* kSeriesColours[] = {"#154273", "#00857C", "#7B4FA0",
                                          "#5C8FC7", "#8A6D3B", "#A0527A"};
constexpr const char* kFontFamily = "DejaVu Sans, Arial, sans-serif";

// ---- Numbers -------------------------------------------------------------------------------

// Fixed notation with `decimals` digits, independent of the locale.
std::string Fixed(double v, int decimals) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string s(buf, r.ptr);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

// A coordinate for SVG: two decimals at most, no trailing zeros.
std::string Coord(double v) {
  std::string s = Fixed(v, 2);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// The shortest text that reads back as `v`, for data-value attributes.
std::string Exact(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// The fewest decimals (at most 3) that show every multiple of `step` exactly.
int DecimalsFor(double step) {
  for (int d = 0; d < 3; ++d) {
    const double scaled = step * std::pow(10, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, scaled)) return d;
  }
  return 3;
}

// A round step (1, 2, 2.5 or 5 times a power of ten) giving at most `max_ticks` intervals.
double NiceStep(double span, int max_ticks, bool integer) {
  if (!(span > 0)) return 1;
  const double raw = span / max_ticks;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    const double step = m * magnitude;
    if (integer && step != std::floor(step)) continue;
    if (step >= raw * (1 - 1e-9)) return integer ? std::max(step, 1.0) : step;
  }
  return 10 * magnitude;
}

std::vector<double> Ticks(double lo, double hi, double step) {
  std::vector<double> ticks;
  const double first = std::ceil(lo / step - 1e-9) * step;
  for (int i = 0;; ++i) {
    const double t = first + i * step;
    if (t > hi + step * 1e-9) break;
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}

// ---- Text ----------------------------------------------------------------------------------

size_t CodePoints(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

// An estimate of the rendered width of `text` in DejaVu Sans. Layout must not depend on the
// fonts of the machine that renders it, so it uses this rather than measuring.
double TextWidth(std::string_view text, double size, bool bold = false) {
  return static_cast<double>(CodePoints(text)) * size * (bold ? 0.66 : 0.6);
}

// `text` cut at a code point boundary and ended with "…" so that it fits `max_width`.
std::string Fit(const std::string& text, double max_width, double size) {
  if (TextWidth(text, size) <= max_width) return text;
  const size_t keep = static_cast<size_t>(std::max(0.0, max_width / (size * 0.6) - 1));
  size_t bytes = 0, points = 0;
  while (bytes < text.size() && points < keep) {
    ++bytes;
    while (bytes < text.size() && (text[bytes] & 0xC0) == 0x80) ++bytes;
    ++points;
  }
  return text.substr(0, bytes) + "\u2026";
}

// `text` in lines that fit `max_width`, broken at spaces and at "\n"; a word wider than a
// line is cut (Fit), never broken inside.
std::vector<std::string> Wrap(const std::string& text, double max_width, double size,
                              bool bold = false) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string line;
    size_t word_start = start;
    while (word_start < end) {
      size_t word_end = text.find(' ', word_start);
      if (word_end == std::string::npos || word_end > end) word_end = end;
      const std::string word = text.substr(word_start, word_end - word_start);
      const std::string joined = line.empty() ? word : line + " " + word;
      if (!line.empty() && TextWidth(joined, size, bold) > max_width) {
        lines.push_back(line);
        line = word;
      } else {
        line = joined;
      }
      word_start = word_end + 1;
    }
    lines.push_back(Fit(line, max_width, size));
    start = end + 1;
  }
  return lines;
}

// ---- Scene: what both backends draw --------------------------------------------------------

struct Paint {
  const char* fill = nullptr;  // nullptr: none
  const char* stroke = nullptr;
  double stroke_width = 1;
  bool dashed = false;
};

// What SVG readers (and tests) learn about a shape beyond its geometry.
struct Meta {
  std::string cls = {};
  std::optional<double> value = {};  // data-value
  std::string tip = {};              // a <title> child: a tooltip, and the full text of a cut label
};

struct Point {
  double x, y;
};
struct RectShape {
  double x, y, w, h;
  Paint paint;
  Meta meta;
};
struct LineShape {
  double x1, y1, x2, y2;
  Paint paint;
  Meta meta;
};
struct PolyShape {
  std::vector<Point> points;
  bool closed;  // a polygon rather than a polyline
  Paint paint;
  Meta meta;
};
struct CircleShape {
  double cx, cy, r;
  Paint paint;
  Meta meta;
};
enum class Anchor { kStart, kMiddle, kEnd };
struct TextShape {
  double x, y;  // y is the baseline
  std::string text;
  double size;
  bool bold;
  Anchor anchor;
  const char* colour;
  Meta meta;
  bool halo = false;  // outlined in white, so that it stays legible across a line
};
using Shape = std::variant<RectShape, LineShape, PolyShape, CircleShape, TextShape>;

struct Scene {
  double height = 0;
  std::vector<Shape> shapes;

  void Rect(double x, double y, double w, double h, Paint p, Meta m = {}) {
    shapes.push_back(RectShape{x, y, w, h, p, std::move(m)});
  }
  void Line(double x1, double y1, double x2, double y2, Paint p, Meta m = {}) {
    shapes.push_back(LineShape{x1, y1, x2, y2, p, std::move(m)});
  }
  void Poly(std::vector<Point> pts, bool closed, Paint p, Meta m = {}) {
    shapes.push_back(PolyShape{std::move(pts), closed, p, std::move(m)});
  }
  void Circle(double cx, double cy, double r, Paint p, Meta m = {}) {
    shapes.push_back(CircleShape{cx, cy, r, p, std::move(m)});
  }
  void Text(double x, double y, std::string text, double size, Anchor anchor = Anchor::kStart,
            const char* colour = kInk, bool bold = false, Meta m = {}, bool halo = false) {
    shapes.push_back(
        TextShape{x, y, std::move(text), size, bold, anchor, colour, std::move(m), halo});
  }
};

// Where a layout goes: its top left corner and width; a layout returns the y below it.
struct Frame {
  double x, y, w;
};

double DrawTitle(const std::string& title, Frame f, double size, Scene* s) {
  if (title.empty()) return f.y + 4;
  double y = f.y;
  for (const std::string& line : Wrap(title, f.w, size, true)) {
    y += size * 1.25;
    s->Text(f.x, y - size * 0.25, line, size, Anchor::kStart, kNavy, true, {"title"});
  }
  return y + 10 - size * 0.25;
}

// A mark across the foot of a value axis that does not start at 0, and its word beside it.
void DrawAxisBreak(double x, double y, const ChartWords& words, Scene* s) {
  for (double dy : {-2.0, 2.0}) {
    s->Line(x - 5, y + dy + 2, x + 5, y + dy - 2, {nullptr, kInk, 1.2}, {"axis-break"});
  }
  if (!words.axis_break.empty()) {
    s->Text(x + 8, y - 4, words.axis_break, 8, Anchor::kStart, kMuted, false, {"axis-break-label"});
  }
}

// A series marker; the shape cycles so that series differ by more than colour.
void DrawMarker(size_t series, double x, double y, double r, const char* colour, Meta m, Scene* s,
                bool hollow = false) {
  const Paint p = hollow ? Paint{kWhite, colour, 1.2, false} : Paint{colour, kWhite, 0.8 * r / 3};
  switch (series % 4) {
    case 0:
      s->Circle(x, y, r, p, std::move(m));
      break;
    case 1:
      s->Poly({{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}}, true, p,
              std::move(m));
      break;
    case 2:
      s->Poly({{x, y - 1.25 * r}, {x + 1.2 * r, y + r}, {x - 1.2 * r, y + r}}, true, p,
              std::move(m));
      break;
    default:
      s->Poly({{x, y - 1.35 * r}, {x + 1.35 * r, y}, {x, y + 1.35 * r}, {x - 1.35 * r, y}}, true, p,
              std::move(m));
      break;
  }
}

// One legend entry: draws its key in a 22-unit-wide box centred vertically on `cy`.
struct LegendEntry {
  std::function<void(double x, double cy, Scene*)> key;
  std::string label;
};

double DrawLegend(const std::vector<LegendEntry>& entries, Frame f, Scene* s) {
  if (entries.empty()) return f.y;
  constexpr double kSize = 10, kRow = 16;
  double x = f.x, y = f.y + 4;
  for (const LegendEntry& e : entries) {
    const double w = 22 + 5 + TextWidth(e.label, kSize) + 16;
    if (x > f.x && x + w > f.x + f.w) {
      x = f.x;
      y += kRow;
    }
    e.key(x, y + kRow / 2, s);
    s->Text(x + 27, y + kRow / 2 + 3.5, e.label, kSize, Anchor::kStart, kMuted, false, {"legend"});
    x += w;
  }
  return y + kRow + 4;
}

LegendEntry NormLegend(std::string label) {
  return {[](double x, double cy, Scene* s) {
            s->Line(x, cy, x + 22, cy, {nullptr, kNormColour, 2, true});
          },
          std::move(label)};
}

LegendEntry SwatchLegend(const char* colour, std::string label) {
  return {[colour](double x, double cy, Scene* s) { s->Rect(x + 4, cy - 5, 14, 10, {colour}); },
          std::move(label)};
}

// Which of `n` labels, `slot` units apart, to show so that they do not overlap: every k-th.
size_t LabelStride(const std::vector<std::string>& labels, double slot, double size) {
  double widest = 0;
  for (const std::string& l : labels) widest = std::max(widest, TextWidth(l, size));
  if (slot <= 0) return 1;
  return std::max<size_t>(1, static_cast<size_t>(std::ceil((widest + 8) / slot)));
}

// ---- Layouts -------------------------------------------------------------------------------

// A word with a value after it ("Norm 80,0%"), or the value alone when the word is empty.
std::string Labelled(const std::string& word, const std::string& value) {
  return word.empty() ? value : word + " " + value;
}

double LayoutBars(const BarChart& c, Frame f, Scene* s) {
  const ChartWords& words = c.words;
  constexpr double kLabelSize = 11, kTickSize = 10, kRow = 26, kLine = 13, kBar = 14, kPad = 4;
  double y = DrawTitle(c.title, f, 13, s);

  double label_w = 0, largest = 0;
  bool integers = true;
  for (const BarItem& item : c.items) {
    for (const std::string& line : Wrap(item.label, kWidth, kLabelSize)) {
      label_w = std::max(label_w, TextWidth(line, kLabelSize));
    }
    for (const std::optional<double>& v : {std::optional(item.value), item.high, item.norm}) {
      if (v && std::isfinite(*v)) largest = std::max(largest, *v);
    }
    integers = integers && item.value == std::floor(item.value);
  }
  label_w = std::min(label_w, 0.4 * f.w);
  // Each label wrapped on words to the label column; a row is as tall as its label.
  std::vector<std::vector<std::string>> labels;
  std::vector<double> row_top;
  double rows_h = 0;
  for (const BarItem& item : c.items) {
    labels.push_back(Wrap(item.label, label_w, kLabelSize));
    row_top.push_back(rows_h);
    rows_h += std::max(kRow, static_cast<double>(labels.back().size()) * kLine + 8);
  }

  double hi = 1, step = 0.25;
  if (!c.percent) {
    step = NiceStep(largest > 0 ? largest : 1, 4, false);
    hi = std::max(step, std::ceil(largest / step - 1e-9) * step);
  }
  auto value_text = [&](double v) {
    return c.percent ? FormatPercent(v, 1, c.lang) : FormatNumber(v, integers ? 0 : 1, c.lang);
  };
  double value_w = TextWidth(value_text(c.percent ? 1 : hi), kLabelSize, true);
  for (const BarItem& item : c.items) {
    value_w = std::max(value_w, TextWidth(value_text(item.value), kLabelSize, true));
  }

  const double plot_x = f.x + label_w + 12;
  const double plot_w = f.x + f.w - value_w - 10 - plot_x;
  const double plot_top = y + 2;
  const double plot_h = rows_h + 2 * kPad;
  const double plot_bottom = plot_top + plot_h;
  auto x_of = [&](double v) { return plot_x + std::clamp(v / hi, 0.0, 1.0) * plot_w; };

  s->Rect(plot_x, plot_top, plot_w, plot_h, {kPlotFill}, {"plot-area"});
  const int tick_decimals = c.percent ? DecimalsFor(step * 100) : DecimalsFor(step);
  for (double t : Ticks(0, hi, step)) {
    s->Line(x_of(t), plot_top, x_of(t), plot_bottom, {nullptr, kGrid, 1}, {"grid"});
    s->Text(x_of(t), plot_bottom + 13,
            c.percent ? FormatPercent(t, tick_decimals, c.lang)
                      : FormatNumber(t, tick_decimals, c.lang),
            kTickSize, Anchor::kMiddle, kMuted, false, {"tick"});
  }
  s->Line(plot_x, plot_top, plot_x, plot_bottom, {nullptr, kMuted, 1}, {"axis"});
  double below = plot_bottom + 18;
  if (!c.axis.empty()) {
    s->Text(plot_x + plot_w / 2, plot_bottom + 27, c.axis, kTickSize, Anchor::kMiddle, kMuted,
            false, {"axis-label"});
    below += 14;
  }

  bool any_norm = false, any_interval = false, norms_equal = true;
  std::optional<double> common_norm;
  for (size_t i = 0; i < c.items.size(); ++i) {
    const BarItem& item = c.items[i];
    const double row_h = (i + 1 < row_top.size() ? row_top[i + 1] : rows_h) - row_top[i];
    const double cy = plot_top + kPad + row_top[i] + row_h / 2;
    const std::vector<std::string>& lines = labels[i];
    double line_y = cy + 4 - (static_cast<double>(lines.size()) - 1) * kLine / 2;
    for (const std::string& line : lines) {
      s->Text(f.x, line_y, line, kLabelSize, Anchor::kStart, kInk, false,
              {"label", {}, lines.size() == 1 && line == item.label ? "" : item.label});
      line_y += kLine;
    }
    s->Rect(plot_x, cy - kBar / 2, x_of(item.value) - plot_x, kBar, {kNavy},
            {"bar", item.value, item.label + ": " + value_text(item.value)});
    if (item.low && item.high) {
      any_interval = true;
      const double xl = x_of(*item.low), xh = x_of(*item.high);
      const Meta m{"interval", {}, value_text(*item.low) + " \u2013 " + value_text(*item.high)};
      // A white halo keeps the dark whisker visible on the bar.
      for (auto [colour, width] : {std::pair{kWhite, 3.5}, std::pair{kInk, 1.3}}) {
        s->Line(xl, cy, xh, cy, {nullptr, colour, width}, m);
        s->Line(xl, cy - 5, xl, cy + 5, {nullptr, colour, width}, m);
        s->Line(xh, cy - 5, xh, cy + 5, {nullptr, colour, width}, m);
      }
    }
    if (item.norm) {
      if (common_norm && *common_norm != *item.norm) norms_equal = false;
      common_norm = item.norm;
      any_norm = true;
      s->Line(x_of(*item.norm), cy - 11, x_of(*item.norm), cy + 11, {nullptr, kNormColour, 2, true},
              {"norm", *item.norm, Labelled(words.norm, value_text(*item.norm))});
    }
    s->Text(plot_x + plot_w + 8, cy + 4, value_text(item.value), kLabelSize, Anchor::kStart, kInk,
            true, {"value", item.value});
  }

  std::vector<LegendEntry> legend;
  if (any_norm) {
    legend.push_back(
        NormLegend(norms_equal ? Labelled(words.norm, value_text(*common_norm)) : words.norm));
  }
  if (any_interval) {
    legend.push_back({[](double x, double cy, Scene* sc) {
                        sc->Line(x + 3, cy, x + 19, cy, {nullptr, kInk, 1.3});
                        sc->Line(x + 3, cy - 4, x + 3, cy + 4, {nullptr, kInk, 1.3});
                        sc->Line(x + 19, cy - 4, x + 19, cy + 4, {nullptr, kInk, 1.3});
                      },
                      words.interval});
  }
  return DrawLegend(legend, {plot_x, below, f.x + f.w - plot_x}, s);
}

std::string NormLabel(const LineChart& c) {
  return Labelled(c.words.norm,
                  c.percent ? FormatPercent(*c.norm, 1, c.lang) : FormatNumber(*c.norm, 1, c.lang));
}

// Whether point `i` of `series` rests on too few cases to be part of the line.
bool FewCases(const LineChart& c, const Series& series, size_t i) {
  return c.few_cases > 0 && i < series.counts.size() && series.counts[i] < c.few_cases;
}

// The value axis of a chart.
struct Range {
  double lo = 0, hi = 1;
};

// Round ticks around the values of `charts` that rest on enough cases; shares stay within
// 0..100%, and a range that would nearly reach 0 starts at 0.
Range FitRange(const std::vector<const LineChart*>& charts, bool with_norm) {
  double lo = INFINITY, hi = -INFINITY;
  bool percent = true;
  for (const LineChart* c : charts) {
    percent = percent && c->percent;
    for (const Series& series : c->series) {
      for (size_t i = 0; i < series.values.size(); ++i) {
        const std::optional<double>& v = series.values[i];
        if (!v || !std::isfinite(*v) || FewCases(*c, series, i)) continue;
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
    }
    if (with_norm && c->norm) {
      lo = std::min(lo, *c->norm);
      hi = std::max(hi, *c->norm);
    }
  }
  if (!(lo <= hi)) return {0, 1};
  const double min_span = percent ? 0.01 : 1;  // one percentage point, or one unit
  if (hi - lo < min_span) {
    const double mid = (lo + hi) / 2;
    lo = mid - min_span / 2;
    hi = mid + min_span / 2;
  }
  const double step = NiceStep(hi - lo, 4, false);
  Range r{std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
  if (r.hi <= r.lo) r.hi = r.lo + step;
  if (percent) {
    r.lo = std::max(0.0, r.lo);
    r.hi = std::min(1.0, r.hi);
  }
  if (r.lo > 0 && r.lo <= r.hi - r.lo) r.lo = 0;
  return r;
}

// The size of the n beside a point in a panel of small multiples.
constexpr double kPanelN = 7;

// The legend entry of the hollow points, "{n}" replaced by the chart's few_cases.
LegendEntry FewCasesLegend(const std::string& word, long few_cases) {
  std::string label = word;
  if (const size_t at = label.find("{n}"); at != std::string::npos) {
    label.replace(at, 3, std::to_string(few_cases));
  }
  return {[](double x, double cy, Scene* sc) {
            DrawMarker(0, x + 11, cy, 3, kSeriesColours[0], {}, sc, true);
          },
          label};
}

// `compact` is for a panel of small multiples: smaller text, only the outer tick labels, no
// legend (the grid has one). `range` overrides the chart's own value axis.
double LayoutLines(const LineChart& c, Frame f, bool compact, Scene* s,
                   std::optional<Range> range = std::nullopt) {
  const double tick_size = compact ? 8 : 10;
  double y = DrawTitle(c.title, f, compact ? 10 : 13, s);

  if (!range) {
    range =
        c.fit ? FitRange({&c}, true) : Range{c.y_min, c.y_max > c.y_min ? c.y_max : c.y_min + 1};
  }
  const double lo = range->lo, hi = range->hi;
  const double step = compact ? hi - lo : NiceStep(hi - lo, 5, false);
  const std::vector<double> ticks = compact ? std::vector<double>{lo, hi} : Ticks(lo, hi, step);
  int decimals = c.percent ? DecimalsFor(step * 100) : DecimalsFor(step);
  if (compact) {
    decimals = c.percent ? std::max(DecimalsFor(lo * 100), DecimalsFor(hi * 100))
                         : std::max(DecimalsFor(lo), DecimalsFor(hi));
  }
  auto format = [&](double v, int d) {
    return c.percent ? FormatPercent(v, d, c.lang) : FormatNumber(v, d, c.lang);
  };
  double tick_w = 0;
  for (double t : ticks) tick_w = std::max(tick_w, TextWidth(format(t, decimals), tick_size));

  size_t n = c.x_labels.size();
  for (const Series& series : c.series) n = std::max(n, series.values.size());
  const double plot_x = f.x + tick_w + 6;
  const bool norm_shown = c.norm && *c.norm >= lo && *c.norm <= hi;
  // Beside the plot, the norm's label never covers a line.
  const double right =
      compact || !norm_shown ? (compact ? 4 : 8) : TextWidth(NormLabel(c), 10, true) + 8;
  const double plot_w = f.x + f.w - right - plot_x;
  if (!compact && !c.y_axis.empty()) {
    s->Text(f.x, y + 8, c.y_axis, tick_size, Anchor::kStart, kMuted, false, {"axis-label"});
    y += 14;
  }
  const double plot_top = y + 4;
  const double plot_h = compact ? 70 : 190;
  const double plot_bottom = plot_top + plot_h;
  auto x_of = [&](size_t i) {
    return plot_x + plot_w * (static_cast<double>(i) + 0.5) / static_cast<double>(n);
  };
  auto y_of = [&](double v) {
    return plot_top + plot_h * (1 - std::clamp((v - lo) / (hi - lo), 0.0, 1.0));
  };

  s->Rect(plot_x, plot_top, plot_w, plot_h, {kPlotFill}, {"plot-area"});
  for (double t : ticks) {
    s->Line(plot_x, y_of(t), plot_x + plot_w, y_of(t), {nullptr, kGrid, 1}, {"grid"});
    s->Text(plot_x - 4, y_of(t) + tick_size * 0.35, format(t, decimals), tick_size, Anchor::kEnd,
            kMuted, false, {"tick"});
  }
  s->Line(plot_x, plot_bottom, plot_x + plot_w, plot_bottom, {nullptr, kMuted, 1}, {"axis"});
  if (lo > 0) DrawAxisBreak(plot_x, plot_bottom - 6, compact ? ChartWords{} : c.words, s);

  double label_y = plot_bottom + tick_size + 3;
  if (compact && !c.x_labels.empty()) {
    s->Text(plot_x, label_y, c.x_labels.front(), tick_size, Anchor::kStart, kMuted, false,
            {"x-label"});
    if (c.x_labels.size() > 1) {
      s->Text(plot_x + plot_w, label_y, c.x_labels.back(), tick_size, Anchor::kEnd, kMuted, false,
              {"x-label"});
    }
  } else if (!compact) {
    const size_t stride =
        LabelStride(c.x_labels, n ? plot_w / static_cast<double>(n) : plot_w, tick_size);
    for (size_t i = 0; i < c.x_labels.size(); i += stride) {
      s->Text(x_of(i), label_y, c.x_labels[i], tick_size, Anchor::kMiddle, kMuted, false,
              {"x-label"});
    }
    if (!c.x_axis.empty()) {
      label_y += tick_size + 5;
      s->Text(plot_x + plot_w / 2, label_y, c.x_axis, tick_size, Anchor::kMiddle, kMuted, false,
              {"axis-label"});
    }
  }

  if (norm_shown) {
    const std::string label = NormLabel(c);
    s->Line(plot_x, y_of(*c.norm), plot_x + plot_w, y_of(*c.norm),
            {nullptr, kNormColour, compact ? 1.2 : 1.6, true}, {"norm", *c.norm, label});
    if (!compact) {
      s->Text(plot_x + plot_w + 4, y_of(*c.norm) + 3.5, label, 10, Anchor::kStart, kNormText, true,
              {"norm-label"});
    }
  }

  const double marker_r = compact ? 1.8 : 3;
  bool any_few = false;
  for (size_t j = 0; j < c.series.size(); ++j) {
    const Series& series = c.series[j];
    const char* colour = kSeriesColours[j % std::size(kSeriesColours)];
    // In a panel the n are smaller; when the widest and a gap of 4 (about half a digit)
    // do not fit the room between two points, every other n goes to the other side of
    // its point, so that none overlap or touch.
    bool stagger = false;
    if (compact && n > 0) {
      double widest = 0;
      for (const long count : series.counts) {
        widest = std::max(widest,
                          TextWidth(FormatNumber(static_cast<double>(count), 0, c.lang), kPanelN));
      }
      stagger = widest + 4 > plot_w / static_cast<double>(n);
    }
    std::vector<Point> segment;
    auto flush = [&] {
      if (segment.size() > 1) {
        s->Poly(segment, false, {nullptr, colour, compact ? 1.4 : 2}, {"series", {}, series.name});
      }
      segment.clear();
    };
    for (size_t i = 0; i < series.values.size(); ++i) {
      if (series.values[i] && std::isfinite(*series.values[i]) && !FewCases(c, series, i)) {
        segment.push_back({x_of(i), y_of(*series.values[i])});
      } else {
        flush();
      }
    }
    flush();
    for (size_t i = 0; i < series.values.size(); ++i) {
      const std::optional<double>& v = series.values[i];
      if (!v || !std::isfinite(*v)) continue;
      const bool few = FewCases(c, series, i);
      any_few = any_few || few;
      const std::string when = i < c.x_labels.size() ? c.x_labels[i] + ": " : "";
      const std::string count =
          i < series.counts.size()
              ? " (n = " + FormatNumber(static_cast<double>(series.counts[i]), 0, c.lang) + ")"
              : "";
      DrawMarker(
          j, x_of(i), y_of(*v), marker_r, colour,
          {few ? "point few" : "point", *v, series.name + ", " + when + format(*v, 1) + count}, s,
          few);
      if (i < series.counts.size()) {
        // The n above its point, or below when the point is at the top of the plot.
        const double py = y_of(*v);
        double ty = py - plot_top < 14 ? py + 13 : py - 6;
        if (compact) {
          // Above, or staggered below; never over the plot's top or across its axis.
          bool above = !(stagger && i % 2 == 1);
          if (above && py - plot_top < 9) above = false;
          if (!above && plot_bottom - py < 10) above = true;
          ty = above ? py - 4 : py + 9;
        }
        s->Text(x_of(i), ty, FormatNumber(static_cast<double>(series.counts[i]), 0, c.lang),
                compact ? kPanelN : 8, Anchor::kMiddle, kMuted, false,
                {"count", static_cast<double>(series.counts[i])}, compact);
      }
    }
  }

  const double bottom = label_y + 4;
  if (compact) return bottom;
  std::vector<LegendEntry> legend;
  for (size_t j = 0; j < c.series.size(); ++j) {
    const char* colour = kSeriesColours[j % std::size(kSeriesColours)];
    legend.push_back({[j, colour](double x, double cy, Scene* sc) {
                        sc->Line(x, cy, x + 22, cy, {nullptr, colour, 2});
                        DrawMarker(j, x + 11, cy, 3, colour, {}, sc);
                      },
                      c.series[j].name});
  }
  if (any_few && !c.words.few_cases.empty()) {
    legend.push_back(FewCasesLegend(c.words.few_cases, c.few_cases));
  }
  return DrawLegend(legend, {plot_x, bottom + 4, f.x + f.w - plot_x}, s);
}

double LayoutHistogram(const Histogram& c, Frame f, Scene* s) {
  const ChartWords& words = c.words;
  constexpr double kTickSize = 10, kCountSize = 9, kPlotH = 160;
  double y = DrawTitle(c.title, f, 13, s);
  if (!c.y_axis.empty()) {
    s->Text(f.x, y + 8, c.y_axis, kTickSize, Anchor::kStart, kMuted, false, {"axis-label"});
    y += 14;
  }

  const size_t n = std::max(c.counts.size(), c.bin_labels.size());
  long largest = 0;
  for (long count : c.counts) largest = std::max(largest, count);
  const double step = NiceStep(static_cast<double>(std::max(largest, 1L)), 4, true);
  const std::vector<double> ticks = Ticks(0, static_cast<double>(std::max(largest, 1L)), step);
  double tick_w = 0;
  for (double t : ticks) tick_w = std::max(tick_w, TextWidth(FormatNumber(t, 0, c.lang), 10));

  const double plot_x = f.x + tick_w + 6;
  const double plot_w = f.x + f.w - 8 - plot_x;
  const double plot_top = y + 30;  // room for the deadline label and the counts above bars
  const double plot_bottom = plot_top + kPlotH;
  const double bin_w = n ? plot_w / static_cast<double>(n) : plot_w;
  const double gap = std::min(3.0, bin_w * 0.15);
  auto y_of = [&](double count) {
    return plot_bottom - (largest > 0 ? count / static_cast<double>(largest) * kPlotH : 0);
  };

  s->Rect(plot_x, plot_top, plot_w, kPlotH, {kPlotFill}, {"plot-area"});
  for (double t : ticks) {
    s->Line(plot_x, y_of(t), plot_x + plot_w, y_of(t), {nullptr, kGrid, 1}, {"grid"});
    s->Text(plot_x - 4, y_of(t) + 3.5, FormatNumber(t, 0, c.lang), kTickSize, Anchor::kEnd, kMuted,
            false, {"tick"});
  }

  for (size_t i = 0; i < c.counts.size(); ++i) {
    const double count = static_cast<double>(c.counts[i]);
    const bool late = c.deadline_bin && i > *c.deadline_bin;
    const double x = plot_x + static_cast<double>(i) * bin_w + gap / 2;
    const std::string text = FormatNumber(count, 0, c.lang);
    const std::string label = i < c.bin_labels.size() ? c.bin_labels[i] + ": " : "";
    s->Rect(x, y_of(count), bin_w - gap, plot_bottom - y_of(count), {late ? kLightNavy : kNavy},
            {"bin", count, label + text});
    if (TextWidth(text, kCountSize) <= bin_w) {
      s->Text(x + (bin_w - gap) / 2, y_of(count) - 3, text, kCountSize, Anchor::kMiddle, kInk,
              false, {"count", count});
    }
  }
  s->Line(plot_x, plot_bottom, plot_x + plot_w, plot_bottom, {nullptr, kMuted, 1}, {"axis"});

  double label_y = plot_bottom + kTickSize + 3;
  const size_t stride = LabelStride(c.bin_labels, bin_w, kTickSize);
  for (size_t i = 0; i < c.bin_labels.size(); i += stride) {
    s->Text(plot_x + (static_cast<double>(i) + 0.5) * bin_w, label_y, c.bin_labels[i], kTickSize,
            Anchor::kMiddle, kMuted, false, {"x-label"});
  }
  if (!c.x_axis.empty()) {
    label_y += kTickSize + 5;
    s->Text(plot_x + plot_w / 2, label_y, c.x_axis, kTickSize, Anchor::kMiddle, kMuted, false,
            {"axis-label"});
  }

  std::vector<LegendEntry> legend;
  if (c.deadline_bin && *c.deadline_bin < n && !words.deadline.empty()) {
    const double x = plot_x + static_cast<double>(*c.deadline_bin + 1) * bin_w;
    s->Line(x, y + 12, x, plot_bottom, {nullptr, kNormColour, 2, true},
            {"deadline", static_cast<double>(*c.deadline_bin)});
    const bool fits_right = x + 4 + TextWidth(words.deadline, 10, true) <= f.x + f.w;
    s->Text(fits_right ? x + 4 : x - 4, y + 10, words.deadline, 10,
            fits_right ? Anchor::kStart : Anchor::kEnd, kNormText, true, {"deadline-label"});
  }
  if (c.deadline_bin && *c.deadline_bin < n) {
    legend.push_back(SwatchLegend(kNavy, words.within_deadline));
    legend.push_back(SwatchLegend(kLightNavy, words.after_deadline));
  }
  return DrawLegend(legend, {plot_x, label_y + 8, f.x + f.w - plot_x}, s);
}

double LayoutSmallMultiples(const SmallMultiples& c, Frame f, Scene* s) {
  constexpr double kGap = 18;
  double y = DrawTitle(c.title, f, 13, s);
  const int columns = std::max(1, c.columns);
  const double panel_w = (f.w - kGap * (columns - 1)) / columns;
  std::optional<Range> range;
  if (c.fit) {
    std::vector<const LineChart*> panels;
    for (const LineChart& p : c.panels) panels.push_back(&p);
    range = FitRange(panels, false);
  }
  bool any_norm = false;
  long few_cases = 0;  // of the first panel with a point on few cases
  for (const LineChart& p : c.panels) {
    for (const Series& series : p.series) {
      for (size_t i = 0; i < series.values.size() && few_cases == 0; ++i) {
        if (series.values[i] && FewCases(p, series, i)) few_cases = p.few_cases;
      }
    }
  }
  for (size_t i = 0; i < c.panels.size(); i += static_cast<size_t>(columns)) {
    double row_bottom = y;
    for (size_t k = i; k < std::min(c.panels.size(), i + columns); ++k) {
      const double x = f.x + static_cast<double>(k - i) * (panel_w + kGap);
      row_bottom = std::max(row_bottom, LayoutLines(c.panels[k], {x, y, panel_w}, true, s, range));
      const std::optional<double>& norm = c.panels[k].norm;
      any_norm = any_norm || (norm && (!range || (*norm >= range->lo && *norm <= range->hi)));
    }
    y = row_bottom + 10;
  }
  std::vector<LegendEntry> legend;
  if (!c.panels.empty()) {
    for (size_t j = 0; j < c.panels.front().series.size(); ++j) {
      const char* colour = kSeriesColours[j % std::size(kSeriesColours)];
      legend.push_back({[j, colour](double x, double cy, Scene* sc) {
                          sc->Line(x, cy, x + 22, cy, {nullptr, colour, 2});
                          DrawMarker(j, x + 11, cy, 3, colour, {}, sc);
                        },
                        c.panels.front().series[j].name});
    }
  }
  if (any_norm) legend.push_back(NormLegend(c.words.norm));
  if (few_cases > 0 && !c.words.few_cases.empty()) {
    legend.push_back(FewCasesLegend(c.words.few_cases, few_cases));
  }
  if (range && range->lo > 0 && !c.words.axis_break.empty()) {
    legend.push_back({[](double x, double cy, Scene* sc) { DrawAxisBreak(x + 11, cy, {}, sc); },
                      c.words.axis_break});
  }
  return DrawLegend(legend, {f.x, y, f.w}, s);
}

template <typename Chart>
Scene Layout(const Chart& chart) {
  Scene scene;
  const Frame frame{4, 4, kWidth - 8};
  if constexpr (std::is_same_v<Chart, BarChart>) {
    scene.height = LayoutBars(chart, frame, &scene);
  } else if constexpr (std::is_same_v<Chart, LineChart>) {
    scene.height = LayoutLines(chart, frame, false, &scene);
  } else if constexpr (std::is_same_v<Chart, Histogram>) {
    scene.height = LayoutHistogram(chart, frame, &scene);
  } else {
    scene.height = LayoutSmallMultiples(chart, frame, &scene);
  }
  scene.height = std::ceil(scene.height + 4);
  return scene;
}

// ---- SVG backend ---------------------------------------------------------------------------

void AppendPaint(const Paint& p, std::string* out) {
  *out += " fill=\"";
  *out += p.fill ? p.fill : "none";
  *out += '"';
  if (p.stroke) {
    *out +=
        " stroke=\"" + std::string(p.stroke) + "\" stroke-width=\"" + Coord(p.stroke_width) + '"';
    if (p.dashed) {
      *out += " stroke-dasharray=\"" + Coord(2.5 * p.stroke_width) + ' ' +
              Coord(1.5 * p.stroke_width) + '"';
    }
  }
}

// Opens an element with its class and data-value; the caller adds geometry.
void OpenElement(const char* tag, const Meta& m, std::string* out) {
  *out += '<';
  *out += tag;
  if (!m.cls.empty()) *out += " class=\"" + EscapeXml(m.cls) + '"';
  if (m.value) *out += " data-value=\"" + Exact(*m.value) + '"';
}

void CloseElement(const char* tag, const Meta& m, std::string* out) {
  if (m.tip.empty()) {
    *out += "/>\n";
  } else {
    *out += "><title>" + EscapeXml(m.tip) + "</title></" + tag + ">\n";
  }
}

std::string PointsAttr(const std::vector<Point>& points) {
  std::string s;
  for (const Point& p : points) {
    if (!s.empty()) s += ' ';
    s += Coord(p.x) + ',' + Coord(p.y);
  }
  return s;
}

struct SvgWriter {
  std::string* out;
  void operator()(const RectShape& r) const {
    OpenElement("rect", r.meta, out);
    *out += " x=\"" + Coord(r.x) + "\" y=\"" + Coord(r.y) + "\" width=\"" +
            Coord(std::max(0.0, r.w)) + "\" height=\"" + Coord(std::max(0.0, r.h)) + '"';
    AppendPaint(r.paint, out);
    CloseElement("rect", r.meta, out);
  }
  void operator()(const LineShape& l) const {
    OpenElement("line", l.meta, out);
    *out += " x1=\"" + Coord(l.x1) + "\" y1=\"" + Coord(l.y1) + "\" x2=\"" + Coord(l.x2) +
            "\" y2=\"" + Coord(l.y2) + '"';
    AppendPaint(l.paint, out);
    CloseElement("line", l.meta, out);
  }
  void operator()(const PolyShape& p) const {
    const char* tag = p.closed ? "polygon" : "polyline";
    OpenElement(tag, p.meta, out);
    *out += " points=\"" + PointsAttr(p.points) + '"';
    AppendPaint(p.paint, out);
    if (!p.closed) *out += " stroke-linejoin=\"round\" stroke-linecap=\"round\"";
    CloseElement(tag, p.meta, out);
  }
  void operator()(const CircleShape& c) const {
    OpenElement("circle", c.meta, out);
    *out += " cx=\"" + Coord(c.cx) + "\" cy=\"" + Coord(c.cy) + "\" r=\"" + Coord(c.r) + '"';
    AppendPaint(c.paint, out);
    CloseElement("circle", c.meta, out);
  }
  void operator()(const TextShape& t) const {
    OpenElement("text", t.meta, out);
    *out += " x=\"" + Coord(t.x) + "\" y=\"" + Coord(t.y) + "\" font-size=\"" + Coord(t.size) +
            "\" fill=\"" + t.colour + '"';
    if (t.halo) {
      *out += " stroke=\"" + std::string(kWhite) +
              "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    }
    if (t.bold) *out += " font-weight=\"bold\"";
    if (t.anchor == Anchor::kMiddle) *out += " text-anchor=\"middle\"";
    if (t.anchor == Anchor::kEnd) *out += " text-anchor=\"end\"";
    *out += '>';
    if (!t.meta.tip.empty()) *out += "<title>" + EscapeXml(t.meta.tip) + "</title>";
    *out += EscapeXml(t.text) + "</text>\n";
  }
};

std::string HashId(std::string_view text) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char ch : text) h = (h ^ ch) * 16777619u;
  char buf[16];
  std::snprintf(buf, sizeof buf, "vtc-%08x", static_cast<unsigned>(h));
  return buf;
}

std::string WriteSvg(const Scene& scene, const std::string& title, const std::string& desc) {
  std::string body;
  for (const Shape& shape : scene.shapes) std::visit(SvgWriter{&body}, shape);
  const std::string id = HashId(title + '\n' + desc + '\n' + body);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vt-chart\" viewBox=\"0 0 " +
                    Coord(kWidth) + ' ' + Coord(scene.height) +
                    "\" width=\"100%\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
                    "-desc\" font-family=\"" + kFontFamily +
                    "\" style=\"height:auto;max-width:100%\">\n";
  out += "<title id=\"" + id + "-title\">" + EscapeXml(title) + "</title>\n";
  out += "<desc id=\"" + id + "-desc\">" + EscapeXml(desc.empty() ? title : desc) + "</desc>\n";
  out += body;
  out += "</svg>\n";
  return out;
}

// ---- PDF backend ---------------------------------------------------------------------------

void SetColour(cairo_t* cr, const char* hex) {
  unsigned rgb = 0;
  std::from_chars(hex + 1, hex + 7, rgb, 16);
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

// Fills and strokes the current path as `p` says, then clears it.
void FillAndStroke(cairo_t* cr, const Paint& p) {
  if (p.fill) {
    SetColour(cr, p.fill);
    p.stroke ? cairo_fill_preserve(cr) : cairo_fill(cr);
  }
  if (p.stroke) {
    SetColour(cr, p.stroke);
    cairo_set_line_width(cr, p.stroke_width);
    const double dashes[] = {2.5 * p.stroke_width, 1.5 * p.stroke_width};
    cairo_set_dash(cr, dashes, p.dashed ? 2 : 0, 0);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

struct PdfWriter {
  cairo_t* cr;
  void operator()(const RectShape& r) const {
    if (r.w <= 0 || r.h <= 0) return;
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    FillAndStroke(cr, r.paint);
  }
  void operator()(const LineShape& l) const {
    cairo_move_to(cr, l.x1, l.y1);
    cairo_line_to(cr, l.x2, l.y2);
    FillAndStroke(cr, l.paint);
  }
  void operator()(const PolyShape& p) const {
    for (const Point& pt : p.points) cairo_line_to(cr, pt.x, pt.y);
    if (p.closed) cairo_close_path(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    FillAndStroke(cr, p.paint);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  }
  void operator()(const CircleShape& c) const {
    cairo_new_sub_path(cr);
    cairo_arc(cr, c.cx, c.cy, c.r, 0, 2 * std::numbers::pi);
    FillAndStroke(cr, c.paint);
  }
  void operator()(const TextShape& t) const {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    // Unhinted metrics keep glyph positions exact at any scale, as vector output wants.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout), options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout);

    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(font, t.size * PANGO_SCALE);
    pango_font_description_set_weight(font, t.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, t.text.c_str(), static_cast<int>(t.text.size()));

    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    const double width = static_cast<double>(logical.width) / PANGO_SCALE;
    const double baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    const double shift = t.anchor == Anchor::kStart    ? 0
                         : t.anchor == Anchor::kMiddle ? width / 2
                                                       : width;
    if (t.halo) {
      cairo_move_to(cr, t.x - shift, t.y - baseline);
      pango_cairo_layout_path(cr, layout);
      SetColour(cr, kWhite);
      cairo_set_line_width(cr, 2.5);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke(cr);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    }
    SetColour(cr, t.colour);
    cairo_move_to(cr, t.x - shift, t.y - baseline);
    pango_cairo_show_layout(cr, layout);
    cairo_new_path(cr);
    g_object_unref(layout);
  }
};

double WritePdf(const Scene& scene, cairo_t* cr, double x, double y, double width) {
  const double scale = width / kWidth;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_new_path(cr);
  for (const Shape& shape : scene.shapes) std::visit(PdfWriter{cr}, shape);
  cairo_restore(cr);
  return scene.height * scale;
}

}  // namespace

ChartWords ChartWordsFrom(const Translator& t) {
  return {t.T("chart.norm"),           t.T("chart.interval"),
          t.T("chart.deadline"),       t.T("chart.within_deadline"),
          t.T("chart.after_deadline"), t.T("chart.few_cases"),
          t.T("chart.axis_break")};
}

std::string ToSvg(const BarChart& chart) {
  return WriteSvg(Layout(chart), chart.title, chart.description);
}
std::string ToSvg(const LineChart& chart) {
  return WriteSvg(Layout(chart), chart.title, chart.description);
}
std::string ToSvg(const Histogram& chart) {
  return WriteSvg(Layout(chart), chart.title, chart.description);
}
std::string ToSvg(const SmallMultiples& chart) {
  return WriteSvg(Layout(chart), chart.title, chart.description);
}

double DrawPdf(const BarChart& chart, _cairo* cr, double x, double y, double width) {
  return WritePdf(Layout(chart), cr, x, y, width);
}
double DrawPdf(const LineChart& chart, _cairo* cr, double x, double y, double width) {
  return WritePdf(Layout(chart), cr, x, y, width);
}
double DrawPdf(const Histogram& chart, _cairo* cr, double x, double y, double width) {
  return WritePdf(Layout(chart), cr, x, y, width);
}
double DrawPdf(const SmallMultiples& chart, _cairo* cr, double x, double y, double width) {
  return WritePdf(Layout(chart), cr, x, y, width);
}

}  // namespace vtaudit
