/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "chrono-error.h"
#include "chrono-export.h"
#include "chrono-io-util.h"
#include "chrono-render-private.h"
#include "chrono-renderer.h"

#define MIN_SIDE 16
#define MAX_SIDE 32767
#define WHOLE_MARGIN 0.04

void
chrono_export_options_init (ChronoExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = CHRONO_EXPORT_PNG;
  options->width = CHRONO_EXPORT_DEFAULT_WIDTH;
  options->height = CHRONO_EXPORT_DEFAULT_HEIGHT;
  options->scale = 1.0;
  options->dark = FALSE;
  options->transparent = FALSE;
  options->has_range = FALSE;
  options->lo = 0;
  options->hi = 0;
  options->lanes = CHRONO_LANES_NONE;
  options->show_title = TRUE;
  options->show_legend = TRUE;
}

ChronoExportFormat
chrono_export_format_for_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, CHRONO_EXPORT_UNKNOWN);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".png"))
    return CHRONO_EXPORT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return CHRONO_EXPORT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return CHRONO_EXPORT_PDF;
  return CHRONO_EXPORT_UNKNOWN;
}

gboolean
chrono_export_check_options (const ChronoExportOptions  *options,
                             GError                    **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->format != CHRONO_EXPORT_PNG && options->format != CHRONO_EXPORT_SVG
      && options->format != CHRONO_EXPORT_PDF)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED,
                   _("Unknown export format: use PNG, SVG or PDF"));
      return FALSE;
    }
  if (options->width < MIN_SIDE || options->height < MIN_SIDE
      || options->width > MAX_SIDE || options->height > MAX_SIDE)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("Invalid size %d×%d: width and height must be between %d and %d"),
                   options->width, options->height, MIN_SIDE, MAX_SIDE);
      return FALSE;
    }
  if (options->format == CHRONO_EXPORT_PNG
      && (!(options->scale >= 0.25 && options->scale <= 8.0)
          || round (options->width * options->scale) > MAX_SIDE
          || round (options->height * options->scale) > MAX_SIDE
          || round (options->width * options->scale) < 1
          || round (options->height * options->scale) < 1))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("Invalid scale %g: it must be between 0.25 and 8 and keep the image under %d pixels a side"),
                   options->scale, MAX_SIDE);
      return FALSE;
    }
  if (options->has_range && !(options->lo < options->hi))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("Invalid range: its start must come before its end"));
      return FALSE;
    }
  return TRUE;
}

void
chrono_export_get_viewport (ChronoTimeline            *timeline,
                            const ChronoExportOptions *options,
                            ChronoViewport            *viewport)
{
  ChronoTime lo, hi;

  g_return_if_fail (CHRONO_IS_TIMELINE (timeline));
  g_return_if_fail (options != NULL);
  g_return_if_fail (viewport != NULL);

  viewport->width = options->width;
  viewport->height = options->height;
  if (options->has_range)
    {
      viewport->start = (double) options->lo;
      viewport->end = (double) options->hi;
      chrono_viewport_clamp (viewport);
    }
  else if (chrono_timeline_get_extent (timeline, &lo, &hi))
    chrono_viewport_fit (viewport, lo, hi, WHOLE_MARGIN);
  else
    {
      /* Nothing to show: the current year, so the axis still reads. */
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      ChronoTime year = chrono_days_from_civil (g_date_time_get_year (now), 1, 1) * 86400;

      chrono_viewport_fit (viewport, year, year + 365 * 86400, WHOLE_MARGIN);
    }
}

static void
style_for (const ChronoExportOptions *options,
           ChronoRenderStyle         *style)
{
  chrono_render_style_init (style);
  style->dark = options->dark;
  style->transparent = options->transparent && options->format != CHRONO_EXPORT_PDF;
  style->show_title = options->show_title;
  style->show_legend = options->show_legend;
}

/* Lays the timeline out for the export size: the layout decides clusters for
 * this size exactly as the canvas would. Measures with the layout's own
 * context, so that a kept layout keeps its measurements. */
static void
prepare_layout (ChronoLayout              *layout,
                const ChronoExportOptions *options,
                const ChronoRenderStyle   *style,
                double                    *top,
                double                    *bottom)
{
  ChronoTimeline *timeline = chrono_layout_get_timeline (layout);
  PangoContext *context = _chrono_layout_get_export_context (layout);
  ChronoViewport vp;

  chrono_layout_set_lanes (layout, options->lanes);
  chrono_renderer_get_chrome (timeline, style, context, options->width, top, bottom);
  /* Keep at least the axis and a row for the timeline itself. */
  if (options->height - *top - *bottom < CHRONO_AXIS_HEIGHT + CHRONO_ROW_HEIGHT + CHRONO_CLUSTER_STRIP)
    *top = *bottom = 0.0;
  chrono_export_get_viewport (timeline, options, &vp);
  vp.height = options->height - *top - *bottom;
  /* An export never pans: lanes as a new layout plans them, so a preview
   * and its file agree whatever was previewed before. */
  _chrono_layout_forget_plan (layout);
  chrono_layout_update (layout, &vp, context);
}

static void
draw_export (ChronoLayout              *layout,
             const ChronoExportOptions *options,
             cairo_t                   *cr,
             gboolean                   pango_text)
{
  ChronoRenderStyle style;
  double top = 0.0, bottom = 0.0;

  style_for (options, &style);
  prepare_layout (layout, options, &style, &top, &bottom);
  if (pango_text)
    _chrono_renderer_draw_with_pango_text (cr, layout, &style, top, bottom);
  else
    _chrono_renderer_draw_full (cr, layout, &style, top, bottom);
}

void
chrono_export_draw_with_layout (ChronoLayout              *layout,
                                const ChronoExportOptions *options,
                                cairo_t                   *cr)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (layout));
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  draw_export (layout, options, cr, FALSE);
}

void
chrono_export_draw (ChronoTimeline            *timeline,
                    const ChronoExportOptions *options,
                    cairo_t                   *cr)
{
  g_autoptr(ChronoLayout) layout = NULL;

  g_return_if_fail (CHRONO_IS_TIMELINE (timeline));
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  layout = chrono_layout_new (timeline);
  draw_export (layout, options, cr, FALSE);
}

/* Recording --------------------------------------------------------------- */

/* What encoding needs besides the drawing: copied at recording time, as
 * the timeline may be gone by then. */
typedef struct {
  ChronoExportFormat format;
  int width, height;
  double scale;
  char *title;
} RecordInfo;

static const cairo_user_data_key_t record_info_key;

static void
record_info_free (void *data)
{
  RecordInfo *info = data;

  g_free (info->title);
  g_free (info);
}

cairo_surface_t *
chrono_export_record_with_layout (ChronoLayout               *layout,
                                  const ChronoExportOptions  *options,
                                  GError                    **error)
{
  cairo_rectangle_t extents;
  cairo_surface_t *recording;
  cairo_status_t status;
  RecordInfo *info;
  const char *title;
  double scale;
  cairo_t *cr;

  g_return_val_if_fail (CHRONO_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!chrono_export_check_options (options, error))
    return NULL;

  /* A PNG is recorded in its own pixels, so that hairlines and glyphs
   * snap to its pixel grid as when drawn straight onto it. */
  scale = options->format == CHRONO_EXPORT_PNG ? options->scale : 1.0;
  extents.x = extents.y = 0;
  extents.width = round (options->width * scale);
  extents.height = round (options->height * scale);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (recording);
  cairo_scale (cr, scale, scale);
  /* A PNG takes cached glyphs; SVG and PDF get Pango's text with its
   * characters, which a PDF viewer can search and copy. */
  draw_export (layout, options, cr, options->format != CHRONO_EXPORT_PNG);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (recording);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (recording);
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FAILED,
                   _("Could not draw the picture: %s"), cairo_status_to_string (status));
      return NULL;
    }

  info = g_new0 (RecordInfo, 1);
  info->format = options->format;
  info->width = options->width;
  info->height = options->height;
  info->scale = scale;
  title = chrono_timeline_get_title (chrono_layout_get_timeline (layout));
  if (title != NULL && *title != '\0')
    {
      GString *shown = g_string_new (NULL);

      _chrono_append_display_text (shown, title);
      info->title = g_string_free (shown, FALSE);
    }
  if (cairo_surface_set_user_data (recording, &record_info_key, info, record_info_free)
      != CAIRO_STATUS_SUCCESS)
    {
      record_info_free (info);
      cairo_surface_destroy (recording);
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FAILED,
                   _("Could not draw the picture: %s"), cairo_status_to_string (CAIRO_STATUS_NO_MEMORY));
      return NULL;
    }
  return recording;
}

cairo_surface_t *
chrono_export_record (ChronoTimeline             *timeline,
                      const ChronoExportOptions  *options,
                      GError                    **error)
{
  g_autoptr(ChronoLayout) layout = NULL;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!chrono_export_check_options (options, error))
    return NULL;
  layout = chrono_layout_new (timeline);
  return chrono_export_record_with_layout (layout, options, error);
}

/* Encoding (any thread) --------------------------------------------------- */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
chrono_export_encode (cairo_surface_t            *recording,
                      const ChronoExportOptions  *options,
                      GError                    **error)
{
  g_autoptr(GByteArray) data = NULL;
  cairo_surface_t *surface = NULL;
  const RecordInfo *info;
  cairo_status_t status;
  unsigned int refs;
  cairo_t *cr;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!chrono_export_check_options (options, error))
    return NULL;
  info = cairo_surface_get_user_data (recording, &record_info_key);
  if (info == NULL || info->format != options->format || info->width != options->width
      || info->height != options->height
      || (options->format == CHRONO_EXPORT_PNG && info->scale != options->scale))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("The picture was drawn for other export options"));
      return NULL;
    }

  refs = cairo_surface_get_reference_count (recording);
  data = g_byte_array_new ();
  switch (options->format)
    {
    case CHRONO_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) round (options->width * options->scale),
                                            (int) round (options->height * options->scale));
      break;
    case CHRONO_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_array, data,
                                                     options->width, options->height);
      /* Pixels, so that a 1600 wide export is 1600 pixels in a browser. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case CHRONO_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_array, data,
                                                     options->width, options->height);
      if (info->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, info->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronoscope " PACKAGE_VERSION);
      break;
    case CHRONO_EXPORT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FAILED,
                   _("Could not create the picture: %s"), cairo_status_to_string (status));
      return NULL;
    }

  /* Replayed as drawing operations: vector stays vector, and a PNG's
   * recording is already in its pixels. */
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && options->format == CHRONO_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_array, data);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* cairo 1.16's SVG surface takes a reference to a recording it replays
   * and never drops it (nothing else holds it once the surface is gone):
   * give it back, or the recording would never be freed. A cairo without
   * the leak leaves the count as it was. */
  if (options->format == CHRONO_EXPORT_SVG)
    while (cairo_surface_get_reference_count (recording) > refs)
      cairo_surface_destroy (recording);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FAILED,
                   _("Could not draw the picture: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
write_file (GBytes        *bytes,
            GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!chrono_io_replace_file (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               FALSE, cancellable, &local_error))
    {
      g_autofree char *name = chrono_io_display_name (file);

      /* The io layer's message may not name the file; make sure it does. */
      if (name != NULL && strstr (local_error->message, name) == NULL)
        g_prefix_error (&local_error, _("Could not export to %s: "), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_export_encode_to_file (cairo_surface_t            *recording,
                              const ChronoExportOptions  *options,
                              GFile                      *file,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (recording != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  bytes = chrono_export_encode (recording, options, error);
  if (bytes == NULL)
    return FALSE;
  return write_file (bytes, file, cancellable, error);
}

GBytes *
chrono_export_to_bytes (ChronoTimeline             *timeline,
                        const ChronoExportOptions  *options,
                        GError                    **error)
{
  cairo_surface_t *recording;
  GBytes *bytes;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  recording = chrono_export_record (timeline, options, error);
  if (recording == NULL)
    return NULL;
  bytes = chrono_export_encode (recording, options, error);
  cairo_surface_destroy (recording);
  return bytes;
}

gboolean
chrono_export_to_file (ChronoTimeline             *timeline,
                       const ChronoExportOptions  *options,
                       GFile                      *file,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = chrono_export_to_bytes (timeline, options, error);
  if (bytes == NULL)
    return FALSE;
  return write_file (bytes, file, cancellable, error);
}
