/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-event-filter.h"
#include "chrono-event-list-model.h"
#include "chrono-filter-popover.h"
#include "chrono-overview.h"
#include "chrono-timeline-view.h"
#include "chrono-window.h"

G_BEGIN_DECLS

/* What to do once a save asked for by a confirmation dialog has finished. */
typedef enum {
  CHRONO_AFTER_SAVE_NOTHING,
  CHRONO_AFTER_SAVE_OPEN,  /* load pending_file into the window */
  CHRONO_AFTER_SAVE_CLOSE, /* close the window */
} ChronoAfterSave;

struct _ChronoWindow
{
  AdwApplicationWindow parent_instance;

  ChronoTimeline *timeline;
  ChronoEventFilter *filter;
  ChronoEventListModel *filter_model;
  GtkSingleSelection *selection;
  GSettings *settings;

  /* The file shown when the timeline has none of its own (an import), for
   * the title. */
  GFile *source_file;

  /* Loading and saving (chrono-window-files.c). */
  GCancellable *load_cancellable;
  GCancellable *save_cancellable;
  GtkFileChooserNative *chooser;
  GtkWidget *confirm_dialog;
  GFile *pending_file;
  ChronoAfterSave after_save;
  gboolean close_confirmed;
  /* "Loading…" or "Saving…" in the header while a worker runs, else NULL. */
  const char *busy_text;
  /* Constructed without a timeline: a failed first load shows the built-in
   * one rather than an empty window. */
  gboolean placeholder;
  GMenu *recent_menu;
  ChronoLanes lanes;

  /* Set while one side of the selection sync updates the other. */
  gboolean syncing_selection;
  guint refilter_sync_id;
  gboolean syncing_range;
  gboolean mapped_once;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkSpinner *busy_spinner;
  AdwFlap *flap;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkMenuButton *filter_button;
  ChronoFilterPopover *filter_popover;
  GtkStack *sidebar_stack;
  GtkListView *event_list;
  ChronoTimelineView *view;
  ChronoOverview *overview;
};

/* chrono-window.c */
void     _chrono_window_replace_timeline (ChronoWindow   *self,
                                          ChronoTimeline *timeline,
                                          GFile          *source_file);
void     _chrono_window_update_title     (ChronoWindow   *self);
void     _chrono_window_update_subtitle  (ChronoWindow   *self);

/* chrono-window-files.c */
void     _chrono_window_files_class_init (GtkWidgetClass *widget_class);
void     _chrono_window_files_init       (ChronoWindow   *self);
void     _chrono_window_files_dispose    (ChronoWindow   *self);
gboolean _chrono_window_files_busy       (ChronoWindow   *self);
/* TRUE when the window may close now; otherwise it asks and closes later. */
gboolean _chrono_window_files_may_close  (ChronoWindow   *self);

G_END_DECLS
