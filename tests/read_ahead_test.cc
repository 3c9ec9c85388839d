#include "read_ahead.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace vtaudit {
namespace {

BOOST_AUTO_TEST_SUITE(read_ahead)

// 10,000 items span three batches of 4,096 (the last partly filled): every one comes out
// once, in the order produced.
BOOST_AUTO_TEST_CASE(delivers_every_item_in_order_across_batches) {
  int next = 0;
  ReadAhead<int> items([&next](int* out) {
    if (next == 10000) return false;
    *out = next++;
    return true;
  });
  int item = -1;
  std::vector<int> seen;
  while (items.Next(&item)) seen.push_back(item);
  BOOST_TEST_REQUIRE(seen.size() == 10000u);
  for (int i = 0; i < 10000; ++i) BOOST_TEST_REQUIRE(seen[static_cast<size_t>(i)] == i);
  BOOST_TEST(!items.Next(&item));  // and stays at the end
}

BOOST_AUTO_TEST_CASE(nothing_to_produce) {
  ReadAhead<std::string> items([](std::string*) { return false; });
  std::string item;
  BOOST_TEST(!items.Next(&item));
}

// An exception of the producer comes out of Next after the 5,000 items produced before it.
BOOST_AUTO_TEST_CASE(rethrows_after_the_items_before_the_exception) {
  int next = 0;
  ReadAhead<int> items([&next](int* out) {
    if (next == 5000) throw std::runtime_error("disk gone");
    *out = next++;
    return true;
  });
  int item = 0;
  int count = 0;
  try {
    while (items.Next(&item)) ++count;
    BOOST_FAIL("no exception came out");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()) == "disk gone");
  }
  BOOST_TEST(count == 5000);
}

// The producer stays a bounded distance ahead: with the consumer holding back after its
// first item, at most kBatchesAhead (2) full batches plus the one being filled and the
// consumer's own are produced: 4 × 4,096.
BOOST_AUTO_TEST_CASE(producer_stays_a_bounded_distance_ahead) {
  std::atomic<int> produced{0};
  {
    ReadAhead<int> items([&produced](int* out) {
      *out = produced++;
      return produced < 1000000;
    });
    int item = 0;
    BOOST_TEST_REQUIRE(items.Next(&item));
    for (int i = 0; i < 50 && produced < 4 * 4096; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(produced.load() <= 4 * 4096);
  }  // destroyed before the end: the producer thread stops and is joined
  BOOST_TEST(produced.load() < 1000000);
}

// Buffers go back to the producer: the item handed in by Next is swapped, not dropped.
BOOST_AUTO_TEST_CASE(reuses_the_consumers_buffers) {
  int next = 0;
  int reused = 0;
  ReadAhead<std::string> items([&](std::string* out) {
    if (next == 20000) return false;
    if (out->capacity() >= 64) ++reused;
    out->assign(64, static_cast<char>('a' + next++ % 26));
    return true;
  });
  std::string item;
  int count = 0;
  while (items.Next(&item)) {
    BOOST_TEST_REQUIRE(item.size() == 64u);
    ++count;
  }
  BOOST_TEST(count == 20000);
  BOOST_TEST(reused > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
