// LD_PRELOAD shim for pcscd. The vpcd driver writes a frame's length and its payload in two send() calls, and
// Nagle + delayed ACK hold the second back ~40 ms. TCP_NODELAY on every TCP socket pcscd accepts removes the stall.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void set_nodelay(int fd) {
  struct sockaddr_storage local;
  socklen_t length = sizeof local;
  if (fd < 0 || getsockname(fd, (struct sockaddr *)&local, &length) != 0) return;
  if (local.ss_family != AF_INET && local.ss_family != AF_INET6) return; // pcscd's own clients use a Unix socket
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int accept(int fd, struct sockaddr *address, socklen_t *length) {
  static int (*real_accept)(int, struct sockaddr *, socklen_t *);
  if (!real_accept) real_accept = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT, "accept");
  int client = real_accept(fd, address, length);
  set_nodelay(client);
  return client;
}

int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
  static int (*real_accept4)(int, struct sockaddr *, socklen_t *, int);
  if (!real_accept4) real_accept4 = (int (*)(int, struct sockaddr *, socklen_t *, int))dlsym(RTLD_NEXT, "accept4");
  int client = real_accept4(fd, address, length, flags);
  set_nodelay(client);
  return client;
}
