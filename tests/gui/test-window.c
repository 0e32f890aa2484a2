/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chrono-application.h"
#include "chrono-format.h"
#include "chrono-native.h"
#include "chrono-window-private.h"

/* The window's document handling, in process: unsaved-changes marker,
 * Save, the questions before replacing or closing a modified timeline, a
 * failed open that leaves everything as it was, drops, and the settings. */

static ChronoApplication *app;

typedef struct {
  ChronoWindow *window;
  ChronoTimeline *timeline;
  char *tmpdir;
} Fixture;

static char *
data_path (const char *folder,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", folder, name, NULL);
}

static gboolean
wait_until (gboolean (*predicate) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

/* Runs the main loop for a while, for things that must NOT happen. */
static void
spin (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static AdwMessageDialog *
find_message_dialog (ChronoWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !_chrono_window_files_busy (data);
}

typedef struct {
  ChronoWindow *window;
  ChronoTimeline *old;
} Replaced;

static gboolean
timeline_replaced (gpointer data)
{
  Replaced *r = data;

  return chrono_window_get_timeline (r->window) != r->old && !_chrono_window_files_busy (r->window);
}

static gboolean
not_modified (gpointer data)
{
  return !chrono_timeline_get_modified (data);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Answers the question over @window and lets the answer take effect. */
static void
respond (ChronoWindow *window,
         const char   *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_until (has_message_dialog, window));
  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  /* As a click on its button does: the response, then the dialog goes. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  spin (50);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = data_path ("native", "full.chrono.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->timeline = chrono_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  /* Not the sample's own file: a test that saves must not overwrite it. */
  chrono_timeline_set_file (f->timeline, NULL);
  f->window = chrono_window_new (app, f->timeline);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (100);

  f->tmpdir = g_dir_make_tmp ("chrono-window-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      AdwMessageDialog *dialog;

      g_assert_true (wait_until (not_busy, f->window));
      while ((dialog = find_message_dialog (f->window)) != NULL)
        gtk_window_destroy (GTK_WINDOW (dialog));
      chrono_timeline_set_modified (chrono_window_get_timeline (f->window), FALSE);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  spin (50);
  g_assert_null (f->window);
  g_clear_object (&f->timeline);
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static ChronoTimeline *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoTimeline *timeline = chrono_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return timeline;
}

static void
assert_same_events (ChronoTimeline *a,
                    ChronoTimeline *b)
{
  guint n = chrono_timeline_get_n_events (a);

  g_assert_cmpuint (chrono_timeline_get_n_events (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (chrono_timeline_get_event_id (a, i), ==, chrono_timeline_get_event_id (b, i));
      g_assert_cmpstr (chrono_timeline_get_event_title (a, i), ==,
                       chrono_timeline_get_event_title (b, i));
    }
}

static void
test_title_marks_modified (Fixture       *f,
                           gconstpointer  data)
{
  const char *title = chrono_timeline_get_title (f->timeline);
  g_autofree char *marked = g_strdup_printf ("• %s", title);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, title);
  chrono_timeline_set_modified (f->timeline, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, marked);
  g_assert_cmpstr (adw_window_title_get_title (f->window->window_title), ==, marked);
  chrono_timeline_set_modified (f->timeline, FALSE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, title);
}

static void
test_save_to_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "saved.chrono.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronoTimeline) loaded = NULL;

  chrono_timeline_set_file (f->timeline, file);
  chrono_timeline_set_modified (f->timeline, TRUE);

  /* A native document with a file: Save writes there without asking. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  g_assert_true (wait_until (not_modified, f->timeline));
  g_assert_null (f->window->chooser);
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "•"));

  loaded = load (path);
  assert_same_events (f->timeline, loaded);
  g_assert_cmpstr (chrono_timeline_get_title (loaded), ==, chrono_timeline_get_title (f->timeline));
}

static void
test_open_asks_when_modified (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *csv = data_path ("formats", "chronoscope.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(ChronoTimeline) expected = load (csv);
  Replaced replaced = { f->window, f->timeline };

  chrono_timeline_set_modified (f->timeline, TRUE);

  /* Cancel: nothing is loaded. */
  chrono_window_open_file (f->window, file);
  respond (f->window, "cancel");
  spin (300);
  g_assert_true (chrono_window_get_timeline (f->window) == f->timeline);
  g_assert_false (_chrono_window_files_busy (f->window));
  g_assert_null (find_message_dialog (f->window));

  /* Discard: the CSV replaces the document. */
  chrono_window_open_file (f->window, file);
  respond (f->window, "discard");
  g_assert_true (wait_until (timeline_replaced, &replaced));
  assert_same_events (chrono_window_get_timeline (f->window), expected);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "chronoscope.csv");
  /* An import has no native file: Save will ask for one. */
  g_assert_null (chrono_timeline_get_file (chrono_window_get_timeline (f->window)));
}

static void
test_open_saves_first (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = data_path ("formats", "chronoscope.csv");
  g_autofree char *path = g_build_filename (f->tmpdir, "before.chrono.json", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronoTimeline) saved = NULL;
  Replaced replaced = { f->window, f->timeline };

  chrono_timeline_set_file (f->timeline, file);
  chrono_timeline_set_modified (f->timeline, TRUE);

  chrono_window_open_file (f->window, csv_file);
  respond (f->window, "save");
  g_assert_true (wait_until (timeline_replaced, &replaced));

  g_assert_false (chrono_timeline_get_modified (f->timeline));
  saved = load (path);
  assert_same_events (f->timeline, saved);
}

static void
test_failed_open_keeps_document (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (f->timeline), 2);
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (f->window)));
  AdwMessageDialog *dialog;
  double start, end, start_after, end_after;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{\"chronoscope\": 1, \"events\": [{\"title\": \"x\", \"start\": ",
                       -1, &error);
  g_assert_no_error (error);

  chrono_timeline_view_reveal_event (f->window->view, event, FALSE);
  spin (600); /* the reveal animates */
  chrono_timeline_view_get_visible_range (f->window->view, &start, &end);
  g_assert_true (chrono_timeline_view_get_selected_event (f->window->view) == event);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->window->selection), ==, 2);

  chrono_window_open_file (f->window, file);
  g_assert_true (wait_until (has_message_dialog, f->window));
  dialog = find_message_dialog (f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the Timeline");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.json:1:"));

  g_assert_true (chrono_window_get_timeline (f->window) == f->timeline);
  g_assert_true (chrono_timeline_view_get_selected_event (f->window->view) == event);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->window->selection), ==, 2);
  chrono_timeline_view_get_visible_range (f->window->view, &start_after, &end_after);
  g_assert_cmpfloat (start_after, ==, start);
  g_assert_cmpfloat (end_after, ==, end);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, title);
  g_assert_false (_chrono_window_files_busy (f->window));
}

static void
test_close_asks_when_modified (Fixture       *f,
                               gconstpointer  data)
{
  chrono_timeline_set_modified (f->timeline, TRUE);

  gtk_window_close (GTK_WINDOW (f->window));
  respond (f->window, "cancel");
  g_assert_nonnull (f->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  gtk_window_close (GTK_WINDOW (f->window));
  respond (f->window, "discard");
  g_assert_true (wait_until (is_null, &f->window));
}

static void
test_drop_opens_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = data_path ("formats", "timelinejs-template.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(ChronoTimeline) expected = load (csv);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;
  Replaced replaced = { f->window, f->timeline };
  GSList *list;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  /* What GTK hands the drop handler for files from a file manager. */
  list = g_slist_prepend (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (wait_until (timeline_replaced, &replaced));
  assert_same_events (chrono_window_get_timeline (f->window), expected);
}

static void
test_placeholder_falls_back (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("chrono-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "empty.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  /* As for `chronoscope FILE`: the window exists before its file is read. */
  window = chrono_window_new (app, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  g_assert_true (_chrono_window_files_busy (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Loading…");

  g_assert_true (wait_until (has_message_dialog, window));
  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the Timeline");
  /* The built-in timeline rather than an empty window. */
  g_assert_cmpuint (chrono_timeline_get_n_events (chrono_window_get_timeline (window)), >, 5);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_assert_null (window);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  GSettings *settings = chrono_application_get_settings (app);
  g_autofree char *lanes = NULL;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed");
      return;
    }

  /* The Lanes menu's action changes the canvas and the setting. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lanes", "s", "category");
  g_assert_cmpint (chrono_timeline_view_get_lanes (f->window->view), ==, CHRONO_LANES_CATEGORY);
  lanes = g_settings_get_string (settings, "lanes");
  g_assert_cmpstr (lanes, ==, "category");

  /* And the other way: a changed setting reaches the window. */
  g_settings_set_string (settings, "lanes", "actor");
  spin (50);
  g_assert_cmpint (chrono_timeline_view_get_lanes (f->window->view), ==, CHRONO_LANES_ACTOR);
  g_settings_set_boolean (settings, "sidebar-visible", FALSE);
  spin (50);
  g_assert_false (adw_flap_get_reveal_flap (f->window->flap));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-sidebar", NULL);
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));

  /* Closing stores the size the next window opens with. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  spin (200);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (wait_until (is_null, &f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "lanes");
  g_settings_reset (settings, "sidebar-visible");
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/window/display", test_no_display);
      return g_test_run ();
    }

  /* Registering runs startup (resources, actions, settings) without a loop. */
  app = chrono_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/title-marks-modified", test_title_marks_modified);
  ADD ("/window/save-to-file", test_save_to_file);
  ADD ("/window/open-asks-when-modified", test_open_asks_when_modified);
  ADD ("/window/open-saves-first", test_open_saves_first);
  ADD ("/window/failed-open-keeps-document", test_failed_open_keeps_document);
  ADD ("/window/close-asks-when-modified", test_close_asks_when_modified);
  ADD ("/window/drop-opens-file", test_drop_opens_file);
  ADD ("/window/settings", test_settings);
#undef ADD
  g_test_add_func ("/window/placeholder-falls-back", test_placeholder_falls_back);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
