// serve: the local web UI until Ctrl-C or SIGTERM.
#include <pthread.h>

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
  options.inspector = OptionalInspectorName(ctx).value_or("");
  options.lang = ctx.LangOption();
  const long port = ctx.OptionalInt("--port").value_or(8321);
  if (port < 0 || port > 65535) throw UsageError("--port must be 0..65535");
  options.port = static_cast<int>(port);

  // The server's threads inherit this mask, so the signals reach sigwait below only.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  web::WebServer server(options);
  if (Status s = server.Start(); !s.ok()) return Fail(s);
  std::printf("%s\n", server.url().c_str());
  std::fprintf(stderr, "vtaudit serve: %s, %s; stop with Ctrl-C\n", ctx.db_path().c_str(),
               options.inspector.empty() ? "the pages ask who works"
                                         : ("inspector " + options.inspector).c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  server.Stop();
  std::fprintf(stderr, "vtaudit serve: stopped\n");
  return 0;
}

}  // namespace vtaudit::cli
