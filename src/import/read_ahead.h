// ReadAhead: a producer on a thread of its own, a bounded number of items ahead of its
// consumer, so that reading and checking an extract overlaps with storing its cases.
// Thread contract: one consumer thread calls Next; `produce` runs on the ReadAhead's own
// thread only. Memory: at most kBatchesAhead + 2 batches of kBatchItems items live at once.
#ifndef VTAUDIT_READ_AHEAD_H_
#define VTAUDIT_READ_AHEAD_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace vtaudit {

// Produces items on a thread of its own, a few thousand ahead of the consumer, so that
// reading and checking an extract overlaps with storing its cases. Items come out in the
// order produced; an exception of `produce` comes out of Next after the items before it.
template <typename Item>
class ReadAhead {
 public:
  // `produce` fills an item, reusing its buffers, and returns true; false at the end.
  explicit ReadAhead(std::function<bool(Item*)> produce)
      : produce_(std::move(produce)), thread_([this] { Produce(); }) {}
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // The next item, swapped into *item (whose buffers go back for reuse); false at the end.
  bool Next(Item* item) {
    if (pos_ == batch_.size()) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!batch_.empty()) free_.push_back(std::move(batch_));
      batch_.clear();  // a moved-from vector is valid but unspecified
      pos_ = 0;        // so that a call after the end stays at the end
      changed_.notify_all();
      changed_.wait(lock, [&] { return !full_.empty() || finished_; });
      if (full_.empty()) {
        if (thrown_) std::rethrow_exception(std::exchange(thrown_, nullptr));
        return false;
      }
      batch_ = std::move(full_.front());
      full_.pop_front();
      pos_ = 0;
      changed_.notify_all();
    }
    std::swap(*item, batch_[pos_++]);
    return true;
  }

 private:
  static constexpr size_t kBatchItems = 4096;
  static constexpr size_t kBatchesAhead = 2;

  void Produce() {
    std::vector<Item> batch;
    bool more = true;
    while (more) {
      batch.resize(kBatchItems);
      size_t n = 0;
      std::exception_ptr thrown;
      try {
        while (n < kBatchItems && (more = produce_(&batch[n]))) ++n;
      } catch (...) {
        thrown = std::current_exception();
        more = false;
      }
      batch.resize(n);
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return full_.size() < kBatchesAhead || stop_; });
      if (stop_) return;
      if (n > 0) full_.push_back(std::move(batch));
      if (!more) {
        thrown_ = thrown;
        finished_ = true;
      } else if (!free_.empty()) {
        batch = std::move(free_.back());
        free_.pop_back();
      } else {
        batch = {};
      }
      changed_.notify_all();
    }
  }

  std::function<bool(Item*)> produce_;
  std::mutex mutex_;
  std::condition_variable changed_;
  // Guarded by mutex_: full_ to thrown_.
  std::deque<std::vector<Item>> full_;
  std::vector<std::vector<Item>> free_;
  bool finished_ = false;
  bool stop_ = false;
  std::exception_ptr thrown_;
  std::vector<Item> batch_;  // the consumer's
  size_t pos_ = 0;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace vtaudit

#endif  // VTAUDIT_READ_AHEAD_H_
