/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-application.h"
#include "chrono-builtin.h"
#include "chrono-ui-resources.h"
#include "chrono-window.h"

struct _ChronoApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ChronoApplication, chrono_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.export", { "<Control>e", NULL } },
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
  g_autoptr(GList) windows = NULL;

  /* Each window closes as if its close button were pressed: one with unsaved
   * changes asks first and may stay. The application ends with the last. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CHRONO_IS_WINDOW (l->data))
      gtk_window_close (l->data);
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
                        "destroy-with-parent", TRUE,
                        "application-name", _("Chronoscope"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Chronoscope developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore and publish timelines of dated events"),
                        "website", "https://github.com/chronoscope/chronoscope",
                        "issue-url", "https://github.com/chronoscope/chronoscope/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line, to be credited in the About window */
                        "translator-credits", _("translator-credits"),
                        "copyright", _("© The Chronoscope developers"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

/* Without the schema (an uninstalled build) g_settings_new() would abort:
 * run without remembering anything instead. */
static void
chrono_application_load_settings (ChronoApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: window state and export options "
                 "will not be remembered (set GSETTINGS_SCHEMA_DIR to use an uninstalled one)",
                 APPLICATION_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
}

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

  chrono_application_load_settings (self);
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

/* Each file in a window of its own, loaded in a worker thread; a window
 * whose file fails to load shows the built-in timeline behind the error. */
static void
chrono_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ChronoApplication *self = CHRONO_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      ChronoWindow *window = chrono_application_new_window (self, NULL);

      chrono_window_open_file (window, files[i]);
    }
}

static void
chrono_application_shutdown (GApplication *application)
{
  /* Settings written by the last window to close reach the disk. */
  g_settings_sync ();

  G_APPLICATION_CLASS (chrono_application_parent_class)->shutdown (application);
}

static void
chrono_application_dispose (GObject *object)
{
  ChronoApplication *self = CHRONO_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_application_parent_class)->dispose (object);
}

static void
chrono_application_class_init (ChronoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = chrono_application_dispose;
  app_class->shutdown = chrono_application_shutdown;
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

GSettings *
chrono_application_get_settings (ChronoApplication *self)
{
  g_return_val_if_fail (CHRONO_IS_APPLICATION (self), NULL);

  return self->settings;
}
