// Runs a program as a child for the benchmarks that time a whole command: its wall time,
// peak memory (from wait4's rusage) and exit status.
#ifndef VTAUDIT_BENCH_CHILD_RUN_H_
#define VTAUDIT_BENCH_CHILD_RUN_H_

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace vtaudit::bench {

struct ChildRun {
  double seconds;
  long peak_kb;
  int status;
};

inline ChildRun RunChild(const std::vector<std::string>& argv, const std::string& stdin_file = "") {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!stdin_file.empty()) std::freopen(stdin_file.c_str(), "r", stdin);
    std::freopen("/dev/null", "w", stdout);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto t1 = std::chrono::steady_clock::now();
  return {std::chrono::duration<double>(t1 - t0).count(), usage.ru_maxrss, status};
}

}  // namespace vtaudit::bench

#endif  // VTAUDIT_BENCH_CHILD_RUN_H_
