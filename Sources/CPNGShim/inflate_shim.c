// zlib comes with libpng (its dependency); this is the only place that calls it directly.
#include "inflate_shim.h"

#include <stdio.h>
#include <zlib.h>

int stylecast_inflate_raw(const uint8_t *in, size_t in_size, uint8_t *out, size_t out_size,
                          char message[128]) {
    if (in_size > UINT32_MAX || out_size > UINT32_MAX) {
        snprintf(message, 128, "entry too large to inflate");
        return 0;
    }
    z_stream stream = {0};
    // Negative window bits: a raw deflate stream.
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
        snprintf(message, 128, "cannot initialise zlib");
        return 0;
    }
    stream.next_in = (Bytef *)in;
    stream.avail_in = (uInt)in_size;
    stream.next_out = out;
    stream.avail_out = (uInt)out_size;
    int result = inflate(&stream, Z_FINISH);
    size_t produced = out_size - stream.avail_out;
    inflateEnd(&stream);
    if (result != Z_STREAM_END) {
        snprintf(message, 128, "corrupt deflate data (zlib: %s)",
                 stream.msg ? stream.msg : (result == Z_BUF_ERROR ? "more data than the stated size" : "error"));
        return 0;
    }
    if (produced != out_size) {
        snprintf(message, 128, "deflate data gives %zu bytes, the entry states %zu", produced, out_size);
        return 0;
    }
    return 1;
}

uint32_t stylecast_crc32(const uint8_t *data, size_t size) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        uInt chunk = size > (1u << 30) ? (1u << 30) : (uInt)size;
        crc = crc32(crc, data, chunk);
        data += chunk;
        size -= chunk;
    }
    return (uint32_t)crc;
}
