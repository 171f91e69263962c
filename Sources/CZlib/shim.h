#ifndef PAPERFLOW_CZLIB_SHIM_H
#define PAPERFLOW_CZLIB_SHIM_H

#include <zlib.h>

/// deflateInit2 is a macro in zlib.h; Swift cannot call macros, so wrap it.
static inline int paperflow_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

/// inflateInit2 is a macro in zlib.h; wrapped for Swift.
static inline int paperflow_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
