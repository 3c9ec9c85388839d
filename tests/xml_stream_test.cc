#include "xml_stream.h"

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace vtaudit {
namespace {

// Writes the events as "<name a=v>", "</name>" and "text" (runs of one text node joined),
// and pauses after every element named `pause_after`.
struct Recorder : XmlStream::Handler {
  std::vector<std::string> events;
  std::string pause_after;
  XmlStream* stream = nullptr;
  bool in_text = false;

  void StartElement(std::string_view name, const XmlAttributes& attributes) override {
    std::string e = "<" + std::string(name);
    attributes.ForEach(
        [&](std::string_view n, const char* v) { e += " " + std::string(n) + "=" + v; });
    events.push_back(e + ">");
    in_text = false;
  }
  void EndElement(std::string_view name) override {
    events.push_back("</" + std::string(name) + ">");
    in_text = false;
    if (name == pause_after) stream->Pause();
  }
  void Text(std::string_view text) override {
    if (!in_text) events.emplace_back();
    events.back() += text;
    in_text = true;
  }
};

// Parses `xml` to its end or first error; the error as "LINE:COL: reason", else "".
std::string ParseAll(const std::string& xml, Recorder* recorder,
                     std::uint64_t max_bytes = 1 << 30) {
  std::istringstream in(xml);
  XmlStream stream(&in, recorder, max_bytes);
  recorder->stream = &stream;
  XmlStream::State state;
  while ((state = stream.Parse()) == XmlStream::State::kPaused) {
  }
  if (state == XmlStream::State::kDone) return "";
  const XmlStream::Error& e = stream.error();
  return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.reason;
}

std::string ErrorOf(const std::string& xml) {
  Recorder recorder;
  return ParseAll(xml, &recorder);
}

BOOST_AUTO_TEST_SUITE(xml_stream)

BOOST_AUTO_TEST_CASE(delivers_elements_attributes_and_text_in_order) {
  Recorder r;
  BOOST_TEST(ParseAll("<?xml version=\"1.0\"?>\n<x:a k=\"1\" x:m='2'><b>t &amp; <![CDATA[<u>]]>"
                      "&#xE9;</b><c/><!-- c --><?pi x?></x:a>",
                      &r) == "");
  const std::vector<std::string> expected = {
      "<x:a k=1 x:m=2>", "<b>", "t & <u>\xC3\xA9", "</b>", "<c>", "</c>", "</x:a>"};
  BOOST_TEST(r.events == expected, boost::test_tools::per_element());
  BOOST_TEST(XmlLocalName("x:row") == "row");
  BOOST_TEST(XmlLocalName("row") == "row");
}

// Each Parse returns after one <r>: a pull reader, one row at a time.
BOOST_AUTO_TEST_CASE(pauses_and_resumes) {
  Recorder r;
  r.pause_after = "r";
  std::istringstream in("<s><r>1</r><r>2</r><r>3</r></s>");
  XmlStream stream(&in, &r, 1 << 20);
  r.stream = &stream;
  std::vector<std::size_t> events_at_pause;
  XmlStream::State state;
  while ((state = stream.Parse()) == XmlStream::State::kPaused) {
    events_at_pause.push_back(r.events.size());
  }
  BOOST_TEST((state == XmlStream::State::kDone));
  // <s> <r> 1 </r> = 4 events at the first pause, 3 more at each of the others.
  BOOST_TEST(events_at_pause == (std::vector<std::size_t>{4, 7, 10}),
             boost::test_tools::per_element());
  BOOST_TEST(r.events.size() == 11u);
  BOOST_TEST((stream.Parse() == XmlStream::State::kDone));
}

// Text longer than a chunk comes in several runs, which join to the whole.
BOOST_AUTO_TEST_CASE(long_text_comes_whole_in_runs) {
  const std::string text(3 * XmlStream::kChunkBytes + 17, 'a');
  Recorder r;
  BOOST_TEST(ParseAll("<t>" + text + "</t>", &r) == "");
  BOOST_TEST_REQUIRE(r.events.size() == 3u);
  BOOST_TEST(r.events[1] == text);
}

BOOST_AUTO_TEST_CASE(reports_malformed_xml_with_line_and_column) {
  BOOST_TEST(ErrorOf("<a>\n  <b></a>") == "2:8: malformed XML (mismatched tag)");
  BOOST_TEST(ErrorOf("<a>&nope;</a>") == "1:4: malformed XML (undefined entity)");
  BOOST_TEST(ErrorOf("<a>\xFF</a>") == "1:4: malformed XML (not well-formed (invalid token))");
  BOOST_TEST(ErrorOf("") == "1:1: malformed XML (no element found)");
}

// A DOCTYPE is where entities are declared; refusing it refuses every entity bomb. expat
// gives the position just after the declared name.
BOOST_AUTO_TEST_CASE(refuses_a_doctype_and_so_entity_bombs) {
  BOOST_TEST(ErrorOf("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"xx\">]><a>&x;</a>") ==
             "2:13: DOCTYPE is refused");
  // A billion laughs: l9 expands to 10^9 "ha".
  std::string laughs = "<!DOCTYPE l [<!ENTITY l0 \"ha\">";
  for (int i = 1; i < 10; ++i) {
    std::string value;
    for (int k = 0; k < 10; ++k) value += "&l" + std::to_string(i - 1) + ";";
    laughs += "<!ENTITY l" + std::to_string(i) + " \"" + value + "\">";
  }
  laughs += "]><l>&l9;</l>";
  BOOST_TEST(ErrorOf(laughs) == "1:13: DOCTYPE is refused");
}

BOOST_AUTO_TEST_CASE(refuses_deep_nesting) {
  const auto nested = [](int depth) {
    std::string xml;
    for (int i = 0; i < depth; ++i) xml += "<a>";
    for (int i = 0; i < depth; ++i) xml += "</a>";
    return xml;
  };
  BOOST_TEST(ErrorOf(nested(XmlStream::kMaxDepth)) == "");
  // The 65th <a> starts at column 3 · 64 + 1.
  BOOST_TEST(ErrorOf(nested(XmlStream::kMaxDepth + 1)) == "1:193: elements nested deeper than 64");
  BOOST_TEST(ErrorOf(nested(1000000)) == "1:193: elements nested deeper than 64");
}

// expat holds a token until its end: a start tag of 2 MiB of attributes, a 2 MiB comment.
BOOST_AUTO_TEST_CASE(refuses_markup_longer_than_a_mebibyte) {
  std::string attributes;
  for (int i = 0; attributes.size() < (2u << 20); ++i) {
    attributes += " a" + std::to_string(i) + "=\"\"";
  }
  BOOST_TEST(ErrorOf("<r><c" + attributes + "/></r>") ==
             "1:4: a tag, comment or declaration longer than 1 MiB");
  BOOST_TEST(ErrorOf("<r><!--" + std::string(2u << 20, 'x') + "--></r>") ==
             "1:4: a tag, comment or declaration longer than 1 MiB");
  // Long text is no token: it comes in runs.
  BOOST_TEST(ErrorOf("<r>" + std::string(3u << 20, 'x') + "</r>") == "");
}

BOOST_AUTO_TEST_CASE(refuses_input_longer_than_its_limit) {
  Recorder r;
  std::istringstream in("<a>" + std::string(100000, 'x') + "</a>");
  XmlStream stream(&in, &r, 70000);
  r.stream = &stream;
  BOOST_TEST((stream.Parse() == XmlStream::State::kFailed));
  BOOST_TEST((stream.error().kind == XmlStream::Error::Kind::kTooLong));
  BOOST_TEST((stream.Parse() == XmlStream::State::kFailed));
}

// A handler's Fail stops the parse at the event's position; nothing more is delivered.
BOOST_AUTO_TEST_CASE(stops_where_the_handler_fails) {
  struct Failing : Recorder {
    void StartElement(std::string_view name, const XmlAttributes& attributes) override {
      Recorder::StartElement(name, attributes);
      if (name == "bad") stream->Fail("no bad here");
    }
  } r;
  BOOST_TEST(ParseAll("<a>\n <b/>\n <bad/><c/></a>", &r) == "3:2: no bad here");
  BOOST_TEST(r.events.back() == "<bad>");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
