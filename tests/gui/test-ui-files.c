/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-files"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "chrono-event-popover.h"
#include "chrono-event-row.h"
#include "chrono-export-dialog.h"
#include "chrono-filter-popover.h"
#include "chrono-overview.h"
#include "chrono-timeline-view.h"
#include "chrono-ui-resources.h"
#include "chrono-window.h"

/* Every .ui file in the resource, recursively, as resource paths. */
static void
collect_ui_files (const char *dir,
                  GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (dir, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (path, paths);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* The class a template file defines, or NULL for a plain builder file. */
static char *
template_class (const char *path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("<template class=\"([A-Za-z0-9_]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *class_name = template_class (path);

  if (class_name != NULL)
    {
      GType type = g_type_from_name (class_name);
      GtkWidget *widget;

      g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));
      /* A template naming a class this GTK or libadwaita lacks fails here,
       * with a critical that the test environment makes fatal. */
      widget = g_object_new (type, NULL);
      g_assert_nonnull (widget);
      if (GTK_IS_WINDOW (widget))
        gtk_window_destroy (GTK_WINDOW (widget));
      else
        g_object_unref (g_object_ref_sink (widget));
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;

      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);
    }
}

static void
on_css_parsing_error (GtkCssProvider *provider,
                      GtkCssSection  *section,
                      const GError   *error,
                      gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_error ("style.css: %s: %s", where, error->message);
}

static void
test_style_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_signal_connect (provider, "parsing-error", G_CALLBACK (on_css_parsing_error), NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
}

static void
test_help_overlay_actions (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static void
test_skip_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui-files/skip", test_skip_no_display);
      return g_test_run ();
    }

  adw_init ();
  chrono_ui_register_resource ();
  g_type_ensure (CHRONO_TYPE_WINDOW);
  g_type_ensure (CHRONO_TYPE_EVENT_ROW);
  g_type_ensure (CHRONO_TYPE_EVENT_POPOVER);
  g_type_ensure (CHRONO_TYPE_EXPORT_DIALOG);
  g_type_ensure (CHRONO_TYPE_FILTER_POPOVER);
  g_type_ensure (CHRONO_TYPE_TIMELINE_VIEW);
  g_type_ensure (CHRONO_TYPE_OVERVIEW);

  collect_ui_files (RESOURCE_PREFIX "/", paths);
  g_assert_cmpuint (paths->len, >=, 5);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *test_path = g_strconcat ("/ui-files", path + strlen (RESOURCE_PREFIX), NULL);

      g_test_add_data_func (test_path, path, test_ui_file);
    }
  g_test_add_func ("/ui-files/style-css", test_style_css);
  g_test_add_func ("/ui-files/help-overlay", test_help_overlay_actions);

  return g_test_run ();
}
