/*
 * imgproc's thin WebAssembly wrapper around libjpeg-turbo: decode to RGBA with DCT-domain
 * scaling (shrink-on-load) and a fast baseline/progressive encoder (optimised Huffman tables,
 * no trellis). One call at a time (the WASM instance is single-threaded), so results travel
 * through one static `ij_state` record that the JS side reads after each call.
 *
 * Errors never abort: libjpeg's error_exit longjmps back here and the message is kept in
 * `ij_state.message`; warnings (libjpeg's "Premature end of JPEG file", "Corrupt JPEG data")
 * are kept in `ij_state.warning` so the JS side can refuse damaged files the way it always has.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jpeglib.h"
#include "jerror.h"

#define TEXT_MAX 200

typedef struct {
  uint8_t *out;        /* decoded RGBA pixels or encoded bytes (caller frees with ij_free) */
  uint32_t out_len;    /* bytes at out */
  int32_t width;       /* decode: output (scaled) width; header: stored width */
  int32_t height;
  int32_t components;  /* header: number of components in the file */
  int32_t color_space; /* header: libjpeg's J_COLOR_SPACE of the file */
  char message[TEXT_MAX]; /* the error that stopped the call */
  char warning[TEXT_MAX]; /* the first warning seen during the call */
} ij_state_t;

static ij_state_t state;

typedef struct {
  struct jpeg_error_mgr base;
  jmp_buf jump;
} error_mgr;

static void on_error(j_common_ptr cinfo) {
  error_mgr *err = (error_mgr *)cinfo->err;
  (*cinfo->err->format_message)(cinfo, state.message);
  longjmp(err->jump, 1);
}

/* level -1 = warning (corrupt data libjpeg can step over); higher levels are trace output. */
static void on_message(j_common_ptr cinfo, int level) {
  if (level == -1 && state.warning[0] == 0) (*cinfo->err->format_message)(cinfo, state.warning);
  if (level == -1) cinfo->err->num_warnings++;
}

static void silent(j_common_ptr cinfo) { (void)cinfo; }

static void reset_state(void) {
  state.out = NULL;
  state.out_len = 0;
  state.width = state.height = state.components = state.color_space = 0;
  state.message[0] = 0;
  state.warning[0] = 0;
}

static void init_errors(error_mgr *err) {
  jpeg_std_error(&err->base);
  err->base.error_exit = on_error;
  err->base.emit_message = on_message;
  err->base.output_message = silent;
}

ij_state_t *ij_state(void) { return &state; }

#ifdef WITH_SIMD
extern unsigned int jsimd_wasm_mask;
#endif

/*
 * Which of our SIMD128 kernels (jsimd_wasm.h: one bit each) the next calls may use; -1 leaves
 * the set as it is. Returns the set in force before; always 0 in a scalar build (build.sh
 * --scalar). The codecs never call it: every kernel is on by default and gives the C code's
 * exact output; tests and benchmarks turn kernels off to compare.
 */
int ij_simd(int mask) {
#ifdef WITH_SIMD
  int previous = (int)jsimd_wasm_mask;
  if (mask >= 0) jsimd_wasm_mask = (unsigned int)mask;
  return previous;
#else
  (void)mask;
  return 0;
#endif
}

void *ij_malloc(uint32_t size) { return malloc(size); }

void ij_free(void *pointer) { free(pointer); }

/*
 * Copies `count` decoded rows (source rows y0 .. y0 + count - 1 of a width x height image, 4 bytes a
 * pixel) to where they land in `out` once the image is turned clockwise by `turns` quarter turns:
 * source (x, y) goes to (height-1-y, x) for 1 turn, (width-1-x, height-1-y) for 2 and
 * (y, width-1-x) for 3. For 1 and 3 each source column becomes part of an output row, so a block
 * of rows is written as `count` consecutive pixels per output row: the rows just decoded are
 * still in cache, and each output row is touched once per block.
 */
static void place_turned(uint32_t *const *rows, int count, uint32_t y0, uint32_t width, uint32_t height,
                         int turns, uint32_t *out) {
  if (turns == 2) {
    for (int r = 0; r < count; r++) {
      uint32_t *to = out + (size_t)(height - 1 - (y0 + r)) * width + (width - 1);
      const uint32_t *from = rows[r];
      for (uint32_t x = 0; x < width; x++) to[-(ptrdiff_t)x] = from[x];
    }
    return;
  }
  for (uint32_t x = 0; x < width; x++) {
    if (turns == 1) {
      /* output row x, columns height-1-y0 down to height-y0-count */
      uint32_t *to = out + (size_t)x * height + (height - 1 - y0);
      for (int r = 0; r < count; r++) to[-r] = rows[r][x];
    } else {
      /* output row width-1-x, columns y0 .. y0 + count - 1 */
      uint32_t *to = out + (size_t)(width - 1 - x) * height + y0;
      for (int r = 0; r < count; r++) to[r] = rows[r][x];
    }
  }
}

/*
 * Decodes `src` at 1/denom of its size (denom 1, 2, 4 or 8: libjpeg's DCT scaling, output =
 * ceil(stored / denom) per side), turned clockwise by `turns` quarter turns (0-3; turn-on-load:
 * the turn costs a copy of rows still in cache instead of a pass over the whole image). Returns 0
 * and sets state.out/width/height (the turned size), or 1 with state.message. 1- and 3-component
 * files come out as RGBA; 4-component files (CMYK, or YCCK, which libjpeg turns into CMYK) come
 * out as libjpeg's CMYK samples, 4 bytes a pixel, as stored: whether to invert them (Adobe's
 * convention) and which profile to apply is left to the caller. state.components tells the two
 * layouts apart.
 */
int ij_decode(const uint8_t *src, uint32_t len, int denom, int turns) {
  struct jpeg_decompress_struct cinfo;
  error_mgr err;
  uint8_t *volatile pixels = NULL;
  uint8_t *volatile block = NULL;
  reset_state();
  cinfo.err = &err.base;
  init_errors(&err);
  if (setjmp(err.jump)) {
    free(pixels);
    free(block);
    jpeg_destroy_decompress(&cinfo);
    return 1;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, src, len);
  jpeg_read_header(&cinfo, TRUE);
  state.components = cinfo.num_components;
  state.color_space = cinfo.jpeg_color_space;
  if (cinfo.num_components != 1 && cinfo.num_components != 3 && cinfo.num_components != 4) {
    snprintf(state.message, TEXT_MAX, "%d-component JPEG cannot be decoded here", cinfo.num_components);
    jpeg_destroy_decompress(&cinfo);
    return 1;
  }
  cinfo.out_color_space = cinfo.num_components == 4 ? JCS_CMYK : JCS_EXT_RGBA;
  cinfo.scale_num = 1;
  cinfo.scale_denom = (denom == 2 || denom == 4 || denom == 8) ? denom : 1;
  turns &= 3;
  jpeg_start_decompress(&cinfo);
  uint32_t width = cinfo.output_width, height = cinfo.output_height;
  uint32_t stride = width * 4;
  pixels = malloc((size_t)stride * height);
  /* a turned decode lands 16 rows at a time in `block`, then in place */
  if (turns) block = malloc((size_t)stride * 16);
  if (!pixels || (turns && !block)) {
    snprintf(state.message, TEXT_MAX, "out of memory for %ux%u pixels", width, height);
    free(pixels);
    free(block);
    jpeg_destroy_decompress(&cinfo);
    return 1;
  }
  JSAMPROW rows[16];
  while (cinfo.output_scanline < height) {
    uint32_t y0 = cinfo.output_scanline;
    int count = 0;
    for (; count < 16 && y0 + count < height; count++) {
      rows[count] = turns ? block + (size_t)count * stride : pixels + (size_t)(y0 + count) * stride;
    }
    for (int done = 0; done < count;) {
      JDIMENSION got = jpeg_read_scanlines(&cinfo, rows + done, count - done);
      /* a memory source never suspends; no progress would mean a loop forever */
      if (!got) ERREXIT(&cinfo, JERR_INPUT_EMPTY);
      done += (int)got;
    }
    if (turns) place_turned((uint32_t *const *)rows, count, y0, width, height, turns, (uint32_t *)pixels);
  }
  jpeg_finish_decompress(&cinfo);
  free(block);
  state.out = pixels;
  state.out_len = stride * height;
  state.width = turns & 1 ? height : width;
  state.height = turns & 1 ? width : height;
  jpeg_destroy_decompress(&cinfo);
  return 0;
}

static unsigned char *encoded;
static unsigned long encoded_len;

/*
 * Encodes RGBA `rgba` (width x height) at `quality` (1-100, IJG Annex K tables, 4:2:0) as
 * baseline or progressive JPEG with optimised Huffman tables. Returns 0 and sets
 * state.out/out_len, or 1 with state.message.
 */
int ij_encode(const uint8_t *rgba, int width, int height, int quality, int progressive) {
  struct jpeg_compress_struct cinfo;
  error_mgr err;
  reset_state();
  encoded = NULL;
  encoded_len = 0;
  cinfo.err = &err.base;
  init_errors(&err);
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    free(encoded);
    encoded = NULL;
    return 1;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &encoded, &encoded_len);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_EXT_RGBA;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  cinfo.optimize_coding = TRUE;
  if (progressive) jpeg_simple_progression(&cinfo);
  jpeg_start_compress(&cinfo, TRUE);
  uint32_t stride = (uint32_t)width * 4;
  JSAMPROW rows[16];
  while (cinfo.next_scanline < cinfo.image_height) {
    int count = 0;
    for (; count < 16 && cinfo.next_scanline + count < cinfo.image_height; count++) {
      rows[count] = (JSAMPROW)(rgba + (size_t)(cinfo.next_scanline + count) * stride);
    }
    jpeg_write_scanlines(&cinfo, rows, count);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  state.out = encoded;
  state.out_len = (uint32_t)encoded_len;
  encoded = NULL;
  return 0;
}
