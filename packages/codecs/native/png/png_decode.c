/*
 * PNG image data to RGBA8: inflate (libdeflate, whole stream at once: the decoded size is known
 * from IHDR), undo the filters row by row, expand every colour type and bit depth to RGBA8 the
 * way the previous decoder (the Rust `png` crate's EXPAND + STRIP_16) did: 16-bit samples keep
 * their high byte, 1/2/4-bit grey is scaled to 0-255, palette and tRNS become RGBA.
 */
#include <stdlib.h>
#include <string.h>
#include <wasm_simd128.h>
#include "libdeflate.h"
#include "imgproc_png.h"

/* Rows are read 4 bytes at a time by the SIMD filters: every row buffer has this much after it. */
#define SLACK 16

static struct libdeflate_decompressor *decompressor;

/*
 * Inflates the zlib stream into a buffer of at least `expected` bytes. The Adler-32 check is not
 * verified (the chunks' CRCs already were, in TypeScript), as the `png` crate and browsers do.
 */
static uint8_t *inflate_image_data(const uint8_t *z, size_t zlen, size_t expected) {
  if (zlen < 2 || (z[0] & 0x0f) != 8 || (z[0] >> 4) > 7 || ((z[0] << 8) | z[1]) % 31 != 0) {
    ip_fail("the image data does not start with a zlib header");
    return NULL;
  }
  if (z[1] & 0x20) {
    ip_fail("the image data asks for a preset dictionary");
    return NULL;
  }
  if (!decompressor && !(decompressor = libdeflate_alloc_decompressor())) {
    ip_fail("out of memory");
    return NULL;
  }
  size_t capacity = expected;
  for (int attempt = 0; attempt < 2; attempt++) {
    uint8_t *data = malloc(capacity + SLACK);
    size_t got = 0;
    if (!data) {
      ip_fail("out of memory for the image data");
      return NULL;
    }
    enum libdeflate_result r = libdeflate_deflate_decompress(decompressor, z + 2, zlen - 2, data, capacity, &got);
    if (r == LIBDEFLATE_SUCCESS && got >= expected) return data;
    free(data);
    if (r == LIBDEFLATE_SUCCESS) {
      ip_fail("the image data ends before the last row");
      return NULL;
    }
    if (r != LIBDEFLATE_INSUFFICIENT_SPACE) {
      ip_fail("the compressed image data is damaged");
      return NULL;
    }
    /* More data than the rows need: decoders ignore the excess, so once more with room for it. */
    capacity = expected * 2 + 65536;
  }
  ip_fail("the image data holds far more than its rows");
  return NULL;
}

typedef struct {
  uint32_t ctype, depth;
  const uint8_t *palette; /* 256 RGBA entries (palette images) */
  int32_t key[3];         /* tRNS sample values for grey (key[0]) or RGB; -1: none */
} format_t;

/* Sample i of a row of `depth`-bit samples (1, 2, 4, 8 or 16 bits, most significant first). */
static inline uint32_t sample(const uint8_t *row, uint32_t i, uint32_t depth) {
  if (depth == 8) return row[i];
  if (depth == 16) return (uint32_t)row[2 * i] << 8 | row[2 * i + 1];
  uint32_t bit = i * depth;
  return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1u << depth) - 1);
}

static inline uint8_t to8(uint32_t s, uint32_t depth) {
  return (uint8_t)(depth == 16 ? s >> 8 : depth == 8 ? s : s * (255u / ((1u << depth) - 1)));
}

/* RGB8 without tRNS, four pixels a step: the common opaque photo. */
static void rgb_to_rgba(uint8_t *out, const uint8_t *row, uint32_t n) {
  const v128_t spread = wasm_i8x16_make(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
  const v128_t alpha = wasm_i32x4_splat((int32_t)0xff000000);
  uint32_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(out + 4 * i, wasm_v128_or(wasm_i8x16_swizzle(wasm_v128_load(row + 3 * i), spread), alpha));
  for (; i < n; i++) {
    out[4 * i] = row[3 * i];
    out[4 * i + 1] = row[3 * i + 1];
    out[4 * i + 2] = row[3 * i + 2];
    out[4 * i + 3] = 255;
  }
}

/* Writes the n pixels of an unfiltered row as RGBA8, `step` pixels apart (Adam7 passes). */
static void expand_row(const format_t *f, uint8_t *out, uint32_t step, const uint8_t *row, uint32_t n) {
  const uint32_t d = f->depth, stride = 4 * step;
  uint32_t i;
  switch (f->ctype) {
    case 0:
      for (i = 0; i < n; i++, out += stride) {
        uint32_t s = sample(row, i, d);
        out[0] = out[1] = out[2] = to8(s, d);
        out[3] = (int32_t)s == f->key[0] ? 0 : 255;
      }
      break;
    case 2:
      if (d == 8 && step == 1 && f->key[0] < 0) {
        rgb_to_rgba(out, row, n);
        break;
      }
      for (i = 0; i < n; i++, out += stride) {
        uint32_t r = sample(row, 3 * i, d), g = sample(row, 3 * i + 1, d), b = sample(row, 3 * i + 2, d);
        out[0] = to8(r, d);
        out[1] = to8(g, d);
        out[2] = to8(b, d);
        out[3] = (int32_t)r == f->key[0] && (int32_t)g == f->key[1] && (int32_t)b == f->key[2] ? 0 : 255;
      }
      break;
    case 3:
      for (i = 0; i < n; i++, out += stride) memcpy(out, f->palette + 4 * sample(row, i, d), 4);
      break;
    case 4:
      for (i = 0; i < n; i++, out += stride) {
        out[0] = out[1] = out[2] = to8(sample(row, 2 * i, d), d);
        out[3] = to8(sample(row, 2 * i + 1, d), d);
      }
      break;
    default:
      for (i = 0; i < n; i++, out += stride) {
        for (uint32_t k = 0; k < 4; k++) out[k] = to8(sample(row, 4 * i + k, d), d);
      }
  }
}

/*
 * Decodes the concatenated IDAT data of a width x height image of the given IHDR colour type,
 * bit depth and interlace method (checked by the caller). `palette`: 256 RGBA entries (palette
 * images; entries past PLTE as the caller wants them); key0-2: tRNS of grey/RGB images or -1.
 * On success ip_result.out holds width * height RGBA8 pixels (the caller frees it) and 0 is
 * returned; otherwise 1 and ip_result.message.
 */
int ip_decode(const uint8_t *z, uint32_t zlen, uint32_t width, uint32_t height, uint32_t depth, uint32_t ctype,
              uint32_t interlace, const uint8_t *palette, int32_t key0, int32_t key1, int32_t key2) {
  const format_t f = { ctype, depth, palette, { key0, key1, key2 } };
  const ip_layout_t layout = ip_layout(width, height, ctype, depth, interlace);
  const uint32_t bpp = layout.bpp;
  const uint64_t pixels = (uint64_t)width * height;
  ip_result.out = NULL;
  ip_result.out_len = 0;
  /* the caller checks IHDR; this only keeps a bad combination from reading past the palette */
  if ((ctype == 3 && depth > 8) || (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)) {
    return ip_fail("an unsupported colour type and bit depth");
  }
  if (pixels * 4 > 0x7fff0000u || layout.bytes > 0x7fff0000u) return ip_fail("the image is too large for WebAssembly memory");
  uint8_t *data = inflate_image_data(z, zlen, (size_t)layout.bytes);
  if (!data) return 1;
  uint8_t *out = malloc((size_t)pixels * 4 + SLACK), *zero = calloc(layout.widest + SLACK, 1);
  if (!out || !zero) {
    free(data);
    free(out);
    free(zero);
    return ip_fail("out of memory for the pixels");
  }
  /* RGBA8 rows are unfiltered straight into the output; the others in place, then expanded */
  const int direct = !interlace && ctype == 6 && depth == 8;
  const uint8_t *prev = zero;
  for (ip_rows_t rows = ip_rows(layout, width, height, depth); ip_next_row(&rows);) {
    const ip_row_t row = rows.current;
    uint32_t filter = data[row.at];
    uint8_t *src = data + row.at + 1;
    if (filter > 4) {
      free(data);
      free(out);
      free(zero);
      return ip_fail("a row has an unknown filter type");
    }
    if (row.first) prev = zero;
    if (direct) {
      uint8_t *dst = out + (size_t)row.y * width * 4;
      ip_unfilter(filter, dst, src, prev, row.bytes, bpp);
      prev = dst;
    } else {
      ip_unfilter(filter, src, src, prev, row.bytes, bpp);
      prev = src;
      expand_row(&f, out + ((size_t)row.y * width + row.x0) * 4, row.dx, src, row.pixels);
    }
  }
  free(data);
  free(zero);
  ip_result.out = out;
  ip_result.out_len = (uint32_t)(pixels * 4);
  return 0;
}
