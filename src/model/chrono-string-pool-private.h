/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The repeated strings of a timeline (categories, groups, statuses, the
 * names in actor, target, place and tag lists), each kept once: equal
 * strings, and equal lists of them, share one address for the life of the
 * pool, so they compare by pointer. */
typedef struct _ChronoStringPool ChronoStringPool;

ChronoStringPool  *_chrono_string_pool_new           (void);
void               _chrono_string_pool_free          (ChronoStringPool  *pool);
/* NULL for NULL. */
const char        *_chrono_string_pool_intern        (ChronoStringPool  *pool,
                                                      const char        *str);
/* A NULL-terminated vector of interned strings; NULL for NULL or empty. */
const char *const *_chrono_string_pool_intern_vector (ChronoStringPool  *pool,
                                                      const char *const *strv);

G_END_DECLS
