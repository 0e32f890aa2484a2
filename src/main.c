/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronoscope"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "chrono-application.h"
#include "chrono-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronoApplication) app = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GPtrArray) app_argv = NULL;
  int exit_status = 0;

  setlocale (LC_ALL, "");
  /* CHRONO_LOCALEDIR lets tests use the translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHRONO_LOCALEDIR") != NULL
                                   ? g_getenv ("CHRONO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Export, --version and --help are answered before GTK is touched, so they
   * work on a machine without a display. */
  if (chrono_cli_handle (&argc, &argv, &exit_status, &files))
    return exit_status;

  app_argv = g_ptr_array_new ();
  g_ptr_array_add (app_argv, argv[0]);
  if (files != NULL)
    {
      g_ptr_array_add (app_argv, (char *) "--");
      for (guint i = 0; files[i] != NULL; i++)
        g_ptr_array_add (app_argv, files[i]);
    }
  g_ptr_array_add (app_argv, NULL);

  app = chrono_application_new ();
  return g_application_run (G_APPLICATION (app), (int) app_argv->len - 1,
                            (char **) app_argv->pdata);
}
