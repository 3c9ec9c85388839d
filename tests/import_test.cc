// How `cases import` stores a new organisation's cases: 512 to a statement (extract.cc),
// so that a delivery longer than one batch is where the storing can go wrong; and the
// WriteBehind that writes the WAL out meanwhile.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "extract.h"
#include "workspace.h"
#include "workspace_fixture.h"
#include "write_behind.h"

namespace vtaudit {
namespace {

const char* kHeader =
    "case_id,kind,violence,received,triaged,safety_assessed,outcome,investigation_decided,"
    "investigation_started,investigation_completed,rvdk,disclosure\n";

// Case `id` received on day 1 + i % 28 of January 2025, the even ones with a safety
// assessment the next day, every seventh with an investigation decided and completed.
std::string Line(const std::string& id, int i) {
  char buf[200];
  const int day = 1 + i % 28;
  if (i % 7 == 0) {
    std::snprintf(buf, sizeof buf,
                  "%s,melding,partnergeweld,2025-01-%02dT09:15,2025-01-%02dT17:30,2025-02-%02d,"
                  "VT-01-02,2025-02-%02d,2025-02-%02d,2025-03-%02d,1,0\n",
                  id.c_str(), day, day, day, day, day, day);
  } else if (i % 2 == 0) {
    std::snprintf(buf, sizeof buf,
                  "%s,melding,kindermishandeling,2025-01-%02d,,2025-01-%02d,VT-01-01,,,,0,1\n",
                  id.c_str(), day, day + 1);
  } else {
    std::snprintf(buf, sizeof buf, "%s,advies,,2025-01-%02d,,,,,,,0,0\n", id.c_str(), day);
  }
  return buf;
}

std::string Id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "C%04d", i);
  return buf;
}

// The text of the first `columns` columns of one query's first row, joined by '|'.
std::string Query(Workspace* ws, const std::string& sql, int columns) {
  Result<Statement> q = ws->db().Prepare(sql);
  BOOST_TEST_REQUIRE(q.ok(), q.status().ToString());
  BOOST_TEST_REQUIRE(q->Step());
  std::string out;
  for (int c = 0; c < columns; ++c) {
    out += (c == 0 ? "" : "|") + (q->IsNull(c) ? std::string("NULL") : q->Text(c));
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(import_batch)

// 1,300 cases: two full batches of 512 and 276 rows stored one by one. Each case is stored
// with its own values under its organisation and delivery, whichever batch it fell in; the
// values below are Line's for i = 0, 511, 512, 700 and 1,299, worked out by hand.
BOOST_FIXTURE_TEST_CASE(every_case_of_every_batch_is_stored_as_delivered, TwoOrganisations) {
  std::string text = kHeader;
  for (int i = 0; i < 1300; ++i) text += Line(Id(i), i);
  Result<ImportSummary> r = ImportExtract(ws.get(), "A", Write("a.csv", text));
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->rows == 1300);
  BOOST_TEST(r->added == 1300);
  BOOST_TEST(Query(ws.get(),
                   "SELECT count(*), count(DISTINCT case_id) FROM case_file "
                   "WHERE org = 'A' AND extract_id = (SELECT id FROM extract_file)",
                   2) == "1300|1300");
  const std::string columns =
      "SELECT kind, violence, received, triaged, safety_assessed, outcome, "
      "investigation_decided, investigation_started, investigation_completed, rvdk, disclosure "
      "FROM case_file WHERE case_id = ";
  // i = 0: a multiple of 7, day 1
  BOOST_TEST(Query(ws.get(), columns + "'C0000'", 11) ==
             "melding|partnergeweld|2025-01-01T09:15:00|2025-01-01T17:30:00|2025-02-01|VT-01-02|"
             "2025-02-01|2025-02-01|2025-03-01|1|0");
  // i = 511 = 7 × 73, day 1 + 511 % 28 = 8, the last row of the first batch
  BOOST_TEST(Query(ws.get(), columns + "'C0511'", 11) ==
             "melding|partnergeweld|2025-01-08T09:15:00|2025-01-08T17:30:00|2025-02-08|VT-01-02|"
             "2025-02-08|2025-02-08|2025-03-08|1|0");
  // i = 512: even, not a multiple of 7, day 1 + 512 % 28 = 9, the first of the second batch
  BOOST_TEST(Query(ws.get(), columns + "'C0512'", 11) ==
             "melding|kindermishandeling|2025-01-09|NULL|2025-01-10|VT-01-01|NULL|NULL|NULL|0|1");
  // i = 700: 7 × 100, day 1 + 700 % 28 = 1
  BOOST_TEST(Query(ws.get(), columns + "'C0700'", 11) ==
             "melding|partnergeweld|2025-01-01T09:15:00|2025-01-01T17:30:00|2025-02-01|VT-01-02|"
             "2025-02-01|2025-02-01|2025-03-01|1|0");
  // i = 1,299: odd, day 1 + 1299 % 28 = 12, stored on its own after the last full batch
  BOOST_TEST(Query(ws.get(), columns + "'C1299'", 11) ==
             "advies||2025-01-12|NULL|NULL||NULL|NULL|NULL|0|0");
}

// A case number repeated inside the second batch (row 701 repeats row 651; lines 703 and
// 653 with the header) is named at its own line, and nothing of the delivery is stored,
// neither the first batch nor the rows of the second before the repeat. `cases check`
// says the same.
BOOST_FIXTURE_TEST_CASE(a_repeat_inside_a_batch_is_named_at_its_line_and_nothing_is_stored,
                        TwoOrganisations) {
  std::string text = kHeader;
  for (int i = 0; i < 1300; ++i) text += Line(i == 701 ? Id(651) : Id(i), i);
  const std::string path = Write("a.csv", text);
  const std::string want =
      path + ":703: column case_id: duplicate case_id 'C0651' (it appears earlier in the file)";
  for (const bool check_only : {true, false}) {
    ImportOptions options;
    options.check_only = check_only;
    Result<ImportSummary> r = ImportExtract(ws.get(), "A", path, options);
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST_REQUIRE(r.status().messages().size() == 2u);
    BOOST_TEST(r.status().messages()[0] == want);
    BOOST_TEST(Query(ws.get(),
                     "SELECT (SELECT count(*) FROM case_data), "
                     "(SELECT count(*) FROM extract_file)",
                     2) == "0|0");
  }
}

// WriteBehind only asks the kernel to write a file out sooner: what is written while it
// lives reads back byte for byte, and a file that does not exist is left alone.
BOOST_FIXTURE_TEST_CASE(write_behind_leaves_the_file_as_written, TwoOrganisations) {
  const std::string path = Write("wal", "");
  std::string written;
  {
    WriteBehind behind(path);
    std::ofstream out(path, std::ios::binary);
    // 300 ms of writing: the thread asks for the pages three times meanwhile.
    for (int i = 0; i < 30; ++i) {
      const std::string block(32768, static_cast<char>('a' + i % 26));
      out << block << std::flush;
      written += block;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::ifstream in(path, std::ios::binary);
  const std::string read((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(read == written);
  { WriteBehind none(dir + "/no-such-file"); }
  BOOST_TEST(!std::filesystem::exists(dir + "/no-such-file"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
