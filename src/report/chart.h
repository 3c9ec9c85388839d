// Charts for audit reports. A chart is a plain value built from numbers; ToSvg renders it as
// inline SVG for the HTML report and DrawPdf draws it with cairo and pango for the PDF report.
// Both backends draw the same layout (scales, ticks, bar geometry, label positions), computed
// once in a 640-unit-wide coordinate system, so the two reports show the same picture.
// Output is deterministic and independent of the C/C++ locale. All functions are thread-safe.
#ifndef VTAUDIT_CHART_H_
#define VTAUDIT_CHART_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escape.h"
#include "translator.h"  // FormatNumber, FormatPercent

struct _cairo;  // cairo_t, so that this header does not need cairo

namespace vtaudit {

// One bar: e.g. the share of cases on time for one deadline, with its norm.
struct BarItem {
  std::string label;
  double value = 0;                // a share 0..1 when the chart is `percent`
  std::optional<double> low = {};  // interval whisker (e.g. 95% confidence): both or neither
  std::optional<double> high = {};
  std::optional<double> norm = {};  // drawn as a dashed marker across the bar
};

// Horizontal bars with values written next to them and optional norm markers and whiskers.
struct BarChart {
  std::string title;        // shown above the chart and as its accessible name
  std::string description;  // the accessible description (SVG <desc>); not drawn
  std::vector<BarItem> items;
  bool percent = true;      // true: axis 0..100%; false: 0..a round number above the largest
  std::string lang = "nl";  // "nl" or "en": number format and legend wording
};

// One line of a LineChart: one value per x label; nullopt leaves a gap in the line.
struct Series {
  std::string name;
  std::vector<std::optional<double>> values;
};

// Monthly trend lines, e.g. the share on time per month, with an optional norm line.
struct LineChart {
  std::string title;
  std::string description;
  std::vector<std::string> x_labels;  // e.g. "jan 2025"; thinned out when they do not fit
  std::vector<Series> series;         // told apart by colour and marker shape, and a legend
  std::optional<double> norm;         // a dashed horizontal line, labelled with its value
  bool percent = true;
  double y_min = 0, y_max = 1;  // values outside are drawn at the edge
  std::string lang = "nl";
};

// Counts per duration bin, e.g. days from report to safety assessment.
struct Histogram {
  std::string title;
  std::string description;
  std::vector<std::string> bin_labels;  // one per count
  std::vector<long> counts;
  // The last bin within the deadline: a dashed marker is drawn at its right edge and later bins
  // are drawn lighter.
  std::optional<size_t> deadline_bin;
  std::string lang = "nl";
};

// Many small line charts in a grid with one shared legend, e.g. one panel per organisation.
// Each panel's title names it; the legend is taken from the first panel's series.
struct SmallMultiples {
  std::string title;
  std::string description;
  std::vector<LineChart> panels;
  int columns = 3;
  std::string lang = "nl";
};

// A self-contained <svg> element for HTML5 (no XML declaration, no external resources), with
// role="img", <title> and <desc>, a viewBox and width="100%". Element ids derive from a hash of
// the chart, so they are stable; the same chart twice in one page gives duplicate ids.
std::string ToSvg(const BarChart& chart);
std::string ToSvg(const LineChart& chart);
std::string ToSvg(const Histogram& chart);
std::string ToSvg(const SmallMultiples& chart);

// Draws the chart into `cr` with its top left corner at (x, y), `width` user units (points on a
// PDF surface) wide, and returns the height used. Leaves the cairo state as it found it.
double DrawPdf(const BarChart& chart, _cairo* cr, double x, double y, double width);
double DrawPdf(const LineChart& chart, _cairo* cr, double x, double y, double width);
double DrawPdf(const Histogram& chart, _cairo* cr, double x, double y, double width);
double DrawPdf(const SmallMultiples& chart, _cairo* cr, double x, double y, double width);

}  // namespace vtaudit

#endif  // VTAUDIT_CHART_H_
