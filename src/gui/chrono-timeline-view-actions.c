/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include "chrono-timeline-view-private.h"

/* The keyboard actions of ChronoTimelineView ("view.zoom-in" … "view.hide-details")
 * and their key bindings: zooming, stepping through the shown events and
 * opening or closing the popover of the selected one. */

#define KEY_ZOOM_FACTOR 1.5

/* The first shown event starting at or after the viewport's start. */
static guint
first_shown_in_view (ChronoTimelineView *self)
{
  guint n = _chrono_timeline_view_n_events (self);
  guint pos = chrono_timeline_lower_bound (self->timeline, (ChronoTime) floor (self->viewport.start));

  for (; pos < n; pos++)
    if (_chrono_timeline_view_is_shown (self, pos))
      return pos;
  return CHRONO_NO_SELECTION;
}

static guint
step_shown (ChronoTimelineView *self,
            guint               from,
            int                 direction)
{
  guint n = _chrono_timeline_view_n_events (self);

  if (direction > 0)
    {
      for (guint pos = from + 1; pos < n; pos++)
        if (_chrono_timeline_view_is_shown (self, pos))
          return pos;
    }
  else
    {
      for (guint pos = MIN (from, n); pos > 0; pos--)
        if (_chrono_timeline_view_is_shown (self, pos - 1))
          return pos - 1;
    }
  return CHRONO_NO_SELECTION;
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  _chrono_timeline_view_stop_motion (self);
  _chrono_timeline_view_zoom_by (self, KEY_ZOOM_FACTOR, _chrono_timeline_view_zoom_anchor (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  _chrono_timeline_view_stop_motion (self);
  _chrono_timeline_view_zoom_by (self, 1.0 / KEY_ZOOM_FACTOR,
                                 _chrono_timeline_view_zoom_anchor (self));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  chrono_timeline_view_zoom_fit (CHRONO_TIMELINE_VIEW (widget));
}

static void
fit_selection_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (self->selected != CHRONO_NO_SELECTION)
    _chrono_timeline_view_zoom_to_event (self, self->selected, TRUE);
}

static void
step_action (ChronoTimelineView *self,
             int                 direction)
{
  guint target;

  if (self->timeline == NULL)
    return;

  if (self->selected == CHRONO_NO_SELECTION)
    {
      /* Nothing selected yet: start from what is on screen. */
      target = first_shown_in_view (self);
      if (direction < 0)
        {
          guint last = chrono_timeline_lower_bound (self->timeline,
                                                    (ChronoTime) ceil (self->viewport.end));
          target = step_shown (self, last, -1);
        }
    }
  else
    target = step_shown (self, self->selected, direction);

  if (target != CHRONO_NO_SELECTION)
    _chrono_timeline_view_select_position (self, target, TRUE);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
next_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_action (CHRONO_TIMELINE_VIEW (widget), 1);
}

static void
previous_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_action (CHRONO_TIMELINE_VIEW (widget), -1);
}

static void
first_event_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  guint target;

  if (self->timeline == NULL)
    return;
  target = _chrono_timeline_view_is_shown (self, 0) ? 0 : step_shown (self, 0, 1);
  if (target != CHRONO_NO_SELECTION)
    _chrono_timeline_view_select_position (self, target, TRUE);
}

static void
last_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  guint target;

  if (self->timeline == NULL)
    return;
  target = step_shown (self, _chrono_timeline_view_n_events (self), -1);
  if (target != CHRONO_NO_SELECTION)
    _chrono_timeline_view_select_position (self, target, TRUE);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (self->selected_event != NULL)
    chrono_timeline_view_reveal_event (self, self->selected_event, TRUE);
}

static void
hide_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _chrono_timeline_view_hide_popover (CHRONO_TIMELINE_VIEW (widget));
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

void
_chrono_timeline_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "view.fit-selection", NULL, fit_selection_action);
  gtk_widget_class_install_action (widget_class, "view.next-event", NULL, next_event_action);
  gtk_widget_class_install_action (widget_class, "view.previous-event", NULL, previous_event_action);
  gtk_widget_class_install_action (widget_class, "view.first-event", NULL, first_event_action);
  gtk_widget_class_install_action (widget_class, "view.last-event", NULL, last_event_action);
  gtk_widget_class_install_action (widget_class, "view.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "view.hide-details", NULL, hide_details_action);

  add_binding (widget_class, GDK_KEY_plus, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_f, 0, "view.fit-selection");
  add_binding (widget_class, GDK_KEY_F, GDK_SHIFT_MASK, "view.fit-selection");
  add_binding (widget_class, GDK_KEY_Right, 0, "view.next-event");
  add_binding (widget_class, GDK_KEY_KP_Right, 0, "view.next-event");
  add_binding (widget_class, GDK_KEY_Left, 0, "view.previous-event");
  add_binding (widget_class, GDK_KEY_KP_Left, 0, "view.previous-event");
  add_binding (widget_class, GDK_KEY_Home, 0, "view.first-event");
  add_binding (widget_class, GDK_KEY_KP_Home, 0, "view.first-event");
  add_binding (widget_class, GDK_KEY_End, 0, "view.last-event");
  add_binding (widget_class, GDK_KEY_KP_End, 0, "view.last-event");
  add_binding (widget_class, GDK_KEY_Return, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_ISO_Enter, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_space, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_KP_Space, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_Escape, 0, "view.hide-details");
}
