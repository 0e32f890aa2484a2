/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chrono-event-popover.h"
#include "chrono-timeline-view-private.h"

/* The selection of ChronoTimelineView and what shows it: changing the
 * selected event (and notifying "selected-event"), the event popover (where
 * it points, opening it, which emits "event-activated", closing it and giving
 * focus back) and the canvas' accessible name and description. */

char *
_chrono_timeline_view_describe_event (ChronoEvent *event)
{
  g_autofree char *date = chrono_event_format_date (event);
  const char *title = chrono_event_get_title (event);

  /* Translators: an event as read out by a screen reader: title, date */
  return g_strdup_printf (_("%s, %s"), title != NULL ? title : "", date != NULL ? date : "");
}

void
_chrono_timeline_view_update_accessible (ChronoTimelineView *self)
{
  if (self->selected_event != NULL)
    {
      g_autofree char *text = _chrono_timeline_view_describe_event (self->selected_event);
      /* Translators: the canvas' accessible name with the selected event */
      g_autofree char *label = g_strdup_printf (_("Timeline: %s"), text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                      -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

void
_chrono_timeline_view_hide_popover (ChronoTimelineView *self)
{
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* The box of an event on screen to point the popover at. */
static void
event_box (ChronoTimelineView *self,
           guint               position,
           GdkRectangle       *rect)
{
  const ChronoLayoutItem *item = NULL;
  double width = self->viewport.width, height = self->viewport.height;
  double x0, x1, y, h;

  if (_chrono_timeline_view_ensure_layout (self))
    item = chrono_layout_find_item (self->layout, position);

  if (item != NULL)
    {
      x0 = item->x0;
      x1 = MAX (item->x1, item->x0);
      y = item->y;
      h = item->height;
    }
  else
    {
      const ChronoSpan *span = _chrono_timeline_view_get_span (self, position);

      x0 = x1 = span != NULL ? chrono_viewport_time_to_x (&self->viewport, span->lo) : width / 2;
      y = height / 2;
      h = 1;
    }

  /* Wide bars: point at the visible part. */
  x0 = CLAMP (x0, 0, width);
  x1 = CLAMP (x1, 0, width);
  rect->x = (int) floor (x0) - 3;
  rect->y = (int) floor (y);
  rect->width = (int) ceil (x1 - x0) + 6;
  rect->height = MAX (1, (int) ceil (h));
}

void
_chrono_timeline_view_show_popover_for (ChronoTimelineView *self,
                                        guint               position,
                                        const GdkRectangle *box)
{
  GdkRectangle rect;

  if (self->selected != position || self->selected_event == NULL)
    return;

  if (box != NULL)
    rect = *box;
  else
    event_box (self, position, &rect);

  chrono_event_popover_set_timeline (CHRONO_EVENT_POPOVER (self->popover), self->timeline);
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (self->popover), self->selected_event);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  /* The hover tooltip would sit on top of the popover. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));

  g_signal_emit (self, _chrono_timeline_view_signals[EVENT_ACTIVATED], 0, self->selected_event);
}

void
_chrono_timeline_view_select_position (ChronoTimelineView *self,
                                       guint               position,
                                       gboolean            reveal)
{
  g_autoptr(ChronoEvent) event = NULL;

  if (position >= _chrono_timeline_view_n_events (self))
    position = CHRONO_NO_SELECTION;

  if (position != CHRONO_NO_SELECTION && reveal)
    _chrono_timeline_view_ensure_visible (self, position);

  if (position == self->selected)
    return;

  if (position != CHRONO_NO_SELECTION)
    event = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);

  _chrono_timeline_view_hide_popover (self);
  self->selected = position;
  g_set_object (&self->selected_event, event);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _chrono_timeline_view_update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), _chrono_timeline_view_properties[PROP_SELECTED_EVENT]);
}

static void
on_popover_closed_cb (ChronoTimelineView *self,
                      GtkPopover         *popover)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Give keyboard focus back to the canvas, unless the user moved on. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self))
      && (focus == NULL || focus == GTK_WIDGET (popover)
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (popover))))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
_chrono_timeline_view_selection_init (ChronoTimelineView *self)
{
  self->popover = chrono_event_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "closed",
                           G_CALLBACK (on_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);
}
