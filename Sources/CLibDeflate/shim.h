#ifndef PAPERFLOW_CLIBDEFLATE_SHIM_H
#define PAPERFLOW_CLIBDEFLATE_SHIM_H

#include <libdeflate.h>

/// LIBDEFLATE_VERSION_STRING is a macro of a string literal; wrapped so Swift can read it.
static inline const char *paperflow_libdeflate_version(void) {
    return LIBDEFLATE_VERSION_STRING;
}

#endif
