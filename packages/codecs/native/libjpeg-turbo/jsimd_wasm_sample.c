/*
 * Chroma resampling kernels (WebAssembly SIMD128), exactly jdsample.c's "fancy" (triangle)
 * upsamplers and jcsample.c's box downsampler.
 *
 * The fancy upsamplers' first and last output columns are special cases in the C code, but
 * they are the general formula with the missing neighbour replaced by the edge sample itself:
 * h2v1: (4 x + 1) >> 2 == x and (4 x + 2) >> 2 == x; h2v2: (3 c + c + 8) >> 4 and
 * (3 c + c + 7) >> 4 are the C code's (4 c + 8) >> 4 and (4 c + 7) >> 4. So the first group
 * takes its left neighbour from sample 0, and the last output column is rewritten after the
 * loop (the vector loop saw the padding sample after the row there).
 *
 * libjpeg allocates every sample row padded to a multiple of 64 samples (jmemmgr.c
 * alloc_sarray with WITH_SIMD), and these kernels only ever see its own buffers, so whole
 * 16-sample groups may be read and written past the row's width, within that padding.
 */
#include <wasm_simd128.h>
#include "jsimd_wasm.h"
#include "common/jcsample.h"

/* lane 15 of a then lanes 0..14 of b: each lane's left neighbour */
static inline v128_t left_of(v128_t a, v128_t b)
{
  return wasm_i8x16_shuffle(a, b, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
}

/* lanes 1..15 of a then lane 0 of b: each lane's right neighbour */
static inline v128_t right_of(v128_t a, v128_t b)
{
  return wasm_i8x16_shuffle(a, b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
}

/* Interleaves even and odd output samples (i16 lanes, 0..255) and stores 32 bytes. */
static inline void store_pairs(JSAMPLE *out, v128_t even_lo, v128_t even_hi, v128_t odd_lo,
                               v128_t odd_hi)
{
  v128_t even = wasm_u8x16_narrow_i16x8(even_lo, even_hi);
  v128_t odd = wasm_u8x16_narrow_i16x8(odd_lo, odd_hi);
  wasm_v128_store(out, wasm_i8x16_shuffle(even, odd, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
  wasm_v128_store(out + 16, wasm_i8x16_shuffle(even, odd, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31));
}

/* (3 c + n + bias) >> 2 for the two i16 halves of byte vectors c (as 3c: t) and n */
static inline v128_t quarter(v128_t t, v128_t n, v128_t bias) { return wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(t, n), bias), 2); }

/* h2v1: out[2i] = (3 in[i] + in[i-1] + 1) >> 2, out[2i+1] = (3 in[i] + in[i+1] + 2) >> 2 */
void jsimd_wasm_h2v1_fancy_upsample(int max_v_samp_factor, JDIMENSION downsampled_width,
                                    JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  JSAMPARRAY output_data = *output_data_ptr;
  const v128_t one = wasm_i16x8_splat(1), two = wasm_i16x8_splat(2);
  int row;
  for (row = 0; row < max_v_samp_factor; row++) {
    const JSAMPLE *in = input_data[row];
    JSAMPLE *out = output_data[row];
    v128_t before = wasm_i8x16_splat((int8_t)in[0]), cur = wasm_v128_load(in);
    JDIMENSION col;
    for (col = 0; col < downsampled_width; col += 16) {
      v128_t after = col + 16 < downsampled_width ? wasm_v128_load(in + col + 16) : cur;
      v128_t prev = left_of(before, cur), next = right_of(cur, after);
      v128_t c_lo = wasm_u16x8_extend_low_u8x16(cur), c_hi = wasm_u16x8_extend_high_u8x16(cur);
      v128_t t_lo = wasm_i16x8_add(c_lo, wasm_i16x8_shl(c_lo, 1));
      v128_t t_hi = wasm_i16x8_add(c_hi, wasm_i16x8_shl(c_hi, 1));
      store_pairs(out + col * 2,
                  quarter(t_lo, wasm_u16x8_extend_low_u8x16(prev), one),
                  quarter(t_hi, wasm_u16x8_extend_high_u8x16(prev), one),
                  quarter(t_lo, wasm_u16x8_extend_low_u8x16(next), two),
                  quarter(t_hi, wasm_u16x8_extend_high_u8x16(next), two));
      before = cur;
      cur = after;
    }
    out[downsampled_width * 2 - 1] = in[downsampled_width - 1];
  }
}

/* 3 * near + far for 16 samples, as two i16x8 halves */
static inline void colsums(const JSAMPLE *near, const JSAMPLE *far, v128_t *lo, v128_t *hi)
{
  v128_t n = wasm_v128_load(near), f = wasm_v128_load(far);
  v128_t n_lo = wasm_u16x8_extend_low_u8x16(n), n_hi = wasm_u16x8_extend_high_u8x16(n);
  *lo = wasm_i16x8_add(wasm_i16x8_add(n_lo, wasm_i16x8_shl(n_lo, 1)), wasm_u16x8_extend_low_u8x16(f));
  *hi = wasm_i16x8_add(wasm_i16x8_add(n_hi, wasm_i16x8_shl(n_hi, 1)), wasm_u16x8_extend_high_u8x16(f));
}

/* lane 7 of a then 0..6 of b / lanes 1..7 of a then 0 of b (i16 lanes) */
static inline v128_t left16(v128_t a, v128_t b) { return wasm_i16x8_shuffle(a, b, 7, 8, 9, 10, 11, 12, 13, 14); }
static inline v128_t right16(v128_t a, v128_t b) { return wasm_i16x8_shuffle(a, b, 1, 2, 3, 4, 5, 6, 7, 8); }

/* (3 s + neighbour + bias) >> 4 for column sums s (as 3s: t) */
static inline v128_t sixteenth(v128_t t, v128_t n, v128_t bias) { return wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(t, n), bias), 4); }

/* One output row of h2v2: column sums s = 3 near + far; out[2i] = (3 s[i] + s[i-1] + 8) >> 4,
 * out[2i+1] = (3 s[i] + s[i+1] + 7) >> 4. */
static void h2v2_row(const JSAMPLE *near, const JSAMPLE *far, JSAMPLE *out, JDIMENSION width)
{
  const v128_t seven = wasm_i16x8_splat(7), eight = wasm_i16x8_splat(8);
  v128_t lo, hi, next_lo, next_hi, before;
  JDIMENSION col;
  int last;
  colsums(near, far, &lo, &hi);
  before = wasm_i16x8_splat((int16_t)(3 * near[0] + far[0]));
  for (col = 0; col < width; col += 16) {
    if (col + 16 < width) colsums(near + col + 16, far + col + 16, &next_lo, &next_hi);
    else next_lo = next_hi = hi;
    v128_t t_lo = wasm_i16x8_add(lo, wasm_i16x8_shl(lo, 1)), t_hi = wasm_i16x8_add(hi, wasm_i16x8_shl(hi, 1));
    store_pairs(out + col * 2,
                sixteenth(t_lo, left16(before, lo), eight), sixteenth(t_hi, left16(lo, hi), eight),
                sixteenth(t_lo, right16(lo, hi), seven), sixteenth(t_hi, right16(hi, next_lo), seven));
    before = hi;
    lo = next_lo;
    hi = next_hi;
  }
  last = 3 * near[width - 1] + far[width - 1];
  out[width * 2 - 1] = (JSAMPLE)((last * 4 + 7) >> 4);
}

void jsimd_wasm_h2v2_fancy_upsample(int max_v_samp_factor, JDIMENSION downsampled_width,
                                    JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  JSAMPARRAY output_data = *output_data_ptr;
  int inrow = 0, outrow = 0;
  while (outrow < max_v_samp_factor) {
    /* the row above, then the row below, is the "far" row (context rows exist on both sides) */
    h2v2_row(input_data[inrow], input_data[inrow - 1], output_data[outrow++], downsampled_width);
    h2v2_row(input_data[inrow], input_data[inrow + 1], output_data[outrow++], downsampled_width);
    inrow++;
  }
}

/* out[i] = (in0[2i] + in0[2i+1] + in1[2i] + in1[2i+1] + bias) >> 2, bias 1, 2, 1, 2, ... */
void jsimd_wasm_h2v2_downsample(JDIMENSION image_width, int max_v_samp_factor,
                                JDIMENSION v_samp_factor, JDIMENSION width_in_blocks,
                                JSAMPARRAY input_data, JSAMPARRAY output_data)
{
  JDIMENSION output_cols = width_in_blocks * DCTSIZE, outrow, col;
  const v128_t bias = wasm_i16x8_make(1, 2, 1, 2, 1, 2, 1, 2);
  expand_right_edge(input_data, max_v_samp_factor, image_width, output_cols * 2);
  for (outrow = 0; outrow < v_samp_factor; outrow++) {
    const JSAMPLE *in0 = input_data[outrow * 2], *in1 = input_data[outrow * 2 + 1];
    JSAMPLE *out = output_data[outrow];
    /* output_cols is a multiple of 8: 8 outputs (16 inputs per row) at a time */
    for (col = 0; col < output_cols; col += 8) {
      v128_t sum = wasm_i16x8_add(wasm_u16x8_extadd_pairwise_u8x16(wasm_v128_load(in0 + col * 2)),
                                  wasm_u16x8_extadd_pairwise_u8x16(wasm_v128_load(in1 + col * 2)));
      v128_t avg = wasm_u16x8_shr(wasm_i16x8_add(sum, bias), 2);
      wasm_v128_store64_lane(out + col, wasm_u8x16_narrow_i16x8(avg, avg), 0);
    }
  }
}
