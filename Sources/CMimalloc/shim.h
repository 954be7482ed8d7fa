// Debian's libmimalloc-dev. Linked into the newsdesk executable, mimalloc replaces the C
// library's malloc for the whole process (see Sources/newsdesk/Allocator.swift).
#include <mimalloc.h>
