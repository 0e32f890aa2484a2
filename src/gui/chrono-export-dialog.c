/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-application.h"
#include "chrono-error.h"
#include "chrono-export-dialog.h"
#include "chrono-export.h"

/* Order of the rows' string lists in the template. */
enum { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF };
enum { RANGE_VISIBLE, RANGE_WHOLE, RANGE_CUSTOM };
enum { THEME_LIGHT, THEME_DARK };

/* The nicks of the last-export-* settings, in the order above. */
static const char * const format_nicks[] = { "png", "svg", "pdf" };
static const char * const range_nicks[] = { "visible", "whole", "custom" };
static const char * const theme_nicks[] = { "light", "dark" };

struct _ChronoExportDialog
{
  AdwWindow parent_instance;

  ChronoTimeline *timeline;
  ChronoLayout *preview_layout;  /* kept across preview draws: one pass over the events */
  double visible_start;
  double visible_end;
  ChronoLanes lanes;

  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
  GSettings *settings;

  /* Template widgets */
  GtkButton *export_button;
  GtkSpinner *spinner;
  AdwPreferencesPage *options_page;
  AdwComboRow *format_row;
  AdwComboRow *range_row;
  AdwEntryRow *interval_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  AdwActionRow *scale_row;
  GtkSpinButton *scale_spin;
  AdwComboRow *theme_row;
  AdwActionRow *transparent_row;
  GtkSwitch *transparent_switch;
  GtkSwitch *title_switch;
  GtkSwitch *legend_switch;
  GtkDrawingArea *preview;
  GtkLabel *size_label;
};

G_DEFINE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The worker gets the picture already recorded on the main thread and
 * only encodes and writes it: the timeline is not thread-safe. */
typedef struct {
  cairo_surface_t *recording;
  GError *record_error;
  ChronoExportOptions options;
  GFile *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->recording, cairo_surface_destroy);
  g_clear_error (&job->record_error);
  g_clear_object (&job->file);
  g_free (job);
}

static ChronoLayout *
chrono_export_dialog_get_layout (ChronoExportDialog *self)
{
  if (self->preview_layout == NULL)
    self->preview_layout = chrono_layout_new (self->timeline);
  return self->preview_layout;
}

static guint
nick_index (const char * const *nicks,
            guint               n_nicks,
            const char         *nick)
{
  for (guint i = 0; i < n_nicks; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      return i;

  return 0;
}

/* The options of the last export, where the person changed them once. */
static void
chrono_export_dialog_restore (ChronoExportDialog *self)
{
  g_autoptr(GVariant) theme = NULL;
  g_autofree char *format = NULL;
  g_autofree char *range = NULL;
  guint range_index;

  if (self->settings == NULL)
    return;

  format = g_settings_get_string (self->settings, "last-export-format");
  adw_combo_row_set_selected (self->format_row,
                              nick_index (format_nicks, G_N_ELEMENTS (format_nicks), format));

  /* The custom interval's text is not kept: start from the visible range. */
  range = g_settings_get_string (self->settings, "last-export-range");
  range_index = nick_index (range_nicks, G_N_ELEMENTS (range_nicks), range);
  adw_combo_row_set_selected (self->range_row,
                              range_index == RANGE_CUSTOM ? RANGE_VISIBLE : range_index);

  gtk_spin_button_set_value (self->width_spin,
                             g_settings_get_int (self->settings, "last-export-width"));
  gtk_spin_button_set_value (self->height_spin,
                             g_settings_get_int (self->settings, "last-export-height"));
  gtk_spin_button_set_value (self->scale_spin,
                             g_settings_get_double (self->settings, "last-export-scale"));
  gtk_switch_set_active (self->transparent_switch,
                         g_settings_get_boolean (self->settings, "last-export-transparent"));

  /* Until a theme was chosen, exports follow the system style. */
  theme = g_settings_get_user_value (self->settings, "last-export-theme");
  if (theme != NULL)
    adw_combo_row_set_selected (self->theme_row,
                                nick_index (theme_nicks, G_N_ELEMENTS (theme_nicks),
                                            g_variant_get_string (theme, NULL)));
}

static void
chrono_export_dialog_remember (ChronoExportDialog        *self,
                               const ChronoExportOptions *options,
                               GFile                     *file)
{
  g_autoptr(GFile) folder = NULL;
  guint format = FORMAT_PNG;
  guint range = adw_combo_row_get_selected (self->range_row);
  guint theme = adw_combo_row_get_selected (self->theme_row);

  if (self->settings == NULL)
    return;

  if (options->format == CHRONO_EXPORT_SVG)
    format = FORMAT_SVG;
  else if (options->format == CHRONO_EXPORT_PDF)
    format = FORMAT_PDF;

  g_settings_set_string (self->settings, "last-export-format", format_nicks[format]);
  if (range < G_N_ELEMENTS (range_nicks))
    g_settings_set_string (self->settings, "last-export-range", range_nicks[range]);
  if (theme < G_N_ELEMENTS (theme_nicks))
    g_settings_set_string (self->settings, "last-export-theme", theme_nicks[theme]);
  g_settings_set_int (self->settings, "last-export-width",
                      gtk_spin_button_get_value_as_int (self->width_spin));
  g_settings_set_int (self->settings, "last-export-height",
                      gtk_spin_button_get_value_as_int (self->height_spin));
  g_settings_set_double (self->settings, "last-export-scale",
                         gtk_spin_button_get_value (self->scale_spin));
  g_settings_set_boolean (self->settings, "last-export-transparent",
                          gtk_switch_get_active (self->transparent_switch));

  folder = g_file_get_parent (file);
  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      g_settings_set_string (self->settings, "last-export-folder", uri);
    }
}

static const char *
extension_for_format (ChronoExportFormat format)
{
  switch (format)
    {
    case CHRONO_EXPORT_SVG:
      return "svg";
    case CHRONO_EXPORT_PDF:
      return "pdf";
    case CHRONO_EXPORT_PNG:
    case CHRONO_EXPORT_UNKNOWN:
    default:
      return "png";
    }
}

static ChronoExportFormat
chrono_export_dialog_get_format (ChronoExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case FORMAT_SVG:
      return CHRONO_EXPORT_SVG;
    case FORMAT_PDF:
      return CHRONO_EXPORT_PDF;
    default:
      return CHRONO_EXPORT_PNG;
    }
}

/* The custom interval as a span, clamped to the timeline where it is open.
 * FALSE (with @error) while the text is not a usable interval. */
static gboolean
chrono_export_dialog_parse_interval (ChronoExportDialog  *self,
                                     ChronoTime          *lo,
                                     ChronoTime          *hi,
                                     GError             **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->interval_row));
  ChronoInterval interval;
  ChronoTime extent_lo = 0, extent_hi = 0;

  if (!chrono_interval_parse (text, &interval, error))
    return FALSE;

  chrono_interval_get_span (&interval, lo, hi);
  if (*lo == CHRONO_TIME_MIN || *hi == CHRONO_TIME_MAX)
    {
      if (!chrono_timeline_get_extent (self->timeline, &extent_lo, &extent_hi))
        {
          g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                               _("An open interval needs events to end at"));
          return FALSE;
        }
      if (*lo == CHRONO_TIME_MIN)
        *lo = extent_lo;
      if (*hi == CHRONO_TIME_MAX)
        *hi = extent_hi;
    }

  if (*hi <= *lo)
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                           _("The interval ends before it starts"));
      return FALSE;
    }

  return TRUE;
}

/* Reads the widgets; FALSE while they do not make a valid export. */
static gboolean
chrono_export_dialog_get_options (ChronoExportDialog  *self,
                                  ChronoExportOptions *options)
{
  chrono_export_options_init (options);
  options->format = chrono_export_dialog_get_format (self);
  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->height = gtk_spin_button_get_value_as_int (self->height_spin);
  options->scale = options->format == CHRONO_EXPORT_PNG
                   ? gtk_spin_button_get_value (self->scale_spin) : 1.0;
  options->dark = adw_combo_row_get_selected (self->theme_row) == THEME_DARK;
  options->transparent = options->format != CHRONO_EXPORT_PDF
                         && gtk_switch_get_active (self->transparent_switch);
  options->show_title = gtk_switch_get_active (self->title_switch);
  options->show_legend = gtk_switch_get_active (self->legend_switch);
  options->lanes = self->lanes;

  switch (adw_combo_row_get_selected (self->range_row))
    {
    case RANGE_VISIBLE:
      options->has_range = self->visible_end > self->visible_start;
      options->lo = (ChronoTime) floor (self->visible_start);
      options->hi = (ChronoTime) ceil (self->visible_end);
      break;

    case RANGE_CUSTOM:
      options->has_range = TRUE;
      return chrono_export_dialog_parse_interval (self, &options->lo, &options->hi, NULL);

    case RANGE_WHOLE:
    default:
      options->has_range = FALSE;
      break;
    }

  return TRUE;
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ChronoExportDialog *self = user_data;
  ChronoExportOptions options;
  double scale, x, y;

  if (!chrono_export_dialog_get_options (self, &options) || width <= 0 || height <= 0
      || !chrono_export_check_options (&options, NULL))
    return;

  scale = MIN ((double) width / options.width, (double) height / options.height);
  x = floor ((width - options.width * scale) / 2);
  y = floor ((height - options.height * scale) / 2);

  /* A checkerboard shows where the picture is transparent. */
  if (options.transparent)
    {
      const double cell = 8;

      cairo_save (cr);
      cairo_rectangle (cr, x, y, options.width * scale, options.height * scale);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      for (double cy = y; cy < y + options.height * scale; cy += cell)
        for (double cx = x + (fmod ((cy - y) / cell, 2) >= 1 ? cell : 0);
             cx < x + options.width * scale; cx += 2 * cell)
          cairo_rectangle (cr, cx, cy, cell, cell);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  /* The exporter's own drawing, scaled down: the preview is the file. */
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, options.width, options.height);
  cairo_clip (cr);
  chrono_export_draw_with_layout (chrono_export_dialog_get_layout (self), &options, cr);
  cairo_restore (cr);

  /* A hairline frame so a light picture stands out on a light dialog. */
  cairo_rectangle (cr, x + 0.5, y + 0.5, options.width * scale - 1, options.height * scale - 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
chrono_export_dialog_set_busy (ChronoExportDialog *self,
                               gboolean            busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_page), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
}

static void
chrono_export_dialog_update (ChronoExportDialog *self)
{
  ChronoExportFormat format = chrono_export_dialog_get_format (self);
  gboolean custom = adw_combo_row_get_selected (self->range_row) == RANGE_CUSTOM;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  gboolean valid = TRUE;
  ChronoTime lo, hi;
  int width = gtk_spin_button_get_value_as_int (self->width_spin);
  int height = gtk_spin_button_get_value_as_int (self->height_spin);

  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), format == CHRONO_EXPORT_PNG);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transparent_row), format != CHRONO_EXPORT_PDF);

  if (custom)
    {
      valid = chrono_export_dialog_parse_interval (self, &lo, &hi, &error);
      if (valid)
        gtk_widget_remove_css_class (GTK_WIDGET (self->interval_row), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->interval_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->interval_row),
                                   error != NULL ? error->message : NULL);
    }
  if (valid)
    {
      ChronoExportOptions options;
      g_autoptr(GError) options_error = NULL;

      valid = chrono_export_dialog_get_options (self, &options)
              && chrono_export_check_options (&options, &options_error);
      if (options_error != NULL)
        size = g_strdup (options_error->message);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), valid && self->cancellable == NULL);

  /* The label shows the size of the file, or why it cannot be written. */
  if (size != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->size_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->size_label), "error");

  if (size == NULL && format == CHRONO_EXPORT_PNG)
    {
      double scale = gtk_spin_button_get_value (self->scale_spin);

      /* Translators: the size of the exported picture, e.g. "3200 × 1800 pixels" */
      size = g_strdup_printf (_("%d × %d pixels"), (int) ceil (width * scale),
                              (int) ceil (height * scale));
    }
  else if (size == NULL && format == CHRONO_EXPORT_PDF)
    /* Translators: the size of the exported PDF page */
    size = g_strdup_printf (_("%d × %d points"), width, height);
  else if (size == NULL)
    /* Translators: the size of the exported SVG drawing */
    size = g_strdup_printf (_("%d × %d pixels, scalable"), width, height);
  gtk_label_set_text (self->size_label, size);

  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
on_option_changed_cb (ChronoExportDialog *self)
{
  chrono_export_dialog_update (self);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (job->record_error != NULL)
    g_task_return_error (task, g_error_copy (job->record_error));
  else if (chrono_export_encode_to_file (job->recording, &job->options, job->file,
                                         cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));

  g_clear_object (&self->cancellable);

  /* The dialog was closed meanwhile: nobody is waiting for an answer. */
  if (cancelled)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = NULL;
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      chrono_export_dialog_set_busy (self, FALSE);
      chrono_export_dialog_update (self);

      name = g_file_get_parse_name (job->file);
      /* Translators: %s is the file that could not be written */
      body = g_strdup_printf (_("“%s” was not written: %s"), name, error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  chrono_export_dialog_remember (self, &job->options, job->file);
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, job->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chrono_export_dialog_start (ChronoExportDialog *self,
                            GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (file);
  ChronoExportFormat from_name = chrono_export_format_for_name (name);
  ExportJob *job;

  job = g_new0 (ExportJob, 1);
  if (!chrono_export_dialog_get_options (self, &job->options))
    {
      export_job_free (job);
      return;
    }
  /* A name the person typed with another known extension wins. */
  if (from_name != CHRONO_EXPORT_UNKNOWN)
    job->options.format = from_name;
  job->file = g_object_ref (file);
  job->recording = chrono_export_record_with_layout (chrono_export_dialog_get_layout (self),
                                                     &job->options, &job->record_error);

  self->cancellable = g_cancellable_new ();
  chrono_export_dialog_set_busy (self, TRUE);

  /* Laid out and drawn above, on this thread; the worker only encodes. */
  task = g_task_new (self, self->cancellable, on_export_done_cb, NULL);
  g_task_set_source_tag (task, chrono_export_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (ChronoExportDialog *self,
                        int                 response,
                        GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    chrono_export_dialog_start (self, file);
}

static void
on_export_clicked_cb (ChronoExportDialog *self)
{
  const char *test_path = g_getenv ("CHRONO_TEST_EXPORT_PATH");
  const char *title = chrono_timeline_get_title (self->timeline);
  ChronoExportFormat format = chrono_export_dialog_get_format (self);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->cancellable != NULL || self->chooser != NULL)
    return;

  /* Tests drive the dialog without a file chooser (see the header). */
  if (test_path != NULL && test_path[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (test_path);

      chrono_export_dialog_start (self, file);
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Export Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  base = g_strdup (title != NULL && title[0] != '\0' ? title : _("Timeline"));
  g_strdelimit (base, "/\\:", '-');
  name = g_strdup_printf ("%s.%s", base, extension_for_format (format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (self->settings != NULL)
    {
      g_autofree char *folder_uri = g_settings_get_string (self->settings, "last-export-folder");

      if (folder_uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (folder_uri);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
        }
    }

  switch (format)
    {
    case CHRONO_EXPORT_SVG:
      gtk_file_filter_set_name (filter, _("SVG drawing"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      break;
    case CHRONO_EXPORT_PDF:
      gtk_file_filter_set_name (filter, _("PDF document"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      break;
    case CHRONO_EXPORT_PNG:
    case CHRONO_EXPORT_UNKNOWN:
    default:
      gtk_file_filter_set_name (filter, _("PNG image"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      break;
    }
  gtk_file_filter_add_suffix (filter, extension_for_format (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
chrono_export_dialog_close_request (GtkWindow *window)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (window);

  /* Closing while a file is written abandons it; the exporter leaves no
   * partial file behind. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (chrono_export_dialog_parent_class)->close_request (window);
}

static void
chrono_export_dialog_dispose (GObject *object)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_layout);
  g_clear_object (&self->timeline);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_export_dialog_parent_class)->dispose (object);
}

static void
chrono_export_dialog_class_init (ChronoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chrono_export_dialog_dispose;
  window_class->close_request = chrono_export_dialog_close_request;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/chrono-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, options_page);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, interval_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, transparent_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, size_label);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chrono_export_dialog_init (ChronoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
}

GtkWidget *
chrono_export_dialog_new (GtkWindow      *parent,
                          ChronoTimeline *timeline,
                          double          visible_start,
                          double          visible_end,
                          ChronoLanes     lanes,
                          gboolean        dark)
{
  ChronoExportDialog *self;
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  self = g_object_new (CHRONO_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->timeline = g_object_ref (timeline);
  self->visible_start = visible_start;
  self->visible_end = visible_end;
  self->lanes = lanes;

  adw_combo_row_set_selected (self->theme_row, dark ? THEME_DARK : THEME_LIGHT);
  if (CHRONO_IS_APPLICATION (app) && chrono_application_get_settings (CHRONO_APPLICATION (app)))
    self->settings = g_object_ref (chrono_application_get_settings (CHRONO_APPLICATION (app)));
  chrono_export_dialog_restore (self);
  /* Without a visible range to speak of, offer the whole timeline. */
  if (!(visible_end > visible_start))
    adw_combo_row_set_selected (self->range_row, RANGE_WHOLE);
  chrono_export_dialog_update (self);

  return GTK_WIDGET (self);
}
