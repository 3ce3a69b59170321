#ifndef STYLECAST_INFLATE_SHIM_H
#define STYLECAST_INFLATE_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Deflate turns at most this many bytes out per byte in (a 258-byte match costs at least 2
/// bits), so a stated size beyond `input bytes * this` is a forgery, refused before allocating.
#define STYLECAST_DEFLATE_MAX_EXPANSION 1032

/// Inflates raw deflate data (no zlib or gzip wrapper, as zip entries hold it) into exactly
/// `out_size` bytes at `out`. Returns 1 on success; on failure 0 with a reason in `message`.
int stylecast_inflate_raw(const uint8_t *in, size_t in_size, uint8_t *out, size_t out_size,
                          char message[128]);

/// The CRC-32 that zip entries carry.
uint32_t stylecast_crc32(const uint8_t *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif
