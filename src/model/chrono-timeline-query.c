/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include <string.h>

#include "chrono-timeline-internal.h"

/* ChronoEventQuery: a search of words and filters by category, actor and
 * tag, matched on the compact records without a ChronoEvent per event.
 * Answers for interned strings and lists are cached per query; long runs
 * are evaluated in uid order, on up to four threads. */

/* Queries */

/* Words beyond this many are searched without the per-list cache (whose
 * entries are bit sets of words). */
#define MAX_CACHED_WORDS 63
#define CACHE_SET ((guint64) 1 << 63) /* marks an entry: a zero result is cached too */

#define FRONT_SIZE 64

typedef struct {
  gconstpointer key;
  guint64 value;
} FrontEntry;

static inline guint
front_index (gconstpointer key)
{
  return (guint) (((guintptr) key >> 4) % FRONT_SIZE);
}

struct _ChronoEventQuery
{
  char **words; /* casefolded, NULL-terminated; NULL: no search */
  gsize *word_lens;
  gboolean *word_ascii;
  guint n_words;
  guint64 all_words; /* the bits of every word, when n_words <= MAX_CACHED_WORDS */
  GHashTable *values[CHRONO_QUERY_N_FIELDS]; /* owned strings; empty: any */

  /* For the timeline of cache_serial (0: none), by its interned pointers. */
  guint cache_serial;
  GHashTable *word_cache;                         /* list → bits of the words in it */
  GHashTable *value_cache[CHRONO_QUERY_N_FIELDS]; /* string or list → one of the values? */
  /* Small direct-mapped caches in front of those: a handful of lists
   * usually covers every event. */
  FrontEntry word_front[FRONT_SIZE];
  FrontEntry value_front[CHRONO_QUERY_N_FIELDS][FRONT_SIZE];
  /* A copy for a worker thread: words and values belong to the original. */
  gboolean borrowed;
};

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @word (casefolded, ASCII, not empty) occurs in the ASCII @text
 * ignoring case: g_utf8_casefold() folds ASCII as g_ascii_tolower() does. */
static gboolean
ascii_contains (const char *text,
                const char *word,
                gsize       len)
{
  guchar lower = (guchar) word[0];
  guchar upper = (guchar) g_ascii_toupper (word[0]);

  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p == lower || (guchar) *p == upper) &&
        g_ascii_strncasecmp (p + 1, word + 1, len - 1) == 0)
      return TRUE;

  return FALSE;
}

/* Whether word @i occurs in @text (@ascii: known to be ASCII), folding it
 * into *@folded on first need. */
static gboolean
text_has_word (const ChronoEventQuery *query,
               guint                   i,
               const char             *text,
               gboolean                ascii,
               char                  **folded)
{
  if (ascii)
    return query->word_ascii[i] && ascii_contains (text, query->words[i], query->word_lens[i]);

  if (*folded == NULL)
    *folded = g_utf8_casefold (text, -1);
  return strstr (*folded, query->words[i]) != NULL;
}

/* The bits of the words (among the first MAX_CACHED_WORDS) not in @found
 * that occur in @text. */
static guint64
text_find_words (const ChronoEventQuery *query,
                 const char             *text,
                 gboolean                ascii,
                 guint64                 found)
{
  g_autofree char *folded = NULL;
  guint64 result = 0;

  if (text == NULL || *text == '\0')
    return 0;

  for (guint i = 0; i < MIN (query->n_words, MAX_CACHED_WORDS); i++)
    if (!(found & ((guint64) 1 << i)) && text_has_word (query, i, text, ascii, &folded))
      result |= (guint64) 1 << i;

  return result;
}

static guint64
list_find_words (const ChronoEventQuery *query,
                 const char *const      *list,
                 guint64                 found)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    found |= text_find_words (query, list[i], is_ascii (list[i]), found);

  return found;
}

static gboolean
list_has_value (GHashTable        *values,
                const char *const *list)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (g_hash_table_contains (values, list[i]))
      return TRUE;

  return FALSE;
}

/* An event's fields as the query sees them. */
typedef struct {
  const char *title;
  const char *description;
  gboolean text_ascii; /* title and description */
  const char *category;
  const char *const *lists[CHRONO_EVENT_N_LISTS];
} QueryFields;

static gboolean
query_has_values (const ChronoEventQuery *query,
                  ChronoQueryField        field)
{
  return g_hash_table_size (query->values[field]) > 0;
}

/* Without caches: for event objects, and for searches of many words. */
static gboolean
query_match_uncached (const ChronoEventQuery *query,
                      const QueryFields      *fields)
{
  if (query_has_values (query, CHRONO_QUERY_CATEGORY) &&
      (fields->category == NULL ||
       !g_hash_table_contains (query->values[CHRONO_QUERY_CATEGORY], fields->category)))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_ACTOR) &&
      !list_has_value (query->values[CHRONO_QUERY_ACTOR], fields->lists[CHRONO_EVENT_ACTORS]))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_TAG) &&
      !list_has_value (query->values[CHRONO_QUERY_TAG], fields->lists[CHRONO_EVENT_TAGS]))
    return FALSE;

  for (guint i = 0; i < query->n_words; i++)
    {
      g_autofree char *folded_title = NULL;
      g_autofree char *folded_description = NULL;
      gboolean found = FALSE;

      if (fields->title != NULL)
        found = text_has_word (query, i, fields->title, fields->text_ascii, &folded_title);
      if (!found && fields->description != NULL)
        found = text_has_word (query, i, fields->description, fields->text_ascii,
                               &folded_description);
      for (guint l = 0; l < CHRONO_EVENT_N_LISTS && !found; l++)
        for (guint j = 0; fields->lists[l] != NULL && fields->lists[l][j] != NULL && !found; j++)
          {
            g_autofree char *folded = NULL;

            found = text_has_word (query, i, fields->lists[l][j], is_ascii (fields->lists[l][j]),
                                   &folded);
          }

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static void
query_reset_caches (ChronoEventQuery *query,
                    guint             serial)
{
  g_hash_table_remove_all (query->word_cache);
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    g_hash_table_remove_all (query->value_cache[f]);
  memset (query->word_front, 0, sizeof query->word_front);
  memset (query->value_front, 0, sizeof query->value_front);
  query->cache_serial = serial;
}

/* Whether @key (an interned string or list) has one of @field's values. */
static gboolean
query_cached_value (ChronoEventQuery *query,
                    ChronoQueryField  field,
                    gconstpointer     key)
{
  FrontEntry *front;
  gpointer cached;
  gboolean result;

  if (key == NULL)
    return FALSE;

  front = &query->value_front[field][front_index (key)];
  if (front->key == key)
    return front->value != 0;

  cached = g_hash_table_lookup (query->value_cache[field], key);
  if (cached != NULL)
    result = GPOINTER_TO_UINT (cached) == 2;
  else
    {
      if (field == CHRONO_QUERY_CATEGORY)
        result = g_hash_table_contains (query->values[field], key);
      else
        result = list_has_value (query->values[field], key);
      g_hash_table_insert (query->value_cache[field], (gpointer) key,
                           GUINT_TO_POINTER (result ? 2 : 1));
    }

  front->key = key;
  front->value = result;
  return result;
}

/* The words found in an interned list, cached. */
static guint64
query_cached_list_words (ChronoEventQuery  *query,
                         const char *const *list)
{
  FrontEntry *front;
  guint64 *cached;
  guint64 found;

  if (list == NULL)
    return 0;

  front = &query->word_front[front_index (list)];
  if (front->key == list)
    return front->value;

  cached = g_hash_table_lookup (query->word_cache, list);
  if (cached != NULL)
    found = *cached & ~CACHE_SET;
  else
    {
      found = list_find_words (query, list, 0);
      cached = g_new (guint64, 1);
      *cached = found | CACHE_SET;
      g_hash_table_insert (query->word_cache, (gpointer) list, cached);
    }

  front->key = list;
  front->value = found;
  return found;
}

static void
query_init_caches (ChronoEventQuery *query)
{
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    query->value_cache[f] = g_hash_table_new (NULL, NULL);
  query->word_cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  query->cache_serial = 0;
}

/* A copy with caches of its own, for a worker thread: the original's words
 * and values are only read meanwhile. */
static ChronoEventQuery *
query_new_worker (const ChronoEventQuery *query)
{
  ChronoEventQuery *worker = g_new0 (ChronoEventQuery, 1);

  worker->words = query->words;
  worker->word_lens = query->word_lens;
  worker->word_ascii = query->word_ascii;
  worker->n_words = query->n_words;
  worker->all_words = query->all_words;
  memcpy (worker->values, query->values, sizeof worker->values);
  worker->borrowed = TRUE;
  query_init_caches (worker);
  return worker;
}

static gboolean
record_matches (ChronoTimeline    *self,
                const EventRecord *rec,
                ChronoEventQuery  *query)
{
  guint64 found = 0;
  const char *text = rec->text + 1;
  guint8 flags = (guint8) rec->text[0];
  const char *title = NULL;
  const char *description = NULL;

  if (query->cache_serial != self->serial)
    query_reset_caches (query, self->serial);

  if (query_has_values (query, CHRONO_QUERY_CATEGORY) &&
      !query_cached_value (query, CHRONO_QUERY_CATEGORY, rec->category))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_ACTOR) &&
      !query_cached_value (query, CHRONO_QUERY_ACTOR, rec->lists[CHRONO_EVENT_ACTORS]))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_TAG) &&
      !query_cached_value (query, CHRONO_QUERY_TAG, rec->lists[CHRONO_EVENT_TAGS]))
    return FALSE;

  if (query->n_words == 0)
    return TRUE;

  /* The text block in order: id, title, description (see text_block_new). */
  if (flags & (1 << TEXT_ID))
    text += strlen (text) + 1;
  if (flags & (1 << TEXT_TITLE))
    {
      title = text;
      text += strlen (text) + 1;
    }
  if (flags & (1 << TEXT_DESCRIPTION))
    description = text;

  if (query->n_words > MAX_CACHED_WORDS)
    {
      QueryFields fields = {
        .title = title,
        .description = description,
        .text_ascii = !(flags & TEXT_NON_ASCII),
      };

      memcpy (fields.lists, rec->lists, sizeof fields.lists);
      return query_match_uncached (query, &fields);
    }

  /* Repeated lists first: their answers are cached. */
  for (guint l = 0; l < CHRONO_EVENT_N_LISTS && found != query->all_words; l++)
    found |= query_cached_list_words (query, rec->lists[l]);
  if (found != query->all_words && title != NULL)
    found |= text_find_words (query, title, !(flags & TEXT_NON_ASCII), found);
  if (found != query->all_words && description != NULL)
    found |= text_find_words (query, description, !(flags & TEXT_NON_ASCII), found);

  return found == query->all_words;
}

/* Event positions in uid order visit records and their text in the order
 * they were allocated: for long runs this is far kinder to the caches. */
#define UID_ORDER_MIN 4096
/* Enough candidates to be worth a second thread. */
#define THREADS_MIN 65536
#define MAX_THREADS 4

/* Clears the bits of the uids in words [w0, w1) of @uids that do not match. */
typedef struct {
  ChronoTimeline *timeline;
  ChronoEventQuery *query;
  guint64 *uids;
  guint w0, w1;
} MatchJob;

static gpointer
match_job_run (gpointer data)
{
  MatchJob *job = data;

  for (guint w = job->w0; w < job->w1; w++)
    {
      guint64 bits = job->uids[w];

      while (bits != 0)
        {
          guint bit = (guint) __builtin_ctzll (bits);

          bits &= bits - 1;
          if (!record_matches (job->timeline, &job->timeline->records[w * 64 + bit], job->query))
            job->uids[w] &= ~((guint64) 1 << bit);
        }
    }

  return NULL;
}

/* Public API */

ChronoEventQuery *
chrono_event_query_new (const char *search)
{
  ChronoEventQuery *query = g_new0 (ChronoEventQuery, 1);

  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    query->values[f] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query_init_caches (query);

  if (search != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (search, -1);
      g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (words, g_strdup (parts[i]));

      query->n_words = words->len;
      if (words->len > 0)
        {
          g_ptr_array_add (words, NULL);
          query->words = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
          query->word_lens = g_new (gsize, query->n_words);
          query->word_ascii = g_new (gboolean, query->n_words);
          for (guint i = 0; i < query->n_words; i++)
            {
              query->word_lens[i] = strlen (query->words[i]);
              query->word_ascii[i] = is_ascii (query->words[i]);
            }
        }
    }

  if (query->n_words <= MAX_CACHED_WORDS)
    query->all_words = ((guint64) 1 << query->n_words) - 1;

  return query;
}

void
chrono_event_query_free (ChronoEventQuery *query)
{
  if (query == NULL)
    return;

  if (!query->borrowed)
    {
      g_strfreev (query->words);
      g_free (query->word_lens);
      g_free (query->word_ascii);
      for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
        g_hash_table_unref (query->values[f]);
    }
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    g_hash_table_unref (query->value_cache[f]);
  g_hash_table_unref (query->word_cache);
  g_free (query);
}

void
chrono_event_query_add_value (ChronoEventQuery *query,
                              ChronoQueryField  field,
                              const char       *value)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (field < CHRONO_QUERY_N_FIELDS);
  g_return_if_fail (value != NULL);

  g_hash_table_add (query->values[field], g_strdup (value));
  query->cache_serial = 0;
}

gboolean
chrono_event_query_is_empty (ChronoEventQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    if (query_has_values (query, f))
      return FALSE;

  return query->n_words == 0;
}

gboolean
chrono_event_query_match_event (ChronoEventQuery *query,
                                ChronoEvent      *event)
{
  QueryFields fields = { 0 };

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (CHRONO_IS_EVENT (event), FALSE);

  fields.title = chrono_event_get_title (event);
  fields.description = chrono_event_get_description (event);
  fields.text_ascii = (fields.title == NULL || is_ascii (fields.title)) &&
                      (fields.description == NULL || is_ascii (fields.description));
  fields.category = chrono_event_get_category (event);
  fields.lists[CHRONO_EVENT_ACTORS] = chrono_event_get_actors (event);
  fields.lists[CHRONO_EVENT_TARGETS] = chrono_event_get_targets (event);
  fields.lists[CHRONO_EVENT_PLACES] = chrono_event_get_places (event);
  fields.lists[CHRONO_EVENT_TAGS] = chrono_event_get_tags (event);

  return query_match_uncached (query, &fields);
}

gboolean
chrono_timeline_event_matches (ChronoTimeline   *self,
                               guint             position,
                               ChronoEventQuery *query)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (position < self->spans->len, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  return record_matches (self, _chrono_timeline_record_at (self, position), query);
}

guint
chrono_timeline_match_events (ChronoTimeline   *self,
                              ChronoEventQuery *query,
                              guint             first,
                              guint             n,
                              guint8           *mask,
                              guint8            which)
{
  const ChronoSpan *spans;
  g_autofree guint64 *uids = NULL;
  guint n_matches = 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (first <= self->spans->len && n <= self->spans->len - first, 0);
  g_return_val_if_fail (mask != NULL || n == 0, 0);

  spans = (const ChronoSpan *) (gpointer) self->spans->data + first;

  if (n < UID_ORDER_MIN)
    {
      for (guint i = 0; i < n; i++)
        if (mask[i] == which)
          {
            mask[i] = record_matches (self, &self->records[spans[i].uid], query) ? 1 : 0;
            n_matches += mask[i];
          }
      return n_matches;
    }

  /* Mark the candidates by uid, evaluate them in uid order, write back. */
  uids = g_new0 (guint64, (self->n_records + 63) / 64);
  for (guint i = 0; i < n; i++)
    if (mask[i] == which)
      uids[spans[i].uid / 64] |= (guint64) 1 << (spans[i].uid % 64);

  {
    guint n_words = (self->n_records + 63) / 64;
    guint n_jobs = n < THREADS_MIN ? 1 : CLAMP (g_get_num_processors (), 1, MAX_THREADS);
    MatchJob jobs[MAX_THREADS];
    GThread *threads[MAX_THREADS] = { NULL };

    /* Each job its own words of the bit set, and its own query caches. */
    for (guint j = 0; j < n_jobs; j++)
      {
        jobs[j].timeline = self;
        jobs[j].query = j == 0 ? query : query_new_worker (query);
        jobs[j].uids = uids;
        jobs[j].w0 = (guint) ((guint64) n_words * j / n_jobs);
        jobs[j].w1 = (guint) ((guint64) n_words * (j + 1) / n_jobs);
      }
    for (guint j = 1; j < n_jobs; j++)
      threads[j] = g_thread_try_new ("chrono-match", match_job_run, &jobs[j], NULL);
    match_job_run (&jobs[0]);
    for (guint j = 1; j < n_jobs; j++)
      {
        /* Without a thread, do its share here. */
        if (threads[j] != NULL)
          g_thread_join (threads[j]);
        else
          match_job_run (&jobs[j]);
        chrono_event_query_free (jobs[j].query);
      }
  }

  for (guint i = 0; i < n; i++)
    if (mask[i] == which)
      {
        mask[i] = (uids[spans[i].uid / 64] >> (spans[i].uid % 64)) & 1;
        n_matches += mask[i];
      }

  return n_matches;
}
