/* The gaussian blur (blur.ts) and the sharpen (sharpen.ts): see kernels.h. */
#include "kernels.h"

/* Gaussian blur (blur.ts): 14-bit weights, 4 extra bits kept in the 16-bit intermediate. */
#define BLUR_MID_SHIFT 10
#define BLUR_OUT_SHIFT 18
#define MAX_TAPS 2048
static const uint16_t *blur_rows_of[MAX_TAPS];

/*
 * Horizontal blur pass (blur.ts horizontalPass): each row copied into `padded` between `radius`
 * copies of its first and last pixels, then every pixel filtered with the same `groups` groups of
 * 4 tap weights as the resampler's rows (zero past the 2 * radius + 1 taps; `padded` has room for
 * the over-read), shifted by 10 into 16-bit RGBA (all four channels: an opaque alpha stays 255).
 */
EXPORT(blur_rows)
void blur_rows(const uint8_t *src, int width, int height, uint16_t *mid, uint8_t *padded, int radius, int groups,
               const v128_t *weights) {
  const v128_t round = wasm_i32x4_splat(1 << (BLUR_MID_SHIFT - 1));
  for (int y = 0; y < height; y++) {
    const uint8_t *row = src + (uint32_t)y * width * 4;
    const uint32_t first = *(const uint32_t *)row, last = *(const uint32_t *)(row + (width - 1) * 4);
    uint32_t *pad = (uint32_t *)padded;
    for (int k = 0; k < radius; k++) pad[k] = first;
    __builtin_memcpy(padded + radius * 4, row, (uint32_t)width * 4);
    for (int k = 0; k < radius; k++) pad[radius + width + k] = last;
    uint16_t *out = mid + (uint32_t)y * width * 4;
    int x = 0;
    for (; x + 2 <= width; x += 2) {
      v128_t a = wasm_i32x4_shr(row_pixel_from(round, padded + x * 4, weights, groups), BLUR_MID_SHIFT);
      v128_t b = wasm_i32x4_shr(row_pixel_from(round, padded + x * 4 + 4, weights, groups), BLUR_MID_SHIFT);
      wasm_v128_store(out + x * 4, wasm_u16x8_narrow_i32x4(a, b));
    }
    if (x < width) {
      v128_t a = wasm_i32x4_shr(row_pixel_from(round, padded + x * 4, weights, groups), BLUR_MID_SHIFT);
      wasm_v128_store64_lane(out + x * 4, wasm_u16x8_narrow_i32x4(a, a), 0);
    }
  }
}

/*
 * Vertical blur pass (blur.ts verticalPass): rows of `width` x 4 16-bit values; output row y sums
 * rows y - radius .. y + radius (clamped to the image: replicated edges) in pairs, interleaved
 * lane by lane so one dot product takes two taps; `pairs` weight vectors [w(2k) w(2k+1)] x 4, the
 * last one's second weight zero for the odd tap. 8 values (2 pixels) per step, the last step of a
 * row may write 4 bytes into the next row (computed after it) or the slack.
 */
EXPORT(blur_columns)
void blur_columns(const uint16_t *mid, int width, int height, uint8_t *dst, int radius, int pairs, const v128_t *weights) {
  const int n = width * 4;
  const int taps = 2 * radius + 1;
  const v128_t round = wasm_i32x4_splat(1 << (BLUR_OUT_SHIFT - 1));
  for (int y = 0; y < height; y++) {
    for (int k = 0; k < 2 * pairs; k++) {
      int r = k < taps ? y + k - radius : y;
      r = r < 0 ? 0 : r >= height ? height - 1 : r;
      blur_rows_of[k] = mid + (uint32_t)r * n;
    }
    uint8_t *out = dst + (uint32_t)y * n;
    for (int i = 0; i < n; i += 8) {
      v128_t lo = round, hi = round;
      for (int k = 0; k < pairs; k++) {
        v128_t u = wasm_v128_load(blur_rows_of[2 * k] + i);
        v128_t v = wasm_v128_load(blur_rows_of[2 * k + 1] + i);
        lo = wasm_i32x4_add(lo, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(u, v, 0, 8, 1, 9, 2, 10, 3, 11), weights[k]));
        hi = wasm_i32x4_add(hi, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(u, v, 4, 12, 5, 13, 6, 14, 7, 15), weights[k]));
      }
      v128_t words = wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(lo, BLUR_OUT_SHIFT), wasm_i32x4_shr(hi, BLUR_OUT_SHIFT));
      wasm_v128_store64_lane(out + i, wasm_u8x16_narrow_i16x8(words, words), 0);
    }
  }
}

/*
 * sharpen.ts: out = c + (((16c - B) * k + 2048) >> 12) per colour channel, B the [1 2 1] x [1 2 1]
 * sum of the 3x3 neighbourhood (edges replicated), alpha copied, saturated to 0..255. `vsum`: the
 * vertical [1 2 1] sums of one row in 16 bits (at most 1020) with one replicated pixel each side,
 * (width + 8) x 4 int16 of scratch. Two pixels per step; for an odd width the last step's second
 * pixel writes into the next row (computed after it) or the slack.
 */
EXPORT(sharpen)
void sharpen(const uint8_t *src, int width, int height, uint8_t *dst, int16_t *vsum, int k) {
  const int row_bytes = width * 4;
  const v128_t amount = wasm_i16x8_splat((int16_t)k);
  const v128_t round = wasm_i32x4_splat(2048);
  for (int y = 0; y < height; y++) {
    const uint8_t *row = src + (uint32_t)y * row_bytes;
    const uint8_t *up = y > 0 ? row - row_bytes : row;
    const uint8_t *down = y < height - 1 ? row + row_bytes : row;
    for (int i = 0; i < row_bytes; i += 16) {
      v128_t u = wasm_v128_load(up + i), c = wasm_v128_load(row + i), d = wasm_v128_load(down + i);
      v128_t lo = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(u), wasm_u16x8_extend_low_u8x16(d)),
                                 wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(c), 1));
      v128_t hi = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(u), wasm_u16x8_extend_high_u8x16(d)),
                                 wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(c), 1));
      wasm_v128_store(vsum + 4 + i, lo);
      wasm_v128_store(vsum + 12 + i, hi);
    }
    for (int c = 0; c < 4; c++) {
      vsum[c] = vsum[4 + c];
      vsum[row_bytes + 4 + c] = vsum[row_bytes + c];
    }
    uint8_t *out = dst + (uint32_t)y * row_bytes;
    for (int i = 0; i < row_bytes; i += 8) {
      v128_t left = wasm_v128_load(vsum + i), centre = wasm_v128_load(vsum + i + 4), right = wasm_v128_load(vsum + i + 8);
      v128_t blur = wasm_i16x8_add(wasm_i16x8_add(left, right), wasm_i16x8_shl(centre, 1));
      v128_t pix = wasm_v128_load64_zero(row + i);
      v128_t c16 = wasm_u16x8_extend_low_u8x16(pix);
      v128_t diff = wasm_i16x8_sub(wasm_i16x8_shl(c16, 4), blur);
      v128_t t0 = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_low_i16x8(diff, amount), round), 12);
      v128_t t1 = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_high_i16x8(diff, amount), round), 12);
      v128_t r0 = wasm_i32x4_add(wasm_u32x4_extend_low_u16x8(c16), t0);
      v128_t r1 = wasm_i32x4_add(wasm_u32x4_extend_high_u16x8(c16), t1);
      v128_t words = wasm_i16x8_narrow_i32x4(r0, r1);
      v128_t bytes = wasm_u8x16_narrow_i16x8(words, words);
      // alpha bytes 3 and 7 from the source
      v128_t result = wasm_i8x16_shuffle(bytes, pix, 0, 1, 2, 19, 4, 5, 6, 23, 8, 9, 10, 11, 12, 13, 14, 15);
      wasm_v128_store64_lane(out + i, result, 0);
    }
  }
}
