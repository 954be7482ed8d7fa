// The process allocates through mimalloc instead of glibc's malloc.
//
// A build makes millions of small, short-lived allocations on every core (strings, arrays,
// template contexts, cmark nodes), where glibc's malloc contends on its arenas' locks and
// consolidates them (docs/performance.md has the measurements). Importing the module is
// enough: it links libmimalloc into the executable, ahead of the C library, so the dynamic
// linker resolves `malloc` and `free` to mimalloc for every library in the process from the
// first allocation on (mimalloc's documented "dynamic override"). `make deps` installs it.
import CMimalloc

enum Allocator {
    /// mimalloc keeps freed pages committed for a while (its decommit delay) in case they are
    /// allocated again. Photo encoding frees megabytes at a time on several threads (libvips'
    /// pipelines and pixels, libwebp's buffers), and the pages those threads hold back add up to
    /// the process's peak; returning them to the system as soon as they are free keeps the peak
    /// close to what is in use. Environment variables (MIMALLOC_DECOMMIT_DELAY) are ignored
    /// after this: the build decides.
    static func returnFreedPagesPromptly() {
        mi_option_set(mi_option_decommit_delay, 0)
    }
}
