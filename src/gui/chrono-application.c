/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-application.h"
#include "chrono-builtin.h"
#include "chrono-format.h"
#include "chrono-ui-resources.h"
#include "chrono-window.h"

struct _ChronoApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ChronoApplication, chrono_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.export", { "<Control>e", "<Control><Shift>s", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
};

static GtkWindow *
chrono_application_get_any_window (ChronoApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static ChronoWindow *
chrono_application_new_window (ChronoApplication *self,
                               ChronoTimeline    *timeline)
{
  ChronoWindow *window = chrono_window_new (self, timeline);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The built-in timeline; an empty document if even that fails to load, so
 * there is always a window to show the error in. */
static ChronoWindow *
chrono_application_open_builtin (ChronoApplication *self)
{
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  ChronoWindow *window;

  timeline = chrono_builtin_load (&error);
  if (timeline == NULL)
    {
      g_warning ("Cannot load the built-in timeline: %s", error->message);
      timeline = chrono_timeline_new ();
    }

  window = chrono_application_new_window (self, timeline);
  if (error != NULL)
    chrono_window_show_error (window, _("Cannot Open the Built-in Timeline"), error->message);

  return window;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ChronoApplication *self = user_data;
  GList *windows;

  /* Close windows first so that running exports are cancelled cleanly. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ChronoApplication *self = user_data;
  const char *developers[] = { _("The Chronoscope developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", chrono_application_get_any_window (self),
                        "modal", TRUE,
                        "application-name", _("Chronoscope"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Chronoscope developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore and publish timelines of dated events"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "copyright", _("© The Chronoscope developers"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_open_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     ChronoApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));

      if (array->len > 0)
        g_application_open (G_APPLICATION (self), (GFile **) array->pdata, (int) array->len, "");
    }

  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ChronoApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Timeline"),
                                         chrono_application_get_any_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (all, _("All Timelines"));
  gtk_file_filter_add_mime_type (all, "application/json");
  gtk_file_filter_add_mime_type (all, "text/csv");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  gtk_file_filter_set_name (json, _("JSON (Chronoscope, TimelineJS, STIX)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);

  gtk_file_filter_set_name (csv, _("CSV"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "open", .activate = open_action },
};

static void
chrono_application_startup (GApplication *application)
{
  ChronoApplication *self = CHRONO_APPLICATION (application);
  static gsize resources_registered = 0;

  /* Before chaining up: AdwApplication loads style.css and GtkApplication
   * the help overlay from the resource base path during startup. */
  if (g_once_init_enter (&resources_registered))
    {
      chrono_ui_register_resource ();
      g_once_init_leave (&resources_registered, 1);
    }

  G_APPLICATION_CLASS (chrono_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
chrono_application_activate (GApplication *application)
{
  ChronoApplication *self = CHRONO_APPLICATION (application);
  GtkWindow *window = chrono_application_get_any_window (self);

  if (window != NULL)
    gtk_window_present (window);
  else
    chrono_application_open_builtin (self);
}

static void
chrono_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ChronoApplication *self = CHRONO_APPLICATION (application);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline = NULL;

      timeline = chrono_format_load_file (files[i], NULL, &error);
      if (timeline == NULL)
        {
          g_ptr_array_add (failures, g_steal_pointer (&error));
          continue;
        }

      if (chrono_timeline_get_file (timeline) == NULL)
        chrono_timeline_set_file (timeline, files[i]);
      chrono_application_new_window (self, timeline);
    }

  if (failures->len > 0)
    {
      GtkWindow *window = chrono_application_get_any_window (self);

      /* Nothing else open: show the built-in timeline behind the message. */
      if (window == NULL)
        window = GTK_WINDOW (chrono_application_open_builtin (self));

      for (guint i = 0; i < failures->len; i++)
        {
          const GError *error = g_ptr_array_index (failures, i);

          chrono_window_show_error (CHRONO_WINDOW (window), _("Cannot Open the Timeline"),
                                    error->message);
        }
    }
}

static void
chrono_application_class_init (ChronoApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = chrono_application_startup;
  app_class->activate = chrono_application_activate;
  app_class->open = chrono_application_open;
}

static void
chrono_application_init (ChronoApplication *self)
{
}

ChronoApplication *
chrono_application_new (void)
{
  return g_object_new (CHRONO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
