#include "digest.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace vtaudit {

struct Sha256::Impl {
  Poco::SHA2Engine engine{Poco::SHA2Engine::SHA_256};
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {}
Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) {
  impl_->engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
}

std::string Sha256::HexDigest() { return Poco::DigestEngine::digestToHex(impl_->engine.digest()); }

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

}  // namespace vtaudit
