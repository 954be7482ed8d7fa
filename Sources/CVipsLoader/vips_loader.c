#define _GNU_SOURCE
#include "vips_loader.h"
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>

// libvips' functions, as its headers declare them (gboolean is an int, enums are ints).
static struct {
    int (*init)(const char *argv0);
    int (*version)(int flag);
    const char *(*version_string)(void);
    void (*cache_set_max)(int max);
    void (*concurrency_set)(int concurrency);
    void (*vector_set_enabled)(int enabled);
    int (*vector_isenabled)(void);
    void (*error_clear)(void);
    VipsImage *(*image_new_from_buffer)(const void *buf, size_t len, const char *option_string, ...);
    int (*image_get_string)(const VipsImage *image, const char *name, const char **out);
    int (*image_get_width)(const VipsImage *image);
    int (*image_get_height)(const VipsImage *image);
    int (*image_get_bands)(const VipsImage *image);
    int (*image_get_format)(const VipsImage *image);
    int (*image_get_n_pages)(VipsImage *image);
    int (*image_hasalpha)(VipsImage *image);
    int (*image_get_orientation_swap)(VipsImage *image);
    int (*thumbnail_buffer)(void *buf, size_t len, VipsImage **out, int width, ...);
    int (*thumbnail_image)(VipsImage *in, VipsImage **out, int width, ...);
    void *(*image_write_to_memory)(VipsImage *in, size_t *size);
    VipsImage *(*image_new_from_memory_copy)(const void *data, size_t size, int width, int height, int bands, int format);
    int (*jpegsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
    int (*webpsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
    int (*pngsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
    void (*g_object_unref)(void *object);
    void (*g_free)(void *memory);
} vips;

// The file the dynamic loader opened for libvips, once started.
static const char *library_path;

// Resolves `name` into `*slot`; false when the library lacks it.
static int resolve(void *library, const char *name, void *slot) {
    void *symbol = dlsym(library, name);
    if (!symbol) return 0;
    *(void **)slot = symbol;
    return 1;
}

static int start(void) {
    // Local: its symbols, and its hundred libraries', stay out of the program's own lookups.
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_LOCAL);
    if (!library) return -1;
    struct link_map *map = NULL;
    if (dlinfo(library, RTLD_DI_LINKMAP, &map) == 0 && map) library_path = map->l_name;
    int found = resolve(library, "vips_init", &vips.init)
        && resolve(library, "vips_version", &vips.version)
        && resolve(library, "vips_version_string", &vips.version_string)
        && resolve(library, "vips_cache_set_max", &vips.cache_set_max)
        && resolve(library, "vips_concurrency_set", &vips.concurrency_set)
        && resolve(library, "vips_vector_set_enabled", &vips.vector_set_enabled)
        && resolve(library, "vips_vector_isenabled", &vips.vector_isenabled)
        && resolve(library, "vips_error_clear", &vips.error_clear)
        && resolve(library, "vips_image_new_from_buffer", &vips.image_new_from_buffer)
        && resolve(library, "vips_image_get_string", &vips.image_get_string)
        && resolve(library, "vips_image_get_width", &vips.image_get_width)
        && resolve(library, "vips_image_get_height", &vips.image_get_height)
        && resolve(library, "vips_image_get_bands", &vips.image_get_bands)
        && resolve(library, "vips_image_get_format", &vips.image_get_format)
        && resolve(library, "vips_image_get_n_pages", &vips.image_get_n_pages)
        && resolve(library, "vips_image_hasalpha", &vips.image_hasalpha)
        && resolve(library, "vips_image_get_orientation_swap", &vips.image_get_orientation_swap)
        && resolve(library, "vips_thumbnail_buffer", &vips.thumbnail_buffer)
        && resolve(library, "vips_thumbnail_image", &vips.thumbnail_image)
        && resolve(library, "vips_image_write_to_memory", &vips.image_write_to_memory)
        && resolve(library, "vips_image_new_from_memory_copy", &vips.image_new_from_memory_copy)
        && resolve(library, "vips_jpegsave_buffer", &vips.jpegsave_buffer)
        && resolve(library, "vips_webpsave_buffer", &vips.webpsave_buffer)
        && resolve(library, "vips_pngsave_buffer", &vips.pngsave_buffer)
        && resolve(library, "g_object_unref", &vips.g_object_unref)
        && resolve(library, "g_free", &vips.g_free);
    // The ABI the declarations above describe: what VIPS_INIT checks against the headers.
    if (!found || vips.version(3) - vips.version(5) != newsdesk_vips_abi) return -1;
    if (vips.init("newsdesk")) return -1;
    // The operation cache is off: every photo is decoded once from a buffer that Swift frees
    // afterwards, and a cached operation would keep pointing at it.
    vips.cache_set_max(0);
    // Newsdesk runs one image per core itself; libvips' own worker threads would compete.
    vips.concurrency_set(1);
    // No run-time compiled (liborc) loops. liborc 0.4.33 (Debian 12) frees a compiled loop's
    // code without taking the lock its allocator takes; libvips compiles and frees loops with
    // every resize, so photos resized on several threads at once crashed the process now and
    // then inside liborc. libvips' plain C loops give the same pictures on every CPU, too.
    vips.vector_set_enabled(0);
    return 0;
}

// vips_init is not safe to call from two threads at once (a second caller returns before the
// first has finished), and the tests start libvips from tasks that run in parallel.
static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int start_result = -1;
static void start_in_once(void) { start_result = start(); }

int newsdesk_vips_start(void) {
    pthread_once(&start_once, start_in_once);
    return start_result;
}

int newsdesk_vips_vectorized(void) { return vips.vector_isenabled(); }

const char *newsdesk_vips_version_string(void) { return vips.version_string(); }
const char *newsdesk_vips_library_path(void) { return library_path; }
void newsdesk_vips_error_clear(void) { vips.error_clear(); }

VipsImage *newsdesk_vips_open(const void *bytes, size_t length) {
    return vips.image_new_from_buffer(bytes, length, "", "access", newsdesk_vips_access_sequential,
                                      "fail_on", newsdesk_vips_fail_on_error, NULL);
}

const char *newsdesk_vips_loader(VipsImage *image) {
    const char *name = NULL;
    if (vips.image_get_string(image, "vips-loader", &name)) return NULL;
    return name;
}

int newsdesk_vips_width(VipsImage *image) { return vips.image_get_width(image); }
int newsdesk_vips_height(VipsImage *image) { return vips.image_get_height(image); }
int newsdesk_vips_page_count(VipsImage *image) { return vips.image_get_n_pages(image); }
int newsdesk_vips_has_alpha(VipsImage *image) { return vips.image_hasalpha(image); }
int newsdesk_vips_orientation_swaps(VipsImage *image) { return vips.image_get_orientation_swap(image); }

int newsdesk_vips_thumbnail(const void *bytes, size_t length, int width, VipsImage **out) {
    return vips.thumbnail_buffer((void *)bytes, length, out, width, "height", newsdesk_vips_max_coord,
                                 "size", newsdesk_vips_size_down, "fail_on", newsdesk_vips_fail_on_error, NULL);
}

int newsdesk_vips_shrink(VipsImage *image, int width, VipsImage **out) {
    return vips.thumbnail_image(image, out, width, "height", newsdesk_vips_max_coord, "size", newsdesk_vips_size_down, NULL);
}

int newsdesk_vips_square(const void *bytes, size_t length, int size, VipsImage **out) {
    return vips.thumbnail_buffer((void *)bytes, length, out, size, "height", size, "crop", newsdesk_vips_interesting_centre,
                                 "size", newsdesk_vips_size_both, "fail_on", newsdesk_vips_fail_on_error, NULL);
}

VipsImage *newsdesk_vips_pixels_only(VipsImage *image) {
    size_t size = 0;
    void *pixels = vips.image_write_to_memory(image, &size);
    if (!pixels) return NULL;
    VipsImage *clean = vips.image_new_from_memory_copy(pixels, size, vips.image_get_width(image), vips.image_get_height(image),
                                                       vips.image_get_bands(image), vips.image_get_format(image));
    vips.g_free(pixels);
    return clean;
}

int newsdesk_vips_jpeg(VipsImage *image, int quality, void **bytes, size_t *length) {
    return vips.jpegsave_buffer(image, bytes, length, "Q", quality, "strip", 1, "optimize_coding", 1, "interlace", 1, NULL);
}

int newsdesk_vips_webp(VipsImage *image, int quality, void **bytes, size_t *length) {
    return vips.webpsave_buffer(image, bytes, length, "Q", quality, "strip", 1, "effort", 4, NULL);
}

int newsdesk_vips_png(VipsImage *image, void **bytes, size_t *length) {
    return vips.pngsave_buffer(image, bytes, length, "strip", 1, "compression", 6, NULL);
}

void newsdesk_vips_unref(VipsImage *image) { vips.g_object_unref(image); }
void newsdesk_vips_free(void *bytes) { vips.g_free(bytes); }
