/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include "chrono-string-pool-private.h"

struct _ChronoStringPool
{
  GStringChunk *strings;
  GHashTable   *vectors; /* interned NULL-terminated vectors of interned strings */
};

static guint
vector_hash (gconstpointer key)
{
  const char *const *v = key;
  guint h = 5381;

  /* Elements are interned: their addresses are their identity. */
  for (; *v != NULL; v++)
    h = h * 33 + (guint)(GPOINTER_TO_SIZE (*v) >> 3);

  return h;
}

static gboolean
vector_equal (gconstpointer a,
              gconstpointer b)
{
  const char *const *va = a;
  const char *const *vb = b;

  for (; *va != NULL && *vb != NULL; va++, vb++)
    if (*va != *vb)
      return FALSE;

  return *va == NULL && *vb == NULL;
}

ChronoStringPool *
_chrono_string_pool_new (void)
{
  ChronoStringPool *pool = g_new0 (ChronoStringPool, 1);

  pool->strings = g_string_chunk_new (4096);
  pool->vectors = g_hash_table_new_full (vector_hash, vector_equal, g_free, NULL);
  return pool;
}

void
_chrono_string_pool_free (ChronoStringPool *pool)
{
  if (pool == NULL)
    return;

  g_hash_table_unref (pool->vectors);
  g_string_chunk_free (pool->strings);
  g_free (pool);
}

const char *
_chrono_string_pool_intern (ChronoStringPool *pool,
                            const char       *str)
{
  return str != NULL ? g_string_chunk_insert_const (pool->strings, str) : NULL;
}

const char *const *
_chrono_string_pool_intern_vector (ChronoStringPool  *pool,
                                   const char *const *strv)
{
  const char **vector;
  const char *const *existing;
  guint n;

  if (strv == NULL || strv[0] == NULL)
    return NULL;

  n = g_strv_length ((char **)strv);
  vector = g_new (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    vector[i] = _chrono_string_pool_intern (pool, strv[i]);
  vector[n] = NULL;

  existing = g_hash_table_lookup (pool->vectors, vector);
  if (existing != NULL)
    {
      g_free (vector);
      return existing;
    }

  g_hash_table_add (pool->vectors, vector);
  return vector;
}
