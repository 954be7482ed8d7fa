// The process allocates through mimalloc instead of glibc's malloc.
//
// A build makes millions of small, short-lived allocations on every core (strings, arrays,
// template contexts, cmark nodes); with glibc's malloc, `malloc`, `free` and their arena
// consolidation were about 15% of a clean 10,000-item build's samples in perf, and mimalloc cut
// that build's wall time by about a quarter (README § Performance). Importing the module is
// enough: it links libmimalloc into the executable, ahead of the C library, so the dynamic
// linker resolves `malloc` and `free` to mimalloc for every library in the process from the
// first allocation on (mimalloc's documented "dynamic override"). `make deps` installs it.
import CMimalloc
