// WriteBehind: asks the kernel to start writing a file's new pages to disk while they are
// still being written, so that a long transaction's final sync waits for little.
#ifndef VTAUDIT_STORE_WRITE_BEHIND_H_
#define VTAUDIT_STORE_WRITE_BEHIND_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace vtaudit {

// While it lives, a thread of its own asks every 100 ms that the dirty pages of the file
// at `path` be written out (Linux sync_file_range, which starts the writing and does not
// wait for it). It neither reads nor writes the file and changes nothing a reader sees; it
// only spreads the disk's work over the time the file is being written. A file that cannot
// be opened is left alone.
class WriteBehind {
 public:
  explicit WriteBehind(const std::string& path);
  ~WriteBehind();
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

 private:
  int fd_ = -1;
  std::mutex mutex_;
  std::condition_variable stop_changed_;
  bool stop_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_STORE_WRITE_BEHIND_H_
