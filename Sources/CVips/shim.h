#ifndef NEWSDESK_VIPS_TEST_SHIM_H
#define NEWSDESK_VIPS_TEST_SHIM_H
// libvips' own headers, for the tests: they read what the encoded variants carry, and check
// `CVipsLoader`'s declarations (the program itself loads libvips on first use, CVipsLoader).
#include <vips/vips.h>

// An encoded file's header, to list its metadata fields. libvips must have been started by
// the program's loader (`newsdesk_vips_start`), which starts it once whichever test asks first:
// two vips_init calls at once would race.
static inline VipsImage *newsdesk_test_vips_open(const void *bytes, size_t length) {
    return vips_image_new_from_buffer(bytes, length, "", NULL);
}

static inline void newsdesk_test_vips_unref(VipsImage *image) { g_object_unref(image); }
#endif
