/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-category.h"
#include "chrono-date.h"
#include "chrono-era.h"
#include "chrono-error.h"
#include "chrono-event.h"
#include "chrono-source.h"
#include "chrono-timeline.h"
