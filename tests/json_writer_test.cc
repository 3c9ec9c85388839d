#include "json_writer.h"

#include <boost/test/unit_test.hpp>
#include <cmath>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(writes_nested_values_in_order) {
  JsonWriter w;
  w.BeginObject().Key("id").String("a\"b<\n").Key("n").Number(0.9).Key("i").Int(-3);
  w.Key("list").BeginArray().Bool(true).Null().Number(NAN).EndArray();
  w.Key("empty").BeginObject().EndObject().EndObject();
  BOOST_TEST(w.str() ==
             "{\n  \"id\": \"a\\\"b<\\n\",\n  \"n\": 0.9,\n  \"i\": -3,\n  \"list\": [\n    true,\n"
             "    null,\n    null\n  ],\n  \"empty\": {}\n}\n");
}

BOOST_AUTO_TEST_CASE(formats_numbers_shortest) {
  BOOST_TEST(JsonWriter::FormatNumber(1.0) == "1");
  BOOST_TEST(JsonWriter::FormatNumber(0.1 + 0.2) == "0.30000000000000004");
  BOOST_TEST(JsonWriter::FormatNumber(-0.0) == "0");
  BOOST_TEST(JsonWriter::Escape(std::string("\x01", 1)) == "\"\\u0001\"");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
