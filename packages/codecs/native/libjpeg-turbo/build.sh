#!/bin/sh
# Rebuilds packages/codecs/src/wasm/libjpeg_turbo.{js,wasm} from Debian's libjpeg-turbo sources.
# Reproducible inputs (Debian bookworm):
#   emscripten 3.1.6~dfsg-5           (apt-get install emscripten)
#   libjpeg-turbo 2.1.5-2 sources     (apt-get source libjpeg-turbo=1:2.1.5-2, needs a deb-src line)
# Usage: sh build.sh [path/to/libjpeg-turbo-2.1.5]   (default: fetches the sources into a temp dir)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/../../src/wasm"
SRC=${1:-}
if [ -z "$SRC" ]; then
  WORK=$(mktemp -d)
  (cd "$WORK" && apt-get source -q libjpeg-turbo=1:2.1.5-2 >/dev/null)
  SRC="$WORK/libjpeg-turbo-2.1.5"
fi
grep -q 'VERSION 2.1.5' "$SRC/CMakeLists.txt" || { echo "expected libjpeg-turbo 2.1.5 sources in $SRC" >&2; exit 1; }
case "$(emcc --version | head -1)" in *3.1.6*) ;; *) echo "warning: built and verified with emscripten 3.1.6" >&2 ;; esac
# Debian's emscripten runs its JS optimiser with the system node, which does not look in /usr/share/nodejs.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

CONF=$(mktemp -d)
# What CMake would generate for an 8-bit, SIMD-less, in-memory-source/destination build that decodes
# arithmetic-coded files too (WITH_ARITH_DEC; no arithmetic encoding).
cat > "$CONF/jconfig.h" <<'H'
#define JPEG_LIB_VERSION 62
#define LIBJPEG_TURBO_VERSION 2.1.5
#define LIBJPEG_TURBO_VERSION_NUMBER 2001005
#define MEM_SRCDST_SUPPORTED 1
#define D_ARITH_CODING_SUPPORTED 1
#define BITS_IN_JSAMPLE 8
H
cat > "$CONF/jconfigint.h" <<'H'
#define BUILD "imgproc-wasm"
#undef inline
#define INLINE __inline__ __attribute__((always_inline))
#define THREAD_LOCAL
#define PACKAGE_NAME "libjpeg-turbo"
#define VERSION "2.1.5"
#define SIZEOF_SIZE_T 4
#define HAVE_BUILTIN_CTZL
#define FALLTHROUGH __attribute__((fallthrough));
H
# jversion.h from its template (only the version/copyright strings are substituted).
sed -e 's/@VERSION@/2.1.5/g' -e 's/@BUILD@/imgproc-wasm/g' -e 's/@COPYRIGHT_YEAR@/2023/g' "$SRC/jversion.h.in" > "$CONF/jversion.h"
SOURCES="jcapimin.c jcapistd.c jccoefct.c jccolor.c jcdctmgr.c jchuff.c jcicc.c jcinit.c jcmainct.c
  jcmarker.c jcmaster.c jcomapi.c jcparam.c jcphuff.c jcprepct.c jcsample.c jdapimin.c jdapistd.c
  jdatadst.c jdatasrc.c jdcoefct.c jdcolor.c jddctmgr.c jdhuff.c jdicc.c jdinput.c jdmainct.c
  jdmarker.c jdmaster.c jdmerge.c jdphuff.c jdpostct.c jdsample.c jerror.c jfdctint.c jfdctfst.c
  jfdctflt.c jidctint.c jidctfst.c jidctflt.c jidctred.c jquant1.c jquant2.c jutils.c jmemmgr.c
  jmemnobs.c jsimd_none.c jaricom.c jdarith.c"
FILES="$HERE/imgproc_jpeg.c"
for f in $SOURCES; do FILES="$FILES $SRC/$f"; done
mkdir -p "$OUT"
# shellcheck disable=SC2086
# -msimd128: clang auto-vectorises the colour conversion and DCT loops (encode ~25% faster); every
# runtime we target has WebAssembly SIMD (the @jsquash WebP encoder we ship needs it too).
# -flto: 10% smaller .wasm, same speed.
emcc -O3 -msimd128 -flto -I"$CONF" -I"$SRC" $FILES \
  -o "$OUT/libjpeg_turbo.js" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createLibjpegTurbo \
  -sENVIRONMENT=web -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 \
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
  -sEXPORTED_FUNCTIONS=_ij_decode,_ij_encode,_ij_state,_ij_malloc,_ij_free \
  -sEXPORTED_RUNTIME_METHODS=[]
ls -l "$OUT/libjpeg_turbo.js" "$OUT/libjpeg_turbo.wasm"
