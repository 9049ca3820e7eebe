/*
 * imgproc's WebAssembly SIMD128 kernels for libjpeg-turbo 3.2.0 (8-bit lossy JPEG): what
 * jsimd_wasm.c plugs into the library's SIMD dispatcher (simd/jsimd.h, simd/jsimddct.h).
 *
 * Every kernel gives exactly the output of the C code it replaces, for every input: where the
 * 16-bit arithmetic a kernel uses could differ from the C code's 32-bit arithmetic (IDCTs fed
 * corrupt or extreme coefficients), the kernel declines the block and the C function runs.
 * simd_check.c verifies each kernel against the C code on random and adversarial data.
 */
#ifndef JSIMD_WASM_H
#define JSIMD_WASM_H

#define JPEG_INTERNALS
#include "jinclude.h"
#include "jpeglib.h"
#include "jsimddct.h"
#include "jchuff.h"         /* UJCOEF */

/* One bit per kernel: jsimd_wasm_mask says which the next jpeg_start_(de)compress may plug in
 * (imgproc_jpeg.c's ij_simd() sets it; tests and benchmarks turn kernels off to compare). */
#define JSIMD_WASM_IDCT_ISLOW  0x001
#define JSIMD_WASM_IDCT_4X4    0x002
#define JSIMD_WASM_IDCT_2X2    0x004
#define JSIMD_WASM_YCC_RGB     0x008
#define JSIMD_WASM_H2V1_FANCY  0x010
#define JSIMD_WASM_H2V2_FANCY  0x020
#define JSIMD_WASM_RGB_YCC     0x040
#define JSIMD_WASM_H2V2_DOWN   0x080
#define JSIMD_WASM_CONVSAMP    0x100
#define JSIMD_WASM_FDCT_ISLOW  0x200
#define JSIMD_WASM_QUANTIZE    0x400
#define JSIMD_WASM_PHUFF_PREP  0x800
#define JSIMD_WASM_HUFF_BLOCK  0x1000
#define JSIMD_WASM_HUFF_GATHER 0x2000  /* literal in build.sh's jchuff.c patch */
#define JSIMD_WASM_ALL         0x3fff

extern unsigned int jsimd_wasm_mask;

/* Inverse DCTs (jsimd_wasm_idct.c, jsimd_wasm_idctred.c). A block whose AC coefficients are
 * all zero is filled from `range_limit` (IDCT_range_limit(cinfo)) exactly as the C code's
 * shortcuts do; any other block is transformed in 16-bit lanes, or, when its coefficients are
 * outside the range where that is exact, declined: the kernel returns 0 and writes nothing, and
 * the caller runs the C IDCT. */
int jsimd_wasm_idct_islow(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                          const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                          JDIMENSION output_col);
int jsimd_wasm_idct_4x4(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                        const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                        JDIMENSION output_col);
int jsimd_wasm_idct_2x2(const JCOEF *coef_block, const ISLOW_MULT_TYPE *quant,
                        const JSAMPLE *range_limit, JSAMPARRAY output_buf,
                        JDIMENSION output_col);

/* Colour conversion (jsimd_wasm_color.c): YCbCr -> RGBA/RGBX (alpha 255) and RGBA/RGBX ->
 * YCbCr, the equations of jdcolext.c / jccolext.c. */
void jsimd_wasm_ycc_rgbx(JDIMENSION out_width, JSAMPIMAGE input_buf, JDIMENSION input_row,
                         JSAMPARRAY output_buf, int num_rows);
void jsimd_wasm_rgbx_ycc(JDIMENSION img_width, JSAMPARRAY input_buf, JSAMPIMAGE output_buf,
                         JDIMENSION output_row, int num_rows);

/* Chroma resampling (jsimd_wasm_sample.c): jdsample.c's fancy upsamplers, jcsample.c's h2v2
 * downsampler (including its right-edge expansion). */
void jsimd_wasm_h2v1_fancy_upsample(int max_v_samp_factor, JDIMENSION downsampled_width,
                                    JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr);
void jsimd_wasm_h2v2_fancy_upsample(int max_v_samp_factor, JDIMENSION downsampled_width,
                                    JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr);
void jsimd_wasm_h2v2_downsample(JDIMENSION image_width, int max_v_samp_factor,
                                JDIMENSION v_samp_factor, JDIMENSION width_in_blocks,
                                JSAMPARRAY input_data, JSAMPARRAY output_data);

/* Forward DCT path (jsimd_wasm_fdct.c): jcdctmgr.c's sample conversion and quantisation (with
 * its reciprocal tables), jfdctint.c's accurate integer forward DCT. */
void jsimd_wasm_convsamp(JSAMPARRAY sample_data, JDIMENSION start_col, DCTELEM *workspace);
void jsimd_wasm_fdct_islow(DCTELEM *data);
void jsimd_wasm_quantize(JCOEFPTR coef_block, DCTELEM *divisors, DCTELEM *workspace);

/* Progressive Huffman encoding's per-block preparation (jsimd_wasm_phuff.c): jcphuff.c's
 * encode_mcu_AC_first_prepare / encode_mcu_AC_refine_prepare. */
void jsimd_wasm_encode_mcu_AC_first_prepare(const JCOEF *block, const int *jpeg_natural_order_start,
                                            int Sl, int Al, UJCOEF *values, size_t *bits);
int jsimd_wasm_encode_mcu_AC_refine_prepare(const JCOEF *block, const int *jpeg_natural_order_start,
                                            int Sl, int Al, UJCOEF *absvalues, size_t *bits);

/* The sequential Huffman encoder's block (jsimd_wasm_huff.c): jchuff.c's encode_one_block, visiting
 * only the nonzero coefficients; `state` is jchuff.c's working_state. */
JOCTET *jsimd_wasm_huff_encode_one_block(void *state, JOCTET *buffer, JCOEFPTR block,
                                         int last_dc_val, c_derived_tbl *dctbl,
                                         c_derived_tbl *actbl);
/* jchuff.c's htest_one_block (the statistics pass), called from its patched call site when
 * JSIMD_WASM_HUFF_GATHER is on. */
void jsimd_wasm_htest_one_block(j_compress_ptr cinfo, JCOEFPTR block, int last_dc_val,
                                long dc_counts[], long ac_counts[]);

#endif
