/*
 * jidctint.c's accurate integer inverse DCT (LL&M, CONST_BITS 13, PASS1_BITS 2) in WebAssembly
 * SIMD128: pass 1 on the eight columns at once (one lane each), a transpose, pass 2 on the eight
 * rows at once, a byte transpose to store.
 *
 * Exactness. Each output of a pass is an integer linear combination of its eight inputs; the
 * C code computes it in 32-bit JLONGs, this kernel with i32x4.dot_i16x8 on interleaved input
 * pairs with the combined constants (below), which is the same integer as long as nothing
 * overflows: the inputs fit 16 bits, and no 32-bit sum wraps. The C code's shortcuts for
 * columns/rows with zero AC terms give the same values as its full formulas under the same
 * condition, and its range_limit table is reproduced arithmetically (wasm_idct_range_limit).
 * So the kernel transforms a block only when, for every column, the sum S of |dequantised
 * coefficient| is at most 4256: then |pass-1 value| <= (11363 S + 1024) / 2048 < 32768, the
 * pass-2 sums stay below 11363 * (11363 * 8 * 4256 / 2048 + 4) + 2^17 < 2^31, and the final
 * values fit 16 bits. (11363 is the largest constant in any output's combination.) Other blocks,
 * which valid images seldom have, are left to the C code; DC-only blocks are filled directly.
 */
#include "jsimd_wasm_simd.h"

#define COLUMN_SUM_LIMIT 4256

/* One 1-D pass over eight lanes: in[k] holds input k of every lane, lo[k] / hi[k] get output k
 * before descaling (i32x4 halves: lanes 0-3, 4-7), with `round` added.
 *   even: tmp0/1 = (in0 +- in4) * 8192, tmp3 = in2 * 10703 + in6 * 4433,
 *         tmp2 = in2 * 4433 - in6 * 10704 (the C code's z1 = (in2 + in6) * 4433 folded in)
 *   odd:  with t0..t3 = in7, in5, in3, in1, the C code's z1..z5 expand to
 *         tmp0 = -11363 t0 + 9633 t1 -  6436 t2 +  2260 t3
 *         tmp1 =   9633 t0 + 2261 t1 - 11362 t2 +  6437 t3
 *         tmp2 =  -6436 t0 - 11362 t1 - 2259 t2 +  9633 t3
 *         tmp3 =   2260 t0 +  6437 t1 + 9633 t2 + 11363 t3
 *   out: tmp10 +- tmp3 -> 0/7, tmp11 +- tmp2 -> 1/6, tmp12 +- tmp1 -> 2/5, tmp13 +- tmp0 -> 3/4 */
static inline void idct_pass(const v128_t in[8], v128_t lo[8], v128_t hi[8], int32_t round)
{
  const v128_t r = wasm_i32x4_splat(round);
  int h;
  for (h = 0; h < 2; h++) {
    v128_t p04 = h ? wasm_zip_hi16(in[0], in[4]) : wasm_zip_lo16(in[0], in[4]);
    v128_t p26 = h ? wasm_zip_hi16(in[2], in[6]) : wasm_zip_lo16(in[2], in[6]);
    v128_t p71 = h ? wasm_zip_hi16(in[7], in[1]) : wasm_zip_lo16(in[7], in[1]);
    v128_t p53 = h ? wasm_zip_hi16(in[5], in[3]) : wasm_zip_lo16(in[5], in[3]);
    v128_t tmp0 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p04, WASM_PAIR(8192, 8192)), r);
    v128_t tmp1 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p04, WASM_PAIR(8192, -8192)), r);
    v128_t tmp3 = wasm_i32x4_dot_i16x8(p26, WASM_PAIR(4433 + 6270, 4433));
    v128_t tmp2 = wasm_i32x4_dot_i16x8(p26, WASM_PAIR(4433, 4433 - 15137));
    v128_t tmp10 = wasm_i32x4_add(tmp0, tmp3), tmp13 = wasm_i32x4_sub(tmp0, tmp3);
    v128_t tmp11 = wasm_i32x4_add(tmp1, tmp2), tmp12 = wasm_i32x4_sub(tmp1, tmp2);
    v128_t o0 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p71, WASM_PAIR(-11363, 2260)),
                               wasm_i32x4_dot_i16x8(p53, WASM_PAIR(9633, -6436)));
    v128_t o1 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p71, WASM_PAIR(9633, 6437)),
                               wasm_i32x4_dot_i16x8(p53, WASM_PAIR(2261, -11362)));
    v128_t o2 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p71, WASM_PAIR(-6436, 9633)),
                               wasm_i32x4_dot_i16x8(p53, WASM_PAIR(-11362, -2259)));
    v128_t o3 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p71, WASM_PAIR(2260, 11363)),
                               wasm_i32x4_dot_i16x8(p53, WASM_PAIR(6437, 9633)));
    v128_t *out = h ? hi : lo;
    out[0] = wasm_i32x4_add(tmp10, o3);
    out[7] = wasm_i32x4_sub(tmp10, o3);
    out[1] = wasm_i32x4_add(tmp11, o2);
    out[6] = wasm_i32x4_sub(tmp11, o2);
    out[2] = wasm_i32x4_add(tmp12, o1);
    out[5] = wasm_i32x4_sub(tmp12, o1);
    out[3] = wasm_i32x4_add(tmp13, o0);
    out[4] = wasm_i32x4_sub(tmp13, o0);
  }
}

int jsimd_wasm_idct_islow(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                          const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                          JDIMENSION output_col)
{
  v128_t d[8], lo[8], hi[8], sums = wasm_i16x8_splat(0);
  int i;

  if (wasm_block_is_dc_only(coef_block)) {
    JSAMPLE value = wasm_dc_only_sample(coef_block, quant, range_limit);
    for (i = 0; i < DCTSIZE; i++) memset(output_buf[i] + output_col, value, DCTSIZE);
    return 1;
  }
  for (i = 0; i < DCTSIZE; i++) {
    d[i] = wasm_dequantize_row(coef_block + i * DCTSIZE, quant + i * DCTSIZE);
    sums = wasm_add_magnitude(sums, d[i]);
  }
  if (wasm_v128_any_true(wasm_u16x8_gt(sums, wasm_i16x8_splat(COLUMN_SUM_LIMIT)))) return 0;

  /* pass 1: columns (lane = column), DESCALE by CONST_BITS - PASS1_BITS */
  idct_pass(d, lo, hi, 1 << 10);
  for (i = 0; i < 8; i++)
    d[i] = wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(lo[i], 11), wasm_i32x4_shr(hi[i], 11));
  /* d[k] = row k of the workspace; pass 2 works on rows: lane = row after the transpose */
  wasm_transpose8x8_i16(d);
  /* pass 2: DESCALE by CONST_BITS + PASS1_BITS + 3, then range limiting; d[k] = output column k */
  idct_pass(d, lo, hi, 1 << 17);
  for (i = 0; i < 8; i++)
    d[i] = wasm_idct_range_limit(wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(lo[i], 18),
                                                         wasm_i32x4_shr(hi[i], 18)));
  {
    /* bytes: c01 = column 0 of rows 0-7 then column 1, ...; transposed to rows */
    v128_t c01 = wasm_u8x16_narrow_i16x8(d[0], d[1]), c23 = wasm_u8x16_narrow_i16x8(d[2], d[3]);
    v128_t c45 = wasm_u8x16_narrow_i16x8(d[4], d[5]), c67 = wasm_u8x16_narrow_i16x8(d[6], d[7]);
    /* four bytes per row: rows 0-3 (a0, b0) and 4-7 (a1, b1) of columns 0-3 (a) and 4-7 (b) */
    v128_t a0 = wasm_i8x16_shuffle(c01, c23, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
    v128_t a1 = wasm_i8x16_shuffle(c01, c23, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
    v128_t b0 = wasm_i8x16_shuffle(c45, c67, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
    v128_t b1 = wasm_i8x16_shuffle(c45, c67, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
    v128_t r01 = wasm_i32x4_shuffle(a0, b0, 0, 4, 1, 5), r23 = wasm_i32x4_shuffle(a0, b0, 2, 6, 3, 7);
    v128_t r45 = wasm_i32x4_shuffle(a1, b1, 0, 4, 1, 5), r67 = wasm_i32x4_shuffle(a1, b1, 2, 6, 3, 7);
    wasm_v128_store64_lane(output_buf[0] + output_col, r01, 0);
    wasm_v128_store64_lane(output_buf[1] + output_col, r01, 1);
    wasm_v128_store64_lane(output_buf[2] + output_col, r23, 0);
    wasm_v128_store64_lane(output_buf[3] + output_col, r23, 1);
    wasm_v128_store64_lane(output_buf[4] + output_col, r45, 0);
    wasm_v128_store64_lane(output_buf[5] + output_col, r45, 1);
    wasm_v128_store64_lane(output_buf[6] + output_col, r67, 0);
    wasm_v128_store64_lane(output_buf[7] + output_col, r67, 1);
  }
  return 1;
}
