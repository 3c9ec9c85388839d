#include "chart.h"

// cairo reaches this test through vtaudit_lib's link interface; its headers sit in the
// default include path.
#include <cairo/cairo-pdf.h>
#include <cairo/cairo.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace vtaudit {
namespace {

// One SVG element as the tests see it: its attributes and, for <text>, its own text.
struct Element {
  std::string tag;
  std::map<std::string, std::string> attrs;
  std::string text;

  double Num(const std::string& name) const { return std::stod(attrs.at(name)); }
  bool Has(const std::string& cls) const {
    auto it = attrs.find("class");
    if (it == attrs.end()) return false;
    return (' ' + it->second + ' ').find(' ' + cls + ' ') != std::string::npos;
  }
};

// The elements of `svg` with the given tag and class, in document order.
std::vector<Element> Find(const std::string& svg, const std::string& tag, const std::string& cls) {
  static const std::regex element(R"re(<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*(/?)>)re");
  static const std::regex attribute(R"re(([\w:-]+)="([^"]*)")re");
  std::vector<Element> found;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    Element e{(*it)[1], {}, {}};
    if (e.tag != tag) continue;
    const std::string attrs = (*it)[2];
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attribute);
         a != std::sregex_iterator(); ++a) {
      e.attrs[(*a)[1]] = (*a)[2];
    }
    if (!e.Has(cls)) continue;
    if ((*it)[3].length() == 0) {
      // The element's own text: what follows the start tag (or its <title> child) up to '<'.
      size_t start = it->position() + it->length();
      if (svg.compare(start, 7, "<title>") == 0) start = svg.find("</title>", start) + 8;
      e.text = svg.substr(start, svg.find('<', start) - start);
    }
    found.push_back(e);
  }
  return found;
}

Element Only(const std::string& svg, const std::string& tag, const std::string& cls) {
  std::vector<Element> all = Find(svg, tag, cls);
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  return all[0];
}

std::vector<std::pair<double, double>> Points(const Element& polyline) {
  std::vector<std::pair<double, double>> points;
  std::istringstream in(polyline.attrs.at("points"));
  double x, y;
  char comma;
  while (in >> x >> comma >> y) points.emplace_back(x, y);
  return points;
}

constexpr double kTolerance = 0.011;  // coordinates are written with two decimals

// The charts' words as the report gives them: from reports/text-LANG.properties.
ChartWords Words(const std::string& lang = "nl") {
  Result<Translator> t =
      Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-" + lang + ".properties", lang);
  BOOST_REQUIRE(t.ok());
  return ChartWordsFrom(*t);
}

BarChart DeadlineBars() {
  BarChart chart;
  chart.title = "Tijdigheid per termijn";
  chart.description = "Aandeel meldingen binnen de wettelijke termijn, met de norm.";
  chart.words = Words();
  chart.items = {{"Veiligheidsbeoordeling binnen 5 werkdagen", 0.75, 0.70, 0.80, 0.90},
                 {"Start onderzoek binnen 5 werkdagen", 0.875, std::nullopt, std::nullopt, 0.8},
                 {"Afronding onderzoek binnen 10 weken", 0.5, 0.41, 0.59, 0.8}};
  return chart;
}

LineChart MonthlyTrend() {
  LineChart chart;
  chart.title = "Tijdigheid per maand";
  chart.description = "Aandeel op tijd per maand, 2025, tegen de norm van 80%.";
  chart.words = Words();
  chart.x_labels = {"jan", "feb", "mrt", "apr", "mei", "jun"};
  chart.series = {{"Veilig Thuis Noord", {0.8, 0.85, std::nullopt, 0.9, 0.95, 0.7}},
                  {"Landelijk", {0.7, 0.72, 0.74, 0.76, 0.78, 0.8}}};
  chart.norm = 0.8;
  return chart;
}

Histogram DaysToAssessment() {
  Histogram chart;
  chart.title = "Dagen tot veiligheidsbeoordeling";
  chart.description = "Aantal meldingen per aantal werkdagen tot de veiligheidsbeoordeling.";
  chart.words = Words();
  chart.bin_labels = {"0", "1", "2", "3", "4", "5", "6–10", "11–20", ">20"};
  chart.counts = {12, 30, 41, 25, 17, 9, 6, 3, 1};
  chart.deadline_bin = 5;
  return chart;
}

BOOST_AUTO_TEST_SUITE(chart)

BOOST_AUTO_TEST_CASE(formats_percentages_dutch_and_english) {
  BOOST_TEST(FormatPercent(0.875) == "87,5%");
  BOOST_TEST(FormatPercent(0.875, 1, "en") == "87.5%");
  BOOST_TEST(FormatPercent(0.75, 0) == "75%");
  BOOST_TEST(FormatPercent(1) == "100,0%");
  BOOST_TEST(FormatPercent(0.12345, 2) == "12,35%");
  BOOST_TEST(FormatPercent(-0.0001) == "0,0%");  // no "-0,0%"
  BOOST_TEST(FormatPercent(std::nan("")) == "\u2013");
}

BOOST_AUTO_TEST_CASE(escapes_xml) {
  BOOST_TEST(EscapeXml("<script>&\"'") == "&lt;script&gt;&amp;&quot;&apos;");
  BOOST_TEST(EscapeXml("Zoë\x01\tx") == "Zoë\tx");
}

BOOST_AUTO_TEST_CASE(svg_is_accessible_inline_html5) {
  const std::string svg = ToSvg(DeadlineBars());
  BOOST_TEST(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  BOOST_TEST(svg.find("<?xml") == std::string::npos);
  const Element root = Find(svg, "svg", "vt-chart").at(0);
  BOOST_TEST(root.attrs.at("role") == "img");
  BOOST_TEST(root.attrs.at("width") == "100%");
  BOOST_TEST(root.attrs.at("viewBox").rfind("0 0 640 ", 0) == 0);
  BOOST_TEST(root.attrs.at("font-family") == "DejaVu Sans, Arial, sans-serif");
  const std::string id = root.attrs.at("aria-labelledby").substr(0, 12);
  BOOST_TEST(root.attrs.at("aria-labelledby") == id + "-title " + id + "-desc");
  BOOST_TEST(svg.find("<title id=\"" + id + "-title\">Tijdigheid per termijn</title>") !=
             std::string::npos);
  BOOST_TEST(svg.find("<desc id=\"" + id + "-desc\">Aandeel meldingen") != std::string::npos);
  BOOST_TEST(svg.find("href") == std::string::npos);  // nothing external
  BOOST_TEST(svg.find("url(") == std::string::npos);

  BOOST_TEST(ToSvg(DeadlineBars()) == svg);  // deterministic
  BarChart other = DeadlineBars();
  other.items[0].value = 0.76;
  BOOST_TEST(ToSvg(other).find(id) == std::string::npos);  // another chart, other ids
}

BOOST_AUTO_TEST_CASE(bars_are_drawn_to_scale_with_values_and_norms) {
  const std::string svg = ToSvg(DeadlineBars());
  const Element plot = Only(svg, "rect", "plot-area");
  const double x0 = plot.Num("x"), w = plot.Num("width");
  BOOST_TEST(w > 300);

  const std::vector<Element> bars = Find(svg, "rect", "bar");
  BOOST_REQUIRE_EQUAL(bars.size(), 3u);
  BOOST_TEST(bars[0].attrs.at("data-value") == "0.75");
  BOOST_TEST(bars[0].Num("x") == x0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bars[0].Num("width") == 0.75 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bars[1].Num("width") == 0.875 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bars[2].Num("width") == 0.5 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bars[1].Num("y") > bars[0].Num("y"));  // in the given order, top down

  const std::vector<Element> values = Find(svg, "text", "value");
  BOOST_REQUIRE_EQUAL(values.size(), 3u);
  BOOST_TEST(values[0].text == "75,0%");
  BOOST_TEST(values[1].text == "87,5%");
  BOOST_TEST(values[2].text == "50,0%");
  BOOST_TEST(values[0].Num("x") >= x0 + w);  // next to the plot, never covered by a bar

  const std::vector<Element> norms = Find(svg, "line", "norm");
  BOOST_REQUIRE_EQUAL(norms.size(), 3u);
  BOOST_TEST(norms[0].Num("x1") == x0 + 0.9 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(norms[0].Num("x2") == norms[0].Num("x1"));
  BOOST_TEST(norms[1].Num("x1") == x0 + 0.8 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(norms[0].attrs.count("stroke-dasharray") == 1u);  // dashed, not colour alone
  // Two different norms: the legend names the marker without a value.
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);
  BOOST_TEST(legend[0].text == "Norm");
  BOOST_TEST(legend[1].text == "Interval");

  // Whiskers: each end sits at its bound.
  const std::vector<Element> whiskers = Find(svg, "line", "interval");
  BOOST_REQUIRE_EQUAL(whiskers.size(), 12u);  // 2 bars × (halo + ink) × (span + 2 caps)
  BOOST_TEST(whiskers[0].Num("x1") == x0 + 0.70 * w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(whiskers[0].Num("x2") == x0 + 0.80 * w, boost::test_tools::tolerance(kTolerance));

  const std::vector<Element> ticks = Find(svg, "text", "tick");
  BOOST_REQUIRE_EQUAL(ticks.size(), 5u);
  BOOST_TEST(ticks[0].text == "0%");
  BOOST_TEST(ticks[4].text == "100%");
  BOOST_TEST(ticks[2].Num("x") == x0 + 0.5 * w, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(bar_chart_in_english_with_one_norm_and_counts) {
  BarChart chart = DeadlineBars();
  chart.lang = "en";
  chart.words = Words("en");
  for (BarItem& item : chart.items) item.norm = 0.8;
  const std::string svg = ToSvg(chart);
  BOOST_TEST(Find(svg, "text", "value")[1].text == "87.5%");
  BOOST_TEST(Find(svg, "text", "legend")[0].text == "Norm 80.0%");

  BarChart counts;
  counts.percent = false;
  counts.items = {{"a", 7}, {"b", 13}};
  const std::string count_svg = ToSvg(counts);
  const double w = Only(count_svg, "rect", "plot-area").Num("width");
  const std::vector<Element> ticks = Find(count_svg, "text", "tick");
  BOOST_TEST(ticks.back().text == "15");  // a round axis end above the largest value
  BOOST_TEST(Find(count_svg, "rect", "bar")[1].Num("width") == 13.0 / 15 * w,
             boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(Find(count_svg, "text", "value")[1].text == "13");
}

BOOST_AUTO_TEST_CASE(hostile_labels_are_escaped) {
  BarChart chart;
  chart.title = "<script>alert(1)</script>";
  chart.description = "&\"'";
  chart.items = {{"<b>&\"'", 0.5}};
  const std::string svg = ToSvg(chart);
  BOOST_TEST(svg.find("<script>") == std::string::npos);
  BOOST_TEST(svg.find("<b>") == std::string::npos);
  BOOST_TEST(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(Only(svg, "text", "label").text == "&lt;b&gt;&amp;&quot;&apos;");
  BOOST_TEST(svg.find("<desc id=\"vtc-") != std::string::npos);
  BOOST_TEST(svg.find("\">&amp;&quot;&apos;</desc>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_labels_are_cut_but_kept_whole_in_a_tooltip) {
  BarChart chart;
  const std::string long_label(200, 'x');
  chart.items = {{long_label, 0.5}};
  const std::string svg = ToSvg(chart);
  const Element label = Only(svg, "text", "label");
  BOOST_TEST(label.text.size() < 200u);
  BOOST_TEST(label.text.substr(label.text.size() - 3) == "\u2026");
  BOOST_TEST(svg.find("<title>" + long_label + "</title>") != std::string::npos);
  BOOST_TEST(Only(svg, "rect", "plot-area").Num("width") > 250);
}

BOOST_AUTO_TEST_CASE(line_points_map_months_and_values_and_gaps_split_lines) {
  const LineChart chart = MonthlyTrend();
  const std::string svg = ToSvg(chart);
  const Element plot = Only(svg, "rect", "plot-area");
  const double x0 = plot.Num("x"), y0 = plot.Num("y");
  const double w = plot.Num("width"), h = plot.Num("height");
  auto x_of = [&](int month) { return x0 + w * (month + 0.5) / 6; };
  auto y_of = [&](double v) { return y0 + h * (1 - v); };

  const std::vector<Element> lines = Find(svg, "polyline", "series");
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);  // the gap in March splits the first series in two
  const auto before = Points(lines[0]);
  const auto after = Points(lines[1]);
  BOOST_REQUIRE_EQUAL(before.size(), 2u);
  BOOST_REQUIRE_EQUAL(after.size(), 3u);
  BOOST_TEST(before[0].first == x_of(0), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(before[0].second == y_of(0.8), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(before[1].first == x_of(1), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(before[1].second == y_of(0.85), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(after[0].first == x_of(3), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(after[2].second == y_of(0.7), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(Points(lines[2]).size() == 6u);
  BOOST_TEST(lines[0].attrs.at("stroke") != lines[2].attrs.at("stroke"));

  const Element norm = Only(svg, "line", "norm");
  BOOST_TEST(norm.Num("y1") == y_of(0.8), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(norm.Num("x1") == x0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(norm.Num("x2") == x0 + w, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(norm.attrs.count("stroke-dasharray") == 1u);
  BOOST_TEST(Only(svg, "text", "norm-label").text == "Norm 80,0%");

  // Series differ by marker shape too: circles for the first, squares for the second.
  BOOST_TEST(Find(svg, "circle", "point").size() == 5u);
  BOOST_TEST(Find(svg, "polygon", "point").size() == 6u);
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);
  BOOST_TEST(legend[0].text == "Veilig Thuis Noord");
  BOOST_TEST(Find(svg, "text", "x-label").size() == 6u);
  BOOST_TEST(Find(svg, "text", "tick").front().text == "0%");
}

BOOST_AUTO_TEST_CASE(line_values_outside_the_range_stay_on_the_edge) {
  LineChart chart;
  chart.x_labels = {"a", "b"};
  chart.series = {{"s", {1.2, 0.5}}};
  chart.y_min = 0.5;
  const std::string svg = ToSvg(chart);
  const Element plot = Only(svg, "rect", "plot-area");
  const auto points = Points(Only(svg, "polyline", "series"));
  BOOST_TEST(points[0].second == plot.Num("y"), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(points[1].second == plot.Num("y") + plot.Num("height"),
             boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(histogram_scales_to_the_tallest_bin_and_marks_the_deadline) {
  const std::string svg = ToSvg(DaysToAssessment());
  const Element plot = Only(svg, "rect", "plot-area");
  const double x0 = plot.Num("x"), w = plot.Num("width"), h = plot.Num("height");
  const double bottom = plot.Num("y") + h;

  const std::vector<Element> bins = Find(svg, "rect", "bin");
  BOOST_REQUIRE_EQUAL(bins.size(), 9u);
  BOOST_TEST(bins[2].Num("height") == h, boost::test_tools::tolerance(kTolerance));  // 41
  BOOST_TEST(bins[2].Num("y") == plot.Num("y"), boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bins[1].Num("height") == 30.0 / 41 * h, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bins[1].Num("y") + bins[1].Num("height") == bottom,
             boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(bins[8].attrs.at("data-value") == "1");
  BOOST_TEST(bins[5].attrs.at("fill") != bins[6].attrs.at("fill"));  // late bins lighter
  BOOST_TEST(bins[0].attrs.at("fill") == bins[5].attrs.at("fill"));

  const std::vector<Element> counts = Find(svg, "text", "count");
  BOOST_REQUIRE_EQUAL(counts.size(), 9u);
  BOOST_TEST(counts[2].text == "41");

  const Element deadline = Only(svg, "line", "deadline");
  BOOST_TEST(deadline.Num("x1") == x0 + 6 * w / 9, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(deadline.attrs.count("stroke-dasharray") == 1u);
  BOOST_TEST(Only(svg, "text", "deadline-label").text == "Termijn");
  BOOST_TEST(Find(svg, "text", "x-label")[6].text == "6–10");
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);
  BOOST_TEST(legend[1].text == "Na termijn");
}

BOOST_AUTO_TEST_CASE(empty_charts_still_render) {
  BOOST_TEST(ToSvg(BarChart{}).find("</svg>") != std::string::npos);
  BOOST_TEST(ToSvg(LineChart{}).find("</svg>") != std::string::npos);
  Histogram zeros;
  zeros.counts = {0, 0};
  const std::string svg = ToSvg(zeros);
  BOOST_TEST(Find(svg, "rect", "bin")[0].Num("height") == 0);
  BOOST_TEST(ToSvg(SmallMultiples{}).find("</svg>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(small_multiples_lay_panels_out_in_a_grid) {
  SmallMultiples grid;
  grid.title = "Tijdigheid per organisatie";
  grid.words = Words();
  for (const char* name : {"Noord", "Oost", "Zuid", "West"}) {
    LineChart panel = MonthlyTrend();
    panel.title = name;
    grid.panels.push_back(panel);
  }
  const std::string svg = ToSvg(grid);
  const std::vector<Element> plots = Find(svg, "rect", "plot-area");
  BOOST_REQUIRE_EQUAL(plots.size(), 4u);
  BOOST_TEST(plots[1].Num("y") == plots[0].Num("y"));
  BOOST_TEST(plots[1].Num("x") > plots[0].Num("x") + plots[0].Num("width"));
  BOOST_TEST(plots[3].Num("y") > plots[0].Num("y") + plots[0].Num("height"));  // next row
  BOOST_TEST(plots[3].Num("x") == plots[0].Num("x"));
  BOOST_TEST(Find(svg, "line", "norm").size() == 4u);
  const std::vector<Element> legend = Find(svg, "text", "legend");
  // Two series and the norm, once for the grid; the axis, fitted to 70%–100%, is broken.
  BOOST_REQUIRE_EQUAL(legend.size(), 4u);
  BOOST_TEST(legend[2].text == "Norm");
  BOOST_TEST(legend[3].text == "as begint niet bij 0");
}

// The words come from the caller's translator; a chart has none of its own.
BOOST_AUTO_TEST_CASE(chart_words_come_from_the_translator) {
  Result<Translator> t = Translator::FromText(
      "chart.norm = Normwaarde\nchart.interval = Marge\nchart.deadline = Grens\n"
      "chart.within_deadline = Op tijd\nchart.after_deadline = Te laat\n"
      "chart.few_cases = weinig: onder {n}\nchart.axis_break = gebroken as\n",
      "t.properties", "nl");
  BOOST_REQUIRE(t.ok());
  const ChartWords words = ChartWordsFrom(*t);
  BOOST_TEST(words.norm == "Normwaarde");
  BOOST_TEST(words.few_cases == "weinig: onder {n}");
  BarChart chart = DeadlineBars();
  chart.words = words;
  std::vector<Element> legend = Find(ToSvg(chart), "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);
  BOOST_TEST(legend[0].text == "Normwaarde");
  BOOST_TEST(legend[1].text == "Marge");
  // Without words the markers stay and no word is drawn.
  chart.words = {};
  const std::string bare = ToSvg(chart);
  legend = Find(bare, "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);
  BOOST_TEST(legend[0].text == "");
  BOOST_TEST(bare.find("Norm") == std::string::npos);
  BOOST_TEST(Words("en").deadline == "Deadline");
}

// A long label is wrapped on words, not cut: every word is drawn, on lines that start at the
// label column, with "\n" starting a line of its own.
BOOST_AUTO_TEST_CASE(long_labels_wrap_on_words) {
  BarChart chart = DeadlineBars();
  chart.items[0].label =
      "Veiligheidsbeoordeling binnen vijf werkdagen na ontvangst van de melding\nnog open en te "
      "laat: 572";
  const std::string svg = ToSvg(chart);
  std::vector<Element> labels = Find(svg, "text", "label");
  std::string joined;
  size_t first_lines = 0;
  for (const Element& e : labels) {
    if (e.Num("y") > Find(svg, "rect", "bar")[0].Num("y") + 14 + 20) break;  // the next bar
    BOOST_TEST(e.text.find("\u2026") == std::string::npos);
    BOOST_TEST(e.Num("x") == labels[0].Num("x"));
    joined += (joined.empty() ? "" : " ") + e.text;
    ++first_lines;
  }
  BOOST_TEST(first_lines >= 3u);
  BOOST_TEST(labels[first_lines - 1].text == "nog open en te laat: 572");
  BOOST_TEST(joined ==
             "Veiligheidsbeoordeling binnen vijf werkdagen na ontvangst van de melding nog open "
             "en te laat: 572");
  // The next bar sits below the wrapped label: rows grow with their labels.
  const std::vector<Element> bars = Find(svg, "rect", "bar");
  BOOST_TEST(bars[1].Num("y") - bars[0].Num("y") > 26);
  // A wrapped chart title keeps every word too.
  chart.title = std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c');
  const std::vector<Element> titles = Find(ToSvg(chart), "text", "title");
  BOOST_REQUIRE_EQUAL(titles.size(), 2u);
  BOOST_TEST(titles[1].text == std::string(30, 'c'));
}

// Small multiples share one value axis fitted to the data: shares between 99.3% and 99.9%
// get the axis 99%–100% (the span is widened to one percentage point around 99.6%, then
// rounded out to steps of 0.25 point and kept within 100%), marked as not starting at 0. A
// norm of 95% lies outside it and is not drawn. 99.6% sits 60% of the way up.
BOOST_AUTO_TEST_CASE(small_multiples_fit_a_narrow_range_with_a_visible_break) {
  SmallMultiples grid;
  grid.words = Words();
  for (const std::vector<std::optional<double>>& values :
       {std::vector<std::optional<double>>{0.993, 0.999, 0.996},
        std::vector<std::optional<double>>{0.995, 0.996, 0.997}}) {
    LineChart panel;
    panel.x_labels = {"2023", "2024", "2025"};
    panel.series = {{"aandeel op tijd", values}};
    panel.norm = 0.95;
    grid.panels.push_back(panel);
  }
  const std::string svg = ToSvg(grid);
  const std::vector<Element> ticks = Find(svg, "text", "tick");
  BOOST_REQUIRE_EQUAL(ticks.size(), 4u);
  BOOST_TEST(ticks[0].text == "99%");
  BOOST_TEST(ticks[1].text == "100%");
  // Two strokes per panel and two for the legend's key.
  BOOST_TEST(Find(svg, "line", "axis-break").size() == 6u);
  BOOST_TEST(Find(svg, "line", "norm").empty());
  const Element plot = Find(svg, "rect", "plot-area")[0];
  const auto points = Points(Find(svg, "polyline", "series")[0]);
  BOOST_TEST(points[2].second == plot.Num("y") + plot.Num("height") * 0.4,
             boost::test_tools::tolerance(kTolerance));
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_TEST(legend.back().text == "as begint niet bij 0");
  // Without fitting the same data is drawn on 0..100%.
  grid.fit = false;
  BOOST_TEST(Find(ToSvg(grid), "text", "tick")[0].text == "0%");
}

// Panels write the n beside each point too, in smaller type (7). Four columns: a panel is
// (632 − 3 × 18) / 4 = 144.5 wide; its plot starts after the widest outer tick "100%"
// (4 × 8 × 0.6 = 19.2, + 6) and ends 4 before the panel's edge: 144.5 − 25.2 − 4 = 115.3
// for 7 years, 16.47 between two points. "1234" is 4 × 7 × 0.6 = 16.8 wide, with a gap of
// 4 more than that: in panel A every other n stands below its point (odd years), the rest
// above. In panel B "50" (8.4 wide, 12.4 with the gap) fits: every n above. B's middle
// year rests on 3 cases, fewer than 10: hollow, and the grid's legend names it once, with
// "{n}" replaced by 10.
BOOST_AUTO_TEST_CASE(small_multiples_write_n_beside_points_and_name_the_hollow_ones) {
  SmallMultiples grid;
  grid.words = Words();
  grid.columns = 4;
  grid.fit = false;  // 0..100%: no point at the top or bottom edge, where an n must turn
  LineChart a;
  a.title = "A";
  a.few_cases = 10;
  for (int year = 2019; year <= 2025; ++year) a.x_labels.push_back(std::to_string(year));
  a.series = {{"aandeel", {0.5, 0.6, 0.5, 0.6, 0.5, 0.6, 0.5}, std::vector<long>(7, 1234)}};
  LineChart b = a;
  b.title = "B";
  b.series = {{"aandeel", {0.5, 0.6, 0.8, 0.6, 0.5, 0.6, 0.5}, {50, 50, 3, 50, 50, 50, 50}}};
  grid.panels = {a, b};
  const std::string svg = ToSvg(grid);
  const std::vector<Element> counts = Find(svg, "text", "count");
  BOOST_REQUIRE_EQUAL(counts.size(), 14u);
  BOOST_TEST(counts[0].text == "1234");
  BOOST_TEST(counts[0].Num("font-size") == 7);
  BOOST_TEST(counts[9].text == "3");
  std::vector<Element> points = Find(svg, "circle", "point");
  BOOST_REQUIRE_EQUAL(points.size(), 14u);
  for (size_t i = 0; i < 14; ++i) {
    BOOST_TEST_INFO("point " << i);
    BOOST_TEST(counts[i].Num("x") == points[i].Num("cx"), boost::test_tools::tolerance(kTolerance));
    const bool below = i < 7 && i % 2 == 1;
    BOOST_TEST((counts[i].Num("y") > points[i].Num("cy")) == below);
  }
  const Element few = Only(svg, "circle", "few");
  BOOST_TEST(few.attrs.at("data-value") == "0.8");
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_REQUIRE_EQUAL(legend.size(), 2u);  // the series and the hollow point; no norm
  BOOST_TEST(legend[1].text == "open punt: minder dan 10 zaken in de maand, niet in de lijn");
  // Without counts a panel writes no n, and without few cases the legend has no hollow point.
  for (LineChart& p : grid.panels) p.series[0].counts.clear();
  const std::string bare = ToSvg(grid);
  BOOST_TEST(Find(bare, "text", "count").empty());
  BOOST_TEST(Find(bare, "text", "legend").size() == 1u);
}

// Each point has its n beside it; a month of one case (100%) is drawn hollow and left out of
// the line and of the fitted axis: 80%, 85% and 90% on 40, 38 and 45 cases give the axis
// 80%–90% (ticks every 2 points) with the norm of 80% on its floor.
BOOST_AUTO_TEST_CASE(months_with_few_cases_are_hollow_and_outside_the_line) {
  LineChart chart;
  chart.words = Words();
  chart.x_labels = {"jan", "feb", "mrt", "apr"};
  chart.series = {{"op tijd", {0.8, 1.0, 0.85, 0.9}, {40, 1, 38, 45}}};
  chart.norm = 0.8;
  chart.fit = true;
  chart.few_cases = 10;
  chart.y_axis = "Aandeel op tijd, in %";
  const std::string svg = ToSvg(chart);
  const std::vector<Element> lines = Find(svg, "polyline", "series");
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);  // January alone is no line; March–April is
  BOOST_TEST(Points(lines[0]).size() == 2u);
  const Element few = Only(svg, "circle", "few");
  BOOST_TEST(few.attrs.at("fill") == "#FFFFFF");
  BOOST_TEST(few.attrs.at("data-value") == "1");
  const std::vector<Element> counts = Find(svg, "text", "count");
  BOOST_REQUIRE_EQUAL(counts.size(), 4u);
  BOOST_TEST(counts[1].text == "1");
  BOOST_TEST(counts[3].text == "45");
  const std::vector<Element> ticks = Find(svg, "text", "tick");
  BOOST_TEST(ticks.size() == 6u);
  BOOST_TEST(ticks.front().text == "80%");
  BOOST_TEST(ticks.back().text == "90%");
  BOOST_TEST(Only(svg, "text", "axis-label").text == "Aandeel op tijd, in %");
  const std::vector<Element> legend = Find(svg, "text", "legend");
  BOOST_TEST(legend.back().text == "open punt: minder dan 10 zaken in de maand, niet in de lijn");
}

std::string Run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  BOOST_REQUIRE_EQUAL(pclose(pipe), 0);
  return output;
}

BOOST_AUTO_TEST_CASE(pdf_shows_the_same_charts) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("vtaudit_chart_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string pdf = (dir / "charts.pdf").string();

  constexpr double kA4Width = 595.276, kA4Height = 841.89, kMargin = 56.7;
  cairo_surface_t* surface = cairo_pdf_surface_create(pdf.c_str(), kA4Width, kA4Height);
  cairo_t* cr = cairo_create(surface);
  const double width = kA4Width - 2 * kMargin;
  BarChart bars = DeadlineBars();
  bars.items[0].label = "Veiligheidsbeoordeling (Zoë, één)";
  double y = kMargin;
  y += DrawPdf(bars, cr, kMargin, y, width) + 12;
  y += DrawPdf(MonthlyTrend(), cr, kMargin, y, width) + 12;
  const double height = DrawPdf(DaysToAssessment(), cr, kMargin, y, width);
  BOOST_TEST(height > 100);
  BOOST_TEST(y + height < kA4Height - kMargin / 2);  // all three fit on one A4 page
  BOOST_TEST(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  BOOST_TEST(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);

  const std::string text = Run("pdftotext -layout '" + pdf + "' -");
  for (const char* expected :
       {"Tijdigheid per termijn", "Zoë, één", "87,5%", "75,0%", "Norm 80,0%", "Veilig Thuis Noord",
        "Dagen tot veiligheidsbeoordeling", "Termijn", "Na termijn"}) {
    BOOST_TEST(text.find(expected) != std::string::npos, expected);
  }
  const std::string info = Run("pdfinfo '" + pdf + "'");
  BOOST_REQUIRE(info.find("Pages:") != std::string::npos);
  BOOST_TEST(std::stoi(info.substr(info.find("Pages:") + 6)) == 1);
  BOOST_TEST(Run("pdffonts '" + pdf + "'").find("DejaVuSans") != std::string::npos);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
