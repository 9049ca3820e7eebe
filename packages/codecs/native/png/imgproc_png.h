/*
 * imgproc_png: the pixel work of @imgproc/codecs' PNG codec in WebAssembly (see README.md).
 * The container (chunks, CRCs, IHDR/PLTE/tRNS) is read and written in TypeScript
 * (src/formats/png*.ts); this module inflates and unfilters image data into RGBA8, and analyses,
 * packs, filters and deflates RGBA8 into image data. Inflate and deflate are libdeflate's.
 */
#ifndef IMGPROC_PNG_H
#define IMGPROC_PNG_H
#include <stddef.h>
#include <stdint.h>

/* The one result record, read by src/formats/png-wasm.ts at these offsets. */
typedef struct {
  uint8_t *out;          /* 0: decode: RGBA8 pixels; encode: the zlib stream (IDAT data) */
  uint32_t out_len;      /* 4 */
  uint32_t flags;        /* 8: analysis: IP_OPAQUE | IP_GREY */
  uint32_t colours;      /* 12: analysis: distinct RGBA values, 257 meaning "more than 256" */
  uint32_t grey_depth;   /* 16: analysis, grey images: the smallest bit depth holding every value exactly */
  uint32_t adaptive;     /* 20: encode: 1 when per-row adaptive filters won over filter 0 */
  uint32_t palette[256]; /* 24: analysis: the colours as RGBA bytes, the non-opaque ones first */
  char message[200];     /* 1048: why the last call failed */
} ip_state_t;

enum { IP_OPAQUE = 1, IP_GREY = 2 };

extern ip_state_t ip_result;

/* The seven Adam7 passes: x start, y start, x step, y step. Non-interlaced images use ADAM7_NONE. */
typedef struct { uint8_t x0, y0, dx, dy; } ip_pass_t;
extern const ip_pass_t IP_ADAM7[7];
extern const ip_pass_t IP_ADAM7_NONE[1];

/* Pixels across and rows down of one pass of a w x h image (0 when the pass is empty). */
uint32_t ip_pass_size(uint32_t size, uint32_t start, uint32_t step);
/* Bytes of one packed scanline (without its filter byte). */
size_t ip_row_bytes(uint32_t width, uint32_t channels, uint32_t depth);

/* The shape of an image's data: its passes, and its scanlines with their filter-type bytes. */
typedef struct {
  const ip_pass_t *passes;
  uint32_t npasses;
  uint32_t channels;
  uint32_t bpp;     /* bytes a pixel for the filters (1 below 8 bits a pixel) */
  uint64_t bytes;   /* all scanlines, filter bytes included */
  uint32_t rows;    /* scanlines in all passes */
  size_t widest;    /* the longest scanline, without its filter byte */
} ip_layout_t;

ip_layout_t ip_layout(uint32_t width, uint32_t height, uint32_t ctype, uint32_t depth, uint32_t interlace);

/* One scanline, pass after pass: where its filter-type byte is, and which pixels it holds. */
typedef struct {
  size_t at;       /* offset of its filter-type byte in the image data */
  size_t bytes;    /* its length without that byte */
  uint32_t pixels; /* how many, from (x0, y) every dx pixels */
  uint32_t x0, dx, y;
  int first;       /* the first row of its pass (the row above counts as zeros) */
} ip_row_t;

typedef struct {
  ip_layout_t layout;
  uint32_t width, height, depth, pass, row, rows;
  ip_row_t current;
} ip_rows_t;

ip_rows_t ip_rows(ip_layout_t layout, uint32_t width, uint32_t height, uint32_t depth);
/* The next scanline in `it->current`; 0 after the last. */
int ip_next_row(ip_rows_t *it);

/* Filters (png_filters.c). `prev` is the previous row already unfiltered (zeros for a first row). */
void ip_unfilter(uint32_t type, uint8_t *dst, const uint8_t *src, const uint8_t *prev, size_t n, uint32_t bpp);
/*
 * Writes into dst the row filtered by the type whose bytes have the smallest sum of |signed byte|
 * (libpng's adaptive heuristic) and returns that type; `candidate` is n bytes of scratch.
 */
uint32_t ip_filter_adaptive(uint8_t *dst, uint8_t *candidate, const uint8_t *row, const uint8_t *prev, size_t n, uint32_t bpp);

int ip_fail(const char *message);
#endif
