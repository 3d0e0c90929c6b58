/* SPDX-License-Identifier: MIT */
/*
 * image.h - the layout of a database image, shared by the writer
 * (freeze.c) and the loader (image.c).  DESIGN.md, "The database image",
 * has the picture.
 *
 *   0   magic "\x89ISDB\r\n\x1a" (catches text-mode mangling)
 *   8   u32 format version (ISTH_DB_FORMAT), u32 flags (0; any other
 *       value is refused like another version)
 *   16  u64 total length
 *   24  u32 CRC-32C of bytes [32, total), u32 number of sections
 *   32  section table: { u32 id, u32 0, u64 offset, u64 length } each,
 *       ids 1, 2, ... in order
 *   then the sections, each at a multiple of 8, zeros between them
 *
 * Everything is little-endian.  Sections hold either one array of fixed
 * records (used in place on a little-endian host) or, for TABLES and
 * META, a stream of u32 and f64 read in order.
 */
#ifndef ISTH_IMAGE_H
#define ISTH_IMAGE_H

#include <string.h>

#include "internal.h"

/* The image is little-endian: on such a host arrays are written and used
 * as they are. */
static inline int isth__host_le(void)
{
    const uint32_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* 7: a relabelling rule's group of 'before'; 8: topics' min_cues and
 * anchor cue sets; 9: 'propagate'; 10: 'requires_within'; 11: a rule's
 * kind as one value; 12: the sectioned image (one section per array,
 * entities and aliases as records used in place, strings stored once,
 * CRC-32C, dense rows stored). */
#define ISTH_DB_FORMAT 12u
#define ISTH_IMG_HEADER 32u
#define ISTH_IMG_CRC_FROM 32u

enum isth_img_section {
    IMG_META = 1,      /* counts and scoring: see image.c, read_meta() */
    IMG_ENTITIES,      /* struct isth_erec[n_entities] */
    IMG_ENT_ATTRS,     /* {u32 key, u32 value} string offsets [n_attrs] */
    IMG_ALIASES,       /* struct isth_arec[n_aliases] */
    IMG_PAT_LEN,       /* u32[n_patterns] */
    IMG_PAT_FLAGS,     /* u8[n_patterns] */
    IMG_PAT_FIRST,     /* u32[n_patterns + 1] */
    IMG_PAT_ALIAS,     /* u32[n_aliases] */
    IMG_PAT_CUE_FIRST, /* u32[n_patterns + 1] */
    IMG_PAT_CUE,       /* u32[n_cues] */
    IMG_TABLES,        /* cues, contexts, rules, topics: a stream */
    IMG_CUE_SRC_FIRST, /* u32[n_cues + 1] */
    IMG_CUE_SRC,       /* u32[n_cue_src] */
    IMG_ID_INDEX,      /* u32[id_index_cap] */
    IMG_AC_ROOT,       /* u32[256] */
    IMG_AC_TRANS_OFF,  /* u32[n_states + 1] */
    IMG_AC_TRANS_BYTE, /* u8[n_trans]; edge k leads to state k + 1 */
    IMG_AC_FAIL,       /* u32[n_states] */
    IMG_AC_OUT,        /* u32[n_states] */
    IMG_AC_DICT,       /* u32[n_states] */
    IMG_AC_CLASSES,    /* u32 n_cls, n_hot; u32 cls[256], tcls[256] */
    IMG_AC_DENSE,      /* u32[(n_hot + 3) n_cls]: the rows (struct isth_ac) */
    IMG_AC_ACC,        /* u64[n_states / 64 + 1]: accepting states */
    IMG_STRINGS,       /* NUL-terminated strings, each once; 0 is "" */
    IMG_SECTIONS = IMG_STRINGS
};

#endif
