// The system zlib, exposed to Swift as the CZlib module. One file imports it:
// Sources/API/HTTP/Gzip.swift, which the rest of the code goes through.
#ifndef UPLYFT_CZLIB_SHIM_H
#define UPLYFT_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass the library version and the stream's
// size), which Swift cannot call; these functions are the same calls with the gzip wrapper
// (window bits 15 + 16, RFC 1952) fixed.
static inline int uplyft_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int uplyft_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
