/*
 * jidctred.c's reduced-size inverse DCTs (4x4 for 1/2-scale decoding, 2x2 for 1/4) in
 * WebAssembly SIMD128. Pass 1 runs on the columns (one lane each) and leaves the workspace rows
 * as vectors; pass 2 takes each row's dot products with the constant rows of the 1-D transform.
 *
 * Exactness, as in jsimd_wasm_idct.c: every output is an integer linear combination of the
 * dequantised coefficients that the kernel computes with the same constants as the C code (the
 * C code's terms merely regrouped), exact while nothing overflows. The C code ignores row 4 of
 * the coefficients (and, for 2x2, rows 2 and 6) and never uses the workspace columns it skips,
 * so neither does the kernel. The column-sum limits keep pass-1 values inside 16 bits and
 * pass-2 sums inside 31 bits (largest constant A, pass-1 shift s1, used columns n):
 *   4x4: A = 20995, s1 = 12, n = 7: S <= 2800 -> |ws| < 14353, pass 2 <
 *        20995 * 7 * 14353 + 2^18 < 2^31
 *   2x2: A = 32768 (the << 15), s1 = 13, n = 5: S <= 3200 -> |ws| < 12801, pass 2 <
 *        32768 * 12801 + (29692 + 10426 + 6967 + 5906) * 12801 + 2^19 < 2^31
 */
#include "jsimd_wasm_simd.h"

#define COLUMN_SUM_LIMIT_4X4 2800
#define COLUMN_SUM_LIMIT_2X2 3200

/* Dequantises `rows` (a bit per row) into d[]; returns whether the used columns' sums of
 * magnitudes stay within `limit`. */
static inline int dequantize(const JCOEF *coef, const ISLOW_MULT_TYPE *quant, v128_t d[8],
                             unsigned int rows, v128_t used_columns, int limit)
{
  v128_t sums = wasm_i16x8_splat(0);
  int i;
  for (i = 0; i < DCTSIZE; i++) {
    if (!(rows & (1u << i))) continue;
    d[i] = wasm_dequantize_row(coef + i * DCTSIZE, quant + i * DCTSIZE);
    sums = wasm_add_magnitude(sums, d[i]);
  }
  sums = wasm_v128_and(sums, used_columns);
  return !wasm_v128_any_true(wasm_u16x8_gt(sums, wasm_i16x8_splat(limit)));
}

/* The sums of the four 32-bit lanes of each of a, b, c, d, as one vector. */
static inline v128_t horizontal_sums(v128_t a, v128_t b, v128_t c, v128_t d)
{
  v128_t ab = wasm_i32x4_add(wasm_i32x4_shuffle(a, b, 0, 2, 4, 6), wasm_i32x4_shuffle(a, b, 1, 3, 5, 7));
  v128_t cd = wasm_i32x4_add(wasm_i32x4_shuffle(c, d, 0, 2, 4, 6), wasm_i32x4_shuffle(c, d, 1, 3, 5, 7));
  return wasm_i32x4_add(wasm_i32x4_shuffle(ab, cd, 0, 2, 4, 6), wasm_i32x4_shuffle(ab, cd, 1, 3, 5, 7));
}

/* Pass 2 of the 4x4 IDCT for one workspace row w (lanes = columns): its four outputs before
 * descaling, from tmp10/12 = w0 * 16384 +- (w2 * 15137 - w6 * 6270) and
 * tmp0 = -1730 w7 + 11893 w5 - 17799 w3 + 8697 w1, tmp2 = -4176 w7 - 4926 w5 + 7373 w3 + 20995 w1:
 * out0 = tmp10 + tmp2, out1 = tmp12 + tmp0, out2 = tmp12 - tmp0, out3 = tmp10 - tmp2. */
static inline v128_t idct4_row(v128_t w)
{
  const v128_t k0 = wasm_i16x8_make(16384, 20995, 15137, 7373, 0, -4926, -6270, -4176);
  const v128_t k1 = wasm_i16x8_make(16384, 8697, -15137, -17799, 0, 11893, 6270, -1730);
  const v128_t k2 = wasm_i16x8_make(16384, -8697, -15137, 17799, 0, -11893, 6270, 1730);
  const v128_t k3 = wasm_i16x8_make(16384, -20995, 15137, -7373, 0, 4926, -6270, 4176);
  return horizontal_sums(wasm_i32x4_dot_i16x8(w, k0), wasm_i32x4_dot_i16x8(w, k1),
                         wasm_i32x4_dot_i16x8(w, k2), wasm_i32x4_dot_i16x8(w, k3));
}

int jsimd_wasm_idct_4x4(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                        const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                        JDIMENSION output_col)
{
  const v128_t used = wasm_i16x8_make(-1, -1, -1, -1, 0, -1, -1, -1);
  v128_t d[8], w[4], bytes;
  int i, h;

  if (wasm_block_is_dc_only(coef_block)) {
    JSAMPLE value = wasm_dc_only_sample(coef_block, quant, range_limit);
    for (i = 0; i < 4; i++) memset(output_buf[i] + output_col, value, 4);
    return 1;
  }
  if (!dequantize(coef_block, quant, d, 0xEF, used, COLUMN_SUM_LIMIT_4X4)) return 0;

  /* pass 1 (lane = column): tmp0 = d0 << 14, tmp2 = 15137 d2 - 6270 d6; odd terms as in pass 2;
   * DESCALE by CONST_BITS - PASS1_BITS + 1 = 12 */
  {
    const v128_t round = wasm_i32x4_splat(1 << 11);
    v128_t half[2][4];
    for (h = 0; h < 2; h++) {
      v128_t p26 = h ? wasm_zip_hi16(d[2], d[6]) : wasm_zip_lo16(d[2], d[6]);
      v128_t p75 = h ? wasm_zip_hi16(d[7], d[5]) : wasm_zip_lo16(d[7], d[5]);
      v128_t p31 = h ? wasm_zip_hi16(d[3], d[1]) : wasm_zip_lo16(d[3], d[1]);
      v128_t dc = h ? wasm_i32x4_extend_high_i16x8(d[0]) : wasm_i32x4_extend_low_i16x8(d[0]);
      v128_t tmp0 = wasm_i32x4_add(wasm_i32x4_shl(dc, 14), round);
      v128_t tmp2 = wasm_i32x4_dot_i16x8(p26, WASM_PAIR(15137, -6270));
      v128_t tmp10 = wasm_i32x4_add(tmp0, tmp2), tmp12 = wasm_i32x4_sub(tmp0, tmp2);
      v128_t odd0 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p75, WASM_PAIR(-1730, 11893)),
                                   wasm_i32x4_dot_i16x8(p31, WASM_PAIR(-17799, 8697)));
      v128_t odd2 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p75, WASM_PAIR(-4176, -4926)),
                                   wasm_i32x4_dot_i16x8(p31, WASM_PAIR(7373, 20995)));
      half[h][0] = wasm_i32x4_shr(wasm_i32x4_add(tmp10, odd2), 12);
      half[h][1] = wasm_i32x4_shr(wasm_i32x4_add(tmp12, odd0), 12);
      half[h][2] = wasm_i32x4_shr(wasm_i32x4_sub(tmp12, odd0), 12);
      half[h][3] = wasm_i32x4_shr(wasm_i32x4_sub(tmp10, odd2), 12);
    }
    for (i = 0; i < 4; i++) w[i] = wasm_i16x8_narrow_i32x4(half[0][i], half[1][i]);
  }

  /* pass 2: DESCALE by CONST_BITS + PASS1_BITS + 3 + 1 = 19, range limiting */
  {
    const v128_t round = wasm_i32x4_splat(1 << 18);
    v128_t o0 = wasm_i32x4_shr(wasm_i32x4_add(idct4_row(w[0]), round), 19);
    v128_t o1 = wasm_i32x4_shr(wasm_i32x4_add(idct4_row(w[1]), round), 19);
    v128_t o2 = wasm_i32x4_shr(wasm_i32x4_add(idct4_row(w[2]), round), 19);
    v128_t o3 = wasm_i32x4_shr(wasm_i32x4_add(idct4_row(w[3]), round), 19);
    bytes = wasm_u8x16_narrow_i16x8(wasm_idct_range_limit(wasm_i16x8_narrow_i32x4(o0, o1)),
                                    wasm_idct_range_limit(wasm_i16x8_narrow_i32x4(o2, o3)));
  }
  wasm_v128_store32_lane(output_buf[0] + output_col, bytes, 0);
  wasm_v128_store32_lane(output_buf[1] + output_col, bytes, 1);
  wasm_v128_store32_lane(output_buf[2] + output_col, bytes, 2);
  wasm_v128_store32_lane(output_buf[3] + output_col, bytes, 3);
  return 1;
}

int jsimd_wasm_idct_2x2(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                        const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                        JDIMENSION output_col)
{
  const v128_t used = wasm_i16x8_make(-1, -1, 0, -1, 0, -1, 0, -1);
  /* pass 2's odd constants per workspace column (w1, w3, w5, w7) */
  const v128_t k_odd = wasm_i16x8_make(0, 29692, 0, -10426, 0, 6967, 0, -5906);
  v128_t d[8], w0, w1, odd, dc, both, bytes;
  int h;

  if (wasm_block_is_dc_only(coef_block)) {
    JSAMPLE value = wasm_dc_only_sample(coef_block, quant, range_limit);
    memset(output_buf[0] + output_col, value, 2);
    memset(output_buf[1] + output_col, value, 2);
    return 1;
  }
  if (!dequantize(coef_block, quant, d, 0xAB, used, COLUMN_SUM_LIMIT_2X2)) return 0;

  /* pass 1 (lane = column): tmp10 = d0 << 15, tmp0 = -5906 d7 + 6967 d5 - 10426 d3 + 29692 d1;
   * DESCALE by CONST_BITS - PASS1_BITS + 2 = 13 */
  {
    v128_t ws0[2], ws1[2];
    for (h = 0; h < 2; h++) {
      v128_t p75 = h ? wasm_zip_hi16(d[7], d[5]) : wasm_zip_lo16(d[7], d[5]);
      v128_t p31 = h ? wasm_zip_hi16(d[3], d[1]) : wasm_zip_lo16(d[3], d[1]);
      v128_t dcw = h ? wasm_i32x4_extend_high_i16x8(d[0]) : wasm_i32x4_extend_low_i16x8(d[0]);
      v128_t tmp10 = wasm_i32x4_add(wasm_i32x4_shl(dcw, 15), wasm_i32x4_splat(1 << 12));
      v128_t tmp0 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p75, WASM_PAIR(-5906, 6967)),
                                   wasm_i32x4_dot_i16x8(p31, WASM_PAIR(-10426, 29692)));
      ws0[h] = wasm_i32x4_shr(wasm_i32x4_add(tmp10, tmp0), 13);
      ws1[h] = wasm_i32x4_shr(wasm_i32x4_sub(tmp10, tmp0), 13);
    }
    w0 = wasm_i16x8_narrow_i32x4(ws0[0], ws0[1]);
    w1 = wasm_i16x8_narrow_i32x4(ws1[0], ws1[1]);
  }

  /* pass 2 for rows 0 and 1: tmp0 = the odd dot product, tmp10 = w0 << 15; outputs
   * tmp10 + tmp0 and tmp10 - tmp0, DESCALE by CONST_BITS + PASS1_BITS + 3 + 2 = 20 */
  odd = horizontal_sums(wasm_i32x4_dot_i16x8(w0, k_odd), wasm_i32x4_dot_i16x8(w0, k_odd),
                        wasm_i32x4_dot_i16x8(w1, k_odd), wasm_i32x4_dot_i16x8(w1, k_odd));
  odd = wasm_i32x4_mul(odd, wasm_i32x4_make(1, -1, 1, -1));
  dc = wasm_i32x4_extend_low_i16x8(wasm_i16x8_shuffle(w0, w1, 0, 0, 8, 8, 0, 0, 0, 0));
  both = wasm_i32x4_add(wasm_i32x4_shl(dc, 15), wasm_i32x4_splat(1 << 19));
  both = wasm_i32x4_shr(wasm_i32x4_add(both, odd), 20);
  bytes = wasm_u8x16_narrow_i16x8(wasm_idct_range_limit(wasm_i16x8_narrow_i32x4(both, both)),
                                  wasm_i16x8_splat(0));
  wasm_v128_store16_lane(output_buf[0] + output_col, bytes, 0);
  wasm_v128_store16_lane(output_buf[1] + output_col, bytes, 1);
  return 1;
}
