// cmark-gfm, GitHub's CommonMark parser (Debian libcmark-gfm-dev): packs are read with it.
// Only the core parser is used: Debian's libcmark-gfm.pc also asks for -lcmark-gfm-extensions,
// a library libcmark-gfm-dev does not install, so Package.swift names no pkgConfig and this
// module links libcmark-gfm alone (its header is in /usr/include).
#ifndef ALLIANCE_CMARKGFM_SHIM_H
#define ALLIANCE_CMARKGFM_SHIM_H

#include <cmark-gfm.h>

#endif
