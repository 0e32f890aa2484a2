/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-error"

#include "config.h"

#include "chrono-error.h"

G_DEFINE_QUARK (chrono-error-quark, chrono_error)
