#include "bundle.h"

namespace vtaudit {

Result<BundleInfo> ExportBundle(Workspace&, int64_t, const std::filesystem::path&) {
  return Status::Internal("audit bundles are not implemented yet");
}

Result<BundleInfo> ReadBundleInfo(const std::filesystem::path&) {
  return Status::Internal("audit bundles are not implemented yet");
}

Result<BundleMerge> ImportBundle(Workspace&, const std::filesystem::path&) {
  return Status::Internal("audit bundles are not implemented yet");
}

}  // namespace vtaudit
