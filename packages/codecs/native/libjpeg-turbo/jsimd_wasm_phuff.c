/*
 * The progressive Huffman encoder's per-block preparation (jcphuff.c
 * encode_mcu_AC_first_prepare / encode_mcu_AC_refine_prepare) in WebAssembly SIMD128: the
 * coefficients of the scan's spectral band, taken in zigzag order (lane loads through
 * jpeg_natural_order, whose 16 spare entries make reading a whole last group safe), their
 * magnitudes after the point transform Al, and bit masks of the nonzero ones, eight at a time.
 *
 * The outputs are the C code's wherever the encoder reads them: the same masks (with size_t of 32
 * bits, split in halves as the C code splits them), the same EOB, the same values at every
 * position the masks mark. Positions past the band get values too (the C code leaves them
 * unwritten; nothing reads them: values has 2 * 64 entries, absvalues 64, and a band has at most
 * 63 coefficients).
 */
#include <wasm_simd128.h>
#include "jsimd_wasm.h"

/* Eight coefficients of the band, from position k on, in zigzag order. */
static inline v128_t zigzag8(const JCOEF *block, const int *order)
{
  v128_t v = wasm_i16x8_splat(0);
  v = wasm_v128_load16_lane(block + order[0], v, 0);
  v = wasm_v128_load16_lane(block + order[1], v, 1);
  v = wasm_v128_load16_lane(block + order[2], v, 2);
  v = wasm_v128_load16_lane(block + order[3], v, 3);
  v = wasm_v128_load16_lane(block + order[4], v, 4);
  v = wasm_v128_load16_lane(block + order[5], v, 5);
  v = wasm_v128_load16_lane(block + order[6], v, 6);
  v = wasm_v128_load16_lane(block + order[7], v, 7);
  return v;
}

/* The band's positions (bits 0 .. Sl - 1). */
static inline uint64_t band(int Sl) { return Sl >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << Sl) - 1); }

/* COMPUTE_ABSVALUES_AC_FIRST: values[k] = |coef| >> Al, values[k + 64] = the same, bitwise
 * complemented for a negative coefficient; bit k of the mask for each nonzero values[k]. */
void jsimd_wasm_encode_mcu_AC_first_prepare(const JCOEF *block, const int *jpeg_natural_order_start,
                                            int Sl, int Al, UJCOEF *values, size_t *bits)
{
  uint64_t zerobits = 0;
  int k;
  for (k = 0; k < Sl; k += 8) {
    v128_t coef = zigzag8(block, jpeg_natural_order_start + k);
    v128_t sign = wasm_i16x8_shr(coef, 15);
    v128_t magnitude = wasm_u16x8_shr(wasm_i16x8_abs(coef), Al);
    wasm_v128_store(values + k, magnitude);
    wasm_v128_store(values + k + DCTSIZE2, wasm_v128_xor(magnitude, sign));
    zerobits |= (uint64_t)wasm_i16x8_bitmask(wasm_i16x8_ne(magnitude, wasm_i16x8_splat(0))) << k;
  }
  zerobits &= band(Sl);
  bits[0] = (size_t)zerobits;
#if SIZEOF_SIZE_T == 4
  bits[1] = (size_t)(zerobits >> 32);
#endif
}

/* COMPUTE_ABSVALUES_AC_REFINE: absvalues[k] = |coef| >> Al; bit k of zerobits for each nonzero
 * one, of signbits for each nonzero positive one; returns the position of the last one equal
 * to 1 (0 if none). */
int jsimd_wasm_encode_mcu_AC_refine_prepare(const JCOEF *block, const int *jpeg_natural_order_start,
                                            int Sl, int Al, UJCOEF *absvalues, size_t *bits)
{
  uint64_t zerobits = 0, signbits = 0, ones = 0;
  const v128_t zero = wasm_i16x8_splat(0);
  int k;
  for (k = 0; k < Sl; k += 8) {
    v128_t coef = zigzag8(block, jpeg_natural_order_start + k);
    v128_t magnitude = wasm_u16x8_shr(wasm_i16x8_abs(coef), Al);
    v128_t nonzero = wasm_i16x8_ne(magnitude, zero);
    wasm_v128_store(absvalues + k, magnitude);
    zerobits |= (uint64_t)wasm_i16x8_bitmask(nonzero) << k;
    signbits |= (uint64_t)wasm_i16x8_bitmask(wasm_v128_andnot(nonzero, wasm_i16x8_lt(coef, zero))) << k;
    ones |= (uint64_t)wasm_i16x8_bitmask(wasm_i16x8_eq(magnitude, wasm_i16x8_splat(1))) << k;
  }
  zerobits &= band(Sl);
  signbits &= band(Sl);
  ones &= band(Sl);
#if SIZEOF_SIZE_T == 4
  bits[0] = (size_t)zerobits;
  bits[1] = (size_t)(zerobits >> 32);
  bits[2] = (size_t)signbits;
  bits[3] = (size_t)(signbits >> 32);
#else
  bits[0] = (size_t)zerobits;
  bits[1] = (size_t)signbits;
#endif
  return ones ? 63 - __builtin_clzll(ones) : 0;
}
