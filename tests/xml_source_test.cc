#include "xml_source.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "time_limit.h"

namespace vtaudit {
namespace {

std::unique_ptr<XmlSource> MustParse(std::string xml) {
  Result<std::unique_ptr<XmlSource>> src = XmlSource::Parse(std::move(xml), "t.xml");
  BOOST_TEST_REQUIRE(src.ok());
  return std::move(*src);
}

// The position of byte `offset` counted the slow way, from the start of the text: the rule
// the fast index must agree with (lines split at '\n', columns in UTF-8 characters).
std::string NaiveWhere(const std::string& text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line, col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return "t.xml:" + std::to_string(line) + ":" + std::to_string(col);
}

BOOST_AUTO_TEST_SUITE(xml_source)

BOOST_AUTO_TEST_CASE(columns_count_characters_across_index_blocks) {
  // One long line of two-byte characters (é) and three-byte ones (€) between elements, so
  // that characters straddle the 64-byte blocks of the index, then a second line.
  std::string xml = "<r>";
  for (int i = 0; i < 300; ++i) xml += i % 3 == 0 ? "\xE2\x82\xAC" : "\xC3\xA9";
  xml += "<a/>";
  for (int i = 0; i < 50; ++i) xml += "x\xC3\xA9";
  xml += "<b/>\n  <c/></r>";
  const std::unique_ptr<XmlSource> src = MustParse(xml);
  for (size_t offset = 0; offset <= xml.size(); ++offset) {
    if ((static_cast<unsigned char>(xml[offset]) & 0xC0) == 0x80) continue;  // inside a char
    BOOST_TEST_REQUIRE(src->WhereOffset(offset) == NaiveWhere(xml, offset), "offset " << offset);
  }
  // By hand: <a/> follows "<r>" (3 characters) and 300 accented characters: column 304.
  const pugi::xml_node r = src->doc().document_element();
  BOOST_TEST(src->Where(r.child("a")) == "t.xml:1:304");
  // <b/> follows <a/> (4) and 50 × "xé" (100): column 408. <c/> is at 2:3.
  BOOST_TEST(src->Where(r.child("b")) == "t.xml:1:408");
  BOOST_TEST(src->Where(r.child("c")) == "t.xml:2:3");
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_takes_no_column) {
  const std::unique_ptr<XmlSource> src = MustParse("\xEF\xBB\xBF<r a=\"1\"/>");
  BOOST_TEST(src->Where(src->doc().document_element()) == "t.xml:1:1");
  BOOST_TEST(src->Where(src->doc().document_element().attribute("a")) == "t.xml:1:4");
}

BOOST_AUTO_TEST_CASE(lists_the_first_hundred_errors_and_counts_the_rest) {
  std::string xml = "<r>";
  for (int i = 0; i < 150; ++i) xml += "<x/>";
  xml += "</r>";
  const std::unique_ptr<XmlSource> src = MustParse(xml);
  XmlErrors errors(*src);
  BOOST_TEST(errors.empty());
  BOOST_TEST(errors.ToStatus().ok());
  for (pugi::xml_node x : src->doc().document_element().children()) {
    errors.Add(x, "bad", {"problem.xml.unexpected_element", {{"element", "x"}}});
  }
  BOOST_TEST(errors.count() == 150u);
  const Status s = errors.ToStatus();
  BOOST_TEST_REQUIRE(s.messages().size() == 101u);
  // The n-th <x/> (from 0) starts after "<r>" and n × "<x/>": column 4 + 4n.
  BOOST_TEST(s.messages()[0] == "t.xml:1:4: bad");
  BOOST_TEST(s.messages()[99] == "t.xml:1:400: bad");
  BOOST_TEST(s.messages()[100] == "t.xml: and 50 more errors (150 in all)");
  // Each listed message keeps its code, with the place added as where; the count line has one.
  BOOST_TEST_REQUIRE(s.problems().size() == 101u);
  BOOST_TEST(s.problems()[99].args.at("where") == "t.xml:1:400");
  BOOST_TEST(s.problems()[99].args.at("element") == "x");
  BOOST_TEST(s.problems()[100].key == "problem.xml.more_errors");
  BOOST_TEST((s.problems()[100].args == std::map<std::string, std::string>{
                                            {"where", "t.xml"}, {"more", "50"}, {"all", "150"}}));
}

BOOST_AUTO_TEST_CASE(exactly_the_limit_has_no_count_line) {
  std::string xml = "<r>";
  for (size_t i = 0; i < XmlErrors::kMaxListed; ++i) xml += "<x/>";
  xml += "</r>";
  const std::unique_ptr<XmlSource> src = MustParse(xml);
  XmlErrors errors(*src);
  for (pugi::xml_node x : src->doc().document_element().children()) errors.Add(x, "bad", {});
  BOOST_TEST(errors.ToStatus().messages().size() == XmlErrors::kMaxListed);
}

BOOST_AUTO_TEST_CASE(positions_on_one_long_line_take_constant_time) {
  // 200,000 elements on one line of 800 kB. Counting each column from the start of the
  // line took minutes (the sum of 200,000 scans of up to 800 kB); the index answers each
  // in a bounded scan. 2 s is twenty times what a loaded two-core machine needs.
  std::string xml = "<r>";
  for (int i = 0; i < 200000; ++i) xml += "<x/>";
  xml += "</r>";
  const auto start = std::chrono::steady_clock::now();
  const std::unique_ptr<XmlSource> src = MustParse(xml);
  std::string last;
  for (pugi::xml_node x : src->doc().document_element().children()) last = src->Where(x);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  BOOST_TEST(last == "t.xml:1:" + std::to_string(4 + 4 * 199999));
  BOOST_TEST(took.count() < TimeLimit(2.0));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
