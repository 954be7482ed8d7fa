#ifndef NEWSDESK_VIPS_LOADER_H
#define NEWSDESK_VIPS_LOADER_H
// libvips, loaded with dlopen on first use instead of linked: libvips brings about a hundred
// libraries (GLib, cairo, pango, X11, HDF5…), whose loading and symbol binding cost every
// newsdesk process tens of milliseconds at start, while most runs (a no-change rebuild,
// `check`, `new`, `--help`) never touch a photo. Each call Newsdesk makes is spelled out here
// once, with its options fixed: libvips takes options as NULL-terminated variadic arguments,
// which Swift cannot pass.
//
// The few libvips types and constants used are declared here by value (no libvips headers
// are needed to build); `Tests/NewsdeskCoreTests/Images/VipsLoaderTests` checks them against
// the installed headers.
#include <stddef.h>

typedef struct _VipsImage VipsImage;

// The values of libvips' enums and limits that the calls below pass.
enum {
    newsdesk_vips_access_sequential = 1,   // VIPS_ACCESS_SEQUENTIAL
    newsdesk_vips_fail_on_error = 2,       // VIPS_FAIL_ON_ERROR
    newsdesk_vips_size_both = 0,           // VIPS_SIZE_BOTH
    newsdesk_vips_size_down = 2,           // VIPS_SIZE_DOWN
    newsdesk_vips_interesting_centre = 1,  // VIPS_INTERESTING_CENTRE
    newsdesk_vips_max_coord = 10000000,    // VIPS_MAX_COORD
    newsdesk_vips_abi = 42,                // VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE, the soname's number
};

// Loads and starts libvips; 0 on success. Any thread may call it any number of times: the
// first call starts libvips, every call waits for that and returns its result. No other
// function may be called unless it succeeded.
int newsdesk_vips_start(void);

const char *newsdesk_vips_version_string(void);
// Whether libvips runs its run-time compiled (liborc) loops: never once started.
int newsdesk_vips_vectorized(void);
// The path of the libvips file that was loaded, as the dynamic loader found it; NULL if unknown.
const char *newsdesk_vips_library_path(void);
void newsdesk_vips_error_clear(void);

// Reads the header only (sequential access: pixels are decoded while they stream through).
VipsImage *newsdesk_vips_open(const void *bytes, size_t length);
const char *newsdesk_vips_loader(VipsImage *image);
int newsdesk_vips_width(VipsImage *image);
int newsdesk_vips_height(VipsImage *image);
int newsdesk_vips_page_count(VipsImage *image);
int newsdesk_vips_has_alpha(VipsImage *image);
// Whether the EXIF orientation turns the picture by a quarter, swapping width and height.
int newsdesk_vips_orientation_swaps(VipsImage *image);

// Decoded, turned upright (EXIF orientation), converted to sRGB and shrunk to `width` pixels
// wide; never enlarged. Shrink-on-load keeps the memory of a 4000x3000 JPEG small.
int newsdesk_vips_thumbnail(const void *bytes, size_t length, int width, VipsImage **out);
// `image` (pixels already in memory, the largest variant of a photo) resized to `width` pixels
// wide, never enlarged: a photo is decoded once, and each smaller variant is resized from those
// pixels rather than decoded from the source again.
int newsdesk_vips_shrink(VipsImage *image, int width, VipsImage **out);
// A square icon of `size` pixels: the middle of the picture, scaled up or down (a favicon may
// be of any size; browsers and phones ask for fixed ones).
int newsdesk_vips_square(const void *bytes, size_t length, int size, VipsImage **out);
// The decoded pixels as a new image that carries nothing else: no EXIF (with GPS), XMP, IPTC,
// ICC profile or orientation. Saving with "strip" alone kept the EXIF block in WebP files.
VipsImage *newsdesk_vips_pixels_only(VipsImage *image);

// Every save also strips metadata: EXIF (with GPS), XMP, IPTC, comments and the ICC profile.
// The bytes are libvips' to free (`newsdesk_vips_free`).
int newsdesk_vips_jpeg(VipsImage *image, int quality, void **bytes, size_t *length);
int newsdesk_vips_webp(VipsImage *image, int quality, void **bytes, size_t *length);
int newsdesk_vips_png(VipsImage *image, void **bytes, size_t *length);

void newsdesk_vips_unref(VipsImage *image);
void newsdesk_vips_free(void *bytes);
#endif
