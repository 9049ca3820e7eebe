/*
 * The encoder's per-block kernels (WebAssembly SIMD128): jcdctmgr.c's sample conversion and
 * quantisation, jfdctint.c's accurate integer forward DCT (LL&M, CONST_BITS 13, PASS1_BITS 2).
 *
 * The forward DCT keeps eight 16-bit lanes between its passes as the C code does (DCTELEM is
 * short in a WITH_SIMD build) and multiplies with i32x4.dot_i16x8 on interleaved pairs: each
 * output is the same integer linear combination of the inputs as the C code's, regrouped
 * (e.g. z1 * c1 + z5 with z5 = (z3 + z4) * c0 becomes a (z3, z4) pair times (c1 + c0, c0)).
 * Its inputs are samples - 128, so every intermediate is bounded: pass-1 outputs are within
 * +-4096, pass-2 sums within 16 bits, products within 31 bits; nothing saturates or wraps, and
 * the results are the C code's exactly.
 */
#include "jsimd_wasm_simd.h"

void jsimd_wasm_convsamp(JSAMPARRAY sample_data, JDIMENSION start_col, DCTELEM *workspace)
{
  const v128_t center = wasm_i16x8_splat(CENTERJSAMPLE);
  int row;
  for (row = 0; row < DCTSIZE; row++) {
    v128_t samples = wasm_u16x8_load8x8(sample_data[row] + start_col);
    wasm_v128_store(workspace + row * DCTSIZE, wasm_i16x8_sub(samples, center));
  }
}

/* One pass over eight lanes; d[k] holds input k of every lane (pass 1: lane = row, after a
 * transpose; pass 2: lane = column) and receives output k. Pass 1 scales outputs 0 and 4 up by
 * PASS1_BITS and descales the others by CONST_BITS - PASS1_BITS; pass 2 descales outputs 0 and
 * 4 by PASS1_BITS and the others by CONST_BITS + PASS1_BITS. */
static inline void fdct_pass(v128_t d[8], int pass2)
{
  const int shift = pass2 ? 13 + 2 : 13 - 2;
  v128_t tmp0 = wasm_i16x8_add(d[0], d[7]), tmp7 = wasm_i16x8_sub(d[0], d[7]);
  v128_t tmp1 = wasm_i16x8_add(d[1], d[6]), tmp6 = wasm_i16x8_sub(d[1], d[6]);
  v128_t tmp2 = wasm_i16x8_add(d[2], d[5]), tmp5 = wasm_i16x8_sub(d[2], d[5]);
  v128_t tmp3 = wasm_i16x8_add(d[3], d[4]), tmp4 = wasm_i16x8_sub(d[3], d[4]);
  v128_t tmp10 = wasm_i16x8_add(tmp0, tmp3), tmp13 = wasm_i16x8_sub(tmp0, tmp3);
  v128_t tmp11 = wasm_i16x8_add(tmp1, tmp2), tmp12 = wasm_i16x8_sub(tmp1, tmp2);
  v128_t lo, hi, z3lo, z3hi, z4lo, z4hi;

  if (pass2) {
    const v128_t two = wasm_i16x8_splat(2);
    d[0] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(tmp10, tmp11), two), 2);
    d[4] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_sub(tmp10, tmp11), two), 2);
  } else {
    d[0] = wasm_i16x8_shl(wasm_i16x8_add(tmp10, tmp11), 2);
    d[4] = wasm_i16x8_shl(wasm_i16x8_sub(tmp10, tmp11), 2);
  }

  /* z1 = (tmp12 + tmp13) * 4433; out2 = z1 + tmp13 * 6270; out6 = z1 - tmp12 * 15137 */
  lo = wasm_zip_lo16(tmp13, tmp12);
  hi = wasm_zip_hi16(tmp13, tmp12);
  d[2] = wasm_descale_narrow(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(4433 + 6270, 4433)),
                             wasm_i32x4_dot_i16x8(hi, WASM_PAIR(4433 + 6270, 4433)), shift);
  d[6] = wasm_descale_narrow(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(4433, 4433 - 15137)),
                             wasm_i32x4_dot_i16x8(hi, WASM_PAIR(4433, 4433 - 15137)), shift);

  /* odd part: z3 = tmp4 + tmp6, z4 = tmp5 + tmp7, z5 = (z3 + z4) * 9633;
   * z3' = z3 * -16069 + z5, z4' = z4 * -3196 + z5 */
  {
    v128_t z3 = wasm_i16x8_add(tmp4, tmp6), z4 = wasm_i16x8_add(tmp5, tmp7);
    lo = wasm_zip_lo16(z3, z4);
    hi = wasm_zip_hi16(z3, z4);
    z3lo = wasm_i32x4_dot_i16x8(lo, WASM_PAIR(9633 - 16069, 9633));
    z3hi = wasm_i32x4_dot_i16x8(hi, WASM_PAIR(9633 - 16069, 9633));
    z4lo = wasm_i32x4_dot_i16x8(lo, WASM_PAIR(9633, 9633 - 3196));
    z4hi = wasm_i32x4_dot_i16x8(hi, WASM_PAIR(9633, 9633 - 3196));
  }
  /* out7 = tmp4 * 2446 + (tmp4 + tmp7) * -7373 + z3'; out1 = tmp7 * 12299 + (tmp4 + tmp7) * -7373 + z4' */
  lo = wasm_zip_lo16(tmp4, tmp7);
  hi = wasm_zip_hi16(tmp4, tmp7);
  d[7] = wasm_descale_narrow(wasm_i32x4_add(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(2446 - 7373, -7373)), z3lo),
                             wasm_i32x4_add(wasm_i32x4_dot_i16x8(hi, WASM_PAIR(2446 - 7373, -7373)), z3hi), shift);
  d[1] = wasm_descale_narrow(wasm_i32x4_add(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(-7373, 12299 - 7373)), z4lo),
                             wasm_i32x4_add(wasm_i32x4_dot_i16x8(hi, WASM_PAIR(-7373, 12299 - 7373)), z4hi), shift);
  /* out5 = tmp5 * 16819 + (tmp5 + tmp6) * -20995 + z4'; out3 = tmp6 * 25172 + (tmp5 + tmp6) * -20995 + z3' */
  lo = wasm_zip_lo16(tmp5, tmp6);
  hi = wasm_zip_hi16(tmp5, tmp6);
  d[5] = wasm_descale_narrow(wasm_i32x4_add(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(16819 - 20995, -20995)), z4lo),
                             wasm_i32x4_add(wasm_i32x4_dot_i16x8(hi, WASM_PAIR(16819 - 20995, -20995)), z4hi), shift);
  d[3] = wasm_descale_narrow(wasm_i32x4_add(wasm_i32x4_dot_i16x8(lo, WASM_PAIR(-20995, 25172 - 20995)), z3lo),
                             wasm_i32x4_add(wasm_i32x4_dot_i16x8(hi, WASM_PAIR(-20995, 25172 - 20995)), z3hi), shift);
}

void jsimd_wasm_fdct_islow(DCTELEM *data)
{
  v128_t d[8];
  int i;
  for (i = 0; i < 8; i++) d[i] = wasm_v128_load(data + i * DCTSIZE);
  /* pass 1 works on rows: each vector must hold one column position of all eight rows */
  wasm_transpose8x8_i16(d);
  fdct_pass(d, 0);
  /* d[k] now holds output k of every row; pass 2 works on columns */
  wasm_transpose8x8_i16(d);
  fdct_pass(d, 1);
  for (i = 0; i < 8; i++) wasm_v128_store(data + i * DCTSIZE, d[i]);
}

/* (a * b) >> 16 for eight unsigned 16-bit lanes */
static inline v128_t mulhi_u16(v128_t a, v128_t b)
{
  return wasm_u16x8_narrow_i32x4(wasm_u32x4_shr(wasm_u32x4_extmul_low_u16x8(a, b), 16),
                                 wasm_u32x4_shr(wasm_u32x4_extmul_high_u16x8(a, b), 16));
}

/* jcdctmgr.c quantize() with its reciprocal tables (compute_reciprocal(): divisors[0..63]
 * reciprocals, [64..127] rounding corrections, [128..191] scales 2^(32 - r), [192..255]
 * shifts r - 16): |x| -> ((|x| + corr) * recip) >> (16 + shift), sign restored. The C code's
 * second shift is a multiply-high by the scale here: (p * 2^(16 - shift)) >> 16 == p >> shift.
 * jcdctmgr.c keeps its C quantize() for tables whose scale would not fit 16 bits. */
void jsimd_wasm_quantize(JCOEFPTR coef_block, DCTELEM *divisors, DCTELEM *workspace)
{
  int i;
  for (i = 0; i < DCTSIZE2; i += 8) {
    v128_t x = wasm_v128_load(workspace + i);
    v128_t sign = wasm_i16x8_shr(x, 15);
    v128_t magnitude = wasm_i16x8_add(wasm_i16x8_abs(x), wasm_v128_load(divisors + DCTSIZE2 + i));
    v128_t q = mulhi_u16(mulhi_u16(magnitude, wasm_v128_load(divisors + i)),
                         wasm_v128_load(divisors + DCTSIZE2 * 2 + i));
    wasm_v128_store(coef_block + i, wasm_i16x8_sub(wasm_v128_xor(q, sign), sign));
  }
}
