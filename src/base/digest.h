// SHA-256 of files and texts, so that a report can name exactly which framework
// and which extract it used.
#ifndef VTAUDIT_DIGEST_H_
#define VTAUDIT_DIGEST_H_

#include <memory>
#include <string>
#include <string_view>

namespace vtaudit {

// Incremental SHA-256 for streamed input.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  void Update(std::string_view bytes);
  // Lower-case hex of the digest; call once.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string Sha256Hex(std::string_view bytes);

}  // namespace vtaudit

#endif  // VTAUDIT_DIGEST_H_
