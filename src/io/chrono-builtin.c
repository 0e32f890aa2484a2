/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include "chrono-builtin.h"
#include "chrono-data-resources.h"
#include "chrono-native.h"

#define BUILTIN_PATH RESOURCE_PREFIX "/timelines/cyber-espionage.chrono.json"

/* The data resource is compiled with --manual-register, so its GResource
 * exists only once registered. Registering twice would corrupt GLib's
 * list of static resources, hence the check and the lock. */
static GResource *
get_data_resource (void)
{
  static GMutex lock;
  GResource *resource;

  g_mutex_lock (&lock);
  resource = chrono_data_get_resource ();
  if (resource == NULL)
    {
      chrono_data_register_resource ();
      resource = chrono_data_get_resource ();
    }
  g_mutex_unlock (&lock);
  return resource;
}

ChronoTimeline *
chrono_builtin_load (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  ChronoTimeline *timeline;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Looked up in our own resource rather than the global table, so a
   * resource of the same path elsewhere cannot stand in for it. */
  bytes = g_resource_lookup_data (get_data_resource (), BUILTIN_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  timeline = chrono_native_load_data (data, length, "resource://" BUILTIN_PATH, error);
  if (timeline == NULL)
    return NULL;

  /* Not backed by a file: saving asks where to put a copy. */
  chrono_timeline_set_file (timeline, NULL);
  chrono_timeline_set_modified (timeline, FALSE);
  return timeline;
}
