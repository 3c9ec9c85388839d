#include "write_behind.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

namespace vtaudit {

WriteBehind::WriteBehind(const std::string& path)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (fd_ < 0) return;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (
        !stop_changed_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; })) {
      // A failure only means the kernel writes the pages later, at the final sync.
      (void)::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
  });
}

WriteBehind::~WriteBehind() {
  if (fd_ < 0) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  stop_changed_.notify_all();
  thread_.join();
  ::close(fd_);
}

}  // namespace vtaudit
