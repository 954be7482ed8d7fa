// The process allocates through mimalloc instead of glibc's malloc.
//
// A build makes millions of small, short-lived allocations on every core (strings, arrays,
// template contexts, cmark nodes), where glibc's malloc contends on its arenas' locks and
// consolidates them (docs/performance.md has the measurements). Importing the module is
// enough: it links libmimalloc into the executable, ahead of the C library, so the dynamic
// linker resolves `malloc` and `free` to mimalloc for every library in the process from the
// first allocation on (mimalloc's documented "dynamic override"). `make deps` installs it.
//
// When freed pages go back to the system is decided in Sources/NewsdeskCommandLine/Allocator.swift.
import CMimalloc
