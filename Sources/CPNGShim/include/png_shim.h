#ifndef STYLECAST_PNG_SHIM_H
#define STYLECAST_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result of a decode or encode. On failure `ok` is 0 and `message` holds libpng's reason.
typedef struct {
    int ok;
    char message[256];
} stylecast_png_status;

/// Decodes any PNG (any bit depth, gray, gray+alpha, palette with tRNS, RGB, RGBA, interlaced)
/// held in memory into 8-bit RGBA. Images wider or taller than `max_dimension`, or with more
/// than `max_pixels` pixels, are refused before any pixel memory is allocated. On success `*out_pixels` is a malloc'd buffer of
/// width*height*4 bytes that the caller frees with `stylecast_png_free`.
stylecast_png_status stylecast_png_decode_rgba8(const uint8_t *data, size_t size,
                                                uint32_t max_dimension, uint64_t max_pixels,
                                                uint32_t *out_width, uint32_t *out_height,
                                                uint8_t **out_pixels);

/// Encodes 8-bit RGBA pixels as a non-interlaced PNG with fixed settings and no time or text
/// chunks, so the same pixels and zlib `compression_level` (0-9) always give the same bytes. `*out_data` is malloc'd; free it
/// with `stylecast_png_free`.
stylecast_png_status stylecast_png_encode_rgba8(const uint8_t *pixels, uint32_t width, uint32_t height,
                                                int compression_level,
                                                uint8_t **out_data, size_t *out_size);

void stylecast_png_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
