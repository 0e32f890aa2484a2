/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-event-row.h"
#include "chrono-export-dialog.h"
#include "chrono-window-private.h"

G_DEFINE_FINAL_TYPE (ChronoWindow, chrono_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_LANES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The nicks of the "lanes" setting and the win.lanes action, by ChronoLanes. */
static const char * const lanes_nicks[] = { "none", "group", "category", "actor" };

void
_chrono_window_update_subtitle (ChronoWindow *self)
{
  g_autofree char *subtitle = NULL;
  guint total = self->timeline != NULL ? chrono_timeline_get_n_events (self->timeline) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (self->busy_text != NULL)
    subtitle = g_strdup (self->busy_text);
  else if (chrono_event_filter_get_active (self->filter))
    /* Translators: shown in the header bar when search or filters are on;
     * %'u is a count with the locale's digit grouping (1,000,000) */
    subtitle = g_strdup_printf (ngettext ("%'u of %'u event", "%'u of %'u events", total),
                                shown, total);
  else
    /* Translators: %'u is a count with the locale's digit grouping */
    subtitle = g_strdup_printf (ngettext ("%'u event", "%'u events", total), total);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->sidebar_stack, shown > 0 || total == 0 ? "list" : "empty");
}

void
_chrono_window_update_title (ChronoWindow *self)
{
  const char *title = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *marked = NULL;

  if (self->timeline != NULL)
    {
      GFile *file = chrono_timeline_get_file (self->timeline);

      if (file == NULL)
        file = self->source_file;
      title = chrono_timeline_get_title (self->timeline);
      if ((title == NULL || title[0] == '\0') && file != NULL)
        title = basename = g_file_get_basename (file);
    }
  if (title == NULL || title[0] == '\0')
    title = _("Untitled Timeline");

  /* Unsaved changes show as a bullet before the title, as in GNOME apps. */
  if (self->timeline != NULL && chrono_timeline_get_modified (self->timeline))
    /* Translators: the window title of a timeline with unsaved changes */
    title = marked = g_strdup_printf (_("• %s"), title);

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The position of @event in the sidebar's filtered list: the filter keeps
 * the timeline's order, so a binary search on timeline positions finds it. */
static gboolean
chrono_window_find_in_sidebar (ChronoWindow *self,
                               ChronoEvent  *event,
                               guint        *position)
{
  guint target;

  return chrono_timeline_find_event (self->timeline, event, &target) &&
         chrono_event_list_model_find (self->filter_model, target, position);
}

static void
chrono_window_sync_sidebar (ChronoWindow *self)
{
  ChronoEvent *event = chrono_timeline_view_get_selected_event (self->view);
  guint position;

  if (event == NULL || !chrono_window_find_in_sidebar (self, event, &position))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->event_list), "list.scroll-to-item", "u", position);
}

static void
on_filter_active_cb (ChronoWindow *self)
{
  if (chrono_event_filter_get_n_values (self->filter) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filter-active");

  _chrono_window_update_subtitle (self);
}

static void
sync_after_refilter (gpointer user_data)
{
  ChronoWindow *self = user_data;

  self->refilter_sync_id = 0;
  _chrono_window_update_subtitle (self);
  on_filter_active_cb (self);

  /* A refilter drops the list's selection: select the view's event again. */
  self->syncing_selection = TRUE;
  chrono_window_sync_sidebar (self);
  self->syncing_selection = FALSE;
}

static void
on_filter_model_items_changed_cb (ChronoWindow *self)
{
  /* Selecting from inside items-changed reaches GtkListView before it has
   * seen the change and crashes GTK 4.8; a refilter also arrives as several
   * changes. Sync once, when the emission is over. */
  if (self->refilter_sync_id == 0)
    self->refilter_sync_id = g_idle_add_once (sync_after_refilter, self);
}

static void
on_timeline_changed_cb (ChronoWindow *self)
{
  _chrono_window_update_title (self);
  _chrono_window_update_subtitle (self);
}

static void
on_search_changed_cb (ChronoWindow *self)
{
  chrono_event_filter_set_search (self->filter,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search entry: go to the first match. */
static void
on_search_activate_cb (ChronoWindow *self)
{
  g_autoptr(ChronoEvent) event = NULL;

  on_search_changed_cb (self);
  event = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);
  if (event == NULL)
    return;

  chrono_timeline_view_reveal_event (self->view, event, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_search_mode_cb (ChronoWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (gtk_widget_get_realized (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_selection_changed_cb (ChronoWindow *self)
{
  ChronoEvent *event;

  if (self->syncing_selection)
    return;

  event = gtk_single_selection_get_selected_item (self->selection);
  if (event == NULL)
    return;

  self->syncing_selection = TRUE;
  chrono_timeline_view_reveal_event (self->view, event, FALSE);
  self->syncing_selection = FALSE;
}

static void
on_view_selected_event_cb (ChronoWindow *self)
{
  if (self->syncing_selection)
    return;

  self->syncing_selection = TRUE;
  chrono_window_sync_sidebar (self);
  self->syncing_selection = FALSE;
}

/* Enter or double click on a row: show the event and its details. */
static void
on_event_list_activate_cb (ChronoWindow *self,
                           guint         position)
{
  g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (event == NULL)
    return;

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;
  chrono_timeline_view_reveal_event (self->view, event, TRUE);
}

static void
on_view_range_cb (ChronoWindow *self)
{
  double start, end;

  if (self->syncing_range)
    return;

  chrono_timeline_view_get_visible_range (self->view, &start, &end);
  self->syncing_range = TRUE;
  chrono_overview_set_visible_range (self->overview, start, end);
  self->syncing_range = FALSE;
}

static void
on_overview_range_cb (ChronoWindow *self)
{
  double start, end, view_start, view_end;

  if (self->syncing_range)
    return;

  chrono_overview_get_visible_range (self->overview, &start, &end);
  chrono_timeline_view_get_visible_range (self->view, &view_start, &view_end);
  if (!(end > start) || (start == view_start && end == view_end))
    return;

  self->syncing_range = TRUE;
  chrono_timeline_view_set_visible_range (self->view, start, end);
  self->syncing_range = FALSE;
  /* The view may have clamped the range: show what it really shows. */
  on_view_range_cb (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, chrono_event_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ChronoWindow             *self)
{
  ChronoEvent *event = gtk_list_item_get_item (item);
  const char *category_id = chrono_event_get_category (event);
  ChronoCategory *category = NULL;

  if (category_id != NULL)
    category = chrono_timeline_lookup_category (self->timeline, category_id);

  chrono_event_row_set_event (CHRONO_EVENT_ROW (gtk_list_item_get_child (item)), event, category);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  chrono_event_row_set_event (CHRONO_EVENT_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
on_export_dialog_exported_cb (ChronoWindow *self,
                              GFile        *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = NULL;
  AdwToast *toast;
  GtkWidget *box, *label, *folder_button;

  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Exported “%s”"), basename);

  /* A custom title keeps the file name plain text (toast titles are markup)
   * and makes room for a second button. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), label);
  folder_button = gtk_button_new_with_mnemonic (_("Show in _Folder"));
  gtk_button_set_use_underline (GTK_BUTTON (folder_button), TRUE);
  gtk_widget_add_css_class (folder_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder_button), "win.show-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (folder_button), "s", uri);
  gtk_box_append (GTK_BOX (box), folder_button);

  toast = adw_toast_new ("");
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  chrono_window_add_toast (self, toast);
}

static void
on_show_uri_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    chrono_window_show_error (CHRONO_WINDOW (source), _("Cannot Open the File"), error->message);
}

static void
chrono_window_open_uri (ChronoWindow *self,
                        const char   *uri)
{
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, on_show_uri_done_cb, NULL);
}

typedef struct {
  ChronoWindow *window;
  char *uri;
} ShowInFolder;

static void
show_in_folder_free (ShowInFolder *data)
{
  g_clear_object (&data->window);
  g_free (data->uri);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowInFolder, show_in_folder_free)

/* No file manager answers on D-Bus: open the folder itself. */
static void
show_in_folder_fallback (ShowInFolder *data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (data->uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *parent_uri = NULL;

  if (parent == NULL)
    return;

  parent_uri = g_file_get_uri (parent);
  chrono_window_open_uri (data->window, parent_uri);
}

static void
on_show_items_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ShowInFolder) data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_debug ("FileManager1.ShowItems failed: %s", error->message);
      show_in_folder_fallback (data);
    }
}

static void
on_session_bus_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShowInFolder) data = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *uris[] = { data->uri, NULL };

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      show_in_folder_fallback (data);
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          on_show_items_done_cb, g_steal_pointer (&data));
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShowInFolder *data = g_new0 (ShowInFolder, 1);

  data->window = g_object_ref (CHRONO_WINDOW (widget));
  data->uri = g_variant_dup_string (parameter, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_session_bus_cb, data);
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  chrono_window_open_uri (CHRONO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *dialog;
  double start, end;

  chrono_timeline_view_get_visible_range (self->view, &start, &end);
  dialog = chrono_export_dialog_new (GTK_WINDOW (self), self->timeline, start, end,
                                     chrono_timeline_view_get_lanes (self->view),
                                     adw_style_manager_get_dark (style));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_export_dialog_exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chrono_window_set_lanes (ChronoWindow *self,
                         const char   *nick)
{
  ChronoLanes lanes = CHRONO_LANES_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (lanes_nicks); i++)
    if (g_strcmp0 (nick, lanes_nicks[i]) == 0)
      lanes = (ChronoLanes) i;

  if (self->lanes == lanes)
    return;

  self->lanes = lanes;
  chrono_timeline_view_set_lanes (self->view, lanes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANES]);
}

static const char *
chrono_window_get_lanes (ChronoWindow *self)
{
  /* Kept here too: the action muxer reads the state while the template's
   * widgets are being disposed. */
  return self->lanes < G_N_ELEMENTS (lanes_nicks) ? lanes_nicks[self->lanes] : lanes_nicks[0];
}

static void
chrono_window_connect_timeline (ChronoWindow *self)
{
  g_signal_connect_object (self->timeline, "notify::title",
                           G_CALLBACK (_chrono_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::file",
                           G_CALLBACK (_chrono_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::modified",
                           G_CALLBACK (_chrono_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "changed",
                           G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);

  chrono_event_list_model_set_timeline (self->filter_model, self->timeline);
  chrono_timeline_view_set_timeline (self->view, self->timeline);
  chrono_overview_set_timeline (self->overview, self->timeline);
  chrono_timeline_view_zoom_fit (self->view);

  chrono_filter_popover_set_timeline (self->filter_popover, self->timeline);
  _chrono_window_update_title (self);
  _chrono_window_update_subtitle (self);
}

static void
chrono_window_set_timeline (ChronoWindow   *self,
                            ChronoTimeline *timeline)
{
  g_assert (self->timeline == NULL);

  if (timeline == NULL)
    {
      self->timeline = chrono_timeline_new ();
      self->placeholder = TRUE;
    }
  else
    self->timeline = g_object_ref (timeline);

  chrono_window_connect_timeline (self);
}

/* Shows another document in the window: search, filters and the selection
 * belong to the old one and are cleared. */
void
_chrono_window_replace_timeline (ChronoWindow   *self,
                                 ChronoTimeline *timeline,
                                 GFile          *source_file)
{
  g_autoptr(ChronoTimeline) old = NULL;

  g_assert (CHRONO_IS_WINDOW (self));
  g_assert (CHRONO_IS_TIMELINE (timeline));

  old = g_steal_pointer (&self->timeline);
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);

  self->timeline = g_object_ref (timeline);
  self->placeholder = FALSE;
  g_set_object (&self->source_file, source_file);

  chrono_timeline_view_set_selected_event (self->view, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  chrono_event_filter_set_search (self->filter, NULL);
  chrono_event_filter_clear_values (self->filter);

  chrono_window_connect_timeline (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

static int
settings_clamp_int (GSettings  *settings,
                    const char *key,
                    int         value)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;
  int lo, hi;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_strcmp0 (type, "range") != 0)
    return value;

  g_variant_get (limits, "(ii)", &lo, &hi);
  return CLAMP (value, lo, hi);
}

/* Remembers the size and state to open the next window with. */
static void
chrono_window_save_geometry (ChronoWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  /* The default size follows the window's size while it is not maximized. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width",
                          settings_clamp_int (self->settings, "window-width", width));
      g_settings_set_int (self->settings, "window-height",
                          settings_clamp_int (self->settings, "window-height", height));
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
chrono_window_restore_settings (ChronoWindow *self,
                                GSettings    *settings)
{
  if (settings == NULL)
    return;

  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lanes", self, "lanes", G_SETTINGS_BIND_DEFAULT);
}

static gboolean
chrono_window_close_request (GtkWindow *window)
{
  ChronoWindow *self = CHRONO_WINDOW (window);

  if (!_chrono_window_files_may_close (self))
    return TRUE;

  chrono_window_save_geometry (self);
  return GTK_WINDOW_CLASS (chrono_window_parent_class)->close_request (window);
}

static void
chrono_window_constructed (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  G_OBJECT_CLASS (chrono_window_parent_class)->constructed (object);

  if (self->timeline == NULL)
    chrono_window_set_timeline (self, NULL);
}

static void
chrono_window_map (GtkWidget *widget)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  GTK_WIDGET_CLASS (chrono_window_parent_class)->map (widget);

  /* Start on the canvas, so the arrow keys move through events at once. */
  if (!self->mapped_once)
    {
      self->mapped_once = TRUE;
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static void
chrono_window_dispose (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  g_clear_handle_id (&self->refilter_sync_id, g_source_remove);
  _chrono_window_files_dispose (self);
  if (self->settings != NULL)
    {
      g_settings_unbind (self->flap, "reveal-flap");
      g_settings_unbind (self, "lanes");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_object (&self->timeline);
  g_clear_object (&self->source_file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_window_parent_class)->dispose (object);
}

static void
chrono_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_LANES:
      g_value_set_string (value, chrono_window_get_lanes (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_window_set_timeline (self, g_value_get_object (value));
      break;

    case PROP_LANES:
      chrono_window_set_lanes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_window_class_init (ChronoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = chrono_window_constructed;
  object_class->dispose = chrono_window_dispose;
  object_class->get_property = chrono_window_get_property;
  object_class->set_property = chrono_window_set_property;

  widget_class->map = chrono_window_map;
  window_class->close_request = chrono_window_close_request;

  /* Construct-only for callers; the window itself replaces it on Open. */
  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANES] =
    g_param_spec_string ("lanes", NULL, NULL, "none",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHRONO_TYPE_TIMELINE_VIEW);
  g_type_ensure (CHRONO_TYPE_OVERVIEW);
  g_type_ensure (CHRONO_TYPE_FILTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/chrono-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, view);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, overview);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.show-in-folder", "s", show_in_folder_action);
  gtk_widget_class_install_property_action (widget_class, "win.lanes", "lanes");

  _chrono_window_files_class_init (widget_class);
}

static void
chrono_window_init (ChronoWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->filter = chrono_event_filter_new ();
  chrono_filter_popover_set_filter (self->filter_popover, self->filter);
  g_signal_connect_object (self->filter, "notify::active", G_CALLBACK (on_filter_active_cb), self,
                           G_CONNECT_SWAPPED);

  self->filter_model = chrono_event_list_model_new (self->filter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  /* Listen on the selection, not the list under it: only once the selection
   * model has taken a change in may we select in it again (doing it from
   * the list's own signal left GtkSingleSelection stale and crashed). */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_filter_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->event_list, factory);
  gtk_list_view_set_model (self->event_list, GTK_SELECTION_MODEL (self->selection));

  chrono_timeline_view_set_filter (self->view, GTK_FILTER (self->filter));
  g_signal_connect_object (self->view, "notify::selected-event",
                           G_CALLBACK (on_view_selected_event_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::visible-start",
                           G_CALLBACK (on_view_range_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::visible-end",
                           G_CALLBACK (on_view_range_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview, "notify::visible-start",
                           G_CALLBACK (on_overview_range_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview, "notify::visible-end",
                           G_CALLBACK (on_overview_range_cb), self, G_CONNECT_SWAPPED);

  _chrono_window_files_init (self);
}

ChronoWindow *
chrono_window_new (ChronoApplication *application,
                   ChronoTimeline    *timeline)
{
  ChronoWindow *self;

  g_return_val_if_fail (CHRONO_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline), NULL);

  self = g_object_new (CHRONO_TYPE_WINDOW,
                       "application", application,
                       "timeline", timeline,
                       NULL);
  chrono_window_restore_settings (self, chrono_application_get_settings (application));

  return self;
}

ChronoTimeline *
chrono_window_get_timeline (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->timeline;
}

void
chrono_window_show_error (ChronoWindow *self,
                          const char   *heading,
                          const char   *body)
{
  GtkWidget *dialog;

  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
chrono_window_add_toast (ChronoWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
