/*
 * Self-check of the SIMD128 kernels against libjpeg-turbo's C code, run by build.sh after a
 * SIMD build (node simd_check.js [blocks]): exits 1 on the first differences.
 *
 *  - inverse DCTs (8x8, 4x4, 2x2) and the forward DCT, kernel by kernel against the library's
 *    own C functions on random blocks: realistic ones (quantised DCTs of random pixels), sparse
 *    and dense random coefficients over the whole 16-bit range with random (also negative,
 *    i.e. 16-bit) quantisation multipliers, and blocks made to sit at the kernels' limits;
 *  - the whole encoder and decoder with every kernel (jsimd_wasm_mask) against none, on random
 *    images of many sizes: 4:2:0 / 4:2:2 / 4:4:0 / 4:4:4 / greyscale / CMYK, baseline and
 *    progressive, quality 1..100, decoded at 1/1, 1/2, 1/4, 1/8 to RGBA and RGBX.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsimd_wasm.h"

static unsigned int seed = 12345;
static unsigned int next(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }
static int range(int lo, int hi) { return lo + (int)(next() % (unsigned int)(hi - lo + 1)); }

static int failures;
#define FAIL(...) do { printf(__VA_ARGS__); printf("\n"); if (++failures > 10) exit(1); } while (0)

/* ---- inverse and forward DCTs ------------------------------------------------------------ */

static struct jpeg_decompress_struct dinfo;
static struct jpeg_error_mgr derr;
static unsigned char *tiny_jpeg;
static unsigned long tiny_len;

/* A decompressor mid-image, for its range-limit table (all the IDCTs use of cinfo). */
static void start_decompressor(void)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char row[16 * 3];
  JSAMPROW rows[1] = { row };
  memset(row, 128, sizeof(row));
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  jpeg_mem_dest(&c, &tiny_jpeg, &tiny_len);
  c.image_width = 16; c.image_height = 16; c.input_components = 3; c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < 16) jpeg_write_scanlines(&c, rows, 1);
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  dinfo.err = jpeg_std_error(&derr);
  jpeg_create_decompress(&dinfo);
  jpeg_mem_src(&dinfo, tiny_jpeg, tiny_len);
  jpeg_read_header(&dinfo, TRUE);
  jpeg_start_decompress(&dinfo);
}

typedef void (*idct_fn)(j_decompress_ptr, jpeg_component_info *, JCOEFPTR, JSAMPARRAY, JDIMENSION);
typedef int (*kernel_fn)(const JCOEF *, const ISLOW_MULT_TYPE *, const JSAMPLE *, JSAMPARRAY, JDIMENSION);

/* Fills a block: 0 realistic, 1 sparse small, 2 dense full range, 3 at the limits. */
static void random_block(JCOEF *coef, ISLOW_MULT_TYPE *quant, int kind)
{
  int i;
  for (i = 0; i < DCTSIZE2; i++) {
    coef[i] = 0;
    quant[i] = (ISLOW_MULT_TYPE)(kind == 2 ? range(-32768, 32767) : range(1, kind == 0 ? 120 : 255));
  }
  if (kind == 0) {
    DCTELEM work[DCTSIZE2];
    int flat = range(0, 3) == 0;
    for (i = 0; i < DCTSIZE2; i++) work[i] = (DCTELEM)(flat ? range(-3, 3) : range(-128, 127));
    jpeg_fdct_islow(work);
    for (i = 0; i < DCTSIZE2; i++) {
      int q = quant[i] * 8, v = work[i];
      coef[i] = (JCOEF)(v < 0 ? -((-v + q / 2) / q) : (v + q / 2) / q);
    }
  } else if (kind == 1) {
    int n = range(1, 6);
    while (n--) coef[range(0, 63)] = (JCOEF)range(-40, 40);
  } else if (kind == 2) {
    for (i = 0; i < DCTSIZE2; i++) coef[i] = (JCOEF)(range(0, 1) ? range(-32768, 32767) : range(-3, 3));
  } else {
    /* columns summing to just under / over the kernels' limits, signs random or alternating */
    int col, row, target = range(2000, 4600), aligned = range(0, 1);
    for (i = 0; i < DCTSIZE2; i++) quant[i] = 1;
    for (col = 0; col < DCTSIZE; col++) {
      int left = range(0, 1) ? target : range(0, target);
      for (row = 0; row < DCTSIZE && left > 0; row++) {
        int v = row == DCTSIZE - 1 ? left : range(0, left);
        coef[row * DCTSIZE + col] = (JCOEF)((aligned ? ((row + col) & 1) : range(0, 1)) ? -v : v);
        left -= v;
      }
    }
  }
}

static void check_idct(const char *name, idct_fn reference, idct_fn dispatched, kernel_fn kernel,
                       long blocks)
{
  JSAMPLE a[DCTSIZE][DCTSIZE + 8], b[DCTSIZE][DCTSIZE + 8];
  JSAMPROW ra[DCTSIZE], rb[DCTSIZE];
  JCOEF coef[DCTSIZE2];
  ISLOW_MULT_TYPE quant[DCTSIZE2];
  jpeg_component_info comp = dinfo.comp_info[0];
  long n, declined[4] = { 0 }, count[4] = { 0 };
  int r;
  for (r = 0; r < DCTSIZE; r++) { ra[r] = a[r]; rb[r] = b[r]; }
  comp.dct_table = quant;
  for (n = 0; n < blocks; n++) {
    int kind = (int)(n % 4);
    random_block(coef, quant, kind);
    memset(a, 0xAA, sizeof(a));
    memset(b, 0xAA, sizeof(b));
    reference(&dinfo, &comp, coef, ra, 3);
    dispatched(&dinfo, &comp, coef, rb, 3);
    if (memcmp(a, b, sizeof(a))) FAIL("%s: block %ld (kind %d) differs from the C code", name, n, kind);
    count[kind]++;
    if (!kernel(coef, quant, dinfo.sample_range_limit + CENTERJSAMPLE, rb, 3)) declined[kind]++;
  }
  printf("%s: %ld blocks identical; left to the C code: realistic %.3f%%, sparse %.3f%%, "
         "dense full-range %.1f%%, at the limits %.1f%%\n", name, blocks,
         100.0 * declined[0] / count[0], 100.0 * declined[1] / count[1],
         100.0 * declined[2] / count[2], 100.0 * declined[3] / count[3]);
}

static void check_fdct(long blocks)
{
  DCTELEM a[DCTSIZE2], b[DCTSIZE2];
  long n;
  int i;
  for (n = 0; n < blocks; n++) {
    int pattern = (int)(n % 4), edge = range(0, 8);
    for (i = 0; i < DCTSIZE2; i++) {
      int x = i % 8, y = i / 8;
      a[i] = (DCTELEM)(pattern == 0 ? range(-128, 127) : pattern == 1 ? (((x ^ y) & 1) ? 127 : -128)
                       : pattern == 2 ? (range(0, 1) ? 127 : -128) : (x < edge ? -128 : 127));
    }
    memcpy(b, a, sizeof(a));
    jpeg_fdct_islow(a);
    jsimd_wasm_fdct_islow(b);
    if (memcmp(a, b, sizeof(a))) FAIL("fdct islow: block %ld differs from the C code", n);
  }
  printf("fdct islow: %ld blocks identical\n", blocks);
}

/* ---- whole pipeline --------------------------------------------------------------------- */

static void fill_image(unsigned char *pixels, int width, int height, int components, int style)
{
  int x, y, c;
  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      for (c = 0; c < components; c++)
        pixels[((size_t)y * width + x) * components + c] =
          (unsigned char)(style == 0 ? range(0, 255) : style == 1 ? ((x * 7 + y * 3 + c * 50) & 255)
                          : ((x / 3 + y / 2) & 1) ? 255 : 0);
}

/* Encodes with the given kernels; caller frees. */
static unsigned char *encode(const unsigned char *pixels, int width, int height, J_COLOR_SPACE in_space,
                             int components, int quality, int progressive, int h, int v,
                             unsigned int mask, unsigned long *len)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  int row;
  *len = 0;
  jsimd_wasm_mask = mask;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  jpeg_mem_dest(&c, &out, len);
  c.image_width = (JDIMENSION)width; c.image_height = (JDIMENSION)height;
  c.input_components = components; c.in_color_space = in_space;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, quality, TRUE);
  c.optimize_coding = TRUE;
  if (c.num_components >= 3) { c.comp_info[0].h_samp_factor = h; c.comp_info[0].v_samp_factor = v; }
  if (progressive) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  for (row = 0; row < height; row++) {
    JSAMPROW r = (JSAMPROW)(pixels + (size_t)row * width * components);
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  jsimd_wasm_mask = JSIMD_WASM_ALL;
  return out;
}

static unsigned char *decode(const unsigned char *jpeg, unsigned long len, int denom,
                             J_COLOR_SPACE out_space, unsigned int mask, size_t *size)
{
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  unsigned char *pixels;
  size_t stride;
  jsimd_wasm_mask = mask;
  d.err = jpeg_std_error(&err);
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, jpeg, len);
  jpeg_read_header(&d, TRUE);
  if (d.num_components == 4) out_space = JCS_CMYK;
  d.out_color_space = out_space;
  d.scale_num = 1; d.scale_denom = (unsigned int)denom;
  jpeg_start_decompress(&d);
  stride = (size_t)d.output_width * d.output_components;
  *size = stride * d.output_height;
  pixels = malloc(*size + 1);
  while (d.output_scanline < d.output_height) {
    JSAMPROW r = pixels + (size_t)d.output_scanline * stride;
    jpeg_read_scanlines(&d, &r, 1);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  jsimd_wasm_mask = JSIMD_WASM_ALL;
  return pixels;
}

static void check_pipeline(int images)
{
  static const int sampling[][2] = { { 2, 2 }, { 2, 1 }, { 1, 2 }, { 1, 1 } };
  int n, decodes = 0;
  for (n = 0; n < images; n++) {
    int width = n < 60 ? n % 20 + 1 : range(1, 300), height = n < 60 ? n / 3 + 1 : range(1, 70);
    int kind = range(0, 5), components = kind == 4 ? 1 : 4;
    J_COLOR_SPACE space = kind == 4 ? JCS_GRAYSCALE : kind == 5 ? JCS_CMYK : JCS_EXT_RGBA;
    int quality = range(0, 3) == 0 ? range(1, 100) : range(70, 95), progressive = range(0, 2) == 0;
    const int *hv = sampling[kind < 4 ? kind : 0];
    unsigned char *pixels = malloc((size_t)width * height * components);
    unsigned long len_a, len_b;
    unsigned char *a, *b;
    int denom;
    fill_image(pixels, width, height, components, range(0, 2));
    a = encode(pixels, width, height, space, components, quality, progressive, hv[0], hv[1], 0, &len_a);
    b = encode(pixels, width, height, space, components, quality, progressive, hv[0], hv[1], JSIMD_WASM_ALL, &len_b);
    if (len_a != len_b || memcmp(a, b, len_a))
      FAIL("encode %dx%d kind %d q%d progressive %d: SIMD output differs", width, height, kind, quality, progressive);
    for (denom = 1; denom <= 8; denom *= 2) {
      J_COLOR_SPACE out_space = range(0, 1) ? JCS_EXT_RGBA : JCS_EXT_RGBX;
      size_t size_a, size_b;
      unsigned char *pa = decode(a, len_a, denom, out_space, 0, &size_a);
      unsigned char *pb = decode(a, len_a, denom, out_space, JSIMD_WASM_ALL, &size_b);
      if (size_a != size_b || memcmp(pa, pb, size_a))
        FAIL("decode %dx%d kind %d q%d progressive %d at 1/%d: SIMD pixels differ", width, height, kind, quality, progressive, denom);
      free(pa);
      free(pb);
      decodes++;
    }
    free(a);
    free(b);
    free(pixels);
  }
  printf("pipeline: %d images encoded and %d decodes identical with and without the kernels\n", images, decodes);
}

int main(int argc, char **argv)
{
  long blocks = argc > 1 ? atol(argv[1]) : 400000;
  start_decompressor();
  check_idct("idct islow 8x8", jpeg_idct_islow, jsimd_idct_islow, jsimd_wasm_idct_islow, blocks);
  check_idct("idct 4x4", jpeg_idct_4x4, jsimd_idct_4x4, jsimd_wasm_idct_4x4, blocks);
  check_idct("idct 2x2", jpeg_idct_2x2, jsimd_idct_2x2, jsimd_wasm_idct_2x2, blocks);
  check_fdct(blocks / 4);
  check_pipeline((int)(blocks / 1000) + 60);
  jpeg_destroy_decompress(&dinfo);
  if (failures) { printf("%d differences\n", failures); return 1; }
  printf("all SIMD kernels match the C code\n");
  return 0;
}
