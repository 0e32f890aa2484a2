/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "chrono-builtin.h"
#include "chrono-cli.h"
#include "chrono-csv.h"
#include "chrono-error.h"
#include "chrono-export.h"
#include "chrono-format.h"
#include "chrono-io-util.h"
#include "chrono-native.h"

/* Sentinels: GOption leaves a value untouched when its option is absent, so
 * an explicit 0 can be told from "not given" and rejected. */
#define UNSET_INT G_MININT
#define UNSET_DOUBLE (-G_MAXDOUBLE)

typedef struct {
  char *export_path;
  int width;
  int height;
  double scale;
  char *range;
  char *theme;
  char *lanes;
  gboolean transparent;
  gboolean version;
  char **files;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->range, g_free);
  g_clear_pointer (&options->theme, g_free);
  g_clear_pointer (&options->lanes, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, suffix);
}

static gboolean
is_data_format (const char *name)
{
  return has_suffix_ci (name, ".json") || has_suffix_ci (name, ".csv");
}

static ChronoTimeline *
load_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return chrono_builtin_load (error);

  file = g_file_new_for_commandline_arg (path);
  return chrono_format_load_file (file, NULL, error);
}

static gboolean
write_text (GFile       *file,
            const char  *data,
            gsize        length,
            GError     **error)
{
  return chrono_io_replace_file (file, data, length, FALSE, NULL, error);
}

static gboolean
has_picture_options (const CliOptions *options)
{
  return options->width != UNSET_INT || options->height != UNSET_INT
         || options->scale != UNSET_DOUBLE || options->range != NULL
         || options->theme != NULL || options->lanes != NULL || options->transparent;
}

static gboolean
parse_lanes (const char   *text,
             ChronoLanes  *lanes,
             GError      **error)
{
  static const struct { const char *name; ChronoLanes lanes; } names[] = {
    { "none", CHRONO_LANES_NONE },
    { "group", CHRONO_LANES_GROUP },
    { "category", CHRONO_LANES_CATEGORY },
    { "actor", CHRONO_LANES_ACTOR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i].name) == 0)
      {
        *lanes = names[i].lanes;
        return TRUE;
      }
  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
               _("Invalid lanes “%s”: use none, group, category or actor"), text);
  return FALSE;
}

/* Fills @export from the command line; the limits themselves are checked by
 * chrono_export_check_options, the same rules as the export dialog. */
static gboolean
parse_export_options (const CliOptions     *options,
                      ChronoExportOptions  *export,
                      GError              **error)
{
  chrono_export_options_init (export);
  export->format = chrono_export_format_for_name (options->export_path);

  if (options->width != UNSET_INT)
    export->width = options->width;
  if (options->height != UNSET_INT)
    export->height = options->height;
  if (options->scale != UNSET_DOUBLE)
    {
      if (export->format != CHRONO_EXPORT_PNG)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                       _("--scale applies to PNG exports only; SVG and PDF are vector pictures"));
          return FALSE;
        }
      export->scale = options->scale;
    }

  if (options->theme != NULL)
    {
      if (g_strcmp0 (options->theme, "light") == 0)
        export->dark = FALSE;
      else if (g_strcmp0 (options->theme, "dark") == 0)
        export->dark = TRUE;
      else
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                       _("Invalid theme “%s”: use “light” or “dark”"), options->theme);
          return FALSE;
        }
    }

  if (options->lanes != NULL && !parse_lanes (options->lanes, &export->lanes, error))
    return FALSE;

  if (options->transparent && export->format == CHRONO_EXPORT_PDF)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("--transparent applies to PNG and SVG exports only"));
      return FALSE;
    }
  export->transparent = options->transparent;

  if (options->range != NULL)
    {
      ChronoInterval interval;
      g_autoptr(GError) local_error = NULL;

      if (!chrono_interval_parse (options->range, &interval, &local_error))
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                       _("Invalid range: %s"), local_error->message);
          return FALSE;
        }
      chrono_interval_get_span (&interval, &export->lo, &export->hi);
      if (export->lo == CHRONO_TIME_MIN || export->hi == CHRONO_TIME_MAX)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                       _("Invalid range “%s”: it needs a known start and end"),
                       options->range);
          return FALSE;
        }
      export->has_range = TRUE;
    }

  return chrono_export_check_options (export, error);
}

static gboolean
run_export (const CliOptions  *options,
            GError           **error)
{
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (options->export_path);
  const char *input = options->files != NULL ? options->files[0] : NULL;
  ChronoExportOptions export;

  if (options->files != NULL && g_strv_length (options->files) > 1)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                   _("--export takes one input file, got %u"),
                   g_strv_length (options->files));
      return FALSE;
    }

  /* Check the output and the options before the (possibly long) load. */
  if (is_data_format (options->export_path))
    {
      if (has_picture_options (options))
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT,
                       _("--width, --height, --scale, --range, --theme, --lanes and --transparent "
                         "apply to picture exports (.png, .svg, .pdf) only"));
          return FALSE;
        }
    }
  else if (chrono_export_format_for_name (options->export_path) == CHRONO_EXPORT_UNKNOWN)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED,
                   _("%s: unknown export format; use .png, .svg, .pdf, .json or .csv"),
                   options->export_path);
      return FALSE;
    }
  else if (!parse_export_options (options, &export, error))
    return FALSE;

  timeline = load_input (input, error);
  if (timeline == NULL)
    return FALSE;

  if (has_suffix_ci (options->export_path, ".json"))
    return chrono_native_save_file (timeline, out, NULL, error);

  if (has_suffix_ci (options->export_path, ".csv"))
    {
      gsize length = 0;
      g_autofree char *data = chrono_csv_to_data (timeline, &length);

      return write_text (out, data, length, error);
    }

  return chrono_export_to_file (timeline, &export, out, NULL, error);
}

gboolean
chrono_cli_handle (int    *argc,
                   char ***argv,
                   int    *exit_status,
                   char ***files)
{
  g_auto(CliOptions) options = { .width = UNSET_INT, .height = UNSET_INT, .scale = UNSET_DOUBLE };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options.export_path,
      N_("Export the timeline to OUT (.png, .svg, .pdf, .json, .csv) and exit, without a window"),
      N_("OUT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options.width,
      N_("Width of the exported picture (default 1600)"), N_("PIXELS") },
    { "height", 0, 0, G_OPTION_ARG_INT, &options.height,
      N_("Height of the exported picture (default 900)"), N_("PIXELS") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("Pixel scale of a PNG export, e.g. 2 for HiDPI or print (default 1)"), N_("FACTOR") },
    { "range", 0, 0, G_OPTION_ARG_STRING, &options.range,
      N_("Export only this EDTF interval, e.g. 2020/2024 (default: the whole timeline)"),
      N_("START/END") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options.theme,
      N_("Colours of the export: light or dark (default light)"), N_("THEME") },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &options.lanes,
      N_("Swimlanes of the export: none, group, category or actor (default none)"), N_("LANES") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &options.transparent,
      N_("Leave the background of a PNG or SVG export transparent"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.files,
      NULL, N_("[FILE]") },
    { NULL }
  };

  g_return_val_if_fail (argc != NULL && argv != NULL, FALSE);
  g_return_val_if_fail (exit_status != NULL && files != NULL, FALSE);

  context = g_option_context_new (_("— explore and publish timelines"));
  g_option_context_set_summary (context,
                                _("Opens FILE (native .chrono.json, CSV, TimelineJS or STIX 2.1), "
                                  "or the built-in timeline when no file is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      *exit_status = 1;
      return TRUE;
    }

  if (options.version)
    {
      g_print ("chronoscope %s\n", PACKAGE_VERSION);
      *exit_status = 0;
      return TRUE;
    }

  if (options.export_path != NULL)
    {
      if (!run_export (&options, &error))
        {
          g_printerr ("%s\n", error->message);
          *exit_status = 1;
        }
      else
        *exit_status = 0;
      return TRUE;
    }

  if (has_picture_options (&options))
    {
      g_printerr ("%s\n", _("--width, --height, --scale, --range, --theme, --lanes and --transparent go with --export"));
      *exit_status = 1;
      return TRUE;
    }

  /* What is left (the files) goes to the application. */
  *files = g_steal_pointer (&options.files);
  return FALSE;
}
