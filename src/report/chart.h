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

// The words a chart draws of its own, in the language of the report: the chart.* keys of
// reports/text-LANG.properties (ChartWordsFrom). A word left empty is not drawn.
struct ChartWords {
  std::string norm;             // the norm's legend and label: "Norm"
  std::string interval;         // the whisker's legend
  std::string deadline;         // the histogram's deadline marker
  std::string within_deadline;  // histogram legend: bins up to the deadline
  std::string after_deadline;   // histogram legend: later bins
  std::string few_cases;        // line legend for hollow points: "{n}" is LineChart::few_cases
  std::string axis_break;       // beside a value axis that does not start at 0
};
// The chart.* words of `t`.
ChartWords ChartWordsFrom(const Translator& t);

// One bar: e.g. the share of cases on time for one deadline, with its norm.
struct BarItem {
  std::string label;               // wrapped on words to the label column; "\n" starts a line
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
  std::string axis;         // the value axis: what is measured, in what unit; "" for none
  std::string lang = "nl";  // "nl" or "en": number format
  ChartWords words;
};

// One line of a LineChart: one value per x label; nullopt leaves a gap in the line.
struct Series {
  std::string name;
  std::vector<std::optional<double>> values;
  // The number of cases behind each value, written beside its point (in a panel of small
  // multiples smaller, every other one on the other side of its point when they would
  // overlap); empty for none.
  std::vector<long> counts = {};
};

// A share on fewer cases than this says little (one case gives 0% or 100%): the report's
// monthly charts and compare's panels draw its point hollow and outside the line
// (LineChart::few_cases).
inline constexpr long kFewCases = 10;

// Monthly trend lines, e.g. the share on time per month, with an optional norm line.
struct LineChart {
  std::string title;
  std::string description;
  std::vector<std::string> x_labels;  // e.g. "jan 2025"; thinned out when they do not fit
  std::vector<Series> series;         // told apart by colour and marker shape, and a legend
  std::optional<double> norm;         // a dashed horizontal line, labelled with its value
  bool percent = true;
  double y_min = 0, y_max = 1;  // values outside are drawn at the edge
  // Fits the value axis to the values (not the norm) on round ticks instead of y_min..y_max;
  // an axis that then does not start at 0 is marked as broken.
  bool fit = false;
  // A point on fewer cases than this (Series::counts) is drawn hollow and outside the line:
  // one case gives 0% or 100%, which says little. 0: no such marking.
  long few_cases = 0;
  std::string x_axis, y_axis;  // what the axes show, with units; "" for none
  std::string lang = "nl";
  ChartWords words;
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
  std::string x_axis, y_axis;  // what the axes show, with units; "" for none
  std::string lang = "nl";
  ChartWords words;
};

// Many small line charts in a grid with one shared legend, e.g. one panel per organisation.
// Each panel's title names it; the legend is taken from the first panel's series, and
// names the hollow points (words.few_cases) when a panel has one.
struct SmallMultiples {
  std::string title;
  std::string description;
  std::vector<LineChart> panels;
  int columns = 3;
  // One value axis for every panel, fitted to all their values (LineChart::fit), so that a
  // share between 99.3% and 99.9% is not a flat line on 0..100% and panels stay comparable.
  bool fit = true;
  std::string lang = "nl";
  ChartWords words;
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
