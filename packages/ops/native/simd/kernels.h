/*
 * The hot loops of @imgproc/ops in WebAssembly SIMD128, bit-exact with the TypeScript reference:
 * the resampler (resample.c: packages/ops/src/resample/kernel-passes.ts, box-shrink.ts,
 * premultiply.ts), the gaussian blur and the sharpen (filters.c: blur.ts, sharpen.ts). This header
 * holds what both use.
 *
 *  - the kernel passes sum HALF + w * v in 32-bit integers exactly as the reference does (the
 *    products come from i32x4.dot_i16x8_s, which is exact: pixel values and 14-bit weights both fit
 *    in 16 bits), then shift by 14 and saturate to 0..255 as a Uint8ClampedArray store of an integer;
 *  - the divisions (box averages, premultiplication) are the same IEEE double operations the
 *    reference does, rounded half to even (f64.nearest) as Uint8ClampedArray rounds.
 *
 * No libc, no allocator: the callers (simd-resample.ts, blur-simd.ts, sharpen-simd.ts) lay every
 * buffer out in this module's memory and pass byte offsets. Every buffer read with 16-byte loads has 16 bytes (the kernel
 * source: one tap group more) of slack after it, so the loops need no tail cases.
 */
#ifndef IMGPROC_SIMD_KERNELS_H
#define IMGPROC_SIMD_KERNELS_H
#include <stdint.h>
#include <wasm_simd128.h>

#define WEIGHT_BITS 14
#define HALF (1 << (WEIGHT_BITS - 1))

#define EXPORT(name) __attribute__((export_name(#name)))

/* Four i32x4 sums (one pixel each) -> 16 bytes, each lane >> 14 and saturated to 0..255. */
static inline v128_t pack_sums(v128_t a, v128_t b, v128_t c, v128_t d) {
  v128_t lo = wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(a, WEIGHT_BITS), wasm_i32x4_shr(b, WEIGHT_BITS));
  v128_t hi = wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(c, WEIGHT_BITS), wasm_i32x4_shr(d, WEIGHT_BITS));
  return wasm_u8x16_narrow_i16x8(lo, hi);
}

/*
 * One output pixel of a horizontal pass, from `acc`: `groups` groups of 4 taps from `p`, each
 * group one 16-byte load (4 RGBA pixels) regrouped channel by channel into pixel pairs
 * ([r0 r1 g0 g1 b0 b1 a0 a1] and the same for pixels 2, 3: one shuffle, then widened to 16 bits;
 * shuffling straight from a zero vector instead was 20% slower in V8) and multiplied by the pair
 * weights ([w0 w1] x 4, [w2 w3] x 4) with dot products: 2 multiply-adds per 32-bit lane.
 */
static inline v128_t row_pixel_from(v128_t acc, const uint8_t *p, const v128_t *w, int groups) {
  for (int g = 0; g < groups; g++, p += 16, w += 2) {
    v128_t v = wasm_v128_load(p);
    v128_t pairs = wasm_i8x16_shuffle(v, v, 0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(pairs), w[0]));
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(pairs), w[1]));
  }
  return acc;
}

static inline v128_t row_pixel(const uint8_t *p, const v128_t *w, int groups) {
  return row_pixel_from(wasm_i32x4_splat(HALF), p, w, groups);
}

#endif
