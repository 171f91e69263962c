#ifndef PAPERFLOW_CLIBXML2_SHIM_H
#define PAPERFLOW_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its ICU headers clash with the ICU module inside Foundation.
   paperflow never touches the ICU-specific fields of xmlCharEncodingHandler, so leave them out. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// The libxml2 version string (LIBXML_DOTTED_VERSION is a macro).
static inline const char *paperflow_libxml2_version(void) {
    return LIBXML_DOTTED_VERSION;
}

/// xmlFree is a global function pointer; Swift 6 cannot call it safely from concurrent code.
static inline void paperflow_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
