/*
 * Colour conversion kernels (WebAssembly SIMD128), 16 pixels at a time, exactly libjpeg-turbo's
 * table-driven equations (SCALEBITS 16, FIX() rounded constants):
 *
 *   decode (jdcolext.c, YCbCr -> RGBX/RGBA, alpha 255), with x = Cb - 128, z = Cr - 128:
 *     R = clamp(y + ((91881 z + 32768) >> 16))
 *     G = clamp(y + ((-22554 x + 32768 - 46802 z) >> 16))
 *     B = clamp(y + ((116130 x + 32768) >> 16))
 *   encode (jccolext.c, RGBX/RGBA -> YCbCr, alpha ignored):
 *     Y  = (19595 r + 38470 g + 7471 b + 32768) >> 16
 *     Cb = (-11059 r - 21709 g + 32768 b + (128 << 16) + 32767) >> 16
 *     Cr = (32768 r - 27439 g - 5329 b + (128 << 16) + 32767) >> 16
 *
 * Constants that do not fit a 16-bit lane are split into a multiple of 65536 and a remainder:
 * (65536 k a + b) >> 16 == k a + (b >> 16) for integers (floor division), so the multiple
 * becomes a plain addition after the shift and the remainder fits i32x4.dot_i16x8 / extmul.
 * clamp() is libjpeg's range_limit table, which for these sums is a clamp to 0..255: the
 * saturating narrow to u8.
 */
#include "jsimd_wasm_simd.h"

/* (x * k + 32768) >> 16 for eight i16 lanes, exact (i32 products). */
static inline v128_t mul_round16(v128_t x, int16_t k)
{
  const v128_t kk = wasm_i16x8_splat(k), half = wasm_i32x4_splat(32768);
  v128_t lo = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_low_i16x8(x, kk), half), 16);
  v128_t hi = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_high_i16x8(x, kk), half), 16);
  return wasm_i16x8_narrow_i32x4(lo, hi);
}

/* (x * kx + z * kz + 32768) >> 16 for eight i16 lanes of x and z, exact. */
static inline v128_t dot_round16(v128_t x, v128_t z, v128_t kxz)
{
  const v128_t half = wasm_i32x4_splat(32768);
  v128_t lo = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_zip_lo16(x, z), kxz), half), 16);
  v128_t hi = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_zip_hi16(x, z), kxz), half), 16);
  return wasm_i16x8_narrow_i32x4(lo, hi);
}

/* R, G, B (i16 lanes, not yet clamped) of eight pixels. */
static inline void ycc_to_rgb8(v128_t y, v128_t cb, v128_t cr, v128_t *r, v128_t *g, v128_t *b)
{
  const v128_t center = wasm_i16x8_splat(128);
  v128_t x = wasm_i16x8_sub(cb, center), z = wasm_i16x8_sub(cr, center);
  /* 91881 = 65536 + 26345 */
  *r = wasm_i16x8_add(wasm_i16x8_add(y, z), mul_round16(z, 26345));
  /* 116130 = 2 * 65536 - 14942 */
  *b = wasm_i16x8_add(wasm_i16x8_add(y, wasm_i16x8_shl(x, 1)), mul_round16(x, -14942));
  /* -46802 = -65536 + 18734 */
  *g = wasm_i16x8_add(wasm_i16x8_sub(y, z), dot_round16(x, z, WASM_PAIR(-22554, 18734)));
}

/* 16 pixels: Y, Cb, Cr bytes in, 64 RGBA bytes out. */
static inline void ycc_to_rgbx16(const JSAMPLE *y, const JSAMPLE *cb, const JSAMPLE *cr,
                                 JSAMPLE *out)
{
  v128_t yv = wasm_v128_load(y), cbv = wasm_v128_load(cb), crv = wasm_v128_load(cr);
  v128_t r0, g0, b0, r1, g1, b1;
  ycc_to_rgb8(wasm_u16x8_extend_low_u8x16(yv), wasm_u16x8_extend_low_u8x16(cbv),
              wasm_u16x8_extend_low_u8x16(crv), &r0, &g0, &b0);
  ycc_to_rgb8(wasm_u16x8_extend_high_u8x16(yv), wasm_u16x8_extend_high_u8x16(cbv),
              wasm_u16x8_extend_high_u8x16(crv), &r1, &g1, &b1);
  v128_t r = wasm_u8x16_narrow_i16x8(r0, r1), g = wasm_u8x16_narrow_i16x8(g0, g1);
  v128_t b = wasm_u8x16_narrow_i16x8(b0, b1), a = wasm_i8x16_splat((int8_t)0xFF);
  v128_t rg_lo = wasm_i8x16_shuffle(r, g, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  v128_t rg_hi = wasm_i8x16_shuffle(r, g, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  v128_t ba_lo = wasm_i8x16_shuffle(b, a, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  v128_t ba_hi = wasm_i8x16_shuffle(b, a, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  wasm_v128_store(out, wasm_zip_lo16(rg_lo, ba_lo));
  wasm_v128_store(out + 16, wasm_zip_hi16(rg_lo, ba_lo));
  wasm_v128_store(out + 32, wasm_zip_lo16(rg_hi, ba_hi));
  wasm_v128_store(out + 48, wasm_zip_hi16(rg_hi, ba_hi));
}

/* The input rows are libjpeg's own buffers, padded to a multiple of 64 samples (jmemmgr.c
 * alloc_sarray with WITH_SIMD), so the last 16-pixel read stays inside them; the output rows
 * may be the caller's, exactly out_width * 4 bytes, so a partial last group goes through a
 * scratch buffer. */
void jsimd_wasm_ycc_rgbx(JDIMENSION out_width, JSAMPIMAGE input_buf, JDIMENSION input_row,
                         JSAMPARRAY output_buf, int num_rows)
{
  JSAMPLE scratch[64];
  while (--num_rows >= 0) {
    const JSAMPLE *y = input_buf[0][input_row], *cb = input_buf[1][input_row];
    const JSAMPLE *cr = input_buf[2][input_row];
    JSAMPLE *out = *output_buf++;
    JDIMENSION col = 0;
    input_row++;
    for (; col + 16 <= out_width; col += 16) ycc_to_rgbx16(y + col, cb + col, cr + col, out + col * 4);
    if (col < out_width) {
      ycc_to_rgbx16(y + col, cb + col, cr + col, scratch);
      memcpy(out + col * 4, scratch, (out_width - col) * 4);
    }
  }
}

/* 4 pixels of RGBX (16 bytes) -> Y, Cb - 128, Cr - 128 in i32 lanes. rg holds the pairs
 * (r, g) as i16 lanes, which read as i32 are r + 65536 g; b1 holds (b, 1), read as i32
 * b + 65536. */
static inline void rgbx_to_ycc4(v128_t px, v128_t *y, v128_t *cb, v128_t *cr)
{
  const v128_t zero_one = wasm_i8x16_make(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  v128_t rg = wasm_i8x16_shuffle(px, zero_one, 0, 16, 1, 16, 4, 16, 5, 16, 8, 16, 9, 16, 12, 16, 13, 16);
  v128_t b1 = wasm_i8x16_shuffle(px, zero_one, 2, 16, 17, 16, 6, 16, 17, 16, 10, 16, 17, 16, 14, 16, 17, 16);
  /* Y: 38470 g = 65536 g - 27066 g and 19595 r = r + 19594 r, r + 65536 g being rg itself;
   * 32768 = 32767 * 1 + 1 */
  v128_t ysum = wasm_i32x4_add(wasm_i32x4_add(rg, wasm_i32x4_dot_i16x8(rg, WASM_PAIR(19594, -27066))),
                               wasm_i32x4_dot_i16x8(b1, WASM_PAIR(7471, 32767)));
  /* Cb - 128: 32768 b = 65536 b - 32768 b; b1 << 16 is 65536 b (the 1 shifts out) */
  v128_t cbsum = wasm_i32x4_add(wasm_i32x4_shl(b1, 16),
                                wasm_i32x4_add(wasm_i32x4_dot_i16x8(rg, WASM_PAIR(-11059, -21709)),
                                               wasm_i32x4_dot_i16x8(b1, WASM_PAIR(-32768, 32767))));
  /* Cr - 128: 32768 r = 65536 r - 32768 r; rg << 16 is 65536 r (g shifts out) */
  v128_t crsum = wasm_i32x4_add(wasm_i32x4_shl(rg, 16),
                                wasm_i32x4_add(wasm_i32x4_dot_i16x8(rg, WASM_PAIR(-32768, -27439)),
                                               wasm_i32x4_dot_i16x8(b1, WASM_PAIR(-5329, 32767))));
  *y = wasm_i32x4_shr(wasm_i32x4_add(ysum, wasm_i32x4_splat(1)), 16);
  *cb = wasm_i32x4_shr(cbsum, 16);
  *cr = wasm_i32x4_shr(crsum, 16);
}

/* 16 pixels: 64 RGBX bytes in, 16 Y, Cb, Cr bytes out. */
static inline void rgbx_to_ycc16(const JSAMPLE *in, JSAMPLE *y, JSAMPLE *cb, JSAMPLE *cr)
{
  v128_t y0, y1, y2, y3, b0, b1, b2, b3, r0, r1, r2, r3;
  const v128_t center = wasm_i16x8_splat(128);
  rgbx_to_ycc4(wasm_v128_load(in), &y0, &b0, &r0);
  rgbx_to_ycc4(wasm_v128_load(in + 16), &y1, &b1, &r1);
  rgbx_to_ycc4(wasm_v128_load(in + 32), &y2, &b2, &r2);
  rgbx_to_ycc4(wasm_v128_load(in + 48), &y3, &b3, &r3);
  wasm_v128_store(y, wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(y0, y1),
                                             wasm_i16x8_narrow_i32x4(y2, y3)));
  wasm_v128_store(cb, wasm_u8x16_narrow_i16x8(
    wasm_i16x8_add(wasm_i16x8_narrow_i32x4(b0, b1), center),
    wasm_i16x8_add(wasm_i16x8_narrow_i32x4(b2, b3), center)));
  wasm_v128_store(cr, wasm_u8x16_narrow_i16x8(
    wasm_i16x8_add(wasm_i16x8_narrow_i32x4(r0, r1), center),
    wasm_i16x8_add(wasm_i16x8_narrow_i32x4(r2, r3), center)));
}

/* The input rows are the caller's (exactly img_width * 4 bytes), so a partial last group is
 * read through a scratch buffer; the output rows are libjpeg's padded buffers. */
void jsimd_wasm_rgbx_ycc(JDIMENSION img_width, JSAMPARRAY input_buf, JSAMPIMAGE output_buf,
                         JDIMENSION output_row, int num_rows)
{
  JSAMPLE scratch[64];
  while (--num_rows >= 0) {
    const JSAMPLE *in = *input_buf++;
    JSAMPLE *y = output_buf[0][output_row], *cb = output_buf[1][output_row];
    JSAMPLE *cr = output_buf[2][output_row];
    JDIMENSION col = 0;
    output_row++;
    for (; col + 16 <= img_width; col += 16) rgbx_to_ycc16(in + col * 4, y + col, cb + col, cr + col);
    if (col < img_width) {
      memset(scratch, 0, sizeof(scratch));
      memcpy(scratch, in + col * 4, (img_width - col) * 4);
      rgbx_to_ycc16(scratch, y + col, cb + col, cr + col);
    }
  }
}
