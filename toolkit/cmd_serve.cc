// serve: the local web UI until Ctrl-C or SIGTERM; Enter prints a new access link.
#include <poll.h>
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include "cli.h"
#include "web_server.h"

namespace vtaudit::cli {

int Serve(Context& ctx) {
  web::WebOptions options;
  options.db_path = ctx.db_path();
  options.calendar_path = ctx.Get("--calendar").value_or(DefaultCalendarPath());
  options.reports_dir = DataDir() + "/reports";
  options.checklists_dir = DataDir() + "/checklists";
  options.inspector = OptionalInspectorName(ctx).value_or("");
  options.lang = ctx.LangOption();
  const long port = ctx.OptionalInt("--port").value_or(8321);
  if (port < 0 || port > 65535) throw UsageError("--port must be 0..65535");
  options.port = static_cast<int>(port);

  // The server's threads inherit this mask, so the signals reach the signalfd below only.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  const int signals = signalfd(-1, &stop, SFD_CLOEXEC);
  if (signals < 0) return Fail("signalfd: cannot wait for Ctrl-C");

  web::WebServer server(options);
  if (Status s = server.Start(); !s.ok()) return Fail(s);
  WarnIfExposed(ctx.db_path());
  std::printf("%s\n", server.url().c_str());
  std::fprintf(stderr,
               "vtaudit serve: %s, %s; the link opens one browser session, once: press Enter "
               "here for a new link; stop with Ctrl-C\n",
               ctx.db_path().c_str(),
               options.inspector.empty() ? "the pages ask who works"
                                         : ("inspector " + options.inspector).c_str());
  std::fflush(stdout);
  // Until a signal: each line on standard input draws a new link (for another browser, or
  // after the session expired); at its end (not a terminal, or closed) only signals count.
  // Run in the background (`serve &`), a read of the terminal fails rather than stop the
  // server.
  std::signal(SIGTTIN, SIG_IGN);
  pollfd waits[2] = {{signals, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
  for (;;) {
    if (poll(waits, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (waits[0].revents != 0) break;
    if (waits[1].revents == 0) continue;
    char line[256];
    if ((waits[1].revents & POLLIN) == 0 || read(STDIN_FILENO, line, sizeof line) <= 0) {
      waits[1].fd = -1;
      continue;
    }
    if (Result<std::string> token = server.NewToken(); !token.ok()) {
      Fail(token.status());
      continue;
    }
    std::printf("%s\n", server.url().c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "vtaudit serve: a new link; the previous one no longer opens a session\n");
  }
  close(signals);
  server.Stop();
  std::fprintf(stderr, "vtaudit serve: stopped\n");
  return 0;
}

}  // namespace vtaudit::cli
