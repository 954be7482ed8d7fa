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
    /// allocated again. While photos are encoded (`BuildOptions.photoEncoding`), the delay is 0:
    /// libvips' pipelines and libwebp's buffers free megabytes at a time on several threads,
    /// and the pages held back would add up to the process's peak. Everywhere else the delay is
    /// mimalloc's own (or `MIMALLOC_DECOMMIT_DELAY`'s): the rest of a build frees and allocates
    /// small objects all the time, and pages returned at once were faulted in again at once.
    static func returnFreedPagesPromptly(_ encodingPhotos: Bool) {
        // Read before the first change, which the `static let` is initialized ahead of.
        let usual = usualDecommitDelay
        mi_option_set(mi_option_decommit_delay, encodingPhotos ? 0 : usual)
    }

    /// The delay before the first change: mimalloc's default or the environment's.
    private static let usualDecommitDelay = mi_option_get(mi_option_decommit_delay)
}
