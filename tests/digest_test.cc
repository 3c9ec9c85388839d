#include "digest.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <boost/test/unit_test.hpp>
#include <string>

namespace vtaudit {
namespace {

// Poco's SHA-256: an implementation independent of OpenSSL's, to compare against.
std::string PocoSha256Hex(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

BOOST_AUTO_TEST_SUITE(digest)

BOOST_AUTO_TEST_CASE(matches_the_fips_180_examples) {
  BOOST_TEST(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Sha256Hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  for (int i = 0; i < 1000; ++i) million.Update(std::string(1000, 'a'));
  BOOST_TEST(million.HexDigest() ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(agrees_with_poco_for_every_length_and_split) {
  std::string bytes;
  for (int n = 0; n < 300; ++n) {
    BOOST_TEST(Sha256Hex(bytes) == PocoSha256Hex(bytes), "length " << n);
    for (size_t split : {size_t{1}, size_t{7}, size_t{63}, size_t{64}, size_t{65}}) {
      Sha256 h;
      for (size_t at = 0; at < bytes.size(); at += split) {
        h.Update(std::string_view(bytes).substr(at, split));
      }
      BOOST_TEST(h.HexDigest() == PocoSha256Hex(bytes), "length " << n << " in parts of " << split);
    }
    bytes += static_cast<char>(n * 131 % 256);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
