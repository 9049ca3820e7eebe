/*
 * Helpers shared by the SIMD128 kernels (jsimd_wasm_color.c, jsimd_wasm_fdct.c,
 * jsimd_wasm_idct*.c).
 */
#ifndef JSIMD_WASM_SIMD_H
#define JSIMD_WASM_SIMD_H

#include <wasm_simd128.h>
#include "jsimd_wasm.h"

/* An i32x4 splat of the i16 pair (lo, hi), the constant operand of i32x4.dot_i16x8 on
 * vectors interleaving two i16 series: lane i of the result is a_i * lo + b_i * hi. */
#define WASM_PAIR(lo, hi) \
  wasm_i32x4_splat((int32_t)((uint32_t)(uint16_t)(int16_t)(lo) | ((uint32_t)(uint16_t)(int16_t)(hi) << 16)))

/* Interleaves the low (lanes 0-3) or high (lanes 4-7) halves of two i16x8 vectors. */
static inline v128_t wasm_zip_lo16(v128_t a, v128_t b) { return wasm_i16x8_shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11); }
static inline v128_t wasm_zip_hi16(v128_t a, v128_t b) { return wasm_i16x8_shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15); }

/* Transposes an 8x8 matrix of i16 held as 8 row vectors, in place. */
static inline void wasm_transpose8x8_i16(v128_t m[8])
{
  v128_t b0 = wasm_zip_lo16(m[0], m[1]), b1 = wasm_zip_hi16(m[0], m[1]);
  v128_t b2 = wasm_zip_lo16(m[2], m[3]), b3 = wasm_zip_hi16(m[2], m[3]);
  v128_t b4 = wasm_zip_lo16(m[4], m[5]), b5 = wasm_zip_hi16(m[4], m[5]);
  v128_t b6 = wasm_zip_lo16(m[6], m[7]), b7 = wasm_zip_hi16(m[6], m[7]);
  v128_t c0 = wasm_i32x4_shuffle(b0, b2, 0, 4, 1, 5), c1 = wasm_i32x4_shuffle(b0, b2, 2, 6, 3, 7);
  v128_t c2 = wasm_i32x4_shuffle(b1, b3, 0, 4, 1, 5), c3 = wasm_i32x4_shuffle(b1, b3, 2, 6, 3, 7);
  v128_t c4 = wasm_i32x4_shuffle(b4, b6, 0, 4, 1, 5), c5 = wasm_i32x4_shuffle(b4, b6, 2, 6, 3, 7);
  v128_t c6 = wasm_i32x4_shuffle(b5, b7, 0, 4, 1, 5), c7 = wasm_i32x4_shuffle(b5, b7, 2, 6, 3, 7);
  m[0] = wasm_i64x2_shuffle(c0, c4, 0, 2);
  m[1] = wasm_i64x2_shuffle(c0, c4, 1, 3);
  m[2] = wasm_i64x2_shuffle(c1, c5, 0, 2);
  m[3] = wasm_i64x2_shuffle(c1, c5, 1, 3);
  m[4] = wasm_i64x2_shuffle(c2, c6, 0, 2);
  m[5] = wasm_i64x2_shuffle(c2, c6, 1, 3);
  m[6] = wasm_i64x2_shuffle(c3, c7, 0, 2);
  m[7] = wasm_i64x2_shuffle(c3, c7, 1, 3);
}

/* (x + (1 << (n - 1))) >> n on the i32x4 halves of eight lanes, narrowed back to i16x8
 * (saturating: callers guarantee the results fit). */
static inline v128_t wasm_descale_narrow(v128_t lo, v128_t hi, int n)
{
  const v128_t round = wasm_i32x4_splat(1 << (n - 1));
  return wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(wasm_i32x4_add(lo, round), n),
                                 wasm_i32x4_shr(wasm_i32x4_add(hi, round), n));
}

/* One row of eight coefficients times its quantisation multipliers, computed in 32 bits and
 * narrowed with saturation: a lane that saturates has |value| >= 32767, which the callers'
 * column-sum limits (far below that) then refuse. */
static inline v128_t wasm_dequantize_row(const JCOEF *coef, const ISLOW_MULT_TYPE *quant)
{
  v128_t c = wasm_v128_load(coef), q = wasm_v128_load(quant);
  return wasm_i16x8_narrow_i32x4(wasm_i32x4_extmul_low_i16x8(c, q), wasm_i32x4_extmul_high_i16x8(c, q));
}

/* Adds |row| to the per-column sums (unsigned, saturating at 65535). */
static inline v128_t wasm_add_magnitude(v128_t sums, v128_t row)
{
  return wasm_u16x8_add_sat(sums, wasm_i16x8_abs(row));
}

/* Whether every AC coefficient of the block is zero. */
static inline int wasm_block_is_dc_only(const JCOEF *coef)
{
  const v128_t not_dc = wasm_i16x8_make(0, -1, -1, -1, -1, -1, -1, -1);
  v128_t any = wasm_v128_and(wasm_v128_load(coef), not_dc);
  int row;
  for (row = 1; row < DCTSIZE; row++) any = wasm_v128_or(any, wasm_v128_load(coef + row * DCTSIZE));
  return !wasm_v128_any_true(any);
}

/* What the C IDCTs output for every sample of a DC-only block, through their column and row
 * shortcuts: range_limit[DESCALE(DEQUANTIZE(dc) << PASS1_BITS, PASS1_BITS + 3) & RANGE_MASK],
 * with the same 32-bit wrap-around for absurd coefficients. */
static inline JSAMPLE wasm_dc_only_sample(const JCOEF *coef, const ISLOW_MULT_TYPE *quant,
                                          const JSAMPLE *range_limit)
{
  int32_t dcval = (int32_t)((uint32_t)((ISLOW_MULT_TYPE)coef[0] * quant[0]) << 2);
  return range_limit[((int32_t)((uint32_t)dcval + 16u) >> 5) & (MAXJSAMPLE * 4 + 3)];
}

/* libjpeg's IDCT range limiting of final values v (i16 lanes): the table IDCT_range_limit()
 * maps v & 1023 to clamp(sign-extended 10-bit value + 128, 0, 255); shifting left 6 then
 * arithmetically right 6 is that sign extension of the low 10 bits. The lanes are the table's
 * values once narrowed to u8 with (unsigned) saturation. */
static inline v128_t wasm_idct_range_limit(v128_t v)
{
  return wasm_i16x8_add(wasm_i16x8_shr(wasm_i16x8_shl(v, 6), 6), wasm_i16x8_splat(128));
}

#endif
