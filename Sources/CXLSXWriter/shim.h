// The one C header of libxlsxwriter (Debian: libxlsxwriter-dev). Only Sources/XLSX uses it.
#ifndef LTX_CXLSXWRITER_SHIM_H
#define LTX_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
