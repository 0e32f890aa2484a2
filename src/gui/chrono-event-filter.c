/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event-filter"

#include "config.h"

#include <string.h>

#include "chrono-event-filter.h"
#include "chrono-event.h"

/* No change of the filter waits to be applied to the mask. */
#define NO_CHANGE ((GtkFilterChange) -1)

struct _ChronoEventFilter
{
  GtkFilter parent_instance;

  char *search;
  /* The search split into casefolded words; NULL when empty. */
  char **words;
  GHashTable *values[CHRONO_FILTER_N_FIELDS];
  /* All of the above, compiled for matching. */
  ChronoEventQuery *query;

  /* The matches over one timeline (weak), one byte per position. */
  ChronoTimeline *timeline;
  guint8 *mask;
  guint mask_len;
  guint n_matches;
  gboolean mask_valid;
  /* The filter changes since the mask was computed, combined. */
  GtkFilterChange pending;
};

G_DEFINE_FINAL_TYPE (ChronoEventFilter, chrono_event_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
split_words (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;

  folded = g_utf8_casefold (text, -1);
  parts = g_strsplit_set (folded, " \t\n\r", -1);
  words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));

  if (words->len == 0)
    return NULL;

  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* Whether every word of @b occurs inside some word of @a: then whatever
 * matches @a also matches @b. */
static gboolean
words_contain (char **a,
               char **b)
{
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; a != NULL && a[j] != NULL && !found; j++)
        found = strstr (a[j], b[i]) != NULL;

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static void
rebuild_query (ChronoEventFilter *self)
{
  g_clear_pointer (&self->query, chrono_event_query_free);
  self->query = chrono_event_query_new (self->search);
  for (guint f = 0; f < CHRONO_FILTER_N_FIELDS; f++)
    {
      GHashTableIter iter;
      gpointer value;

      /* The two enums list the fields in the same order. */
      g_hash_table_iter_init (&iter, self->values[f]);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        chrono_event_query_add_value (self->query, (ChronoQueryField) f, value);
    }
}

static void
detach_timeline (ChronoEventFilter *self)
{
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_weak_pointer (&self->timeline);
  g_clear_pointer (&self->mask, g_free);
  self->mask_len = 0;
  self->mask_valid = FALSE;
}

/* Brings the mask up to date with the filter: narrowing re-tests only what
 * matched, widening only what did not. */
static void
update_mask (ChronoEventFilter *self)
{
  guint n = chrono_timeline_get_n_events (self->timeline);

  if (self->mask_valid && self->mask_len == n && self->pending == NO_CHANGE)
    return;

  if (self->mask_valid && self->mask_len == n && self->pending == GTK_FILTER_CHANGE_MORE_STRICT)
    self->n_matches = chrono_timeline_match_events (self->timeline, self->query, 0, n,
                                                    self->mask, 1);
  else if (self->mask_valid && self->mask_len == n && self->pending == GTK_FILTER_CHANGE_LESS_STRICT)
    self->n_matches += chrono_timeline_match_events (self->timeline, self->query, 0, n,
                                                     self->mask, 0);
  else
    {
      g_free (self->mask);
      self->mask = g_malloc (MAX (n, 1));
      self->mask_len = n;
      memset (self->mask, 1, n);
      self->n_matches = chrono_timeline_match_events (self->timeline, self->query, 0, n,
                                                      self->mask, 1);
    }

  self->mask_valid = TRUE;
  self->pending = NO_CHANGE;
}

static void
chrono_event_filter_changed (ChronoEventFilter *self,
                             GtkFilterChange    change,
                             gboolean           was_active)
{
  rebuild_query (self);
  if (self->pending == NO_CHANGE)
    self->pending = change;
  else if (self->pending != change)
    self->pending = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self), change);
  if (was_active != chrono_event_filter_get_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
on_timeline_items_changed_cb (ChronoEventFilter *self,
                              guint              position,
                              guint              removed,
                              guint              added,
                              GListModel        *model)
{
  guint new_len;

  /* Out of date anyway: computed afresh when asked for. */
  if (!self->mask_valid || self->pending != NO_CHANGE ||
      position + removed > self->mask_len)
    {
      self->mask_valid = FALSE;
      return;
    }

  for (guint i = position; i < position + removed; i++)
    self->n_matches -= self->mask[i];

  new_len = self->mask_len - removed + added;
  if (added > removed)
    self->mask = g_realloc (self->mask, MAX (new_len, 1));
  memmove (self->mask + position + added, self->mask + position + removed,
           self->mask_len - position - removed);
  self->mask_len = new_len;

  memset (self->mask + position, 1, added);
  self->n_matches += chrono_timeline_match_events (self->timeline, self->query, position, added,
                                                   self->mask + position, 1);
}

static gboolean
chrono_event_filter_match (GtkFilter *filter,
                           gpointer   item)
{
  ChronoEventFilter *self = CHRONO_EVENT_FILTER (filter);
  ChronoEvent *event = item;

  g_return_val_if_fail (CHRONO_IS_EVENT (item), FALSE);

  return chrono_event_query_match_event (self->query, event);
}

static GtkFilterMatch
chrono_event_filter_get_strictness (GtkFilter *filter)
{
  ChronoEventFilter *self = CHRONO_EVENT_FILTER (filter);

  return chrono_event_filter_get_active (self) ? GTK_FILTER_MATCH_SOME : GTK_FILTER_MATCH_ALL;
}

static void
chrono_event_filter_finalize (GObject *object)
{
  ChronoEventFilter *self = CHRONO_EVENT_FILTER (object);

  detach_timeline (self);
  g_clear_pointer (&self->query, chrono_event_query_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  for (guint i = 0; i < CHRONO_FILTER_N_FIELDS; i++)
    g_clear_pointer (&self->values[i], g_hash_table_unref);

  G_OBJECT_CLASS (chrono_event_filter_parent_class)->finalize (object);
}

static void
chrono_event_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChronoEventFilter *self = CHRONO_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, chrono_event_filter_get_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_filter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChronoEventFilter *self = CHRONO_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      chrono_event_filter_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_filter_class_init (ChronoEventFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = chrono_event_filter_finalize;
  object_class->get_property = chrono_event_filter_get_property;
  object_class->set_property = chrono_event_filter_set_property;

  filter_class->match = chrono_event_filter_match;
  filter_class->get_strictness = chrono_event_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_event_filter_init (ChronoEventFilter *self)
{
  for (guint i = 0; i < CHRONO_FILTER_N_FIELDS; i++)
    self->values[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = NO_CHANGE;
  rebuild_query (self);
}

ChronoEventFilter *
chrono_event_filter_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT_FILTER, NULL);
}

const char *
chrono_event_filter_get_search (ChronoEventFilter *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), NULL);

  return self->search;
}

void
chrono_event_filter_set_search (ChronoEventFilter *self,
                                const char        *search)
{
  g_auto(GStrv) old_words = NULL;
  GtkFilterChange change;
  gboolean was_active;

  g_return_if_fail (CHRONO_IS_EVENT_FILTER (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  was_active = chrono_event_filter_get_active (self);
  g_free (self->search);
  self->search = g_strdup (search);
  old_words = g_steal_pointer (&self->words);
  self->words = split_words (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  /* Typing on narrows, deleting widens: lets the list model refilter only
   * the items that can change. */
  if (words_contain (self->words, old_words))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (words_contain (old_words, self->words))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  chrono_event_filter_changed (self, change, was_active);
}

gboolean
chrono_event_filter_get_value (ChronoEventFilter *self,
                               ChronoFilterField  field,
                               const char        *value)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), FALSE);
  g_return_val_if_fail (field < CHRONO_FILTER_N_FIELDS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return g_hash_table_contains (self->values[field], value);
}

void
chrono_event_filter_set_value (ChronoEventFilter *self,
                               ChronoFilterField  field,
                               const char        *value,
                               gboolean           enabled)
{
  GHashTable *set;
  gboolean was_active;
  GtkFilterChange change;

  g_return_if_fail (CHRONO_IS_EVENT_FILTER (self));
  g_return_if_fail (field < CHRONO_FILTER_N_FIELDS);
  g_return_if_fail (value != NULL);

  set = self->values[field];
  if (!!enabled == g_hash_table_contains (set, value))
    return;

  was_active = chrono_event_filter_get_active (self);
  if (enabled)
    {
      /* The first value of a field restricts; further ones widen (any of). */
      change = g_hash_table_size (set) == 0 ? GTK_FILTER_CHANGE_MORE_STRICT
                                            : GTK_FILTER_CHANGE_LESS_STRICT;
      g_hash_table_add (set, g_strdup (value));
    }
  else
    {
      g_hash_table_remove (set, value);
      change = g_hash_table_size (set) == 0 ? GTK_FILTER_CHANGE_LESS_STRICT
                                            : GTK_FILTER_CHANGE_MORE_STRICT;
    }

  chrono_event_filter_changed (self, change, was_active);
}

guint
chrono_event_filter_get_n_values (ChronoEventFilter *self)
{
  guint n = 0;

  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), 0);

  for (guint i = 0; i < CHRONO_FILTER_N_FIELDS; i++)
    n += g_hash_table_size (self->values[i]);

  return n;
}

void
chrono_event_filter_clear_values (ChronoEventFilter *self)
{
  gboolean was_active;

  g_return_if_fail (CHRONO_IS_EVENT_FILTER (self));

  if (chrono_event_filter_get_n_values (self) == 0)
    return;

  was_active = chrono_event_filter_get_active (self);
  for (guint i = 0; i < CHRONO_FILTER_N_FIELDS; i++)
    g_hash_table_remove_all (self->values[i]);

  chrono_event_filter_changed (self, GTK_FILTER_CHANGE_LESS_STRICT, was_active);
}

gboolean
chrono_event_filter_get_active (ChronoEventFilter *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), FALSE);

  return self->words != NULL || chrono_event_filter_get_n_values (self) > 0;
}

const guint8 *
chrono_event_filter_get_mask (ChronoEventFilter *self,
                              ChronoTimeline    *timeline,
                              guint             *n_matches)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), NULL);
  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  if (self->timeline != timeline)
    {
      detach_timeline (self);
      g_set_weak_pointer (&self->timeline, timeline);
      g_signal_connect_object (timeline, "items-changed",
                               G_CALLBACK (on_timeline_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (!chrono_event_filter_get_active (self))
    {
      /* Nothing to keep up to date meanwhile. */
      g_clear_pointer (&self->mask, g_free);
      self->mask_len = 0;
      self->mask_valid = FALSE;
      self->pending = NO_CHANGE;
      if (n_matches != NULL)
        *n_matches = chrono_timeline_get_n_events (timeline);
      return NULL;
    }

  update_mask (self);
  if (n_matches != NULL)
    *n_matches = self->n_matches;
  return self->mask;
}

gboolean
chrono_event_filter_match_position (ChronoEventFilter *self,
                                    ChronoTimeline    *timeline,
                                    guint              position)
{
  const guint8 *mask;

  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (self), FALSE);

  /* Asked once per event by the canvas: answer a current mask at once. */
  if (G_LIKELY (timeline == self->timeline && self->mask_valid &&
                self->pending == NO_CHANGE && position < self->mask_len))
    return self->mask[position] != 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (position < chrono_timeline_get_n_events (timeline), FALSE);

  mask = chrono_event_filter_get_mask (self, timeline, NULL);
  return mask == NULL || mask[position] != 0;
}
