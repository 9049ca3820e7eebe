/*
 * The sequential Huffman encoder's per-block work in WebAssembly SIMD128: jchuff.c's
 * encode_one_block (the SIMD dispatcher's huff_encode_one_block hook) and htest_one_block, the
 * statistics pass for optimised tables (no hook upstream: build.sh patches its one call site).
 *
 * The C code walks all 63 AC coefficients in zigzag order with a branch each; at ordinary
 * qualities most are zero. Here the block is gathered into zigzag order, a 64-bit mask of the
 * nonzero coefficients is made eight lanes at a time (with each coefficient's magnitude and its
 * value bits), and the emitting loop visits only the nonzero ones, finding each zero run with one
 * count-trailing-zeros. The bits written are the C code's, symbol for symbol: the Huffman code of
 * (run << 4) + size (with ZRL codes for runs of 16), the value bits (the coefficient, or its
 * magnitude's complement when negative), EOB after trailing zeros, 0xFF bytes stuffed with 0x00,
 * and the same JERR_BAD_DCT_COEF error for an out-of-range coefficient.
 */
#include <wasm_simd128.h>
#include "jsimd_wasm.h"
#include "jerror.h"

/* jchuff.c's working_state with WITH_SIMD on wasm32 (its bit buffer types are unsigned long long,
 * build.sh's bit-buffer patch): what the hook receives as `state`. */
typedef struct {
  union { unsigned long long c; unsigned long long simd; } put_buffer;
  int free_bits;
  int last_dc_val[MAX_COMPS_IN_SCAN];
} wasm_savable_state;

typedef struct {
  JOCTET *next_output_byte;
  size_t free_in_buffer;
  wasm_savable_state cur;
  j_compress_ptr cinfo;
  unsigned int simd;
} wasm_working_state;

/* jpeg_natural_order: position in the block of the k-th coefficient in zigzag order. */
static const unsigned char zigzag[64] = {
   0,  1,  8, 16,  9,  2,  3, 10, 17, 24, 32, 25, 18, 11,  4,  5,
  12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13,  6,  7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
  58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
};

/* Output a byte, and a stuffed 0x00 after 0xFF (the 0 is overwritten otherwise). */
#define EMIT_BYTE(b) { \
  buffer[0] = (JOCTET)(b); \
  buffer[1] = 0; \
  buffer -= -2 + ((JOCTET)(b) < 0xFF); \
}

/* The whole 64-bit buffer out, big-endian; byte by byte only when it holds an 0xFF. */
#define FLUSH() { \
  if (put_buffer & 0x8080808080808080ULL & ~(put_buffer + 0x0101010101010101ULL)) { \
    EMIT_BYTE(put_buffer >> 56) EMIT_BYTE(put_buffer >> 48) EMIT_BYTE(put_buffer >> 40) \
    EMIT_BYTE(put_buffer >> 32) EMIT_BYTE(put_buffer >> 24) EMIT_BYTE(put_buffer >> 16) \
    EMIT_BYTE(put_buffer >> 8) EMIT_BYTE(put_buffer) \
  } else { \
    unsigned long long be = __builtin_bswap64(put_buffer); \
    __builtin_memcpy(buffer, &be, 8); \
    buffer += 8; \
  } \
}

/* Appends the low `size` bits of `code` (size 1..32); flushes when the buffer fills. */
#define PUT_BITS(code, size) { \
  free_bits -= (size); \
  if (free_bits < 0) { \
    put_buffer = (put_buffer << ((size) + free_bits)) | ((unsigned long long)(code) >> -free_bits); \
    FLUSH() \
    free_bits += 64; \
    put_buffer = (code); \
  } else { \
    put_buffer = (put_buffer << (size)) | (code); \
  } \
}

/* The block in zigzag order: returns the mask of its nonzero coefficients (bit k for zigzag
 * position k); fills `magnitudes` (|coefficient|) and, when given, `values` (the coefficient, or
 * coefficient - 1 when negative: its low bits are the value bits JPEG writes). */
static inline uint64_t scan_block(const JCOEF *block, int16_t *values, uint16_t *magnitudes)
{
  uint64_t nonzero = 0;
  for (int g = 0; g < 8; g++) {
    const unsigned char *at = zigzag + 8 * g;
    v128_t v = wasm_i16x8_make(block[at[0]], block[at[1]], block[at[2]], block[at[3]],
                               block[at[4]], block[at[5]], block[at[6]], block[at[7]]);
    v128_t sign = wasm_i16x8_shr(v, 15);
    if (values) wasm_v128_store(values + 8 * g, wasm_i16x8_add(v, sign));
    wasm_v128_store(magnitudes + 8 * g, wasm_i16x8_sub(wasm_v128_xor(v, sign), sign));
    nonzero |= (uint64_t)wasm_i16x8_bitmask(wasm_i16x8_ne(v, wasm_i16x8_splat(0))) << (8 * g);
  }
  return nonzero;
}

/* Bits of a nonzero magnitude (the C code's JPEG_NBITS_NONZERO). */
static inline int bits_of(unsigned int magnitude) { return 32 - __builtin_clz(magnitude); }

JOCTET *jsimd_wasm_huff_encode_one_block(void *state_ptr, JOCTET *buffer, JCOEFPTR block,
                                         int last_dc_val, c_derived_tbl *dctbl,
                                         c_derived_tbl *actbl)
{
  wasm_working_state *state = (wasm_working_state *)state_ptr;
  int max_coef_bits = state->cinfo->data_precision + 2;
  unsigned long long put_buffer = state->cur.put_buffer.simd;
  int free_bits = state->cur.free_bits;

  int16_t values[64];
  uint16_t magnitudes[64];
  uint64_t nonzero = scan_block(block, values, magnitudes);

  /* DC: the difference from the last block's, as the C code (its range is twice as large) */
  {
    int temp = block[0] - last_dc_val;
    int sign = temp >> 31;
    int magnitude = (temp + sign) ^ sign;
    int nbits = magnitude ? bits_of((unsigned int)magnitude) : 0;
    if (nbits > max_coef_bits + 1) ERREXIT(state->cinfo, JERR_BAD_DCT_COEF);
    unsigned int bits = ((unsigned int)(temp + sign) & ((1u << nbits) - 1)) | (dctbl->ehufco[nbits] << nbits);
    PUT_BITS(bits, nbits + dctbl->ehufsi[nbits])
  }

  /* AC: only the nonzero coefficients, each after its run of zeros */
  uint64_t left = nonzero & ~(uint64_t)1;
  int previous = 0;
  while (left) {
    int k = __builtin_ctzll(left);
    left &= left - 1;
    int run = k - previous - 1;
    previous = k;
    while (run >= 16) {
      PUT_BITS(actbl->ehufco[0xf0], actbl->ehufsi[0xf0])
      run -= 16;
    }
    int nbits = bits_of(magnitudes[k]);
    if (nbits > max_coef_bits) ERREXIT(state->cinfo, JERR_BAD_DCT_COEF);
    int symbol = (run << 4) + nbits;
    unsigned int bits = ((unsigned int)(uint16_t)values[k] & ((1u << nbits) - 1)) | (actbl->ehufco[symbol] << nbits);
    PUT_BITS(bits, nbits + actbl->ehufsi[symbol])
  }
  if (previous < 63) PUT_BITS(actbl->ehufco[0], actbl->ehufsi[0])   /* EOB */

  state->cur.put_buffer.simd = put_buffer;
  state->cur.free_bits = free_bits;
  return buffer;
}

/* htest_one_block: counts the symbols encode_one_block would write (DC size category; each AC
 * (run << 4) + size, ZRLs, EOB), with the same out-of-range errors. */
void jsimd_wasm_htest_one_block(j_compress_ptr cinfo, JCOEFPTR block, int last_dc_val,
                                long dc_counts[], long ac_counts[])
{
  int max_coef_bits = cinfo->data_precision + 2;
  uint16_t magnitudes[64];
  uint64_t nonzero = scan_block(block, NULL, magnitudes);

  int temp = block[0] - last_dc_val;
  if (temp < 0) temp = -temp;
  int nbits = temp ? bits_of((unsigned int)temp) : 0;
  if (nbits > max_coef_bits + 1) ERREXIT(cinfo, JERR_BAD_DCT_COEF);
  dc_counts[nbits]++;

  uint64_t left = nonzero & ~(uint64_t)1;
  int previous = 0;
  while (left) {
    int k = __builtin_ctzll(left);
    left &= left - 1;
    int run = k - previous - 1;
    previous = k;
    for (; run > 15; run -= 16) ac_counts[0xF0]++;
    nbits = bits_of(magnitudes[k]);
    if (nbits > max_coef_bits) ERREXIT(cinfo, JERR_BAD_DCT_COEF);
    ac_counts[(run << 4) + nbits]++;
  }
  if (previous < 63) ac_counts[0]++;
}
