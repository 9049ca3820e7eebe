/*
 * libjpeg-turbo 3.2.0's SIMD dispatcher for WebAssembly SIMD128, in place of upstream's
 * simd/jsimd.c (which only knows x86, Arm, PowerPC, RISC-V and MIPS). The library calls each
 * jsimd_set_*() when it sets a module up for an image; a nonzero return plugs our kernel in,
 * zero keeps the C code. Which kernels may be plugged in is jsimd_wasm_mask (one bit each, see
 * jsimd_wasm.h), so one build can run with and without any kernel: the test that compares the
 * two byte for byte and the benchmark that times each kernel both rely on that.
 *
 * The dispatcher offers nothing for merged upsampling, plain (non-fancy) upsampling, the
 * fast/float DCTs, h2v1 downsampling, RGB -> greyscale or RGB565: our decoder and encoder never
 * take those paths (fancy upsampling, islow DCTs, 4:2:0 encoding). The Huffman decoder stays
 * the C code (bit-serial, and no hook for it exists).
 */
#include "jsimd_wasm.h"
#include "jsimd.h"

unsigned int jsimd_wasm_mask = JSIMD_WASM_ALL;

#define WASM_SIMD 1             /* any nonzero value: "a SIMD kernel is plugged in" */

static int allowed(unsigned int kernel) { return (jsimd_wasm_mask & kernel) != 0; }

/* RGBX/RGBA byte order, four bytes a pixel: the only layouts our kernels convert. */
static int rgbx_layout(J_COLOR_SPACE space)
{
  return space == JCS_EXT_RGBX || space == JCS_EXT_RGBA;
}

/* ---- colour conversion ---------------------------------------------------------------- */

HIDDEN unsigned int jsimd_set_rgb_ycc(j_compress_ptr cinfo)
{
  if (!allowed(JSIMD_WASM_RGB_YCC) || !cinfo->cconvert || !rgbx_layout(cinfo->in_color_space))
    return 0;
  cinfo->cconvert->color_convert_simd = jsimd_wasm_rgbx_ycc;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_rgb_gray(j_compress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_color_convert(j_compress_ptr cinfo, JSAMPARRAY input_buf,
                                JSAMPIMAGE output_buf, JDIMENSION output_row, int num_rows)
{
  cinfo->cconvert->color_convert_simd(cinfo->image_width, input_buf, output_buf, output_row,
                                      num_rows);
}

HIDDEN unsigned int jsimd_set_ycc_rgb(j_decompress_ptr cinfo)
{
  if (!allowed(JSIMD_WASM_YCC_RGB) || !cinfo->cconvert || !rgbx_layout(cinfo->out_color_space))
    return 0;
  cinfo->cconvert->color_convert_simd = jsimd_wasm_ycc_rgbx;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_ycc_rgb565(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_color_deconvert(j_decompress_ptr cinfo, JSAMPIMAGE input_buf,
                                  JDIMENSION input_row, JSAMPARRAY output_buf, int num_rows)
{
  cinfo->cconvert->color_convert_simd(cinfo->output_width, input_buf, input_row, output_buf,
                                      num_rows);
}

/* ---- downsampling (encoder) ------------------------------------------------------------ */

HIDDEN unsigned int jsimd_set_h2v1_downsample(j_compress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_h2v1_downsample(j_compress_ptr cinfo, jpeg_component_info *compptr,
                                  JSAMPARRAY input_data, JSAMPARRAY output_data)
{
  cinfo->downsample->h2v1_downsample_simd(cinfo->image_width, cinfo->max_v_samp_factor,
                                          compptr->v_samp_factor, compptr->width_in_blocks,
                                          input_data, output_data);
}

HIDDEN unsigned int jsimd_set_h2v2_downsample(j_compress_ptr cinfo)
{
  /* lossless JPEG downsamples in 1-sample data units, the kernel in 8-sample blocks */
  if (!allowed(JSIMD_WASM_H2V2_DOWN) || !cinfo->downsample || cinfo->master->lossless)
    return 0;
  cinfo->downsample->h2v2_downsample_simd = jsimd_wasm_h2v2_downsample;
  return WASM_SIMD;
}

HIDDEN void jsimd_h2v2_downsample(j_compress_ptr cinfo, jpeg_component_info *compptr,
                                  JSAMPARRAY input_data, JSAMPARRAY output_data)
{
  cinfo->downsample->h2v2_downsample_simd(cinfo->image_width, cinfo->max_v_samp_factor,
                                          compptr->v_samp_factor, compptr->width_in_blocks,
                                          input_data, output_data);
}

/* ---- upsampling (decoder) -------------------------------------------------------------- */

HIDDEN unsigned int jsimd_set_h2v1_upsample(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_h2v1_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                                JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  (void)compptr;
  cinfo->upsample->h2v1_upsample_simd(cinfo->max_v_samp_factor, cinfo->output_width,
                                      input_data, output_data_ptr);
}

HIDDEN unsigned int jsimd_set_h2v2_upsample(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_h2v2_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                                JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  (void)compptr;
  cinfo->upsample->h2v2_upsample_simd(cinfo->max_v_samp_factor, cinfo->output_width,
                                      input_data, output_data_ptr);
}

HIDDEN unsigned int jsimd_set_h2v1_fancy_upsample(j_decompress_ptr cinfo)
{
  if (!allowed(JSIMD_WASM_H2V1_FANCY) || !cinfo->upsample) return 0;
  cinfo->upsample->h2v1_upsample_simd = jsimd_wasm_h2v1_fancy_upsample;
  return WASM_SIMD;
}

HIDDEN void jsimd_h2v1_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                                      JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  cinfo->upsample->h2v1_upsample_simd(cinfo->max_v_samp_factor, compptr->downsampled_width,
                                      input_data, output_data_ptr);
}

HIDDEN unsigned int jsimd_set_h2v2_fancy_upsample(j_decompress_ptr cinfo)
{
  if (!allowed(JSIMD_WASM_H2V2_FANCY) || !cinfo->upsample) return 0;
  cinfo->upsample->h2v2_upsample_simd = jsimd_wasm_h2v2_fancy_upsample;
  return WASM_SIMD;
}

HIDDEN void jsimd_h2v2_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                                      JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  cinfo->upsample->h2v2_upsample_simd(cinfo->max_v_samp_factor, compptr->downsampled_width,
                                      input_data, output_data_ptr);
}

HIDDEN unsigned int jsimd_set_h2v1_merged_upsample(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_h2v1_merged_upsample(j_decompress_ptr cinfo, JSAMPIMAGE input_buf,
                                       JDIMENSION in_row_group_ctr, JSAMPARRAY output_buf)
{
  cinfo->upsample->merged_upsample_simd(cinfo->output_width, input_buf, in_row_group_ctr,
                                        output_buf);
}

HIDDEN unsigned int jsimd_set_h2v2_merged_upsample(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_h2v2_merged_upsample(j_decompress_ptr cinfo, JSAMPIMAGE input_buf,
                                       JDIMENSION in_row_group_ctr, JSAMPARRAY output_buf)
{
  cinfo->upsample->merged_upsample_simd(cinfo->output_width, input_buf, in_row_group_ctr,
                                        output_buf);
}

/* ---- forward DCT, sample conversion, quantisation (encoder) ----------------------------- */

HIDDEN unsigned int jsimd_set_convsamp(j_compress_ptr cinfo, convsamp_method_ptr *method)
{
  (void)cinfo;
  if (!allowed(JSIMD_WASM_CONVSAMP)) return 0;
  *method = jsimd_wasm_convsamp;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_convsamp_float(j_compress_ptr cinfo,
                                             float_convsamp_method_ptr *method)
{
  (void)cinfo; (void)method;
  return 0;
}

HIDDEN unsigned int jsimd_set_fdct_islow(j_compress_ptr cinfo, forward_DCT_method_ptr *method)
{
  (void)cinfo;
  if (!allowed(JSIMD_WASM_FDCT_ISLOW)) return 0;
  *method = jsimd_wasm_fdct_islow;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_fdct_ifast(j_compress_ptr cinfo, forward_DCT_method_ptr *method)
{
  (void)cinfo; (void)method;
  return 0;
}

HIDDEN unsigned int jsimd_set_fdct_float(j_compress_ptr cinfo, float_DCT_method_ptr *method)
{
  (void)cinfo; (void)method;
  return 0;
}

/* jcdctmgr.c itself falls back to its C quantize() for divisors our reciprocal layout cannot
 * express (compute_reciprocal() returns 0 for them). */
HIDDEN unsigned int jsimd_set_quantize(j_compress_ptr cinfo, quantize_method_ptr *method)
{
  (void)cinfo;
  if (!allowed(JSIMD_WASM_QUANTIZE)) return 0;
  *method = jsimd_wasm_quantize;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_quantize_float(j_compress_ptr cinfo,
                                             float_quantize_method_ptr *method)
{
  (void)cinfo; (void)method;
  return 0;
}

/* ---- inverse DCTs (decoder) --------------------------------------------------------------
 * The kernels decline blocks whose coefficients could make their 16-bit lanes differ from the
 * C code's 32-bit arithmetic; the C IDCT then does that block, so the output stays exact. */

HIDDEN unsigned int jsimd_set_idct_islow(j_decompress_ptr cinfo)
{
  return allowed(JSIMD_WASM_IDCT_ISLOW) && cinfo->idct ? WASM_SIMD : 0;
}

HIDDEN void jsimd_idct_islow(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                             JCOEFPTR coef_block, JSAMPARRAY output_buf, JDIMENSION output_col)
{
  if (!jsimd_wasm_idct_islow(coef_block, (ISLOW_MULT_TYPE *)compptr->dct_table,
                             IDCT_range_limit(cinfo), output_buf, output_col))
    jpeg_idct_islow(cinfo, compptr, coef_block, output_buf, output_col);
}

HIDDEN unsigned int jsimd_set_idct_ifast(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_idct_ifast(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                             JCOEFPTR coef_block, JSAMPARRAY output_buf, JDIMENSION output_col)
{
  jpeg_idct_ifast(cinfo, compptr, coef_block, output_buf, output_col);
}

HIDDEN unsigned int jsimd_set_idct_float(j_decompress_ptr cinfo) { (void)cinfo; return 0; }

HIDDEN void jsimd_idct_float(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                             JCOEFPTR coef_block, JSAMPARRAY output_buf, JDIMENSION output_col)
{
  jpeg_idct_float(cinfo, compptr, coef_block, output_buf, output_col);
}

HIDDEN unsigned int jsimd_set_idct_2x2(j_decompress_ptr cinfo)
{
  return allowed(JSIMD_WASM_IDCT_2X2) && cinfo->idct ? WASM_SIMD : 0;
}

HIDDEN void jsimd_idct_2x2(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                           JCOEFPTR coef_block, JSAMPARRAY output_buf, JDIMENSION output_col)
{
  if (!jsimd_wasm_idct_2x2(coef_block, (ISLOW_MULT_TYPE *)compptr->dct_table,
                           IDCT_range_limit(cinfo), output_buf, output_col))
    jpeg_idct_2x2(cinfo, compptr, coef_block, output_buf, output_col);
}

HIDDEN unsigned int jsimd_set_idct_4x4(j_decompress_ptr cinfo)
{
  return allowed(JSIMD_WASM_IDCT_4X4) && cinfo->idct ? WASM_SIMD : 0;
}

HIDDEN void jsimd_idct_4x4(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                           JCOEFPTR coef_block, JSAMPARRAY output_buf, JDIMENSION output_col)
{
  if (!jsimd_wasm_idct_4x4(coef_block, (ISLOW_MULT_TYPE *)compptr->dct_table,
                           IDCT_range_limit(cinfo), output_buf, output_col))
    jpeg_idct_4x4(cinfo, compptr, coef_block, output_buf, output_col);
}

/* ---- entropy coding ---------------------------------------------------------------------
 * The sequential encoder's block (nonzero coefficients found by mask) and the progressive
 * coder's per-block preparation; the bit-serial emitting itself stays scalar. */

HIDDEN unsigned int jsimd_set_huff_encode_one_block(j_compress_ptr cinfo)
{
  if (!allowed(JSIMD_WASM_HUFF_BLOCK) || sizeof(JCOEF) != 2 || !cinfo->entropy) return 0;
  cinfo->entropy->huff_encode_one_block_simd =
    (JOCTET *(*)(void *, JOCTET *, JCOEFPTR, int, void *, void *))jsimd_wasm_huff_encode_one_block;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_encode_mcu_AC_first_prepare
  (j_compress_ptr cinfo,
   void (**method) (const JCOEF *, const int *, int, int, UJCOEF *, size_t *))
{
  (void)cinfo;
  if (!allowed(JSIMD_WASM_PHUFF_PREP)) return 0;
  *method = jsimd_wasm_encode_mcu_AC_first_prepare;
  return WASM_SIMD;
}

HIDDEN unsigned int jsimd_set_encode_mcu_AC_refine_prepare
  (j_compress_ptr cinfo,
   int (**method) (const JCOEF *, const int *, int, int, UJCOEF *, size_t *))
{
  (void)cinfo;
  if (!allowed(JSIMD_WASM_PHUFF_PREP)) return 0;
  *method = jsimd_wasm_encode_mcu_AC_refine_prepare;
  return WASM_SIMD;
}
