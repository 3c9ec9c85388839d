#include "escape.h"

#include <boost/test/unit_test.hpp>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(escape)

BOOST_AUTO_TEST_CASE(shows_markup_as_text_and_drops_forbidden_controls) {
  BOOST_TEST(EscapeHtml("<script>alert('x') & \"y\"</script>") ==
             "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  BOOST_TEST(EscapeXml("a'b") == "a&apos;b");
  BOOST_TEST(EscapeHtml(std::string("a\x01\tb\nc\x7f", 7)) == std::string("a\tb\nc\x7f", 6));
  BOOST_TEST(EscapeHtml("beëindigd") == "beëindigd");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
