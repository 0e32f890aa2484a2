/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-layout-internal.h"

/* Giving events their place in a lane: the label text and its width
 * (summed from cached per-character advances, shaped by Pango only when
 * needed), rows as sorted disjoint intervals, fitting a label inside the
 * view, placing an event in the first row with room, and the "+N" badges of
 * the events that found none. */

#define ADVANCE_LATIN 0x0530  /* code points below: one advance table entry each */
#define ADVANCE_PUNCT_LO 0x2010
#define ADVANCE_PUNCT_HI 0x20c0
#define N_ADVANCES (ADVANCE_LATIN + ADVANCE_PUNCT_HI - ADVANCE_PUNCT_LO)
#define CLUSTER_PAD 8.0

typedef struct {
  double start, end;
} Interval;

/* A point known only to the day (or hour, minute) whose span is wide on
 * screen: a marker would claim an instant nobody reported, so it is drawn
 * as a band over the span. */
static inline gboolean
point_is_band (ChronoLayout     *self,
               const ChronoSpan *span)
{
  const ChronoViewport *vp = &self->viewport;

  return span->start_precision < CHRONO_PRECISION_SECOND
         && ((double) span->hi - (double) span->lo) * vp->width / (vp->end - vp->start) >= CHRONO_BAND_MIN_PX;
}

void
_chrono_layout_append_label (ChronoLayout *self,
                             guint         position,
                             GString      *out)
{
  const char *title = chrono_timeline_get_event_title (self->timeline, position);
  guint8 flags = self->spans != NULL && position < self->n_spans ? self->spans[position].flags : 0;
  g_autoptr(GString) clean = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled event");
  /* Mapped for display here, so that it is measured as it is drawn. */
  if (!_chrono_is_display_text (title))
    {
      clean = g_string_new (NULL);
      _chrono_append_display_text (clean, title);
      title = clean->str;
    }
  if (flags & CHRONO_SPAN_APPROXIMATE)
    /* TRANSLATORS: label of an event with an approximate date ("circa") */
    g_string_append_printf (out, C_("label", "c. %s"), title);
  else
    g_string_append (out, title);
  if (flags & CHRONO_SPAN_UNCERTAIN)
    /* TRANSLATORS: appended to the label of an event with an uncertain date */
    g_string_append (out, C_("label", " (?)"));
}

/* Characters whose shaped width is their advance alone (no marks, joins,
 * controls or line breaks), so a label's width is the sum of its
 * characters' advances; kerning only ever moves it by a little, which the
 * renderer's slack absorbs. */
static inline gint
advance_slot (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad)
    return -1;
  if (c < 0x0300 || (c >= 0x0370 && c < 0x0483) || (c >= 0x048a && c < ADVANCE_LATIN))
    return (gint) c;
  if (c >= ADVANCE_PUNCT_LO && c < ADVANCE_PUNCT_HI
      && !(c >= 0x2028 && c < 0x2030) && !(c >= 0x205f && c < 0x2070))
    return (gint) (ADVANCE_LATIN + c - ADVANCE_PUNCT_LO);
  return -1;
}

static int
measure_pango_units (ChronoLayout *self,
                     const char   *text,
                     int           length)
{
  int width = 0;

  pango_layout_set_text (self->measure, text, length);
  pango_layout_get_size (self->measure, &width, NULL);
  return width;
}

/* Measuring a label with Pango costs tens of microseconds, and a new zoom
 * level tries well over a thousand labels: sum cached per-character
 * advances instead, and shape only text that needs it. */
static double
measure_label (ChronoLayout *self,
               const char   *text)
{
  gint64 sum = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gint slot = advance_slot (c);

      if (slot < 0)
        return (double) measure_pango_units (self, text, -1) / PANGO_SCALE;
      if (self->advances[slot] < 0)
        self->advances[slot] = measure_pango_units (self, p, (int) (g_utf8_next_char (p) - p));
      sum += self->advances[slot];
    }
  return (double) sum / PANGO_SCALE;
}

static double
label_width (ChronoLayout *self,
             guint         position)
{
  float w = self->label_widths[position];

  if (w < 0.f)
    {
      g_string_truncate (self->scratch, 0);
      _chrono_layout_append_label (self, position, self->scratch);
      w = (float) measure_label (self, self->scratch->str);
      self->label_widths[position] = w;
    }
  return w;
}

/* Forgets measurements made with another context or font setup. */
void
_chrono_layout_ensure_measuring (ChronoLayout *self,
                                 PangoContext *context)
{
  if (self->width_context == context && self->measure != NULL
      && self->width_serial == pango_context_get_serial (context))
    return;

  for (guint i = 0; i < self->n_spans; i++)
    self->label_widths[i] = -1.f;
  /* Other widths stack into other rows: lanes need a new plan. */
  self->plan.valid = FALSE;
  g_clear_object (&self->measure);
  g_clear_object (&self->measure_small);
  self->measure = _chrono_layout_new_for_font (context, CHRONO_FONT_LABEL);
  self->measure_small = _chrono_layout_new_for_font (context, CHRONO_FONT_SMALL);
  for (guint i = 0; i < G_N_ELEMENTS (self->badge_advances); i++)
    self->badge_advances[i] = -1;
  if (self->advances == NULL)
    self->advances = g_new (gint32, N_ADVANCES);
  for (guint i = 0; i < N_ADVANCES; i++)
    self->advances[i] = -1;
  self->width_context = context;
  self->width_serial = pango_context_get_serial (context);
}

/* Row occupancy ------------------------------------------------------------ */

/* Index of the first interval ending after @x. */
static guint
row_search (GArray *row,
            double  x)
{
  guint lo = 0, hi = row->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (row, Interval, mid).end <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
row_is_free_at (GArray *row,
                double  x)
{
  guint i;

  if (row == NULL)
    return TRUE;
  i = row_search (row, x);
  return i == row->len || g_array_index (row, Interval, i).start > x;
}

static gboolean
row_try_insert (GArray **row,
                double   start,
                double   end)
{
  Interval iv = { start, end };
  guint i;

  if (*row == NULL)
    *row = g_array_new (FALSE, FALSE, sizeof (Interval));
  i = row_search (*row, start);
  if (i < (*row)->len && g_array_index (*row, Interval, i).start < end)
    return FALSE;
  g_array_insert_val (*row, i, iv);
  return TRUE;
}

/* Placing ------------------------------------------------------------------ */

/* Keeps a label inside the view: after its marker or bar start when it
 * fits there, else before the marker or bar when it fits there (as near
 * the right edge), else on the roomier side cut to the room, which the
 * renderer ellipsizes. Updates the label and the box the item takes. */
static void
fit_label (const ChronoViewport *vp,
           ChronoLayoutItem     *item,
           ItemBox              *box,
           double                natural)
{
  double x0 = item->x0, x1 = item->x1;
  double end = item->kind == CHRONO_ITEM_POINT ? x0 + CHRONO_POINT_RADIUS : x1;
  double dx = item->kind == CHRONO_ITEM_POINT ? CHRONO_POINT_LABEL_DX : CHRONO_BAR_LABEL_DX;
  double right_room = vp->width - CHRONO_LABEL_EDGE_PAD - item->label_x;
  /* Only a marker or bar that starts in view can have its label before it. */
  double left_room = x0 >= 0.0 ? x0 - dx : -1.0;
  double w = MIN (natural, CHRONO_LABEL_MAX_WIDTH);
  gboolean before;

  if (w <= right_room)
    before = FALSE;
  else if (w <= left_room)
    before = TRUE;
  else
    {
      before = left_room > right_room;
      w = MAX (before ? left_room : right_room, 1.0);
    }

  if (before)
    {
      item->label_x = x0 - dx - w;
      box->box0 = item->label_x - CHRONO_LABEL_GAP;
      box->box1 = MAX (x1, x0 + CHRONO_POINT_RADIUS + 2.0) + CHRONO_LABEL_GAP;
    }
  else
    box->box1 = MAX (item->label_x + w, end) + CHRONO_LABEL_GAP;
  item->label_width = w;
}

static GArray **
lane_row (DisplayLane *dl,
          guint        r)
{
  g_assert (r < dl->n_rows_alloc);
  return &dl->rows[r];
}

/* Tries to give the event a row in its lane; else records it as folded.
 * Returns whether it became an item (its y is the row index until
 * _chrono_layout_place_rows()). */
gboolean
_chrono_layout_place_event (ChronoLayout *self,
                            guint         position,
                            PangoContext *context,
                            gboolean      record_folded)
{
  const ChronoSpan *span = &self->spans[position];
  const ChronoViewport *vp = &self->viewport;
  guint lane = _chrono_layout_display_lane_of (self, position);
  DisplayLane *dl = &self->display[lane];
  ChronoLayoutItem item = { 0 };
  ItemBox box;
  double x0, x1;
  gboolean any_free = FALSE;
  gboolean origin_full;

  x0 = chrono_viewport_time_to_x (vp, (double) span->lo);
  if (_chrono_layout_span_is_point (span) && !point_is_band (self, span))
    {
      x1 = x0;
      item.kind = CHRONO_ITEM_POINT;
      item.label_x = x0 + CHRONO_POINT_LABEL_DX;
      box.box0 = x0 - CHRONO_POINT_RADIUS - 2.0;
    }
  else
    {
      x1 = chrono_viewport_time_to_x (vp, _chrono_layout_span_end (self, span));
      item.kind = (span->flags & CHRONO_SPAN_RANGE) ? CHRONO_ITEM_RANGE : CHRONO_ITEM_BAND;
      /* Inside a wide bar, after a narrow one. */
      if (x1 - MAX (x0, 0.0) >= CHRONO_NARROW_BAR)
        item.label_x = MAX (x0, 0.0) + CHRONO_BAR_LABEL_DX;
      else
        item.label_x = x1 + CHRONO_BAR_LABEL_DX;
      box.box0 = x0;
    }
  item.x0 = x0;
  item.x1 = x1;

  /* Skip the rows when every one is taken where the box would start (near
   * the right edge the label may go left). A range or band from before the
   * view has a box across [0, CHRONO_BAR_LABEL_DX): once every row has
   * something there, the many such events of a zoomed-in view fold at once. */
  origin_full = x0 < 0.0 && dl->n_at_origin == dl->n_rows;
  any_free = !origin_full && item.label_x + CHRONO_LABEL_MAX_WIDTH > vp->width - CHRONO_LABEL_EDGE_PAD;
  for (guint r = 0; r < dl->n_rows && !any_free && !origin_full; r++)
    any_free = row_is_free_at (*lane_row (dl, r), box.box0);

  if (any_free)
    {
      fit_label (vp, &item, &box, label_width (self, position));
      for (guint r = 0; r < dl->n_rows; r++)
        {
          if (!row_try_insert (lane_row (dl, r), box.box0, box.box1))
            continue;
          if (!dl->at_origin[r] && box.box0 < CHRONO_BAR_LABEL_DX && box.box1 > 0.0)
            {
              dl->at_origin[r] = TRUE;
              dl->n_at_origin++;
            }
          dl->rows_used = MAX (dl->rows_used, r + 1);
          item.position = position;
          item.flags = span->flags;
          item.lane = (guint16) lane;
          item.y = r;
          item.height = CHRONO_ROW_HEIGHT;
          g_array_append_val (self->items, item);
          g_array_append_val (self->boxes, box);
          return TRUE;
        }
    }

  if (record_folded)
    {
      Folded f = { CLAMP (x0, 0.0, vp->width), span->lo, span->hi };

      g_array_append_val (dl->folded, f);
    }
  return FALSE;
}

/* The "+N" badge: a thousand different counts would each need shaping, so
 * its width is summed from the advances of "+" and the digits. */
double
_chrono_layout_badge_width (ChronoLayout *self,
                            guint         count)
{
  char text[32];
  gint64 sum = 0;

  g_snprintf (text, sizeof text, "+%u", count);
  for (const char *c = text; *c != '\0'; c++)
    {
      guint slot = *c == '+' ? 10 : (guint) (*c - '0');

      if (self->badge_advances[slot] < 0)
        {
          pango_layout_set_text (self->measure_small, c, 1);
          pango_layout_get_size (self->measure_small, &self->badge_advances[slot], NULL);
        }
      sum += self->badge_advances[slot];
    }
  return (double) sum / PANGO_SCALE + 2 * CLUSTER_PAD;
}

void
_chrono_layout_add_cluster (ChronoLayout *self,
                            guint         lane,
                            double        x,
                            guint         count,
                            ChronoTime    lo,
                            ChronoTime    hi,
                            PangoContext *context)
{
  DisplayLane *dl = &self->display[lane];
  ChronoLayoutCluster cluster = { 0 };

  cluster.width = _chrono_layout_badge_width (self, count);
  cluster.x = x;
  cluster.y = dl->cluster_y;
  cluster.height = CHRONO_CLUSTER_HEIGHT;
  cluster.count = count;
  cluster.lo = lo;
  cluster.hi = hi;
  cluster.lane = (guint16) lane;
  g_array_append_val (self->clusters, cluster);
}

static int
compare_folded (gconstpointer a,
                gconstpointer b)
{
  const Folded *fa = a, *fb = b;

  return (fa->x > fb->x) - (fa->x < fb->x);
}

/* Detailed mode: neighbouring folded events share one badge. */
void
_chrono_layout_cluster_folded (ChronoLayout *self,
                               PangoContext *context)
{
  for (guint l = 0; l < self->n_display; l++)
    {
      GArray *folded = self->display[l].folded;
      double prev_end = -G_MAXDOUBLE;
      guint i = 0;

      g_array_sort (folded, compare_folded);
      while (i < folded->len)
        {
          const Folded *first = &g_array_index (folded, Folded, i);
          ChronoTime lo = first->lo, hi = first->hi;
          double x = MAX (first->x, prev_end);
          guint count = 1;

          for (i++; i < folded->len; i++, count++)
            {
              const Folded *f = &g_array_index (folded, Folded, i);

              if (f->x >= x + _chrono_layout_badge_width (self, count + 1) + CLUSTER_GAP)
                break;
              lo = MIN (lo, f->lo);
              hi = MAX (hi, f->hi);
            }
          _chrono_layout_add_cluster (self, l, x, count, lo, hi, context);
          prev_end = x + _chrono_layout_badge_width (self, count) + CLUSTER_GAP;
        }
    }
}
