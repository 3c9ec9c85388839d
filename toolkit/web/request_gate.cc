#include "request_gate.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace vtaudit::web {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often a connection that sent part of its headers is looked at again: poll() cannot
// wait for more bytes on a socket whose first bytes are left unread.
constexpr milliseconds kRecheck{20};
// How long accepting pauses when the process has no descriptor left.
constexpr milliseconds kNoDescriptors{100};

// A connection whose request line and headers have not all arrived.
struct Waiting {
  int fd = -1;
  Clock::time_point deadline;
  size_t seen = 0;  // bytes looked at so far
};

// Whether `head` holds the empty line that ends the headers; a line may end in CR LF or,
// as Poco also reads, in LF alone.
bool HeadComplete(std::string_view head) {
  return head.find("\n\n") != std::string_view::npos ||
         head.find("\n\r\n") != std::string_view::npos;
}

using HttpStatus = Poco::Net::HTTPResponse::HTTPStatus;

// Answers `status` with a short text; does not close. What the client sent is read away
// first, so that closing sends a FIN rather than a reset that could destroy the answer before
// the client reads it.
void Answer(int fd, HttpStatus status, std::string_view text) {
  char sink[4096];
  for (int i = 0; i < 16 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
  }
  const std::string reply =
      "HTTP/1.1 " + std::to_string(static_cast<int>(status)) + " " +
      Poco::Net::HTTPResponse::getReasonForStatus(status) +
      "\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
      std::to_string(text.size() + 1) + "\r\n\r\n" + std::string(text) + "\n";
  (void)::send(fd, reply.data(), reply.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

void Close(int fd, HttpStatus status, std::string_view text) {
  Answer(fd, status, text);
  ::close(fd);
}

constexpr std::string_view kBusy = "Bezet, probeer het zo opnieuw / busy, try again";

}  // namespace

RequestGate::RequestGate(Poco::Net::ServerSocket listening, GateOptions options, Deliver deliver)
    : listening_(std::move(listening)), options_(options), deliver_(std::move(deliver)) {}

RequestGate::~RequestGate() { Stop(); }

Status RequestGate::Start() {
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::IoError(std::string("web server: pipe: ") + std::strerror(errno));
  }
  listening_.setBlocking(false);
  thread_ = std::thread(&RequestGate::Run, this);
  return Status::Ok();
}

void RequestGate::Stop() {
  if (!thread_.joinable()) return;
  const char byte = 0;
  (void)::write(wake_[1], &byte, 1);
  thread_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
  wake_[0] = wake_[1] = -1;
}

void RequestGate::Run() {
  const int listen_fd = listening_.impl()->sockfd();
  std::deque<Waiting> waiting;  // the oldest first
  std::string head(options_.max_header, '\0');
  Clock::time_point accept_paused_until;

  // Looks at what `w` has sent: true when it is done with (handed on or closed).
  auto look = [&](Waiting& w, short events, Clock::time_point now) {
    int available = 0;
    if (::ioctl(w.fd, FIONREAD, &available) == 0 && static_cast<size_t>(available) > w.seen) {
      const size_t want = std::min(static_cast<size_t>(available), options_.max_header);
      const ssize_t n = ::recv(w.fd, head.data(), want, MSG_PEEK | MSG_DONTWAIT);
      if (n > 0) {
        w.seen = static_cast<size_t>(n);
        if (HeadComplete(std::string_view(head.data(), w.seen))) {
          Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(w.fd));
          if (!deliver_(socket)) {
            Answer(w.fd, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, kBusy);
          }
          return true;  // the socket closes the descriptor when the last copy goes
        }
        if (w.seen >= options_.max_header) {
          Close(w.fd, Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Kopregels te lang / request header fields too large");
          return true;
        }
      }
    }
    if (events & (POLLHUP | POLLERR | POLLRDHUP)) {
      ::close(w.fd);
      return true;
    }
    if (now >= w.deadline) {
      Close(w.fd, Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT,
            "Het verzoek kwam te traag binnen / request timeout");
      return true;
    }
    return false;
  };

  for (;;) {
    const Clock::time_point now = Clock::now();
    std::vector<pollfd> fds;
    fds.push_back({wake_[0], POLLIN, 0});
    fds.push_back({listen_fd, static_cast<short>(now >= accept_paused_until ? POLLIN : 0), 0});
    Clock::time_point next = now + options_.header_timeout;
    if (now < accept_paused_until) next = std::min(next, accept_paused_until);
    for (const Waiting& w : waiting) {
      fds.push_back({w.fd, static_cast<short>((w.seen == 0 ? POLLIN : 0) | POLLRDHUP), 0});
      next = std::min(next, w.seen == 0 ? w.deadline : std::min(w.deadline, now + kRecheck));
    }
    const auto wait =
        std::max<milliseconds::rep>(0, std::chrono::ceil<milliseconds>(next - now).count());
    if (::poll(fds.data(), fds.size(), static_cast<int>(wait)) < 0 && errno != EINTR) break;
    if (fds[0].revents != 0) break;

    const Clock::time_point at = Clock::now();
    std::deque<Waiting> still;
    for (size_t i = 0; i < waiting.size(); ++i) {
      const short events = fds[i + 2].revents;
      if ((events == 0 && waiting[i].seen == 0 && at < waiting[i].deadline) ||
          !look(waiting[i], events, at)) {
        still.push_back(waiting[i]);
      }
    }
    if (fds[1].revents & POLLIN) {
      for (;;) {
        const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
          if (errno == EINTR || errno == ECONNABORTED) continue;
          if ((errno == EMFILE || errno == ENFILE) && !still.empty()) {
            ::close(still.front().fd);
            still.pop_front();
            continue;
          }
          if (errno != EAGAIN && errno != EWOULDBLOCK) accept_paused_until = at + kNoDescriptors;
          break;
        }
        // The one that has waited longest makes room: a slow client cannot keep a quick one
        // out by holding every place.
        if (still.size() >= options_.max_waiting) {
          Close(still.front().fd, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, kBusy);
          still.pop_front();
        }
        Waiting w{fd, at + options_.header_timeout, 0};
        if (!look(w, 0, at)) still.push_back(w);
      }
    }
    waiting = std::move(still);
  }
  for (const Waiting& w : waiting) ::close(w.fd);
}

}  // namespace vtaudit::web
