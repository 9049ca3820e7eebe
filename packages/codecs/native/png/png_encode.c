/*
 * RGBA8 to PNG image data. ip_analyse tells the caller what the pixels allow (opaque? grey? at
 * most 256 colours?); the caller picks the colour type and bit depth; ip_encode packs the rows in
 * it, filters and deflates them (libdeflate, zlib format).
 *
 * Filters: per-row adaptive filtering (libpng's minimum sum of |signed bytes|) is what makes
 * photos small, but on drawings, flat colour and mostly transparent images it loses to no
 * filter at all, by 10-90% (sharp/libvips writes filter 0 by default for that reason). Neither is
 * right for every image, so both are tried, at libdeflate's fastest level (its choice agrees with
 * the asked level's on 83 of 87 corpus images and thumbnails, costing 0.3% in total): whole when
 * the scanlines are small, else on eight evenly spread bands of rows. Only the winner is
 * compressed at the asked level. Tiny images are tried at the asked level itself.
 */
#include <stdlib.h>
#include <string.h>
#include "libdeflate.h"
#include "imgproc_png.h"

#define SLACK 16
/* scanlines up to this size are tried whole; past it the choice is made on bands */
#define TRIAL_WHOLE_BYTES (1u << 20)
/* up to this size the trial is at the asked level (and its winner kept), past it at level 1 */
#define TRIAL_EXACT_BYTES (64u << 10)
#define TRIAL_BANDS 8
#define TRIAL_BAND_BYTES (64u << 10)
#define HASH_SLOTS 1024

static struct libdeflate_compressor *compressor, *trial_compressor;
static int compressor_level = -1;

/* The palette of the last ip_analyse: colour -> index + 1 (0: empty slot), open addressing. */
static uint32_t hash_keys[HASH_SLOTS];
static uint16_t hash_values[HASH_SLOTS];

static inline uint32_t slot_of(uint32_t colour) {
  uint32_t slot = (colour * 0x9E3779B1u) >> 22;
  while (hash_values[slot] && hash_keys[slot] != colour) slot = (slot + 1) & (HASH_SLOTS - 1);
  return slot;
}

static uint32_t grey_depth(const uint32_t *px, uint32_t n) {
  uint8_t seen[256] = { 0 };
  uint32_t depth = 1;
  for (uint32_t i = 0; i < n; i++) seen[px[i] & 0xff] = 1;
  for (uint32_t v = 0; v < 256; v++) {
    if (!seen[v]) continue;
    uint32_t need = v % 255 == 0 ? 1 : v % 85 == 0 ? 2 : v % 17 == 0 ? 4 : 8;
    if (need > depth) depth = need;
  }
  return depth;
}

/*
 * Looks at n RGBA8 pixels (4-byte aligned): ip_result.flags, .grey_depth, .colours, and for at
 * most 256 colours .palette (non-opaque entries first, so tRNS can stop at the last of them) with
 * the lookup ip_encode uses for colour type 3.
 */
int ip_analyse(const uint8_t *rgba, uint32_t n) {
  const uint32_t *px = (const uint32_t *)rgba;
  uint32_t all = 0xffffffffu, differ = 0, count = 0, order[256];
  for (uint32_t i = 0; i < n; i++) {
    uint32_t p = px[i];
    all &= p;
    differ |= (p ^ (p >> 8)) & 0xffff; /* R != G or G != B */
  }
  ip_result.flags = ((all >> 24) == 0xff ? IP_OPAQUE : 0) | (differ == 0 ? IP_GREY : 0);
  ip_result.grey_depth = differ == 0 ? grey_depth(px, n) : 8;
  memset(hash_values, 0, sizeof hash_values);
  for (uint32_t i = 0, last = n ? ~px[0] : 0; i < n; i++) {
    uint32_t p = px[i], slot;
    if (p == last) continue;
    last = p;
    slot = slot_of(p);
    if (hash_values[slot]) continue;
    if (count == 256) {
      count = 257;
      break;
    }
    hash_keys[slot] = p;
    hash_values[slot] = 1;
    order[count++] = p;
  }
  ip_result.colours = count;
  if (count > 256) return 0;
  uint32_t k = 0;
  for (int opaque = 0; opaque < 2; opaque++) {
    for (uint32_t i = 0; i < count; i++) {
      if (((order[i] >> 24) == 0xff) != opaque) continue;
      ip_result.palette[k] = order[i];
      hash_values[slot_of(order[i])] = (uint16_t)(k + 1);
      k++;
    }
  }
  return 0;
}

/* n pixels `step` apart from `src` as one scanline of the target colour type and depth. */
static void pack_row(uint8_t *out, const uint32_t *src, uint32_t step, uint32_t n, uint32_t ctype, uint32_t depth) {
  uint32_t i;
  if (ctype == 6 && step == 1) {
    memcpy(out, src, (size_t)n * 4);
    return;
  }
  if (ctype == 6 || ctype == 2 || ctype == 4) {
    for (i = 0; i < n; i++, src += step) {
      uint32_t p = *src;
      *out++ = (uint8_t)p;
      if (ctype != 4) {
        *out++ = (uint8_t)(p >> 8);
        *out++ = (uint8_t)(p >> 16);
      }
      if (ctype != 2) *out++ = (uint8_t)(p >> 24);
    }
    return;
  }
  /* grey (colour type 0) or palette indices, 1/2/4/8 bits, most significant first */
  const uint32_t scale = 255u / ((1u << depth) - 1);
  uint32_t acc = 0, bits = 0;
  for (i = 0; i < n; i++, src += step) {
    uint32_t v = ctype == 0 ? (*src & 0xff) / scale : hash_values[slot_of(*src)] - 1u;
    acc = acc << depth | v;
    bits += depth;
    if (bits == 8) {
      *out++ = (uint8_t)acc;
      acc = bits = 0;
    }
  }
  if (bits) *out = (uint8_t)(acc << (8 - bits));
}

static size_t compress(uint8_t *out, size_t capacity, const uint8_t *data, size_t n) {
  return libdeflate_zlib_compress(compressor, data, n, out, capacity);
}

static size_t trial_size(uint8_t *out, size_t capacity, const uint8_t *data, size_t n) {
  return libdeflate_zlib_compress(trial_compressor, data, n, out, capacity);
}

/* The packed scanlines of an image, each after a filter-type byte of 0, and where each row starts. */
typedef struct {
  uint8_t *plain;
  size_t *at;     /* rows + 1 offsets into plain */
  uint8_t *first; /* per row: 1 for the first row of a pass (its previous row is all zeros) */
  const uint8_t *zero;
  uint8_t *scratch;
  uint32_t rows, bpp;
} scanlines_t;

/* Rows [from, to) filtered adaptively into dst (row `from` at dst[0]). */
static void filter_rows(const scanlines_t *s, uint8_t *dst, uint32_t from, uint32_t to) {
  const size_t base = s->at[from];
  for (uint32_t r = from; r < to; r++) {
    const size_t o = s->at[r], n = s->at[r + 1] - o - 1;
    const uint8_t *prev = s->first[r] ? s->zero : s->plain + s->at[r - 1] + 1;
    dst[o - base] = (uint8_t)ip_filter_adaptive(dst + o - base + 1, s->scratch, s->plain + o + 1, prev, n, s->bpp);
  }
}

/*
 * Whether adaptive filtering compresses smaller than filter 0, judged on TRIAL_BANDS bands of
 * rows spread over the image, each compressed alone both ways (band: a scratch buffer).
 */
static int adaptive_wins_on_bands(const scanlines_t *s, uint8_t *band, uint8_t *out, size_t capacity) {
  size_t none = 0, adaptive = 0;
  for (uint32_t b = 0; b < TRIAL_BANDS; b++) {
    uint32_t first = (uint32_t)((uint64_t)s->rows * b / TRIAL_BANDS), end = first + 1;
    while (end < s->rows && s->at[end] - s->at[first] < TRIAL_BAND_BYTES) end++;
    size_t n = s->at[end] - s->at[first];
    none += trial_size(out, capacity, s->plain + s->at[first], n);
    filter_rows(s, band, first, end);
    adaptive += trial_size(out, capacity, band, n);
  }
  return adaptive < none;
}

/* Compresses the scanlines filter 0 or adaptive, whichever is smaller; 0 when out of memory. */
static size_t compress_best(const scanlines_t *s, size_t n, size_t widest, uint8_t **out, size_t capacity) {
  uint8_t *filtered = malloc((n <= TRIAL_WHOLE_BYTES ? n : TRIAL_BAND_BYTES + widest + 1) + SLACK);
  size_t size = 0;
  if (!filtered) return 0;
  if (n <= TRIAL_EXACT_BYTES) {
    /* small: both at the asked level, the smaller kept */
    uint8_t *other = malloc(capacity + SLACK);
    if (other) {
      size_t none = compress(*out, capacity, s->plain, n), adaptive;
      filter_rows(s, filtered, 0, s->rows);
      adaptive = compress(other, capacity, filtered, n);
      ip_result.adaptive = adaptive && adaptive < none;
      size = ip_result.adaptive ? adaptive : none;
      if (ip_result.adaptive) {
        free(*out);
        *out = other;
      } else {
        free(other);
      }
    }
  } else if (n <= TRIAL_WHOLE_BYTES) {
    filter_rows(s, filtered, 0, s->rows);
    ip_result.adaptive = trial_size(*out, capacity, filtered, n) < trial_size(*out, capacity, s->plain, n);
    size = compress(*out, capacity, ip_result.adaptive ? filtered : s->plain, n);
  } else {
    ip_result.adaptive = (uint32_t)adaptive_wins_on_bands(s, filtered, *out, capacity);
    if (!ip_result.adaptive) {
      size = compress(*out, capacity, s->plain, n);
    } else {
      free(filtered);
      filtered = malloc(n + SLACK);
      if (filtered) {
        filter_rows(s, filtered, 0, s->rows);
        size = compress(*out, capacity, filtered, n);
      }
    }
  }
  free(filtered);
  return size;
}

/*
 * Encodes width x height RGBA8 pixels as PNG image data of colour type `ctype` (0, 2, 3, 4 or 6;
 * 3 uses the palette of the last ip_analyse of these pixels) and `depth` bits, at zlib `level`
 * (0-9, libdeflate's levels), Adam7 when `interlace`. ip_result.out: the zlib stream.
 */
int ip_encode(const uint8_t *rgba, uint32_t width, uint32_t height, uint32_t ctype, uint32_t depth, uint32_t level, uint32_t interlace) {
  const ip_layout_t layout = ip_layout(width, height, ctype, depth, interlace);
  const size_t widest = layout.widest;
  scanlines_t s = { 0 };
  ip_result.out = NULL;
  ip_result.out_len = 0;
  if (ctype == 3 && ip_result.colours > 256) return ip_fail("a palette was asked for more than 256 colours");
  if (layout.bytes > 0x3fff0000u) return ip_fail("the image is too large for WebAssembly memory");
  s.bpp = layout.bpp;
  s.rows = layout.rows;
  if (!trial_compressor) trial_compressor = libdeflate_alloc_compressor(1);
  if (compressor_level != (int)level) {
    libdeflate_free_compressor(compressor);
    compressor = libdeflate_alloc_compressor((int)level);
    compressor_level = compressor ? (int)level : -1;
  }
  const size_t n = (size_t)layout.bytes, capacity = compressor ? libdeflate_zlib_compress_bound(compressor, n) : 0;
  uint8_t *zero = calloc(widest + SLACK, 1), *out = malloc(capacity + SLACK);
  s.plain = malloc(n + SLACK);
  s.at = malloc(((size_t)s.rows + 1) * sizeof *s.at);
  s.first = malloc(s.rows + 1);
  s.scratch = malloc(widest + SLACK);
  s.zero = zero;
  size_t size = 0;
  if (compressor && trial_compressor && zero && out && s.plain && s.at && s.first && s.scratch) {
    uint32_t r = 0;
    for (ip_rows_t rows = ip_rows(layout, width, height, depth); ip_next_row(&rows); r++) {
      const ip_row_t row = rows.current;
      s.at[r] = row.at;
      s.first[r] = row.first;
      s.plain[row.at] = 0;
      pack_row(s.plain + row.at + 1, (const uint32_t *)rgba + (size_t)row.y * width + row.x0, row.dx, row.pixels, ctype, depth);
    }
    s.at[s.rows] = n;
    size = compress_best(&s, n, widest, &out, capacity);
  }
  free(zero);
  free(s.plain);
  free(s.at);
  free(s.first);
  free(s.scratch);
  if (!size) {
    free(out);
    return ip_fail("out of memory while encoding");
  }
  ip_result.out = out;
  ip_result.out_len = (uint32_t)size;
  return 0;
}
