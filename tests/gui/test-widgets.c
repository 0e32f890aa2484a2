/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-widgets"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "chrono-event-popover.h"
#include "chrono-overview.h"
#include "chrono-timeline-view.h"
#include "chrono-ui-resources.h"

typedef struct {
  const char *id;
  const char *title;
  const char *start;
  const char *end;
  const char *category;
  const char *source_title;
  const char *source_url;
} EventSpec;

/* Sorted by start, so the model order is the table order. */
static const EventSpec events[] = {
  { "staff", "APT31 targets campaign staff email", "2020", NULL, "attack",
    "Google threat analysis", "https://blog.google/threat-analysis-group/" },
  { "nz", "New Zealand links APT40 to malicious activity", "2021-07-19", NULL, "response",
    NULL, NULL },
  { "ec", "Electoral Commission systems compromised", "2021-08", "2022-10", "attack",
    NULL, NULL },
  { "disclose", "Electoral Commission discloses the hack", "2023", NULL, "response",
    NULL, NULL },
  { "indict", "US indicts seven alleged APT31 hackers", "2024-03-25", NULL, "response",
    "US Department of Justice", "https://www.justice.gov/opa/pr/seven-hackers" },
  { "sanction", "UK sanctions a front company", "2024-03-25", NULL, "response",
    "<i>Markup</i> & friends", "javascript:alert(1)" },
};

static ChronoTimeline *
make_timeline (void)
{
  ChronoTimeline *timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronoCategory) attack = chrono_category_new ("attack", "Intrusion", "#c01c28");
  g_autoptr(ChronoCategory) response = chrono_category_new ("response", "Response", "#1c71d8");

  chrono_timeline_set_title (timeline, "Test campaign");
  chrono_timeline_add_category (timeline, attack);
  chrono_timeline_add_category (timeline, response);

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      ChronoDate start, end;
      ChronoEvent *event;

      g_assert_true (chrono_date_parse (events[i].start, &start, NULL));
      event = chrono_event_new (events[i].id, events[i].title, &start);
      if (events[i].end != NULL)
        {
          g_assert_true (chrono_date_parse (events[i].end, &end, NULL));
          chrono_event_set_end (event, &end);
        }
      chrono_event_set_category (event, events[i].category);
      chrono_event_set_status (event, "confirmed");
      if (events[i].source_title != NULL)
        {
          g_autoptr(ChronoSource) source = chrono_source_new (events[i].source_title,
                                                              events[i].source_url,
                                                              "Publisher", "2024-03-25");
          chrono_event_add_source (event, source);
        }
      if (i == 4)
        {
          const char *actors[] = { "APT31", "Ministry of State Security", NULL };

          chrono_event_set_actors (event, actors);
          chrono_event_set_description (event, "Charges unsealed in New York.");
        }
      g_ptr_array_add (list, event);
    }

  chrono_timeline_add_events (timeline, (ChronoEvent **) list->pdata, list->len);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, G_N_ELEMENTS (events));
  return timeline;
}

static ChronoEvent *
event_at (ChronoTimeline *timeline,
          guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (timeline), position);
}

static guint
selected_position (ChronoTimelineView *view)
{
  ChronoEvent *event = chrono_timeline_view_get_selected_event (view);
  guint position = G_MAXUINT;

  if (event == NULL)
    return G_MAXUINT;
  g_assert_true (chrono_timeline_find_event (chrono_timeline_view_get_timeline (view),
                                             event, &position));
  return position;
}

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_by_name (root, name);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_main_loop (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the widget has been allocated and drawn. */
static void
wait_for_frames (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, timeout_cb, &timed_out);

  while (!timed_out && (gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  /* A little more for pending layout and frames. */
  run_main_loop (200);
}

typedef struct {
  GtkWidget *window;
  ChronoTimelineView *view;
  ChronoOverview *overview;
  ChronoTimeline *timeline;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->timeline = make_timeline ();
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 480);
  f->view = CHRONO_TIMELINE_VIEW (chrono_timeline_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (f->view), TRUE);
  f->overview = CHRONO_OVERVIEW (chrono_overview_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->overview));
  gtk_window_set_child (GTK_WINDOW (f->window), box);

  chrono_timeline_view_set_timeline (f->view, f->timeline);
  chrono_overview_set_timeline (f->overview, f->timeline);
  g_object_bind_property (f->view, "visible-start", f->overview, "visible-start",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (f->view, "visible-end", f->overview, "visible-end",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->timeline);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_view_actions (void)
{
  static const char *const names[] = {
    "view.zoom-in", "view.zoom-out", "view.zoom-fit", "view.fit-selection",
    "view.next-event", "view.previous-event", "view.first-event", "view.last-event",
    "view.show-details", "view.hide-details",
  };
  GtkWidgetClass *klass = g_type_class_ref (CHRONO_TYPE_TIMELINE_VIEW);

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      gboolean found = FALSE;
      const char *name, *property;
      const GVariantType *parameter;
      GType owner;

      /* GTK 4.8 writes every out argument. */
      for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter, &property); i++)
        if (g_str_equal (name, names[n]) && owner == CHRONO_TYPE_TIMELINE_VIEW)
          found = TRUE;
      g_test_message ("action %s", names[n]);
      g_assert_true (found);
    }

  g_type_class_unref (klass);
}

static void
test_view_accessible (void)
{
  g_autoptr(ChronoTimeline) timeline = make_timeline ();
  GtkWidget *view = g_object_ref_sink (chrono_timeline_view_new ());
  g_autoptr(ChronoEvent) event = event_at (timeline, 4);
  g_autofree char *date = chrono_event_format_date (event);
  g_autofree char *expected = g_strdup_printf ("%s, %s", chrono_event_get_title (event), date);
  g_autofree char *expected_label = g_strdup_printf ("Timeline: %s", expected);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Timeline");
  g_assert_true (gtk_widget_get_focusable (view));

  chrono_timeline_view_set_timeline (CHRONO_TIMELINE_VIEW (view), timeline);
  chrono_timeline_view_set_selected_event (CHRONO_TIMELINE_VIEW (view), event);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected_label);

  chrono_timeline_view_set_selected_event (CHRONO_TIMELINE_VIEW (view), NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Timeline");

  g_object_unref (view);
}

static void
test_view_selection_notify (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ChronoEvent) a = event_at (f->timeline, 1);
  g_autoptr(ChronoEvent) a_again = event_at (f->timeline, 1);
  g_autoptr(ChronoEvent) b = event_at (f->timeline, 3);
  guint count = 0;

  g_signal_connect (f->view, "notify::selected-event", G_CALLBACK (count_notify_cb), &count);

  chrono_timeline_view_set_selected_event (f->view, a);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (selected_position (f->view), ==, 1);

  /* The same event again, even as another object from the model: no change. */
  chrono_timeline_view_set_selected_event (f->view, a);
  chrono_timeline_view_set_selected_event (f->view, a_again);
  g_assert_cmpuint (count, ==, 1);

  chrono_timeline_view_set_selected_event (f->view, b);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (selected_position (f->view), ==, 3);

  /* Selecting from outside never opens the popover. */
  {
    GtkWidget *title = find_by_name (GTK_WIDGET (f->view), "popover-title");

    g_assert_nonnull (title);
    g_assert_false (gtk_widget_get_mapped (title));
  }

  chrono_timeline_view_set_selected_event (f->view, NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_null (chrono_timeline_view_get_selected_event (f->view));

  g_signal_handlers_disconnect_by_func (f->view, count_notify_cb, &count);
}

static gboolean
hide_title_match (gpointer item,
                  gpointer user_data)
{
  return g_strcmp0 (chrono_event_get_id (item), user_data) != 0;
}

static void
test_view_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  g_autoptr(GtkCustomFilter) filter = NULL;

  g_assert_true (gtk_widget_activate_action (view, "view.first-event", NULL));
  g_assert_cmpuint (selected_position (f->view), ==, 0);

  for (guint i = 1; i < G_N_ELEMENTS (events); i++)
    {
      g_assert_true (gtk_widget_activate_action (view, "view.next-event", NULL));
      g_assert_cmpuint (selected_position (f->view), ==, i);
    }
  /* At the end it stays. */
  gtk_widget_activate_action (view, "view.next-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, G_N_ELEMENTS (events) - 1);

  gtk_widget_activate_action (view, "view.previous-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, G_N_ELEMENTS (events) - 2);
  gtk_widget_activate_action (view, "view.first-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 0);
  gtk_widget_activate_action (view, "view.previous-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 0);
  gtk_widget_activate_action (view, "view.last-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, G_N_ELEMENTS (events) - 1);

  /* Filtered events are stepped over, in both directions. */
  filter = gtk_custom_filter_new (hide_title_match, (gpointer) "ec", NULL);
  chrono_timeline_view_set_filter (f->view, GTK_FILTER (filter));
  gtk_widget_activate_action (view, "view.first-event", NULL);
  gtk_widget_activate_action (view, "view.next-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 1);
  gtk_widget_activate_action (view, "view.next-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 3);
  gtk_widget_activate_action (view, "view.previous-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 1);

  /* Changing the filter takes effect at once. */
  gtk_custom_filter_set_filter_func (filter, hide_title_match, (gpointer) "nz", NULL);
  gtk_widget_activate_action (view, "view.first-event", NULL);
  gtk_widget_activate_action (view, "view.next-event", NULL);
  g_assert_cmpuint (selected_position (f->view), ==, 2);

  chrono_timeline_view_set_filter (f->view, NULL);
}

static void
assert_shows_span (ChronoTimelineView *view,
                   ChronoTime          lo,
                   ChronoTime          hi)
{
  double start, end;

  chrono_timeline_view_get_visible_range (view, &start, &end);
  g_assert_cmpfloat (start, <=, (double) lo);
  g_assert_cmpfloat (end, >=, (double) hi);
}

static void
test_view_zoom (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  const ChronoSpan *spans;
  guint n_spans = 0;
  double start0, end0, start, end;
  guint notified = 0;

  spans = chrono_timeline_get_spans (f->timeline, &n_spans);
  g_assert_cmpuint (n_spans, ==, G_N_ELEMENTS (events));

  /* Opens fitted to everything. */
  for (guint i = 0; i < n_spans; i++)
    assert_shows_span (f->view, spans[i].lo, spans[i].hi);
  chrono_timeline_view_get_visible_range (f->view, &start0, &end0);

  g_signal_connect (f->view, "notify::visible-start", G_CALLBACK (count_notify_cb), &notified);
  gtk_widget_activate_action (view, "view.zoom-in", NULL);
  gtk_widget_activate_action (view, "view.zoom-in", NULL);
  chrono_timeline_view_get_visible_range (f->view, &start, &end);
  g_assert_cmpfloat (end - start, <, (end0 - start0) / 2);
  g_assert_cmpuint (notified, >=, 2);

  /* The overview follows the view... */
  {
    double ostart, oend;

    chrono_overview_get_visible_range (f->overview, &ostart, &oend);
    g_assert_cmpfloat (ostart, ==, start);
    g_assert_cmpfloat (oend, ==, end);
  }

  gtk_widget_activate_action (view, "view.zoom-out", NULL);
  {
    double s2, e2;

    chrono_timeline_view_get_visible_range (f->view, &s2, &e2);
    g_assert_cmpfloat (e2 - s2, >, end - start);
  }

  gtk_widget_activate_action (view, "view.zoom-fit", NULL);
  for (guint i = 0; i < n_spans; i++)
    assert_shows_span (f->view, spans[i].lo, spans[i].hi);

  /* ...and moving the overview's window moves the view, keeping the span. */
  chrono_timeline_view_get_visible_range (f->view, &start, &end);
  chrono_overview_set_visible_range (f->overview, start + 86400.0 * 30, end + 86400.0 * 30);
  {
    double s2, e2;

    chrono_timeline_view_get_visible_range (f->view, &s2, &e2);
    g_assert_cmpfloat (fabs (s2 - (start + 86400.0 * 30)), <, 1.0);
    g_assert_cmpfloat (fabs ((e2 - s2) - (end - start)), <, 1.0);
  }

  g_signal_handlers_disconnect_by_func (f->view, count_notify_cb, &notified);
}

static void
test_view_reveal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ChronoEvent) event = event_at (f->timeline, 4);
  const ChronoSpan *spans;
  guint n_spans = 0;
  double start, end;

  spans = chrono_timeline_get_spans (f->timeline, &n_spans);

  /* Look at 2020 only; then the sidebar selects an event of 2024. */
  chrono_timeline_view_set_visible_range (f->view, (double) spans[0].lo, (double) spans[0].hi);
  chrono_timeline_view_set_selected_event (f->view, event);
  assert_shows_span (f->view, spans[4].lo, spans[4].hi);
  chrono_timeline_view_get_visible_range (f->view, &start, &end);
  g_assert_cmpfloat (end - start, <=, (double) (spans[0].hi - spans[0].lo) * 1.01);

  /* F fits the selection: zooms in on it. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "view.fit-selection", NULL);
  run_main_loop (700); /* the zoom is animated */
  chrono_timeline_view_get_visible_range (f->view, &start, &end);
  g_assert_cmpfloat (start, <=, (double) spans[4].lo);
  g_assert_cmpfloat (end, >=, (double) spans[4].hi);
  g_assert_cmpfloat (end - start, <, 10.0 * 86400.0);

  /* Enter opens the popover at the event; Escape closes it. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "view.show-details", NULL);
  wait_for_frames (GTK_WIDGET (f->view));
  {
    GtkWidget *title = find_by_name (GTK_WIDGET (f->view), "popover-title");
    GtkWidget *popover = gtk_widget_get_ancestor (title, GTK_TYPE_POPOVER);
    GdkRectangle rect;

    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, events[4].title);
    g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (popover), &rect));
    g_assert_cmpint (rect.x, >=, -3);
    g_assert_cmpint (rect.x + rect.width, <=, gtk_widget_get_width (GTK_WIDGET (f->view)) + 3);
    g_assert_cmpint (rect.y, >=, 0);
    g_assert_cmpint (rect.y, <, gtk_widget_get_height (GTK_WIDGET (f->view)));

    gtk_widget_activate_action (GTK_WIDGET (f->view), "view.hide-details", NULL);
    g_assert_false (gtk_widget_get_visible (popover));
    run_main_loop (800); /* see test_render_png */
  }
}

static gboolean
emit_activate_link (GtkWidget  *label,
                    const char *uri)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (label, "activate-link", uri, &handled);
  return handled;
}

static void
test_popover_content (void)
{
  g_autoptr(ChronoTimeline) timeline = make_timeline ();
  g_autoptr(ChronoEvent) indict = event_at (timeline, 4);
  g_autoptr(ChronoEvent) sanction = event_at (timeline, 5);
  g_autoptr(ChronoEvent) nz = event_at (timeline, 1);
  GtkWidget *popover = g_object_ref_sink (chrono_event_popover_new ());
  g_autofree char *date = chrono_event_format_date (indict);
  GtkWidget *sources;
  const char *text;

  chrono_event_popover_set_timeline (CHRONO_EVENT_POPOVER (popover), timeline);
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (popover), indict);

  g_assert_cmpstr (label_text (popover, "popover-title"), ==, events[4].title);
  g_assert_cmpstr (label_text (popover, "popover-date"), ==, date);
  g_assert_cmpstr (label_text (popover, "popover-category"), ==, "Response");
  g_assert_cmpstr (label_text (popover, "popover-status"), ==, "Confirmed");
  g_assert_cmpstr (label_text (popover, "popover-actors"), ==, "APT31, Ministry of State Security");
  g_assert_cmpstr (label_text (popover, "popover-description"), ==, "Charges unsealed in New York.");
  text = label_text (popover, "popover-source");
  g_assert_nonnull (strstr (text, "US Department of Justice"));
  sources = find_by_name (popover, "popover-source");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (sources)),
                            "href=\"https://www.justice.gov/opa/pr/seven-hackers\""));
  /* Empty rows are hidden. */
  g_assert_false (gtk_widget_get_visible (find_by_name (popover, "popover-places")));
  g_assert_false (gtk_widget_get_visible (find_by_name (popover, "popover-tags")));
  g_assert_true (gtk_widget_get_visible (find_by_name (popover, "popover-actors")));

  /* File text is never markup, and only web links become links. */
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (popover), sanction);
  text = label_text (popover, "popover-source");
  g_assert_nonnull (strstr (text, "<i>Markup</i> & friends"));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (sources)), "href"));
  g_assert_true (emit_activate_link (sources, "javascript:alert(1)"));
  g_assert_true (emit_activate_link (sources, "file:///etc/passwd"));

  /* Title edits show up at once; hostile bytes are cleaned. */
  chrono_event_set_title (sanction, "Bad\x01 <b>title</b>");
  g_assert_cmpstr (label_text (popover, "popover-title"), ==, "Bad  <b>title</b>");

  /* No sources: the row disappears. */
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (popover), nz);
  g_assert_false (gtk_widget_get_visible (sources));
  g_assert_cmpstr (label_text (popover, "popover-title"), ==, events[1].title);

  g_object_unref (popover);
}

static void
test_markup_escape (void)
{
  g_autofree char *a = chrono_markup_escape_untrusted ("<a href='x'>&</a>");
  g_autofree char *b = chrono_markup_escape_untrusted ("ctl\x01\x1f" "del\x7f" "ok");
  g_autofree char *c = chrono_markup_escape_untrusted ("bad\xff utf8");

  g_assert_cmpstr (a, ==, "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;");
  g_assert_cmpstr (b, ==, "ctl  del ok");
  g_assert_true (g_utf8_validate (c, -1, NULL));
  g_assert_true (pango_parse_markup (c, -1, 0, NULL, NULL, NULL, NULL));

  g_assert_true (chrono_uri_is_web ("https://example.org/"));
  g_assert_true (chrono_uri_is_web ("HTTP://example.org/"));
  g_assert_false (chrono_uri_is_web ("javascript:alert(1)"));
  g_assert_false (chrono_uri_is_web ("file:///etc/passwd"));
  g_assert_false (chrono_uri_is_web ("example.org"));
  g_assert_false (chrono_uri_is_web (NULL));
}

typedef struct {
  double mean_luma;
  double luma_range;
} Picture;

/* Renders the window's content the way GTK draws it and saves a PNG to look at. */
static Picture
render_to_png (GtkWidget  *widget,
               const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("CHRONO_SCREENSHOT_DIR");
  double sum = 0, lo = 1, hi = 0;
  gsize stride = (gsize) width * 4;
  Picture picture;

  GdkRGBA background;

  /* The window paints the background under its child; do the same. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       "window_bg_color", &background))
    g_assert_true (gdk_rgba_parse (&background, "white"));
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (dir != NULL)
    {
      g_autofree char *node_name = g_strconcat (name, ".node", NULL);
      g_autofree char *node_path = g_build_filename (dir, node_name, NULL);

      g_assert_true (gsk_render_node_write_to_file (node, node_path, NULL));
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, NULL);

  path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);

  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4; /* B G R A, premultiplied */
        double luma = (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;

        sum += luma;
        lo = MIN (lo, luma);
        hi = MAX (hi, luma);
      }

  picture.mean_luma = sum / ((double) width * height);
  picture.luma_range = hi - lo;
  return picture;
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (f->window));
  g_autoptr(ChronoEvent) event = event_at (f->timeline, 2);
  Picture light, dark;

  chrono_timeline_view_set_selected_event (f->view, event);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_for_frames (GTK_WIDGET (f->view));
  light = render_to_png (content, "chronoscope-widgets-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (GTK_WIDGET (f->view));
  dark = render_to_png (content, "chronoscope-widgets-dark.png");

  /* The popover of an event with every row filled in. */
  {
    g_autoptr(ChronoEvent) indict = event_at (f->timeline, 4);
    const char *places[] = { "Washington, D.C.", "London", NULL };
    const char *tags[] = { "indictment", "APT31", NULL };
    GtkWidget *popover;
    Picture pop_light, pop_dark;

    chrono_event_set_places (indict, places);
    chrono_event_set_tags (indict, tags);
    chrono_timeline_view_reveal_event (f->view, indict, TRUE);
    wait_for_frames (GTK_WIDGET (f->view));
    popover = gtk_widget_get_ancestor (find_by_name (GTK_WIDGET (f->view), "popover-title"),
                                       GTK_TYPE_POPOVER);
    g_assert_true (gtk_widget_get_mapped (popover));
    pop_dark = render_to_png (popover, "chronoscope-popover-dark.png");
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
    wait_for_frames (GTK_WIDGET (f->view));
    pop_light = render_to_png (popover, "chronoscope-popover-light.png");
    g_assert_cmpfloat (pop_light.luma_range, >, 0.3);
    g_assert_cmpfloat (pop_dark.luma_range, >, 0.3);

    /* GTK 4.8 keeps a tooltip timer for the popover's links that fails
     * on a destroyed window: close first and let it run out. */
    gtk_widget_activate_action (GTK_WIDGET (f->view), "view.hide-details", NULL);
    run_main_loop (800);
  }

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  g_test_message ("light: mean %.3f range %.3f; dark: mean %.3f range %.3f",
                  light.mean_luma, light.luma_range, dark.mean_luma, dark.luma_range);
  /* Something is drawn, and the dark style really is darker. */
  g_assert_cmpfloat (light.luma_range, >, 0.3);
  g_assert_cmpfloat (dark.luma_range, >, 0.3);
  g_assert_cmpfloat (dark.mean_luma + 0.2, <, light.mean_luma);
}

static void
test_no_display (void)
{
  g_test_skip ("GTK cannot open a display");
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible properties are checked without a bus; the cairo renderer
   * keeps pictures the same on every machine. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  g_test_init (&argc, &argv, NULL);
  chrono_ui_register_resource ();

  g_test_add_func ("/widgets/markup-escape", test_markup_escape);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/widgets/display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/widgets/view/actions", test_view_actions);
  g_test_add_func ("/widgets/view/accessible", test_view_accessible);
  g_test_add ("/widgets/view/selection-notify", Fixture, NULL,
              fixture_setup, test_view_selection_notify, fixture_teardown);
  g_test_add ("/widgets/view/keyboard", Fixture, NULL,
              fixture_setup, test_view_keyboard, fixture_teardown);
  g_test_add ("/widgets/view/zoom", Fixture, NULL,
              fixture_setup, test_view_zoom, fixture_teardown);
  g_test_add ("/widgets/view/reveal", Fixture, NULL,
              fixture_setup, test_view_reveal, fixture_teardown);
  g_test_add_func ("/widgets/popover/content", test_popover_content);
  g_test_add ("/widgets/render/png", Fixture, NULL,
              fixture_setup, test_render_png, fixture_teardown);

  return g_test_run ();
}
