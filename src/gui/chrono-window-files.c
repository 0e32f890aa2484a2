/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-builtin.h"
#include "chrono-format.h"
#include "chrono-io-util.h"
#include "chrono-native.h"
#include "chrono-window-private.h"

/* Opening, saving, drag and drop and recent files of ChronoWindow. */

#define NATIVE_MIME_TYPE "application/x-chronoscope+json"
#define NATIVE_SUFFIX ".chrono.json"
/* How recent files are marked as ours in recently-used.xbel: a fixed name,
 * not the translated one, so that the list survives a change of language. */
#define RECENT_APP_NAME "Chronoscope"
#define RECENT_MAX 8

typedef struct {
  GFile *file;
  char *data;
  gsize length;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->file);
  g_free (job->data);
  g_free (job);
}

static void chrono_window_save_to (ChronoWindow *self,
                                   GFile        *file);
static void chrono_window_save_as (ChronoWindow *self);
static void chrono_window_load    (ChronoWindow *self,
                                   GFile        *file);

static void
chrono_window_update_busy (ChronoWindow *self)
{
  gboolean loading = self->load_cancellable != NULL;
  gboolean saving = self->save_cancellable != NULL;

  if (saving)
    self->busy_text = _("Saving…");
  else if (loading)
    self->busy_text = _("Loading…");
  else
    self->busy_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), loading || saving);
  gtk_spinner_set_spinning (self->busy_spinner, loading || saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", !saving);
  _chrono_window_update_subtitle (self);
}

/* A toast whose text is a plain label: toast titles are markup, and file
 * names are not to be interpreted. */
static void
chrono_window_toast_plain (ChronoWindow *self,
                           const char   *text)
{
  AdwToast *toast = adw_toast_new ("");
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  adw_toast_set_custom_title (toast, label);
  chrono_window_add_toast (self, toast);
}

static char *
file_display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  return g_utf8_make_valid (basename, -1);
}

static char *
chrono_window_display_name (ChronoWindow *self)
{
  const char *title = chrono_timeline_get_title (self->timeline);
  GFile *file = chrono_timeline_get_file (self->timeline);

  if (title != NULL && title[0] != '\0')
    return g_strdup (title);
  if (file == NULL)
    file = self->source_file;
  if (file != NULL)
    return file_display_basename (file);

  return g_strdup (_("Untitled Timeline"));
}

/* "<title>.chrono.json", or the imported file's name with its extension
 * replaced. */
static char *
chrono_window_suggest_name (ChronoWindow *self)
{
  const char *title = chrono_timeline_get_title (self->timeline);
  g_autofree char *base = NULL;

  if ((title == NULL || title[0] == '\0') && self->source_file != NULL)
    {
      char *dot;

      base = file_display_basename (self->source_file);
      dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
    }
  else
    base = chrono_window_display_name (self);

  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (base, NATIVE_SUFFIX, NULL);
}

/* The folder a file chooser starts in: that of the open document. */
static void
chrono_window_set_chooser_folder (ChronoWindow   *self,
                                  GtkFileChooser *chooser)
{
  GFile *file = chrono_timeline_get_file (self->timeline);
  g_autoptr(GFile) parent = NULL;

  if (file == NULL)
    file = self->source_file;
  if (file == NULL)
    return;

  parent = g_file_get_parent (file);
  if (parent != NULL)
    gtk_file_chooser_set_current_folder (chooser, parent, NULL);
}

/* Recent files */

static const char *
mime_type_for (GFile          *file,
               ChronoTimeline *timeline)
{
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;

  if (timeline != NULL && chrono_timeline_get_file (timeline) != NULL)
    return NATIVE_MIME_TYPE;

  name = g_file_get_basename (file);
  content_type = g_content_type_guess (name, NULL, 0, NULL);
  if (g_content_type_is_a (content_type, "text/csv"))
    return "text/csv";
  if (g_content_type_is_a (content_type, "application/json"))
    return "application/json";

  return "application/octet-stream";
}

static void
chrono_window_add_recent (ChronoWindow   *self,
                          GFile          *file,
                          ChronoTimeline *timeline)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) mime_type_for (file, timeline),
    .app_name = (char *) RECENT_APP_NAME,
    .app_exec = (char *) "chronoscope %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* Mnemonics take "_": double it so a file name shows as it is. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
chrono_window_update_recent_menu (ChronoWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  g_autoptr(GMenu) submenu = g_menu_new ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, RECENT_APP_NAME)
          && (!gtk_recent_info_is_local (info) || gtk_recent_info_exists (info)))
        g_ptr_array_add (ours, info);
    }
  g_ptr_array_sort (ours, compare_recent);

  for (guint i = 0; i < ours->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autofree char *label = escape_mnemonic (gtk_recent_info_get_display_name (info));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (submenu, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  /* The submenu is there only when it has something to offer. */
  g_menu_remove_all (self->recent_menu);
  if (g_menu_model_get_n_items (G_MENU_MODEL (submenu)) > 0)
    g_menu_append_submenu (self->recent_menu, _("Open _Recent"), G_MENU_MODEL (submenu));
}

/* Loading */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  ChronoTimeline *timeline;

  /* The new timeline is private to this thread until it is handed over. */
  timeline = chrono_format_load_file (file, cancellable, &error);
  if (timeline == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, timeline, g_object_unref);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChronoWindow *self = CHRONO_WINDOW (source);
  GTask *task = G_TASK (result);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled by another open or by closing: a newer request owns the state. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  g_clear_object (&self->load_cancellable);
  chrono_window_update_busy (self);

  timeline = g_task_propagate_pointer (task, &error);
  if (timeline == NULL)
    {
      /* A window that was opened for this file has nothing else to show. */
      if (self->placeholder)
        {
          g_autoptr(ChronoTimeline) builtin = chrono_builtin_load (NULL);

          if (builtin != NULL)
            _chrono_window_replace_timeline (self, builtin, NULL);
        }
      chrono_window_show_error (self, _("Cannot Open the Timeline"), error->message);
      return;
    }

  _chrono_window_replace_timeline (self, timeline,
                                   chrono_timeline_get_file (timeline) == NULL ? file : NULL);
  chrono_window_add_recent (self, file, timeline);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
chrono_window_load (ChronoWindow *self,
                    GFile        *file)
{
  g_autoptr(GTask) task = NULL;

  /* Only the last request counts. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  self->load_cancellable = g_cancellable_new ();
  chrono_window_update_busy (self);

  task = g_task_new (self, self->load_cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, chrono_window_load);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/* Unsaved changes */

static void
chrono_window_continue_after_save (ChronoWindow *self)
{
  ChronoAfterSave after = self->after_save;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  self->after_save = CHRONO_AFTER_SAVE_NOTHING;
  switch (after)
    {
    case CHRONO_AFTER_SAVE_OPEN:
      if (file != NULL)
        chrono_window_load (self, file);
      break;

    case CHRONO_AFTER_SAVE_CLOSE:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;

    case CHRONO_AFTER_SAVE_NOTHING:
    default:
      break;
    }
}

static void
chrono_window_drop_pending (ChronoWindow *self)
{
  self->after_save = CHRONO_AFTER_SAVE_NOTHING;
  g_clear_object (&self->pending_file);
}

static void
chrono_window_save (ChronoWindow *self)
{
  GFile *file = chrono_timeline_get_file (self->timeline);

  /* Only a native document has a file; imports and the built-in timeline ask. */
  if (file != NULL)
    chrono_window_save_to (self, file);
  else
    chrono_window_save_as (self);
}

typedef struct {
  ChronoWindow *window;
  char *response;
} ConfirmAnswer;

static void
confirm_answer_free (ConfirmAnswer *answer)
{
  g_object_unref (answer->window);
  g_free (answer->response);
  g_free (answer);
}

static gboolean
on_confirm_answer_idle_cb (gpointer data)
{
  ConfirmAnswer *answer = data;
  ChronoWindow *self = answer->window;

  if (g_strcmp0 (answer->response, "discard") == 0)
    chrono_window_continue_after_save (self);
  else if (g_strcmp0 (answer->response, "save") == 0)
    chrono_window_save (self);
  else
    chrono_window_drop_pending (self);

  return G_SOURCE_REMOVE;
}

static void
on_confirm_response_cb (ChronoWindow     *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  ConfirmAnswer *answer = g_new0 (ConfirmAnswer, 1);

  self->confirm_dialog = NULL;

  /* Acted on once the dialog is gone: closing the window from inside the
   * dialog's own signal would dispose the dialog's parent under it. */
  answer->window = g_object_ref (self);
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_confirm_answer_idle_cb, answer,
                   (GDestroyNotify) confirm_answer_free);
}

/* Asks whether to save, discard or keep the unsaved changes before @after. */
static void
chrono_window_confirm (ChronoWindow    *self,
                       ChronoAfterSave  after,
                       GFile           *file)
{
  g_autofree char *name = chrono_window_display_name (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->after_save = after;
  g_set_object (&self->pending_file, file);

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return;
    }

  /* Translators: %s is the title of the timeline */
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be lost."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  /* Write, fsync and rename: slow on some disks, so off the main thread. */
  if (chrono_io_replace_file (job->file, job->data, job->length, TRUE, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_save_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChronoWindow *self = CHRONO_WINDOW (source);
  GTask *task = G_TASK (result);
  SaveJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  g_clear_object (&self->save_cancellable);
  chrono_window_update_busy (self);

  if (!g_task_propagate_boolean (task, &error))
    {
      g_autofree char *name = g_file_get_parse_name (job->file);
      g_autofree char *body = NULL;

      chrono_window_drop_pending (self);
      /* Translators: %s is the file that could not be written */
      body = g_strdup_printf (_("“%s” was not saved: %s"), name, error->message);
      chrono_window_show_error (self, _("Cannot Save the Timeline"), body);
      return;
    }

  /* From now on Save writes here, and the document matches the file. */
  chrono_timeline_set_file (self->timeline, job->file);
  chrono_timeline_set_modified (self->timeline, FALSE);
  g_clear_object (&self->source_file);
  chrono_window_add_recent (self, job->file, self->timeline);

  basename = file_display_basename (job->file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Saved “%s”"), basename);
  chrono_window_toast_plain (self, text);

  chrono_window_continue_after_save (self);
}

static void
chrono_window_save_to (ChronoWindow *self,
                       GFile        *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  if (self->save_cancellable != NULL)
    return;

  /* The document is read here, on the main thread: its event objects are
   * shared with the sidebar and are not safe to hand out from a worker. */
  job = g_new0 (SaveJob, 1);
  job->file = g_object_ref (file);
  job->data = chrono_native_to_data (self->timeline, &job->length);

  self->save_cancellable = g_cancellable_new ();
  chrono_window_update_busy (self);

  task = g_task_new (self, self->save_cancellable, on_save_done_cb, NULL);
  g_task_set_source_tag (task, chrono_window_save_to);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_save_chooser_response_cb (ChronoWindow    *self,
                             int              response,
                             GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    chrono_window_save_to (self, file);
  else
    chrono_window_drop_pending (self);
}

static void
chrono_window_save_as (ChronoWindow *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) native = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  if (self->chooser != NULL || self->save_cancellable != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (native, _("Chronoscope Timelines"));
  gtk_file_filter_add_mime_type (native, NATIVE_MIME_TYPE);
  gtk_file_filter_add_suffix (native, "chrono.json");
  gtk_file_chooser_add_filter (chooser, native);

  chrono_window_set_chooser_folder (self, chooser);
  name = chrono_window_suggest_name (self);
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_save_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Opening */

static void
on_open_chooser_response_cb (ChronoWindow    *self,
                             int              response,
                             GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    chrono_window_open_file (self, file);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *mime_types,
            const char * const *suffixes)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  const char * const all_types[] = { NATIVE_MIME_TYPE, "application/json", "text/csv", NULL };
  const char * const all_suffixes[] = { "json", "csv", NULL };
  const char * const native_types[] = { NATIVE_MIME_TYPE, NULL };
  const char * const json_types[] = { "application/json", NULL };
  const char * const json_suffixes[] = { "json", NULL };
  const char * const csv_types[] = { "text/csv", NULL };
  const char * const csv_suffixes[] = { "csv", NULL };
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* The formats are told apart by content, so each JSON filter shows every
   * JSON file; the names tell people what they can open. */
  add_filter (chooser, _("All Timelines"), all_types, all_suffixes);
  add_filter (chooser, _("Chronoscope Timelines"), native_types, json_suffixes);
  add_filter (chooser, _("CSV and TimelineJS Spreadsheets"), csv_types, csv_suffixes);
  add_filter (chooser, _("TimelineJS JSON"), json_types, json_suffixes);
  add_filter (chooser, _("STIX 2.1 Bundles"), json_types, json_suffixes);
  gtk_file_filter_set_name (any, _("All Files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (chooser, any);

  chrono_window_set_chooser_folder (self, chooser);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_open_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  chrono_window_open_file (CHRONO_WINDOW (widget), file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  chrono_window_save (CHRONO_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chrono_window_save_as (CHRONO_WINDOW (widget));
}

/* Drag and drop: the first file opens here, any others in windows of their own. */
static gboolean
on_drop_cb (ChronoWindow  *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  g_autoptr(GSList) files = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = g_slist_copy (gdk_file_list_get_files (g_value_get_boxed (value)));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    files = g_slist_prepend (NULL, g_value_get_object (value));

  if (files == NULL)
    return FALSE;

  chrono_window_open_file (self, files->data);
  for (GSList *l = files->next; l != NULL && CHRONO_IS_APPLICATION (app); l = l->next)
    {
      ChronoWindow *window = chrono_window_new (CHRONO_APPLICATION (app), NULL);

      gtk_window_present (GTK_WINDOW (window));
      chrono_window_open_file (window, l->data);
    }

  return TRUE;
}

void
_chrono_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, recent_menu);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
}

void
_chrono_window_files_init (ChronoWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (chrono_window_update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  chrono_window_update_recent_menu (self);
}

void
_chrono_window_files_dispose (ChronoWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  /* A save in progress finishes in its thread: the rename is atomic either way. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pending_file);
}

gboolean
_chrono_window_files_busy (ChronoWindow *self)
{
  return self->load_cancellable != NULL || self->save_cancellable != NULL;
}

gboolean
_chrono_window_files_may_close (ChronoWindow *self)
{
  if (self->close_confirmed)
    return TRUE;

  /* Close once the running save has finished. */
  if (self->save_cancellable != NULL)
    {
      self->after_save = CHRONO_AFTER_SAVE_CLOSE;
      return FALSE;
    }

  if (chrono_timeline_get_modified (self->timeline))
    {
      chrono_window_confirm (self, CHRONO_AFTER_SAVE_CLOSE, NULL);
      return FALSE;
    }

  return TRUE;
}

void
chrono_window_open_file (ChronoWindow *self,
                         GFile        *file)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* After the running save, which may be the one a confirmation asked for. */
  if (self->save_cancellable != NULL)
    {
      self->after_save = CHRONO_AFTER_SAVE_OPEN;
      g_set_object (&self->pending_file, file);
      return;
    }

  if (chrono_timeline_get_modified (self->timeline))
    chrono_window_confirm (self, CHRONO_AFTER_SAVE_OPEN, file);
  else
    chrono_window_load (self, file);
}
