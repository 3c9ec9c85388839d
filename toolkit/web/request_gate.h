// The door of the web server: one thread that accepts connections and hands a connection
// on only once its request line and headers have arrived whole, so that no worker thread
// ever waits for a slow client's header bytes (slowloris). A connection whose headers take
// longer than the header timeout gets 408 and is closed; when more connections wait than
// allowed, the one that has waited longest is closed to make room for the newest. The
// headers are only looked at (MSG_PEEK), never consumed: the worker reads them as sent.
// Start and Stop from one thread; `deliver` is called on the gate's thread.
#ifndef VTAUDIT_TOOLKIT_WEB_REQUEST_GATE_H_
#define VTAUDIT_TOOLKIT_WEB_REQUEST_GATE_H_

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <functional>
#include <thread>

#include "status.h"

namespace vtaudit::web {

struct GateOptions {
  // The request line and headers must arrive within this time of connecting.
  std::chrono::milliseconds header_timeout{5000};
  // Headers longer than this get 431 (Poco refuses a single field above 8 KiB anyway).
  size_t max_header = 32 * 1024;
  // Connections waiting for their headers at most; a newer one closes the oldest.
  size_t max_waiting = 256;
};

class RequestGate {
 public:
  // Takes a connection whose headers are complete; false when it cannot (all workers busy
  // and the queue full): the gate then answers 503 and closes it.
  using Deliver = std::function<bool(const Poco::Net::StreamSocket&)>;

  RequestGate(Poco::Net::ServerSocket listening, GateOptions options, Deliver deliver);
  ~RequestGate();  // stops the gate
  RequestGate(const RequestGate&) = delete;
  RequestGate& operator=(const RequestGate&) = delete;

  Status Start();
  // Stops accepting and closes the connections still waiting. Safe to call twice.
  void Stop();

 private:
  void Run();

  Poco::Net::ServerSocket listening_;
  GateOptions options_;
  Deliver deliver_;
  int wake_[2] = {-1, -1};  // a pipe: a byte written to wake_[1] stops Run
  std::thread thread_;
};

}  // namespace vtaudit::web

#endif  // VTAUDIT_TOOLKIT_WEB_REQUEST_GATE_H_
