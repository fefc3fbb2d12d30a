/* closeness-agenda-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of evenings, optionally under a heading per day: each day's
 * evenings are a boxed list of their own under its heading, as the groups
 * of a preferences page are. Activating a row
 * emits "instance-activated" with the event id, the occurrence's start and
 * its recurrence id. An evening one partner planned names them at its end,
 * beside their colour.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-agenda-view.h"
#include "closeness-calendar-logic.h"
#include "closeness-partner-dot.h"

struct _ClosenessAgendaView
{
  GtkWidget   parent_instance;

  GtkWidget  *stack;
  GtkWidget  *days;   /* a box: per day, its heading (with day headings) and a boxed list */
  GtkWidget  *empty;
  gboolean    day_headers;
  ClosenessPartnerNames *partner_names;  /* who planned an evening, as shown */
};

G_DEFINE_FINAL_TYPE (ClosenessAgendaView, closeness_agenda_view, GTK_TYPE_WIDGET)

enum {
  INSTANCE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
day_key_of (gint64 utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

static char *
day_heading_of (gint64 utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *key = day_key_of (utc);
  g_autofree char *today_key = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tomorrow_key = g_date_time_format (tomorrow, "%Y-%m-%d");

  if (g_strcmp0 (key, today_key) == 0)
    return g_strdup (_("Tonight"));
  if (g_strcmp0 (key, tomorrow_key) == 0)
    return g_strdup (_("Tomorrow"));

  /* Translators: a day heading in the agenda, "Saturday 21 November" */
  return g_date_time_format (local, _("%A %-d %B"));
}

static gboolean
pick_slot_name (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  const char * const *names = g_value_get_boxed (from_value);
  guint slot = GPOINTER_TO_UINT (user_data);

  if (names == NULL || g_strv_length ((char **) names) <= slot)
    return FALSE;

  g_value_set_string (to_value, names[slot]);
  return TRUE;
}

static gboolean
describe_planner (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char * const *names = g_value_get_boxed (from_value);
  guint slot = GPOINTER_TO_UINT (user_data);

  if (names == NULL || g_strv_length ((char **) names) <= slot)
    return FALSE;

  /* Translators: the tooltip of the partner's name at the end of an evening
   * in the calendar's list; %s is their name. */
  g_value_take_string (to_value, g_strdup_printf (_("Planned by %s"), names[slot]));
  return TRUE;
}

/* The partner who planned the evening: their colour dot and name. */
static GtkWidget *
create_planner (ClosenessAgendaView *self,
                guint                slot)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = closeness_partner_dot_new ();
  GtkWidget *name = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "closeness-agenda-planner");
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 12);
  gtk_widget_add_css_class (name, "dim-label");
  closeness_partner_dot_bind (CLOSENESS_PARTNER_DOT (dot), self->partner_names, slot);
  g_object_bind_property_full (self->partner_names, "names", name, "label", G_BINDING_SYNC_CREATE,
                               pick_slot_name, NULL, GUINT_TO_POINTER (slot), NULL);
  g_object_bind_property_full (self->partner_names, "names", box, "tooltip-text",
                               G_BINDING_SYNC_CREATE, describe_planner, NULL,
                               GUINT_TO_POINTER (slot), NULL);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);

  return box;
}

static void
row_activated_cb (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  ClosenessAgendaView *self)
{
  gint64 event_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "event-id");
  gint64 start = *(gint64 *) g_object_get_data (G_OBJECT (row), "start");
  const char *recurrence_id = g_object_get_data (G_OBJECT (row), "recurrence-id");

  g_signal_emit (self, signals[INSTANCE_ACTIVATED], 0, event_id, start, recurrence_id);
}

static void
closeness_agenda_view_dispose (GObject *object)
{
  ClosenessAgendaView *self = CLOSENESS_AGENDA_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->partner_names);

  G_OBJECT_CLASS (closeness_agenda_view_parent_class)->dispose (object);
}

static void
closeness_agenda_view_class_init (ClosenessAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_agenda_view_dispose;

  signals[INSTANCE_ACTIVATED] = g_signal_new ("instance-activated", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64,
                                              G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "closeness-agenda-view");
}

static void
closeness_agenda_view_init (ClosenessAgendaView *self)
{
  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->days = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (self->days, GTK_ALIGN_START);

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "closeness-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Time Together Planned"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Plan half an hour for the two of you."));
  gtk_widget_add_css_class (self->empty, "compact");

  gtk_stack_add_named (GTK_STACK (self->stack), self->days, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty, "empty");
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty);
}

GtkWidget *
closeness_agenda_view_new (gboolean day_headers)
{
  ClosenessAgendaView *self = g_object_new (CLOSENESS_TYPE_AGENDA_VIEW, NULL);

  self->day_headers = day_headers;

  return GTK_WIDGET (self);
}

/* A new day's boxed list, under its heading when there are headings. */
static GtkWidget *
add_day (ClosenessAgendaView *self,
         gint64               start_utc)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);

  if (self->day_headers)
    {
      g_autofree char *heading = day_heading_of (start_utc);
      GtkWidget *label = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "closeness-agenda-heading");
      gtk_box_append (GTK_BOX (self->days), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      heading, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Upcoming evenings"), -1);
  gtk_box_append (GTK_BOX (self->days), list);

  return list;
}

/**
 * closeness_agenda_view_set_instances:
 * @instances: (element-type ClosenessInstance): what to show, by start
 * @events_by_id: event id (gint64 *) → #ClosenessEvent
 */
void
closeness_agenda_view_set_instances (ClosenessAgendaView *self,
                                     GPtrArray           *instances,
                                     GHashTable          *events_by_id)
{
  g_autofree char *list_day = NULL;
  GtkWidget *list = NULL;
  GtkWidget *child;

  g_return_if_fail (CLOSENESS_IS_AGENDA_VIEW (self));

  while ((child = gtk_widget_get_first_child (self->days)) != NULL)
    gtk_box_remove (GTK_BOX (self->days), child);

  for (guint i = 0; instances != NULL && i < instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (instances, i);
      ClosenessEvent *event = g_hash_table_lookup (events_by_id, &instance->event_id);
      g_autofree char *time = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *repeat = NULL;
      g_autofree char *day_key = NULL;
      GtkWidget *row;

      if (event == NULL)
        continue;

      day_key = day_key_of (instance->start_utc);
      if (list == NULL || (self->day_headers && g_strcmp0 (day_key, list_day) != 0))
        {
          list = add_day (self, instance->start_utc);
          g_free (list_day);
          list_day = g_steal_pointer (&day_key);
        }

      time = closeness_calendar_time_range (instance->start_utc, instance->end_utc);
      /* An edited evening of a series says so, not "Once". */
      if (closeness_event_get_recurrence_id (event) != NULL &&
          closeness_event_get_recurrence_id (event)[0] != '\0')
        repeat = g_strdup (_("Changed, part of a series"));
      else
        repeat = closeness_repeat_describe (closeness_event_get_rrule (event));
      subtitle = instance->is_recurring ? g_strdup_printf ("%s · %s", time, repeat)
                                        : g_strdup (time);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     closeness_event_get_summary (event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* The day shows as a header above the rows; a screen reader moving
       * row by row hears it with each one. */
      {
        g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (instance->start_utc);
        /* Translators: the date of an evening, for screen readers: "Friday, 15 January 2027" */
        g_autofree char *day = start != NULL ? g_date_time_format (start, _("%A, %-d %B %Y"))
                                             : NULL;
        g_autofree char *description = g_strdup_printf ("%s, %s", day != NULL ? day : "", subtitle);

        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        description, -1);
      }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (self->partner_names != NULL &&
          (closeness_event_get_planned_by (event) == CLOSENESS_PLANNED_BY_PARTNER_1 ||
           closeness_event_get_planned_by (event) == CLOSENESS_PLANNED_BY_PARTNER_2))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   create_planner (self, closeness_event_get_planned_by (event)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      if (instance->is_recurring)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("media-playlist-repeat-symbolic"));

      g_object_set_data_full (G_OBJECT (row), "event-id",
                              g_memdup2 (&instance->event_id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (row), "start",
                              g_memdup2 (&instance->start_utc, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (row), "recurrence-id",
                              g_strdup (instance->recurrence_id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_stack_set_visible_child (GTK_STACK (self->stack), list != NULL ? self->days : self->empty);
}

/**
 * closeness_agenda_view_set_partner_names:
 * @names: (nullable): the partners as shown, for who planned an evening
 *
 * Takes effect for the rows set next.
 */
void
closeness_agenda_view_set_partner_names (ClosenessAgendaView   *self,
                                         ClosenessPartnerNames *names)
{
  g_return_if_fail (CLOSENESS_IS_AGENDA_VIEW (self));
  g_return_if_fail (names == NULL || CLOSENESS_IS_PARTNER_NAMES (names));

  g_set_object (&self->partner_names, names);
}

/**
 * closeness_agenda_view_set_empty_line:
 * @text: what to say when there is nothing
 *
 * Says @text on one dim line instead of the page-sized "No Time Together
 * Planned": for a list below other content, such as the selected day's
 * under the month grid.
 */
void
closeness_agenda_view_set_empty_line (ClosenessAgendaView *self,
                                      const char          *text)
{
  GtkWidget *label;

  g_return_if_fail (CLOSENESS_IS_AGENDA_VIEW (self));
  g_return_if_fail (text != NULL);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "dim-label");

  gtk_stack_remove (GTK_STACK (self->stack), self->empty);
  gtk_stack_add_named (GTK_STACK (self->stack), label, "empty");
  self->empty = label;
  if (gtk_widget_get_first_child (self->days) == NULL)
    gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty);
}

/* The @index-th row over all days; with G_MAXUINT, stores the number of
 * rows in @n_rows. */
static GtkWidget *
find_row (ClosenessAgendaView *self,
          guint                index,
          guint               *n_rows)
{
  guint n = 0;

  for (GtkWidget *list = gtk_widget_get_first_child (self->days); list != NULL;
       list = gtk_widget_get_next_sibling (list))
    {
      if (!GTK_IS_LIST_BOX (list))
        continue;

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row), n++)
        {
          if (n == index)
            return row;
        }
    }

  if (n_rows != NULL)
    *n_rows = n;

  return NULL;
}

guint
closeness_agenda_view_get_n_rows (ClosenessAgendaView *self)
{
  guint n = 0;

  g_return_val_if_fail (CLOSENESS_IS_AGENDA_VIEW (self), 0);

  find_row (self, G_MAXUINT, &n);

  return n;
}

/**
 * closeness_agenda_view_get_row:
 * @index: counted over all days, from the first
 *
 * Returns: (transfer none) (nullable): that row
 */
GtkWidget *
closeness_agenda_view_get_row (ClosenessAgendaView *self,
                               guint                index)
{
  g_return_val_if_fail (CLOSENESS_IS_AGENDA_VIEW (self), NULL);

  return find_row (self, index, NULL);
}
