// When mimalloc returns freed pages to the system, for both executables (`newsdesk` and
// `newsdesk-serve`), which link mimalloc in place of the C library's malloc
// (Sources/newsdesk/Allocator.swift says why). The library never calls the allocator: it tells
// the executables when photos are encoded (`BuildOptions.photoEncoding`).
import CMimalloc

public enum Allocator {
    /// mimalloc keeps freed pages committed for a while (its decommit delay) in case they are
    /// allocated again. While photos are encoded (`BuildOptions.photoEncoding`), the delay is 0:
    /// libvips' pipelines and libwebp's buffers free megabytes at a time on several threads,
    /// and the pages held back would add up to the process's peak. Everywhere else the delay is
    /// mimalloc's own (or `MIMALLOC_DECOMMIT_DELAY`'s): the rest of a build frees and allocates
    /// small objects all the time, and pages returned at once were faulted in again at once.
    public static func returnFreedPagesPromptly(_ encodingPhotos: Bool) {
        // Read before the first change, which the `static let` is initialized ahead of.
        let usual = usualDecommitDelay
        mi_option_set(mi_option_decommit_delay, encodingPhotos ? 0 : usual)
    }

    /// The delay before the first change: mimalloc's default or the environment's.
    private static let usualDecommitDelay = mi_option_get(mi_option_decommit_delay)
}
