/* closeness-calendar-page.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Time together" page: a month grid with the selected day's evenings,
 * or a week with its hours, and an agenda of what comes next. In a narrow
 * window the agenda leads and the month is one button away. A calendar
 * without any evening shows one empty state that offers to plan one.
 * Recurrences are expanded off the UI thread.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-agenda-view.h"
#include "closeness-calendar-layout.h"
#include "closeness-calendar-page-private.h"
#include "closeness-month-view.h"
#include "closeness-recurrence.h"
#include "closeness-week-view.h"
#include "closeness-leaflet.h"
#include "closeness-toast.h"

#define AGENDA_DAYS        60
#define AGENDA_MAX_ROWS    60
#define MAX_PER_EVENT      400

G_DEFINE_FINAL_TYPE (ClosenessCalendarPage, closeness_calendar_page, ADW_TYPE_BIN)

G_DEFINE_ENUM_TYPE (ClosenessCalendarView, closeness_calendar_view,
                    G_DEFINE_ENUM_VALUE (CLOSENESS_CALENDAR_VIEW_MONTH, "month"),
                    G_DEFINE_ENUM_VALUE (CLOSENESS_CALENDAR_VIEW_WEEK, "week"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOSED_DECK_ID,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
toast_dismissed_cb (AdwToast              *toast,
                    ClosenessCalendarPage *self)
{
  g_ptr_array_remove (self->toasts, toast);
}

/* libadwaita 1.2 warns when an overlay is destroyed with a toast still
 * shown, so the page dismisses its toasts when it goes. */
void
closeness_calendar_page_add_toast (ClosenessCalendarPage *self,
                                   AdwToast              *toast)
{
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
closeness_calendar_page_show_toast (ClosenessCalendarPage *self,
                                    const char            *title)
{
  closeness_calendar_page_add_toast (self, closeness_toast_new (title));
}

static void
update_title (ClosenessCalendarPage *self)
{
  g_autofree char *title = closeness_month_view_dup_title (CLOSENESS_MONTH_VIEW (self->month_view));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->month_heading, title);
  gtk_label_set_text (self->week_heading, title);
}

/* In a narrow window the toolbar has room for the month's buttons or its
 * title, not both: the month pane shows the title, the agenda hides the
 * month's buttons. */
static void
update_toolbar (ClosenessCalendarPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean month = gtk_toggle_button_get_active (self->month_toggle);
  gboolean empty = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0;

  /* The empty state needs only "Plan an Evening" and the menu (import). */
  gtk_widget_set_visible (GTK_WIDGET (self->month_toggle), folded && !empty);
  gtk_widget_set_visible (self->navigation_box, (!folded || month) && !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !folded && !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->month_heading), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->week_heading), folded);
  /* A narrow window has the views in the menu. */
  gtk_widget_set_visible (self->view_switcher, !folded && !empty);
}

static void
update_empty (ClosenessCalendarPage *self)
{
  gboolean empty = g_list_model_get_n_items (closeness_store_get_events (self->store)) == 0;

  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "calendar");
  update_toolbar (self);
}

/* Shows the view of self->view: the stack's page, the navigation buttons'
 * names, the week of the selected day. */
static void
update_view (ClosenessCalendarPage *self)
{
  gboolean week = self->view == CLOSENESS_CALENDAR_VIEW_WEEK;
  const char *previous = week ? _("Previous Week") : _("Previous Month");
  const char *next = week ? _("Next Week") : _("Next Month");
  /* The narrow window's button to the grid says which grid it shows. */
  const char *show = week ? _("Show Week") : _("Show Month");
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));

  gtk_stack_set_visible_child_name (self->view_stack, week ? "week" : "month");
  gtk_widget_set_tooltip_text (self->previous_button, previous);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
  gtk_widget_set_tooltip_text (self->next_button, next);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->month_toggle), show);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, show, -1);
  if (g_date_valid (&selected))
    closeness_week_view_set_date (self->week_view, &selected);
}

static void
update_day_list (ClosenessCalendarPage *self)
{
  g_autoptr(GPtrArray) day = g_ptr_array_new ();
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *heading = NULL;

  if (!g_date_valid (&selected))
    return;

  /* The evenings the selected day's cell shows, in its order. */
  if (self->instances != NULL)
    {
      g_clear_pointer (&day, g_ptr_array_unref);
      day = closeness_calendar_instances_on_day (self->instances, self->events_by_id, &selected);
    }

  when = g_date_time_new_local (g_date_get_year (&selected), g_date_get_month (&selected),
                                g_date_get_day (&selected), 12, 0, 0);
  /* Translators: the heading above the selected day's evenings, "Saturday 21 November" */
  heading = g_date_time_format (when, _("%A %-d %B"));
  gtk_label_set_text (self->day_label, heading);

  closeness_agenda_view_set_instances (CLOSENESS_AGENDA_VIEW (self->day_list), day,
                                       self->events_by_id);
}

static void
apply_instances (ClosenessCalendarPage *self)
{
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = now + (gint64) AGENDA_DAYS * 86400;

  for (guint i = 0; i < self->instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (self->instances, i);

      if (instance->end_utc > now && instance->start_utc < until &&
          upcoming->len < AGENDA_MAX_ROWS)
        g_ptr_array_add (upcoming, instance);
    }

  /* The selected month's grid covers the selected day's week. */
  closeness_month_view_set_instances (CLOSENESS_MONTH_VIEW (self->month_view), self->instances,
                                      self->events_by_id);
  closeness_week_view_set_instances (self->week_view, self->instances, self->events_by_id);
  closeness_agenda_view_set_instances (CLOSENESS_AGENDA_VIEW (self->agenda), upcoming,
                                       self->events_by_id);
  update_day_list (self);
}

static void
expand_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *instances;

  instances = closeness_recurrence_expand_events_finish (result, &error);
  if (instances == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not expand the calendar: %s", error->message);
      return;
    }

  self->busy = FALSE;
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  self->instances = instances;
  apply_instances (self);
}

static gboolean midnight_cb (gpointer user_data);

/* "Today" and "Tonight" move at midnight. */
static void
schedule_midnight (ClosenessCalendarPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (today, 1);
  gint64 seconds = g_date_time_difference (midnight, now) / G_USEC_PER_SEC;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds ((guint) CLAMP (seconds + 1, 1, 86400),
                                                 midnight_cb, self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->midnight_source = 0;
  closeness_calendar_page_queue_refresh (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* The month grid and the agenda are built from the events that can have an
 * occurrence in their range (the store's windowed query, on this thread:
 * a few hundred rows at most), expanded on a worker thread. */
static void
start_refresh (ClosenessCalendarPage *self)
{
  g_autoptr(GListStore) shown = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from, to, now = g_get_real_time () / G_USEC_PER_SEC;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* One expansion covers the month grid and the agenda. */
  closeness_month_view_get_range (CLOSENESS_MONTH_VIEW (self->month_view), &from, &to);
  from = MIN (from, now - 86400);
  to = MAX (to, now + (gint64) AGENDA_DAYS * 86400);

  events = closeness_store_query_events (self->store, from, to, &error);
  if (events == NULL)
    {
      /* Keep what is shown; the next change or month tries again. */
      g_warning ("Could not read the calendar: %s", error->message);
      self->busy = FALSE;
      return;
    }

  g_hash_table_remove_all (self->events_by_id);
  for (guint i = 0; i < events->len; i++)
    {
      ClosenessEvent *event = g_ptr_array_index (events, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));

      g_hash_table_insert (self->events_by_id, g_memdup2 (&id, sizeof id), g_object_ref (event));
    }

  shown = g_list_store_new (CLOSENESS_TYPE_EVENT);
  g_list_store_splice (shown, 0, 0, events->pdata, events->len);

  self->busy = TRUE;
  closeness_recurrence_expand_events_async (G_LIST_MODEL (shown), from, to, MAX_PER_EVENT,
                                            self->cancellable, expand_done_cb, g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->refresh_source = 0;
  start_refresh (self);

  return G_SOURCE_REMOVE;
}

void
closeness_calendar_page_queue_refresh (ClosenessCalendarPage *self)
{
  self->busy = TRUE;
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

/* Callbacks */

static void
read_only_changed_cb (ClosenessCalendarPage *self)
{
  closeness_calendar_page_update_actions (self);
}

static void
event_notify_cb (ClosenessCalendarPage *self)
{
  closeness_calendar_page_queue_refresh (self);
}

/* A changed row is updated in place (a notify, no items-changed): deleting
 * one evening of a series changes the series' exdates that way. */
static void
watch_events (ClosenessCalendarPage *self,
              GListModel            *model,
              guint                  position,
              guint                  added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) event = g_list_model_get_item (model, i);

      if (g_signal_handler_find (event, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 event_notify_cb, self) == 0)
        g_signal_connect_object (event, "notify", G_CALLBACK (event_notify_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

static void
events_changed_cb (GListModel            *model,
                   guint                  position,
                   guint                  removed,
                   guint                  added,
                   ClosenessCalendarPage *self)
{
  watch_events (self, model, position, added);
  update_empty (self);
  closeness_calendar_page_queue_refresh (self);
}

static void
month_changed_cb (ClosenessCalendarPage *self)
{
  update_title (self);
  closeness_calendar_page_queue_refresh (self);
}

static void
day_selected_cb (ClosenessCalendarPage *self)
{
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));

  update_day_list (self);
  if (g_date_valid (&selected))
    closeness_week_view_set_date (self->week_view, &selected);
}

static void
month_toggled_cb (ClosenessCalendarPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (self->month_toggle) ? "month"
                                                                                        : "agenda");
  update_toolbar (self);
}

static void
update_folded (ClosenessCalendarPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  update_toolbar (self);
  if (folded)
    {
      /* The agenda leads in a narrow window. */
      gtk_toggle_button_set_active (self->month_toggle, FALSE);
      adw_leaflet_set_visible_child_name (self->leaflet, "agenda");
    }
}

static gboolean
update_folded_idle_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->folded_source = 0;
  update_folded (self);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated: change the toolbar
 * afterwards, not in the middle of the allocation. */
static void
folded_changed_cb (ClosenessCalendarPage *self)
{
  if (self->folded_source == 0)
    self->folded_source = g_idle_add (update_folded_idle_cb, self);
}

/* GObject */

static void
closeness_calendar_page_constructed (GObject *object)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  G_OBJECT_CLASS (closeness_calendar_page_parent_class)->constructed (object);

  g_return_if_fail (CLOSENESS_IS_STORE (self->store));

  {
    g_autoptr(ClosenessPartnerNames) names =
      closeness_partner_names_new (closeness_store_get_partners (self->store));

    closeness_agenda_view_set_partner_names (CLOSENESS_AGENDA_VIEW (self->day_list), names);
    closeness_agenda_view_set_partner_names (CLOSENESS_AGENDA_VIEW (self->agenda), names);
  }

  g_signal_connect_object (closeness_store_get_events (self->store), "items-changed",
                           G_CALLBACK (events_changed_cb), self, 0);
  watch_events (self, closeness_store_get_events (self->store), 0,
                g_list_model_get_n_items (closeness_store_get_events (self->store)));
  update_empty (self);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  closeness_calendar_page_update_actions (self);
  start_refresh (self);
  schedule_midnight (self);
}

static void
closeness_calendar_page_dispose (GObject *object)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->folded_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  while (self->toasts != NULL && self->toasts->len > 0)
    {
      g_autoptr(AdwToast) toast = g_object_ref (g_ptr_array_index (self->toasts, 0));

      g_ptr_array_remove_index (self->toasts, 0);
      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  /* AdwBin unparents its child itself: let go of it before the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  _closeness_calendar_page_dispose_actions (self);

  G_OBJECT_CLASS (closeness_calendar_page_parent_class)->dispose (object);
}

static void
closeness_calendar_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CLOSED_DECK_ID:
      g_value_set_int64 (value, self->closed_deck_id);
      break;

    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_calendar_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CLOSED_DECK_ID:
      if (self->closed_deck_id != g_value_get_int64 (value))
        {
          self->closed_deck_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VIEW:
      closeness_calendar_page_set_view (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_calendar_page_class_init (ClosenessCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = closeness_calendar_page_constructed;
  object_class->dispose = closeness_calendar_page_dispose;
  object_class->get_property = closeness_calendar_page_get_property;
  object_class->set_property = closeness_calendar_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLOSENESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A deck the couple has not opened: the editor does not offer it as
   * tonight's topic. The window keeps it in step with Conversations. */
  properties[PROP_CLOSED_DECK_ID] =
    g_param_spec_int64 ("closed-deck-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The month grid or the week with its hours ("calendar.view"). */
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, CLOSENESS_TYPE_CALENDAR_VIEW,
                       CLOSENESS_CALENDAR_VIEW_MONTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_WEEK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_heading);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, week_heading);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, agenda_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, navigation_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, week_view);
  gtk_widget_class_bind_template_callback (widget_class, month_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

  _closeness_calendar_page_class_actions_init (widget_class);
}

static void
closeness_calendar_page_init (ClosenessCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  closeness_leaflet_fold_at_once_when_shown (self->leaflet);

  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->events_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  self->month_view = closeness_month_view_new ();
  gtk_widget_set_vexpand (self->month_view, TRUE);
  gtk_widget_set_size_request (self->month_view, 300, 300);
  gtk_box_insert_child_after (self->month_box, self->month_view, GTK_WIDGET (self->month_heading));
  g_signal_connect_swapped (self->month_view, "month-changed", G_CALLBACK (month_changed_cb), self);
  g_signal_connect_swapped (self->month_view, "day-selected", G_CALLBACK (day_selected_cb), self);

  self->day_list = closeness_agenda_view_new (FALSE);
  closeness_agenda_view_set_empty_line (CLOSENESS_AGENDA_VIEW (self->day_list),
                                        _("Nothing planned"));
  gtk_box_append (self->month_box, self->day_list);

  self->agenda = closeness_agenda_view_new (TRUE);
  gtk_widget_set_vexpand (self->agenda, TRUE);
  gtk_box_append (self->agenda_box, self->agenda);
  _closeness_calendar_page_init_actions (self);

  update_title (self);
  update_view (self);
  update_folded (self);
}

/* Public API */

GtkWidget *
closeness_calendar_page_new (ClosenessStore *store)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return g_object_new (CLOSENESS_TYPE_CALENDAR_PAGE, "store", store, NULL);
}

ClosenessCalendarView
closeness_calendar_page_get_view (ClosenessCalendarPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self), CLOSENESS_CALENDAR_VIEW_MONTH);

  return self->view;
}

void
closeness_calendar_page_set_view (ClosenessCalendarPage *self,
                                  ClosenessCalendarView  view)
{
  g_return_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self));

  if (self->view == view)
    return;

  self->view = view;
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* TRUE while an expansion is queued or running (tests wait on it). */
gboolean
closeness_calendar_page_is_busy (ClosenessCalendarPage *self)
{
  return self->busy || self->refresh_source != 0;
}
