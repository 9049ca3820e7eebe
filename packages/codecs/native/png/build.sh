#!/bin/sh
# Rebuilds packages/codecs/src/wasm/imgproc_png.{js,wasm}: our PNG pixel code (imgproc_png.c,
# png_decode.c, png_encode.c, png_filters.c) with libdeflate's inflate and deflate, for SIMD128.
# Reproducible inputs, Debian bookworm packages only:
#   emscripten 3.1.6~dfsg-5 (apt-get install emscripten)
#   libdeflate 1.14 sources (apt-get source libdeflate=1.14-1; needs a deb-src line, see README.md)
# Usage: sh build.sh [--names] [--out DIR] [path/to/libdeflate-1.14]
#   --names     keep function names in the .wasm (for `node --cpu-prof`); not for the committed file
#   --out DIR   where imgproc_png.{js,wasm} go (default: ../../src/wasm, the committed artefacts)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/../../src/wasm"
NAMES=0
SRC=
while [ $# -gt 0 ]; do
  case "$1" in
    --names) NAMES=1 ;;
    --out) OUT=$2; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) SRC=$1 ;;
  esac
  shift
done
if [ -z "$SRC" ]; then
  WORK=$(mktemp -d)
  (cd "$WORK" && apt-get source libdeflate=1.14-1 >/dev/null)
  SRC="$WORK/libdeflate-1.14"
fi
grep -q 'LIBDEFLATE_VERSION_STRING	"1.14"' "$SRC/libdeflate.h" || { echo "expected libdeflate 1.14 sources in $SRC" >&2; exit 1; }
case "$(emcc --version | head -1)" in *3.1.6*) ;; *) echo "warning: built and verified with emscripten 3.1.6" >&2 ;; esac
# Debian's emscripten runs its JS optimiser with the system node, which does not look in /usr/share/nodejs.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

# libdeflate as upstream compiles it (its common_defs.h already treats WebAssembly as a CPU with
# fast unaligned access, so the word-at-a-time match copies are on); only the parts we call:
# raw DEFLATE decompression (the zlib header is checked by png_decode.c) and zlib compression.
LIB="deflate_decompress.c deflate_compress.c zlib_compress.c adler32.c utils.c"
FILES="$HERE/imgproc_png.c $HERE/png_decode.c $HERE/png_encode.c $HERE/png_filters.c"
for f in $LIB; do FILES="$FILES $SRC/lib/$f"; done
FLAGS="-O3 -msimd128 -mbulk-memory -flto"
if [ "$NAMES" = 1 ]; then FLAGS="$FLAGS --profiling-funcs"; fi
mkdir -p "$OUT"
# -msimd128: our filter kernels need it (clang also vectorises some loops of its own);
# -mbulk-memory: memcpy/memset as memory.copy/memory.fill instructions instead of calls out to
# JavaScript (Emscripten's default for large copies), which rows of filter type 0 are made of.
# Every runtime we target has both (Node >= 16.4, Chrome 91, Firefox 89, Safari 16.4, Deno,
# Bun, workerd).
# shellcheck disable=SC2086
emcc $FLAGS -I"$SRC" -I"$HERE" $FILES \
  -o "$OUT/imgproc_png.js" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createImgprocPng \
  -sENVIRONMENT=web -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 \
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
  -sEXPORTED_FUNCTIONS=_ip_decode,_ip_analyse,_ip_encode,_ip_state,_ip_malloc,_ip_free \
  -sEXPORTED_RUNTIME_METHODS=[]
ls -l "$OUT/imgproc_png.js" "$OUT/imgproc_png.wasm"
sha256sum "$OUT/imgproc_png.wasm"
