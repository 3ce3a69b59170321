// The only place that calls libpng. libpng reports every error by longjmp-ing back to the
// setjmp of the call in progress; keeping both ends here means no Swift frame is ever skipped.
#include "png_shim.h"
#include "inflate_shim.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jump;
    stylecast_png_status *status;
} error_context;

static void on_error(png_structp png, png_const_charp message) {
    error_context *context = (error_context *)png_get_error_ptr(png);
    snprintf(context->status->message, sizeof context->status->message, "%s", message);
    longjmp(context->jump, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; // Warnings (bad CRC in an ancillary chunk, odd sRGB profile...) are not failures.
}

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} memory_reader;

static void read_from_memory(png_structp png, png_bytep out, png_size_t length) {
    memory_reader *reader = (memory_reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->offset) {
        png_error(png, "file is truncated");
    }
    memcpy(out, reader->data + reader->offset, length);
    reader->offset += length;
}

stylecast_png_status stylecast_png_decode_rgba8(const uint8_t *data, size_t size,
                                                uint32_t max_dimension, uint64_t max_pixels,
                                                uint32_t *out_width, uint32_t *out_height,
                                                uint8_t **out_pixels) {
    stylecast_png_status status = {0, ""};
    *out_pixels = NULL;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(status.message, sizeof status.message, "not a PNG file (bad signature)");
        return status;
    }
    error_context context;
    context.status = &status;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, on_error, on_warning);
    if (!png) {
        snprintf(status.message, sizeof status.message, "out of memory");
        return status;
    }
    png_infop info = png_create_info_struct(png);
    // Both are volatile: they change between setjmp and a possible longjmp.
    uint8_t *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(context.jump)) {
        if (!info) snprintf(status.message, sizeof status.message, "out of memory");
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        status.ok = 0;
        return status;
    }
    memory_reader reader = {data, size, 0};
    png_set_read_fn(png, &reader, read_from_memory);
    png_set_user_limits(png, max_dimension, max_dimension);
    png_read_info(png, info);

    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    // Refuse before allocating: a few bytes of header must not cost gigabytes of memory.
    if ((uint64_t)width * height > max_pixels) {
        png_error(png, "image is too large (too many pixels)");
    }
    // Nor may a header claim more pixels than the file's bytes could inflate to.
    uint64_t packed_bytes = ((uint64_t)width * height * png_get_channels(png, info) * bit_depth + 7) / 8;
    if ((uint64_t)size * STYLECAST_DEFLATE_MAX_EXPANSION < packed_bytes) {
        png_error(png, "the file is too small to hold the image its header describes (truncated or corrupt)");
    }

    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (!(color_type & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    if (png_get_rowbytes(png, info) != (size_t)width * 4) {
        png_error(png, "unsupported pixel layout after conversion");
    }
    pixels = (uint8_t *)malloc((size_t)width * height * 4);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * width * 4;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    *out_width = width;
    *out_height = height;
    *out_pixels = pixels;
    status.ok = 1;
    return status;
}

typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
} memory_writer;

static void write_to_memory(png_structp png, png_bytep bytes, png_size_t length) {
    memory_writer *writer = (memory_writer *)png_get_io_ptr(png);
    if (writer->size + length > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity : 4096;
        while (capacity < writer->size + length) capacity *= 2;
        uint8_t *grown = (uint8_t *)realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, length);
    writer->size += length;
}

static void flush_memory(png_structp png) { (void)png; }

stylecast_png_status stylecast_png_encode_rgba8(const uint8_t *pixels, uint32_t width, uint32_t height,
                                                int compression_level,
                                                uint8_t **out_data, size_t *out_size) {
    stylecast_png_status status = {0, ""};
    *out_data = NULL;
    *out_size = 0;
    error_context context;
    context.status = &status;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, on_error, on_warning);
    if (!png) {
        snprintf(status.message, sizeof status.message, "out of memory");
        return status;
    }
    png_infop info = png_create_info_struct(png);
    memory_writer writer = {NULL, 0, 0};
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(context.jump)) {
        if (!info) snprintf(status.message, sizeof status.message, "out of memory");
        free(writer.data);
        free(rows);
        png_destroy_write_struct(&png, info ? &info : NULL);
        status.ok = 0;
        return status;
    }
    png_set_write_fn(png, &writer, write_to_memory, flush_memory);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, compression_level);
    png_write_info(png, info);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!rows) png_error(png, "out of memory");
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * width * 4);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(rows);
    png_destroy_write_struct(&png, &info);
    *out_data = writer.data;
    *out_size = writer.size;
    status.ok = 1;
    return status;
}

void stylecast_png_free(void *pointer) { free(pointer); }
