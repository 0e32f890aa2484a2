/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONO_ERROR (chrono_error_quark ())

/* One error domain for the whole project. Messages are translatable and,
 * where a file is involved, read "FILE:LINE:COL: message". */
typedef enum {
  CHRONO_ERROR_INVALID_DATE,     /* a date or interval that is not valid EDTF */
  CHRONO_ERROR_SYNTAX,           /* malformed file content (JSON, CSV, ...) */
  CHRONO_ERROR_INVALID_VALUE,    /* well-formed but wrong type or value */
  CHRONO_ERROR_MISSING,          /* a required field is missing */
  CHRONO_ERROR_DUPLICATE,        /* a duplicate id */
  CHRONO_ERROR_UNSUPPORTED,      /* unknown format, extension or version */
  CHRONO_ERROR_TOO_LARGE,        /* input beyond the bounds we accept */
  CHRONO_ERROR_INVALID_ARGUMENT, /* a bad command-line or API argument */
  CHRONO_ERROR_FAILED,           /* anything else */
} ChronoError;

GQuark chrono_error_quark (void);

G_END_DECLS
