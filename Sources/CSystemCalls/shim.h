#ifndef NEWSDESK_SYSTEM_CALLS_H
#define NEWSDESK_SYSTEM_CALLS_H
/* Linux calls that Swift's Glibc module hides behind _GNU_SOURCE. */
#ifdef __linux__
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#define NEWSDESK_RENAME_EXCHANGE (1 << 1)
/* Swaps two paths atomically: both must exist; neither is ever missing. */
static inline int newsdesk_exchange_paths(const char *a, const char *b) {
    return renameat2(-100 /* AT_FDCWD */, a, -100, b, NEWSDESK_RENAME_EXCHANGE);
}
#endif
#endif
