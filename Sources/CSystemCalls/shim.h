#ifndef NEWSDESK_SYSTEM_CALLS_H
#define NEWSDESK_SYSTEM_CALLS_H
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* Linux calls that Swift's Glibc module hides behind _GNU_SOURCE. */
#ifdef __linux__
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#define NEWSDESK_RENAME_EXCHANGE (1 << 1)
/* Swaps two paths atomically: both must exist; neither is ever missing. */
static inline int newsdesk_exchange_paths(const char *a, const char *b) {
    return renameat2(-100 /* AT_FDCWD */, a, -100, b, NEWSDESK_RENAME_EXCHANGE);
}
#endif

/* Signal forwarding. A signal handler may only call async-signal-safe functions, and Swift code
   is not among them; write(2) is. The handler writes the signal number to a pipe whose other
   end a Swift thread reads, and that thread does the clean-up. */
static int newsdesk_signal_pipe = -1;

static void newsdesk_write_signal_to_pipe(int signal_number) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t written = write(newsdesk_signal_pipe, &byte, 1);
    (void)written;
    errno = saved_errno;
}

/* Sends `signal_number` to `pipe_write_end` from now on, whichever thread receives it. */
static inline int newsdesk_forward_signal(int signal_number, int pipe_write_end) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    newsdesk_signal_pipe = pipe_write_end;
    action.sa_handler = newsdesk_write_signal_to_pipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(signal_number, &action, NULL);
}
#endif
