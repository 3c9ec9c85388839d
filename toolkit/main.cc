#include <cstdio>

#include "version.h"

int main() {
  std::printf("vtaudit %s\n", vtaudit::kVersion);
  return 0;
}
