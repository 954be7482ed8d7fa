#ifndef NEWSDESK_VIPS_SHIM_H
#define NEWSDESK_VIPS_SHIM_H
// libvips' calls take their options as NULL-terminated variadic arguments, which Swift cannot
// pass: each call Newsdesk makes is spelled out here once, with its options fixed.
#include <vips/vips.h>

// Once per process. The operation cache is off: every photo is decoded once from a buffer that
// Swift frees afterwards, and a cached operation would keep pointing at it.
static inline int newsdesk_vips_start(void) {
    if (VIPS_INIT("newsdesk")) return -1;
    vips_cache_set_max(0);
    // Newsdesk runs one image per core itself; libvips' own worker threads would compete.
    vips_concurrency_set(1);
    return 0;
}

// Reads the header only (sequential access: pixels are decoded while they stream through).
static inline VipsImage *newsdesk_vips_open(const void *bytes, size_t length) {
    return vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

static inline const char *newsdesk_vips_loader(VipsImage *image) {
    const char *name = NULL;
    if (vips_image_get_string(image, "vips-loader", &name)) return NULL;
    return name;
}

// Decoded, turned upright (EXIF orientation), converted to sRGB and shrunk to `width` pixels
// wide; never enlarged. Shrink-on-load keeps the memory of a 4000x3000 JPEG small.
static inline int newsdesk_vips_thumbnail(const void *bytes, size_t length, int width, VipsImage **out) {
    return vips_thumbnail_buffer((void *)bytes, length, out, width, "height", VIPS_MAX_COORD,
                                 "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

// `image` (pixels already in memory, the largest variant of a photo) resized to `width` pixels
// wide, never enlarged: a photo is decoded once, and each smaller variant is resized from those
// pixels rather than decoded from the source again.
static inline int newsdesk_vips_shrink(VipsImage *image, int width, VipsImage **out) {
    return vips_thumbnail_image(image, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

// A square icon of `size` pixels: the middle of the picture, scaled up or down (a favicon may
// be of any size; browsers and phones ask for fixed ones).
static inline int newsdesk_vips_square(const void *bytes, size_t length, int size, VipsImage **out) {
    return vips_thumbnail_buffer((void *)bytes, length, out, size, "height", size, "crop", VIPS_INTERESTING_CENTRE,
                                 "size", VIPS_SIZE_BOTH, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

// The decoded pixels as a new image that carries nothing else: no EXIF (with GPS), XMP, IPTC,
// ICC profile or orientation. Saving with "strip" alone kept the EXIF block in WebP files.
static inline VipsImage *newsdesk_vips_pixels_only(VipsImage *image) {
    size_t size = 0;
    void *pixels = vips_image_write_to_memory(image, &size);
    if (!pixels) return NULL;
    VipsImage *clean = vips_image_new_from_memory_copy(pixels, size, vips_image_get_width(image),
                                                       vips_image_get_height(image), vips_image_get_bands(image),
                                                       vips_image_get_format(image));
    g_free(pixels);
    return clean;
}

// Every save also strips metadata: EXIF (with GPS), XMP, IPTC, comments and the ICC profile.
static inline int newsdesk_vips_jpeg(VipsImage *image, int quality, void **bytes, size_t *length) {
    return vips_jpegsave_buffer(image, bytes, length, "Q", quality, "strip", TRUE,
                                "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

static inline int newsdesk_vips_webp(VipsImage *image, int quality, void **bytes, size_t *length) {
    return vips_webpsave_buffer(image, bytes, length, "Q", quality, "strip", TRUE, "effort", 4, NULL);
}

static inline int newsdesk_vips_png(VipsImage *image, void **bytes, size_t *length) {
    return vips_pngsave_buffer(image, bytes, length, "strip", TRUE, "compression", 6, NULL);
}

static inline void newsdesk_vips_unref(VipsImage *image) { g_object_unref(image); }
#endif
