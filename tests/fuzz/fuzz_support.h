// What the fuzz targets share: a scratch file for readers that open a path, and a check
// that stops the run when a property of the code under test does not hold.
#ifndef VTAUDIT_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define VTAUDIT_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace vtaudit::fuzz {

// A property that must hold for every input; a crash, so that libFuzzer keeps the input.
inline void Require(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz: property violated: %s\n", what);
    std::abort();
  }
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// One file in $TMPDIR (else /tmp) per process, rewritten for each input and removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/vtaudit-fuzz-" +
            std::to_string(::getpid()) + suffix;
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's contents with `bytes`; its path.
  const std::string& Write(std::string_view bytes) {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    Require(f != nullptr, "scratch file opens");
    Require(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "scratch file written");
    Require(std::fclose(f) == 0, "scratch file closed");
    return path_;
  }

 private:
  std::string path_;
};

}  // namespace vtaudit::fuzz

#endif  // VTAUDIT_TESTS_FUZZ_FUZZ_SUPPORT_H_
