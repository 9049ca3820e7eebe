/* What the decoder and the encoder share, and the exports for memory and the result record. */
#include <stdlib.h>
#include <string.h>
#include "imgproc_png.h"

ip_state_t ip_result;

const ip_pass_t IP_ADAM7[7] = { { 0, 0, 8, 8 }, { 4, 0, 8, 8 }, { 0, 4, 4, 8 }, { 2, 0, 4, 4 },
                                { 0, 2, 2, 4 }, { 1, 0, 2, 2 }, { 0, 1, 1, 2 } };
const ip_pass_t IP_ADAM7_NONE[1] = { { 0, 0, 1, 1 } };

uint32_t ip_pass_size(uint32_t size, uint32_t start, uint32_t step) {
  return size > start ? (size - start + step - 1) / step : 0;
}

size_t ip_row_bytes(uint32_t width, uint32_t channels, uint32_t depth) {
  return (size_t)(((uint64_t)width * channels * depth + 7) / 8);
}

ip_layout_t ip_layout(uint32_t width, uint32_t height, uint32_t ctype, uint32_t depth, uint32_t interlace) {
  ip_layout_t l = { interlace ? IP_ADAM7 : IP_ADAM7_NONE, interlace ? 7 : 1, ctype == 2 ? 3 : ctype == 4 ? 2 : ctype == 6 ? 4 : 1, 1, 0, 0, 0 };
  if (l.channels * depth >= 8) l.bpp = l.channels * depth / 8;
  for (uint32_t p = 0; p < l.npasses; p++) {
    uint32_t pw = ip_pass_size(width, l.passes[p].x0, l.passes[p].dx), ph = ip_pass_size(height, l.passes[p].y0, l.passes[p].dy);
    if (!pw || !ph) continue;
    size_t rb = ip_row_bytes(pw, l.channels, depth);
    l.bytes += (uint64_t)ph * (rb + 1);
    l.rows += ph;
    if (rb > l.widest) l.widest = rb;
  }
  return l;
}

ip_rows_t ip_rows(ip_layout_t layout, uint32_t width, uint32_t height, uint32_t depth) {
  ip_rows_t it = { layout, width, height, depth, 0, 0, 0, { 0, 0, 0, 0, 0, 0, 0 } };
  it.pass = (uint32_t)-1; /* ip_next_row starts the first non-empty pass */
  return it;
}

int ip_next_row(ip_rows_t *it) {
  ip_row_t *r = &it->current;
  size_t next = r->bytes ? r->at + r->bytes + 1 : 0;
  if (it->pass != (uint32_t)-1 && ++it->row < it->rows) {
    r->at = next;
    r->y += it->layout.passes[it->pass].dy;
    r->first = 0;
    return 1;
  }
  while (++it->pass < it->layout.npasses) {
    const ip_pass_t p = it->layout.passes[it->pass];
    uint32_t pw = ip_pass_size(it->width, p.x0, p.dx), ph = ip_pass_size(it->height, p.y0, p.dy);
    if (!pw || !ph) continue;
    it->row = 0;
    it->rows = ph;
    r->at = next;
    r->bytes = ip_row_bytes(pw, it->layout.channels, it->depth);
    r->pixels = pw;
    r->x0 = p.x0;
    r->dx = p.dx;
    r->y = p.y0;
    r->first = 1;
    return 1;
  }
  return 0;
}

int ip_fail(const char *message) {
  strncpy(ip_result.message, message, sizeof ip_result.message - 1);
  ip_result.message[sizeof ip_result.message - 1] = 0;
  return 1;
}

ip_state_t *ip_state(void) { return &ip_result; }
void *ip_malloc(size_t n) { return malloc(n); }
void ip_free(void *p) { free(p); }
