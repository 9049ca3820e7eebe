/*
 * PNG scanline filters (PNG spec 9.2): undoing them when decoding, choosing and applying them when
 * encoding. Undoing Sub, Average and Paeth is serial from pixel to pixel, so for 3- and 4-byte
 * pixels (RGB8, RGBA8: nearly every photo) one SIMD128 register holds one pixel and the kernels
 * work a pixel at a time, the way libpng's SSE2/Neon filters do; everything else takes the
 * byte-wise loops. Applying filters has no such dependency and is left to the compiler's
 * auto-vectoriser.
 */
#include <stdlib.h>
#include <string.h>
#include <wasm_simd128.h>
#include "imgproc_png.h"

static inline uint8_t paeth_predictor(int a, int b, int c) {
  int pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c);
  return (uint8_t)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

static void unfilter_bytes(uint32_t type, uint8_t *dst, const uint8_t *src, const uint8_t *prev, size_t n, uint32_t bpp) {
  size_t i;
  switch (type) {
    case 1:
      for (i = 0; i < bpp && i < n; i++) dst[i] = src[i];
      for (; i < n; i++) dst[i] = (uint8_t)(src[i] + dst[i - bpp]);
      break;
    case 2:
      for (i = 0; i < n; i++) dst[i] = (uint8_t)(src[i] + prev[i]);
      break;
    case 3:
      for (i = 0; i < bpp && i < n; i++) dst[i] = (uint8_t)(src[i] + (prev[i] >> 1));
      for (; i < n; i++) dst[i] = (uint8_t)(src[i] + ((dst[i - bpp] + prev[i]) >> 1));
      break;
    case 4:
      for (i = 0; i < bpp && i < n; i++) dst[i] = (uint8_t)(src[i] + prev[i]);
      for (; i < n; i++) dst[i] = (uint8_t)(src[i] + paeth_predictor(dst[i - bpp], prev[i], prev[i - bpp]));
      break;
    default:
      if (dst != src) memcpy(dst, src, n);
  }
}

/* One pixel of 3 or 4 bytes in, from a 4-byte load: callers keep 16 bytes of slack after rows. */
static inline v128_t load_pixel(const uint8_t *p) { return wasm_v128_load32_zero(p); }

static inline void store_pixel(uint8_t *p, v128_t v, uint32_t bpp) {
  if (bpp == 4) {
    wasm_v128_store32_lane(p, v, 0);
  } else {
    /* exactly 3 bytes: unfiltering in place, the next byte is the next pixel's still-filtered data */
    wasm_v128_store16_lane(p, v, 0);
    wasm_v128_store8_lane(p + 2, v, 2);
  }
}

/* Sub, Average, Paeth for 3- and 4-byte pixels; `a` is the pixel to the left, `c` the one above it. */
static void unfilter_pixels(uint32_t type, uint8_t *dst, const uint8_t *src, const uint8_t *prev, size_t n, uint32_t bpp) {
  v128_t a = wasm_i32x4_splat(0);
  size_t i;
  if (type == 1) {
    for (i = 0; i < n; i += bpp) {
      a = wasm_i8x16_add(a, load_pixel(src + i));
      store_pixel(dst + i, a, bpp);
    }
  } else if (type == 3) {
    const v128_t one = wasm_i8x16_splat(1);
    for (i = 0; i < n; i += bpp) {
      v128_t b = load_pixel(prev + i);
      /* floor((a + b) / 2) = rounding average - the bit the rounding added */
      v128_t avg = wasm_i8x16_sub(wasm_u8x16_avgr(a, b), wasm_v128_and(wasm_v128_xor(a, b), one));
      a = wasm_i8x16_add(load_pixel(src + i), avg);
      store_pixel(dst + i, a, bpp);
    }
  } else {
    /* Paeth in 16-bit lanes: pa = |b - c|, pb = |a - c|, pc = |a + b - 2c|; ties prefer a, then b */
    v128_t c = wasm_i16x8_splat(0);
    a = wasm_i16x8_splat(0);
    const v128_t low = wasm_i16x8_splat(0xff);
    for (i = 0; i < n; i += bpp) {
      v128_t b = wasm_u16x8_extend_low_u8x16(load_pixel(prev + i));
      v128_t x = wasm_u16x8_extend_low_u8x16(load_pixel(src + i));
      v128_t bc = wasm_i16x8_sub(b, c), ac = wasm_i16x8_sub(a, c);
      v128_t pa = wasm_i16x8_abs(bc), pb = wasm_i16x8_abs(ac), pc = wasm_i16x8_abs(wasm_i16x8_add(bc, ac));
      v128_t smallest = wasm_i16x8_min(pc, wasm_i16x8_min(pa, pb));
      v128_t predictor = wasm_v128_bitselect(a, wasm_v128_bitselect(b, c, wasm_i16x8_eq(pb, smallest)), wasm_i16x8_eq(pa, smallest));
      a = wasm_v128_and(wasm_i16x8_add(x, predictor), low);
      store_pixel(dst + i, wasm_u8x16_narrow_i16x8(a, a), bpp);
      c = b;
    }
  }
}

void ip_unfilter(uint32_t type, uint8_t *dst, const uint8_t *src, const uint8_t *prev, size_t n, uint32_t bpp) {
  if ((bpp == 3 || bpp == 4) && (type == 1 || type == 3 || type == 4)) unfilter_pixels(type, dst, src, prev, n, bpp);
  else unfilter_bytes(type, dst, src, prev, n, bpp);
}

/* |signed byte|: how far a filtered byte is from 0 either way (128 for 0x80) */
static inline uint32_t magnitude(uint8_t v) { return v < 128 ? v : 256u - v; }

static inline v128_t floor_average(v128_t a, v128_t b) {
  return wasm_i8x16_sub(wasm_u8x16_avgr(a, b), wasm_v128_and(wasm_v128_xor(a, b), wasm_i8x16_splat(1)));
}

static inline v128_t paeth_half(v128_t a, v128_t b, v128_t c) {
  v128_t bc = wasm_i16x8_sub(b, c), ac = wasm_i16x8_sub(a, c);
  v128_t pa = wasm_i16x8_abs(bc), pb = wasm_i16x8_abs(ac), pc = wasm_i16x8_abs(wasm_i16x8_add(bc, ac));
  v128_t smallest = wasm_i16x8_min(pc, wasm_i16x8_min(pa, pb));
  return wasm_v128_bitselect(a, wasm_v128_bitselect(b, c, wasm_i16x8_eq(pb, smallest)), wasm_i16x8_eq(pa, smallest));
}

/* The Paeth predictors of 16 bytes at once, in two halves of 16-bit lanes. */
static inline v128_t paeth_bytes(v128_t a, v128_t b, v128_t c) {
  v128_t low = paeth_half(wasm_u16x8_extend_low_u8x16(a), wasm_u16x8_extend_low_u8x16(b), wasm_u16x8_extend_low_u8x16(c));
  v128_t high = paeth_half(wasm_u16x8_extend_high_u8x16(a), wasm_u16x8_extend_high_u8x16(b), wasm_u16x8_extend_high_u8x16(c));
  return wasm_u8x16_narrow_i16x8(low, high);
}

static inline uint8_t predict(uint32_t type, uint8_t a, uint8_t b, uint8_t c) {
  return type == 1 ? a : type == 2 ? b : type == 3 ? (uint8_t)((a + b) >> 1) : paeth_predictor(a, b, c);
}

/*
 * Writes `row` filtered by `type` (1-4) into dst and returns the sum of the magnitudes of the
 * filtered bytes, 16 bytes a step past the first pixel (which has no left neighbour).
 */
static uint32_t filter_and_score(uint32_t type, uint8_t *dst, const uint8_t *row, const uint8_t *prev, size_t n, uint32_t bpp) {
  size_t i, head = bpp < n ? bpp : n;
  uint32_t sum = 0;
  for (i = 0; i < head; i++) sum += magnitude(dst[i] = (uint8_t)(row[i] - predict(type, 0, prev[i], 0)));
  v128_t total = wasm_i32x4_splat(0);
  while (i + 16 <= n) {
    /* 16-bit lane sums take 64 steps (64 * 2 * 255 < 65536) before they are widened */
    v128_t lanes = wasm_i16x8_splat(0);
    for (uint32_t steps = 0; steps < 64 && i + 16 <= n; steps++, i += 16) {
      v128_t x = wasm_v128_load(row + i), b = wasm_v128_load(prev + i);
      v128_t predictor;
      if (type == 1) predictor = wasm_v128_load(row + i - bpp);
      else if (type == 2) predictor = b;
      else if (type == 3) predictor = floor_average(wasm_v128_load(row + i - bpp), b);
      else predictor = paeth_bytes(wasm_v128_load(row + i - bpp), b, wasm_v128_load(prev + i - bpp));
      v128_t filtered = wasm_i8x16_sub(x, predictor);
      wasm_v128_store(dst + i, filtered);
      lanes = wasm_i16x8_add(lanes, wasm_u16x8_extadd_pairwise_u8x16(wasm_i8x16_abs(filtered)));
    }
    total = wasm_i32x4_add(total, wasm_u32x4_extadd_pairwise_u16x8(lanes));
  }
  sum += (uint32_t)(wasm_i32x4_extract_lane(total, 0) + wasm_i32x4_extract_lane(total, 1) + wasm_i32x4_extract_lane(total, 2) +
                    wasm_i32x4_extract_lane(total, 3));
  for (; i < n; i++) sum += magnitude(dst[i] = (uint8_t)(row[i] - predict(type, row[i - bpp], prev[i], prev[i - bpp])));
  return sum;
}

static uint32_t score(const uint8_t *bytes, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i++) sum += magnitude(bytes[i]);
  return sum;
}

uint32_t ip_filter_adaptive(uint8_t *dst, uint8_t *candidate, const uint8_t *row, const uint8_t *prev, size_t n, uint32_t bpp) {
  /* the best so far stays in dst; each other type is tried in `candidate` and swapped in when it scores lower */
  uint32_t best_type = 0, best = score(row, n);
  memcpy(dst, row, n);
  for (uint32_t type = 1; type <= 4; type++) {
    uint32_t s = filter_and_score(type, candidate, row, prev, n, bpp);
    if (s < best) {
      best = s;
      best_type = type;
      memcpy(dst, candidate, n);
    }
  }
  return best_type;
}
