/* The resampler's kernels (packages/ops/src/resample): see kernels.h. */
#include "kernels.h"

/*
 * Horizontal pass: each of `height` rows of `src_w` RGBA pixels filtered to `dst_w` pixels.
 * Output x reads 4 * groups pixels from starts[x]; weights: per x, `groups` x 2 vectors of i16
 * pair weights, zero past the pixel's own taps (so reading past its taps, even into the next row
 * or the slack, adds nothing).
 */
EXPORT(resample_rows)
void resample_rows(const uint8_t *src, int src_w, int height, uint8_t *dst, int dst_w,
                   const int32_t *starts, int groups, const v128_t *weights) {
  const int per_x = groups * 2;
  for (int y = 0; y < height; y++) {
    const uint8_t *row = src + (uint32_t)y * src_w * 4;
    uint8_t *out = dst + (uint32_t)y * dst_w * 4;
    int x = 0;
    for (; x + 4 <= dst_w; x += 4) {
      v128_t a = row_pixel(row + starts[x] * 4, weights + x * per_x, groups);
      v128_t b = row_pixel(row + starts[x + 1] * 4, weights + (x + 1) * per_x, groups);
      v128_t c = row_pixel(row + starts[x + 2] * 4, weights + (x + 2) * per_x, groups);
      v128_t d = row_pixel(row + starts[x + 3] * 4, weights + (x + 3) * per_x, groups);
      wasm_v128_store(out + x * 4, pack_sums(a, b, c, d));
    }
    for (; x < dst_w; x++) {
      v128_t a = row_pixel(row + starts[x] * 4, weights + x * per_x, groups);
      v128_t packed = pack_sums(a, a, a, a);
      wasm_v128_store32_lane(out + x * 4, packed, 0);
    }
  }
}

/*
 * Vertical pass over rows of `row_bytes` bytes: output row y sums rows starts[y] .. + counts[y]
 * in pairs; weights: per y, `pairs` vectors [w(2k) w(2k+1)] x 4 (i16), zero for the padding tap
 * of an odd count (whose row pointer stays on the first row, so nothing past the image is read);
 * only the pairs of y's own taps are summed.
 * Each 16-byte column chunk interleaves the two rows byte by byte, so one dot product gives
 * 4 channels' two-tap sums. Chunks run to a multiple of 16 bytes: the last one of a row writes
 * into the next output row (computed after it) or the 16-byte slack.
 */
EXPORT(resample_columns)
void resample_columns(const uint8_t *src, int row_bytes, uint8_t *dst, int dst_h,
                      const int32_t *starts, const int32_t *counts, int pairs, const v128_t *weights) {
  for (int y = 0; y < dst_h; y++) {
    const uint8_t *first = src + (uint32_t)starts[y] * row_bytes;
    const int count = counts[y];
    const int used = (count + 1) >> 1;
    const v128_t *w = weights + y * pairs;
    uint8_t *out = dst + (uint32_t)y * row_bytes;
    for (int i = 0; i < row_bytes; i += 16) {
      v128_t a0 = wasm_i32x4_splat(HALF), a1 = a0, a2 = a0, a3 = a0;
      const uint8_t *r = first + i;
      for (int k = 0; k < used; k++, r += 2 * row_bytes) {
        v128_t u = wasm_v128_load(r);
        v128_t v = wasm_v128_load(2 * k + 1 < count ? r + row_bytes : first + i);
        v128_t lo = wasm_i8x16_shuffle(u, v, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        v128_t hi = wasm_i8x16_shuffle(u, v, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        v128_t wk = w[k];
        a0 = wasm_i32x4_add(a0, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(lo), wk));
        a1 = wasm_i32x4_add(a1, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(lo), wk));
        a2 = wasm_i32x4_add(a2, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(hi), wk));
        a3 = wasm_i32x4_add(a3, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(hi), wk));
      }
      wasm_v128_store(out + i, pack_sums(a0, a1, a2, a3));
    }
  }
}

/* Adds one source row (16 bytes = 4 pixels at a time) to the 32-bit column sums. */
static void add_row(const uint8_t *p, uint32_t *sums, int bytes) {
  for (int i = 0; i < bytes; i += 16) {
    v128_t v = wasm_v128_load(p + i);
    v128_t lo = wasm_u16x8_extend_low_u8x16(v);
    v128_t hi = wasm_u16x8_extend_high_u8x16(v);
    v128_t *s = (v128_t *)(sums + i);
    s[0] = wasm_i32x4_add(s[0], wasm_u32x4_extend_low_u16x8(lo));
    s[1] = wasm_i32x4_add(s[1], wasm_u32x4_extend_high_u16x8(lo));
    s[2] = wasm_i32x4_add(s[2], wasm_u32x4_extend_low_u16x8(hi));
    s[3] = wasm_i32x4_add(s[3], wasm_u32x4_extend_high_u16x8(hi));
  }
}

/*
 * The same with colour premultiplied as it is read: [r*a g*a b*a a] per pixel (r*a < 65536, so the
 * 16-bit product is exact).
 */
static void add_row_premultiplied(const uint8_t *p, uint32_t *sums, int bytes) {
  const v128_t one = wasm_i8x16_const(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  for (int i = 0; i < bytes; i += 16) {
    v128_t v = wasm_v128_load(p + i);
    v128_t m = wasm_i8x16_shuffle(v, one, 3, 3, 3, 16, 7, 7, 7, 16, 11, 11, 11, 16, 15, 15, 15, 16);
    v128_t lo = wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(v), wasm_u16x8_extend_low_u8x16(m));
    v128_t hi = wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(v), wasm_u16x8_extend_high_u8x16(m));
    v128_t *s = (v128_t *)(sums + i);
    s[0] = wasm_i32x4_add(s[0], wasm_u32x4_extend_low_u16x8(lo));
    s[1] = wasm_i32x4_add(s[1], wasm_u32x4_extend_high_u16x8(lo));
    s[2] = wasm_i32x4_add(s[2], wasm_u32x4_extend_low_u16x8(hi));
    s[3] = wasm_i32x4_add(s[3], wasm_u32x4_extend_high_u16x8(hi));
  }
}

/* Adds one source row to 16-bit column sums (plain colour, at most 257 rows: 257 * 255 < 65536). */
static void add_row16(const uint8_t *p, uint16_t *sums, int bytes) {
  for (int i = 0; i < bytes; i += 16) {
    v128_t v = wasm_v128_load(p + i);
    v128_t *s = (v128_t *)(sums + i);
    s[0] = wasm_i16x8_add(s[0], wasm_u16x8_extend_low_u8x16(v));
    s[1] = wasm_i16x8_add(s[1], wasm_u16x8_extend_high_u8x16(v));
  }
}

/*
 * One box average, `total` the block's channel sums over n pixels: colour / (255 n) for
 * premultiplied colour, else / n, rounded half to even. In single precision where that is provably
 * the double result the reference computes: the sums and divisors are then exact in a float, and
 * the quotient's error (at most 2^-17 below 256) is smaller than its distance to any half-integer
 * it is not equal to (at least 1 / (2 * divisor) > 2^-17 for divisors below 65536); else in double.
 */
static inline void store_average(v128_t total, int n, int premultiplied, uint8_t *out) {
  v128_t q;
  if (premultiplied ? n <= 257 : n <= 65535) {
    const float c = premultiplied ? 255.0f * n : (float)n;
    v128_t quotient = wasm_f32x4_div(wasm_f32x4_convert_u32x4(total), wasm_f32x4_make(c, c, c, (float)n));
    q = wasm_u32x4_trunc_sat_f32x4(wasm_f32x4_nearest(quotient));
  } else {
    const double c = premultiplied ? 255.0 * n : (double)n;
    v128_t rg = wasm_f64x2_div(wasm_f64x2_convert_low_u32x4(total), wasm_f64x2_splat(c));
    v128_t ba = wasm_f64x2_div(wasm_f64x2_convert_low_u32x4(wasm_i32x4_shuffle(total, total, 2, 3, 0, 1)),
                               wasm_f64x2_make(c, (double)n));
    q = wasm_i32x4_shuffle(wasm_u32x4_trunc_sat_f64x2_zero(wasm_f64x2_nearest(rg)),
                           wasm_u32x4_trunc_sat_f64x2_zero(wasm_f64x2_nearest(ba)), 0, 1, 4, 5);
  }
  v128_t words = wasm_i16x8_narrow_i32x4(q, q);
  wasm_v128_store32_lane(out, wasm_u8x16_narrow_i16x8(words, words), 0);
}

/*
 * Integer box pre-shrink by fx x fy (libvips `shrink`), partial edge blocks averaging what they
 * hold: column sums over the block's rows (16-bit for plain colour over at most 257 rows, else
 * 32-bit), then `fx` pixels' sums, averaged by store_average. `sums`: (width * 4 + 16) uint32 of
 * scratch, 16-byte aligned. The caller keeps 255 * 255 * n below 2^32 (n = fx * fy).
 */
EXPORT(box_shrink)
void box_shrink(const uint8_t *src, int width, int height, int fx, int fy, uint8_t *dst, uint32_t *sums,
                int premultiplied) {
  const int ow = (width + fx - 1) / fx;
  const int oh = (height + fy - 1) / fy;
  const int bytes = width * 4;
  const int narrow = !premultiplied && fy <= 257;
  uint16_t *sums16 = (uint16_t *)sums;
  for (int oy = 0; oy < oh; oy++) {
    const int y0 = oy * fy;
    const int y1 = y0 + fy < height ? y0 + fy : height;
    if (narrow) {
      __builtin_memset(sums16, 0, ((uint32_t)bytes + 16) * 2);
      for (int y = y0; y < y1; y++) add_row16(src + (uint32_t)y * bytes, sums16, bytes);
    } else {
      __builtin_memset(sums, 0, ((uint32_t)bytes + 16) * 4);
      for (int y = y0; y < y1; y++) {
        if (premultiplied) add_row_premultiplied(src + (uint32_t)y * bytes, sums, bytes);
        else add_row(src + (uint32_t)y * bytes, sums, bytes);
      }
    }
    uint8_t *out = dst + (uint32_t)oy * ow * 4;
    for (int ox = 0; ox < ow; ox++) {
      const int x0 = ox * fx;
      const int x1 = x0 + fx < width ? x0 + fx : width;
      v128_t total = wasm_i32x4_splat(0);
      if (narrow) {
        for (int x = x0; x < x1; x++) total = wasm_i32x4_add(total, wasm_u32x4_load16x4(sums16 + x * 4));
      } else {
        for (int x = x0; x < x1; x++) total = wasm_i32x4_add(total, wasm_v128_load(sums + x * 4));
      }
      store_average(total, (x1 - x0) * (y1 - y0), premultiplied, out + ox * 4);
    }
  }
}

/*
 * pixels.ts `hasTransparency`: 1 when some alpha byte is below 255. The bytes are ANDed together
 * 4 pixels at a time, checked every 256 pixels so a transparent image stops early.
 */
EXPORT(has_transparency)
int has_transparency(const uint8_t *p, int pixels) {
  const v128_t alpha = wasm_i32x4_const_splat(0xff000000);
  int i = 0;
  while (i + 4 <= pixels) {
    v128_t all = wasm_i32x4_const_splat(-1);
    const int end = i + 256 < pixels ? i + 256 : pixels;
    for (; i + 4 <= end; i += 4) all = wasm_v128_and(all, wasm_v128_load(p + i * 4));
    if (!wasm_i32x4_all_true(wasm_i32x4_eq(wasm_v128_and(all, alpha), alpha))) return 1;
  }
  for (; i < pixels; i++) if (p[i * 4 + 3] != 255) return 1;
  return 0;
}

/* round(v) as a Uint8ClampedArray stores a double: half to even, clamped to 0..255. */
static inline uint8_t clamp_round(double v) {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  return (uint8_t)__builtin_nearbyint(v);
}

/* premultiply.ts `premultiply`: colour * alpha / 255 in double (alpha 0 gives all zero). */
EXPORT(premultiply)
void premultiply(const uint8_t *src, uint8_t *dst, int pixels) {
  for (int i = 0; i < pixels * 4; i += 4) {
    const int a = src[i + 3];
    if (a == 255) {
      dst[i] = src[i]; dst[i + 1] = src[i + 1]; dst[i + 2] = src[i + 2]; dst[i + 3] = 255;
    } else if (a == 0) {
      dst[i] = 0; dst[i + 1] = 0; dst[i + 2] = 0; dst[i + 3] = 0;
    } else {
      dst[i] = clamp_round((double)(src[i] * a) / 255);
      dst[i + 1] = clamp_round((double)(src[i + 1] * a) / 255);
      dst[i + 2] = clamp_round((double)(src[i + 2] * a) / 255);
      dst[i + 3] = (uint8_t)a;
    }
  }
}

/* premultiply.ts `unpremultiplyInPlace`: colour * (255 / alpha) in double. */
EXPORT(unpremultiply)
void unpremultiply(uint8_t *d, int pixels) {
  for (int i = 0; i < pixels * 4; i += 4) {
    const int a = d[i + 3];
    if (a == 255 || a == 0) continue;
    const double s = 255.0 / a;
    d[i] = clamp_round(d[i] * s);
    d[i + 1] = clamp_round(d[i + 1] * s);
    d[i + 2] = clamp_round(d[i + 2] * s);
  }
}
