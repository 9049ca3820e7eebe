#!/bin/sh
# Rebuilds packages/codecs/src/wasm/libjpeg_turbo.{js,wasm} from the vendored libjpeg-turbo 3.2.0
# sources with our WebAssembly SIMD128 kernels (jsimd_wasm*.c) plugged into its SIMD dispatcher.
# Reproducible inputs:
#   emscripten 3.1.6~dfsg-5 (Debian bookworm: apt-get install emscripten)
#   ../shared/vendor/libjpeg-turbo-3.2.0.tar.gz (relative to the repository; tag 3.2.0, c85e6b9)
# Usage: sh build.sh [--scalar] [--names] [--out DIR] [--no-check] [path/to/libjpeg-turbo-3.2.0]
#   --scalar    libjpeg-turbo's plain C (no WITH_SIMD, no kernels of ours): the reference the SIMD
#               build must match byte for byte, and the "before" of benchmarks/jpeg-simd.bench.ts
#   --names     keep function names in the .wasm (for `node --cpu-prof`); not for the committed file
#   --out DIR   where libjpeg_turbo.{js,wasm} go (default: ../../src/wasm, the committed artefacts)
#   --no-check  skip the kernel self-check (simd_check.c, run with node after a SIMD build)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
OUT="$HERE/../../src/wasm"
SIMD=1
NAMES=0
CHECK=1
SRC=
while [ $# -gt 0 ]; do
  case "$1" in
    --scalar) SIMD=0 ;;
    --names) NAMES=1 ;;
    --no-check) CHECK=0 ;;
    --out) OUT=$2; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) SRC=$1 ;;
  esac
  shift
done
if [ -z "$SRC" ]; then
  TARBALL="$REPO/../shared/vendor/libjpeg-turbo-3.2.0.tar.gz"
  [ -f "$TARBALL" ] || { echo "missing $TARBALL (see ../shared/vendor/README.md)" >&2; exit 1; }
  WORK=$(mktemp -d)
  tar -xzf "$TARBALL" -C "$WORK"
  SRC="$WORK/libjpeg-turbo-3.2.0"
fi
grep -q 'set(VERSION 3.2.0)' "$SRC/CMakeLists.txt" || { echo "expected libjpeg-turbo 3.2.0 sources in $SRC" >&2; exit 1; }
# One patch, to a copy of the sources: the Huffman coders' bit buffers are 64-bit on x32 (32-bit
# pointers, 64-bit registers) but 32-bit on other 32-bit-pointer targets; wasm32 is that same case
# (native i64), so it takes the x32 branches. Fewer buffer refills/flushes; the same bits out.
PATCHED=$(mktemp -d)
cp -R "$SRC/src" "$PATCHED/src"
cp -R "$SRC/simd" "$PATCHED/simd"
for f in jchuff.c jdhuff.h jdhuff.c; do
  sed -i 's/defined(__x86_64__) && defined(__ILP32__)/((defined(__x86_64__) \&\& defined(__ILP32__)) || defined(__wasm32__))/' "$PATCHED/src/$f"
  grep -q '__wasm32__' "$PATCHED/src/$f" || { echo "the wasm32 bit-buffer patch did not apply to $f" >&2; exit 1; }
done
# Two more, for the encoder's statistics pass (optimize_coding): jpeg_nbits.h takes clz on wasm as
# on Arm (wasm has i32.clz; the alternative is a 64 KB table), and htest_one_block counts bits with
# it instead of a shift loop per coefficient. Same counts, same tables, same bytes.
sed -i 's/defined(_M_ARM) || defined(_M_ARM64) || defined(_M_ARM64EC)$/defined(_M_ARM) || defined(_M_ARM64) || defined(_M_ARM64EC) || defined(__wasm__)/' "$PATCHED/src/jpeg_nbits.h"
grep -q '__wasm__' "$PATCHED/src/jpeg_nbits.h" || { echo "the wasm clz patch did not apply to jpeg_nbits.h" >&2; exit 1; }
perl -0pi -e 's/  nbits = 0;\n  while \(temp\) \{\n    nbits\+\+;\n    temp >>= 1;\n  \}\n/  nbits = JPEG_NBITS(temp);\n/; s/      nbits = 1;[^\n]*\n      while \(\(temp >>= 1\)\)\n        nbits\+\+;\n/      nbits = JPEG_NBITS_NONZERO(temp);\n/' "$PATCHED/src/jchuff.c"
[ "$(grep -c 'nbits = JPEG_NBITS' "$PATCHED/src/jchuff.c")" -ge 4 ] || { echo "the htest_one_block patch did not apply to jchuff.c" >&2; exit 1; }
if [ "$SIMD" = 1 ]; then
  # The SIMD build only: htest_one_block (the statistics pass of optimised Huffman tables) has no
  # hook in the SIMD dispatcher; its one call site calls our kernel (jsimd_wasm_huff.c) when
  # JSIMD_WASM_HUFF_GATHER (0x2000, jsimd_wasm.h) is on in jsimd_wasm_mask.
  grep -q 'JSIMD_WASM_HUFF_GATHER 0x2000' "$HERE/jsimd_wasm.h" || { echo "JSIMD_WASM_HUFF_GATHER is not 0x2000" >&2; exit 1; }
  perl -0pi -e 's/(#include "jchuff.h"[^\n]*\n)/$1extern unsigned int jsimd_wasm_mask;  \/* imgproc, build.sh *\/\nvoid jsimd_wasm_htest_one_block(j_compress_ptr, JCOEFPTR, int, long[], long[]);\n/; s/\n    htest_one_block\(cinfo, /\n    ((jsimd_wasm_mask & 0x2000) ? jsimd_wasm_htest_one_block : htest_one_block)(cinfo, /' "$PATCHED/src/jchuff.c"
  grep -q 'jsimd_wasm_mask & 0x2000' "$PATCHED/src/jchuff.c" || { echo "the htest_one_block call-site patch did not apply to jchuff.c" >&2; exit 1; }
fi
SRC=$PATCHED
case "$(emcc --version | head -1)" in *3.1.6*) ;; *) echo "warning: built and verified with emscripten 3.1.6" >&2 ;; esac
# Debian's emscripten runs its JS optimiser with the system node, which does not look in /usr/share/nodejs.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

# jconfig.h / jconfigint.h / jversion.h as CMake would generate them for this build: lossy and
# lossless 8/12/16-bit library code as upstream compiles it, arithmetic decoding (not encoding),
# in-memory source/destination managers, and WITH_SIMD with our own SIMD_ARCHITECTURE value (7,
# not one of simd/jsimdconst.h's, so no x86/Arm-only branch of the library is taken).
CONF=$(mktemp -d)
if [ "$SIMD" = 1 ]; then SIMD_DEF='#define WITH_SIMD 1'; ARCH='7  \/* WebAssembly SIMD128: imgproc jsimd_wasm.c *\/'; else SIMD_DEF='\/* #undef WITH_SIMD *\/'; ARCH=NONE; fi
sed -e 's/@JPEG_LIB_VERSION@/62/' -e 's/@VERSION@/3.2.0/' -e 's/@LIBJPEG_TURBO_VERSION_NUMBER@/3002000/' \
  -e 's/^#cmakedefine C_ARITH_CODING_SUPPORTED 1/\/* #undef C_ARITH_CODING_SUPPORTED *\//' \
  -e 's/^#cmakedefine D_ARITH_CODING_SUPPORTED 1/#define D_ARITH_CODING_SUPPORTED 1/' \
  -e "s/^#cmakedefine WITH_SIMD 1/$SIMD_DEF/" \
  -e 's/^#cmakedefine RIGHT_SHIFT_IS_UNSIGNED 1/\/* #undef RIGHT_SHIFT_IS_UNSIGNED *\//' \
  "$SRC/src/jconfig.h.in" > "$CONF/jconfig.h"
sed -e 's/@BUILD@/imgproc-wasm/' -e 's/@HIDDEN@/__attribute__((visibility("hidden")))/' \
  -e 's/@INLINE@/__inline__ __attribute__((always_inline))/' -e 's/@THREAD_LOCAL@//' \
  -e 's/@CMAKE_PROJECT_NAME@/libjpeg-turbo/' -e 's/@VERSION@/3.2.0/' -e 's/@SIZE_T@/4/' \
  -e 's/^#cmakedefine HAVE_BUILTIN_CTZL/#define HAVE_BUILTIN_CTZL/' \
  -e 's/^#cmakedefine HAVE_INTRIN_H/\/* #undef HAVE_INTRIN_H *\//' \
  -e 's/^#cmakedefine C_ARITH_CODING_SUPPORTED 1/\/* #undef C_ARITH_CODING_SUPPORTED *\//' \
  -e 's/^#cmakedefine D_ARITH_CODING_SUPPORTED 1/#define D_ARITH_CODING_SUPPORTED 1/' \
  -e "s/^#cmakedefine WITH_SIMD 1/$SIMD_DEF/" -e "s/@SIMD_ARCHITECTURE@/$ARCH/" \
  -e 's/^#cmakedefine WITH_PROFILE/\/* #undef WITH_PROFILE *\//' \
  "$SRC/src/jconfigint.h.in" > "$CONF/jconfigint.h"
sed -e 's/@COPYRIGHT_YEAR@/1991-2026/' "$SRC/src/jversion.h.in" > "$CONF/jversion.h"
if grep -q '@\|cmakedefine' "$CONF/jconfig.h" "$CONF/jconfigint.h" "$CONF/jversion.h"; then
  echo "unsubstituted template lines:" >&2; grep -n '@\|cmakedefine' "$CONF"/*.h >&2; exit 1
fi

# JPEG_SOURCES of upstream's CMakeLists.txt (the libjpeg API library), plus arithmetic decoding.
SOURCES="jcapimin.c wrapper/jcapistd-8.c wrapper/jcapistd-12.c wrapper/jcapistd-16.c
  wrapper/jccoefct-8.c wrapper/jccoefct-12.c wrapper/jccolor-8.c wrapper/jccolor-12.c wrapper/jccolor-16.c
  wrapper/jcdctmgr-8.c wrapper/jcdctmgr-12.c wrapper/jcdiffct-8.c wrapper/jcdiffct-12.c wrapper/jcdiffct-16.c
  jchuff.c jcicc.c jcinit.c jclhuff.c wrapper/jclossls-8.c wrapper/jclossls-12.c wrapper/jclossls-16.c
  wrapper/jcmainct-8.c wrapper/jcmainct-12.c wrapper/jcmainct-16.c jcmarker.c jcmaster.c jcomapi.c jcparam.c
  jcphuff.c wrapper/jcprepct-8.c wrapper/jcprepct-12.c wrapper/jcprepct-16.c
  wrapper/jcsample-8.c wrapper/jcsample-12.c wrapper/jcsample-16.c jctrans.c jdapimin.c
  wrapper/jdapistd-8.c wrapper/jdapistd-12.c wrapper/jdapistd-16.c jdatadst.c jdatasrc.c
  wrapper/jdcoefct-8.c wrapper/jdcoefct-12.c wrapper/jdcolor-8.c wrapper/jdcolor-12.c wrapper/jdcolor-16.c
  wrapper/jddctmgr-8.c wrapper/jddctmgr-12.c wrapper/jddiffct-8.c wrapper/jddiffct-12.c wrapper/jddiffct-16.c
  jdhuff.c jdicc.c jdinput.c jdlhuff.c wrapper/jdlossls-8.c wrapper/jdlossls-12.c wrapper/jdlossls-16.c
  wrapper/jdmainct-8.c wrapper/jdmainct-12.c wrapper/jdmainct-16.c jdmarker.c jdmaster.c
  wrapper/jdmerge-8.c wrapper/jdmerge-12.c jdphuff.c wrapper/jdpostct-8.c wrapper/jdpostct-12.c
  wrapper/jdpostct-16.c wrapper/jdsample-8.c wrapper/jdsample-12.c wrapper/jdsample-16.c jdtrans.c jerror.c
  jfdctflt.c wrapper/jfdctfst-8.c wrapper/jfdctfst-12.c wrapper/jfdctint-8.c wrapper/jfdctint-12.c
  wrapper/jidctflt-8.c wrapper/jidctflt-12.c wrapper/jidctfst-8.c wrapper/jidctfst-12.c
  wrapper/jidctint-8.c wrapper/jidctint-12.c wrapper/jidctred-8.c wrapper/jidctred-12.c
  jmemmgr.c jmemnobs.c jpeg_nbits.c wrapper/jquant1-8.c wrapper/jquant1-12.c
  wrapper/jquant2-8.c wrapper/jquant2-12.c wrapper/jutils-8.c wrapper/jutils-12.c wrapper/jutils-16.c
  jaricom.c jdarith.c"
LIBRARY=
for f in $SOURCES; do LIBRARY="$LIBRARY $SRC/src/$f"; done
if [ "$SIMD" = 1 ]; then
  LIBRARY="$LIBRARY $HERE/jsimd_wasm.c $HERE/jsimd_wasm_color.c $HERE/jsimd_wasm_sample.c"
  LIBRARY="$LIBRARY $HERE/jsimd_wasm_fdct.c $HERE/jsimd_wasm_idct.c $HERE/jsimd_wasm_idctred.c"
  LIBRARY="$LIBRARY $HERE/jsimd_wasm_phuff.c $HERE/jsimd_wasm_huff.c"
fi
FLAGS="-O3 -msimd128 -flto"
if [ "$NAMES" = 1 ]; then FLAGS="$FLAGS --profiling-funcs"; fi
# -msimd128: WebAssembly SIMD (our kernels need it; clang also auto-vectorises some C loops). Every
# runtime we target has it (Node >= 16.4, Chrome 91, Firefox 89, Safari 16.4, Deno, Bun and workerd).
# -flto: smaller .wasm, same speed.
OBJ=$(mktemp -d)
export FLAGS CONF SRC OBJ
CHECKER=
if [ "$SIMD" = 1 ]; then CHECKER="$HERE/simd_check.c"; fi
# shellcheck disable=SC2016,SC2086
printf '%s\n' $LIBRARY "$HERE/imgproc_jpeg.c" $CHECKER | xargs -P 2 -I{} sh -c \
  'emcc $FLAGS -I"$CONF" -I"$SRC/src" -I"$SRC/simd" -c "$1" -o "$OBJ/$(basename "$1" .c).o"' _ {}
OBJECTS=
for f in $LIBRARY; do OBJECTS="$OBJECTS $OBJ/$(basename "$f" .c).o"; done
mkdir -p "$OUT"
# shellcheck disable=SC2086
emcc $FLAGS $OBJECTS "$OBJ/imgproc_jpeg.o" \
  -o "$OUT/libjpeg_turbo.js" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createLibjpegTurbo \
  -sENVIRONMENT=web -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 \
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
  -sEXPORTED_FUNCTIONS=_ij_decode,_ij_encode,_ij_state,_ij_malloc,_ij_free,_ij_simd \
  -sEXPORTED_RUNTIME_METHODS=[]
ls -l "$OUT/libjpeg_turbo.js" "$OUT/libjpeg_turbo.wasm"
sha256sum "$OUT/libjpeg_turbo.wasm"
if [ "$SIMD" = 1 ] && [ "$CHECK" = 1 ]; then
  # every kernel against the C code it replaces (simd_check.c); fails the build on a difference
  # shellcheck disable=SC2086
  emcc $FLAGS $OBJECTS "$OBJ/simd_check.o" -o "$OBJ/simd_check.js" -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
  # (--no-experimental-fetch: emscripten 3.1.6 glue would try fetch() for the .wasm on Node 18+)
  node --no-experimental-fetch "$OBJ/simd_check.js"
fi
