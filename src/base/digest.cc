#include "digest.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace vtaudit {

// OpenSSL's EVP SHA-256 rather than code of our own: it is maintained, and it picks the
// fastest compression for the CPU at run time (SHA-NI on x86, the ARMv8 crypto extensions
// on arm64, portable code elsewhere), which an import hashing every extract in full needs.
// EVP fails only when memory runs out or the library is broken; that is no user error,
// so it throws (caught once in main or per HTTP request) instead of yielding a digest.

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

namespace {

void Check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("SHA-256: OpenSSL ") + what + " failed");
}

}  // namespace

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  if (impl_->ctx == nullptr) throw std::bad_alloc();
  Check(EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) {
  Check(EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

std::string Sha256::HexDigest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  Check(EVP_DigestFinal_ex(impl_->ctx, digest.data(), &size), "EVP_DigestFinal_ex");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

}  // namespace vtaudit
