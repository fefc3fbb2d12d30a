/* closeness-event-editor.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates and edits one evening. Bad input shows a message under the
 * header and saves nothing. For an occurrence of a series, Save and Delete
 * ask whether the change is for this evening or the whole series; "this
 * evening" is an edited occurrence (a store row with the series' uid and a
 * recurrence id) or an EXDATE on the series.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-calendar-logic.h"
#include "closeness-event-editor.h"
#include "closeness-ics.h"
#include "closeness-label-factory.h"
#include "closeness-partner-dot.h"
#include "closeness-recurrence.h"

static const int reminder_choices[] = { -1, 0, 5, 15, 30, 60 };
#define REMINDER_CUSTOM G_N_ELEMENTS (reminder_choices)

struct _ClosenessEventEditor
{
  AdwWindow          parent_instance;

  ClosenessStore    *store;
  ClosenessEvent    *event;          /* NULL for a new evening */
  char              *recurrence_id;  /* the occurrence being edited, or NULL */
  char              *custom_rrule;
  char              *loaded_rrule;   /* what the repeat controls said when shown */
  GtkWidget         *weekday_buttons[7];
  GPtrArray         *deck_ids;       /* gint64 * per deck_row item; [0] is none */
  ClosenessPartnerNames *partner_names;  /* the colours beside "Planned by" */

  GtkLabel          *error_label;
  AdwEntryRow       *title_row;
  GtkMenuButton     *date_button;
  GtkCalendar       *calendar;
  GtkSpinButton     *hour_spin;
  GtkSpinButton     *minute_spin;
  GtkSpinButton     *duration_spin;
  AdwComboRow       *repeat_row;
  GtkWidget         *weekdays_row;
  GtkBox            *weekdays_box;
  AdwActionRow      *interval_row;
  GtkSpinButton     *interval_spin;
  AdwComboRow       *end_row;
  AdwActionRow      *until_row;
  GtkMenuButton     *until_button;
  GtkCalendar       *until_calendar;
  AdwActionRow      *count_row;
  GtkSpinButton     *count_spin;
  GtkMenuButton     *time_button;
  AdwComboRow       *planned_row;
  AdwComboRow       *deck_row;
  GtkButton         *open_deck_button;
  AdwComboRow       *reminder_row;
  int                loaded_reminder;   /* what the event had when shown; -2: a new one */
  AdwActionRow      *custom_reminder_row;
  GtkSpinButton     *reminder_spin;
  GtkTextView       *notes_view;
  GtkWidget         *actions_group;
  GtkButton         *save_button;
  GtkButton         *delete_button;
  GtkButton         *export_button;
};

G_DEFINE_FINAL_TYPE (ClosenessEventEditor, closeness_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
read_form (ClosenessEventEditor *self,
           ClosenessEventForm   *form)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) until = gtk_calendar_get_date (self->until_calendar);
  guint reminder = adw_combo_row_get_selected (self->reminder_row);

  memset (form, 0, sizeof *form);
  form->title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  form->year = g_date_time_get_year (date);
  form->month = g_date_time_get_month (date);
  form->day = g_date_time_get_day_of_month (date);
  form->hour = gtk_spin_button_get_value_as_int (self->hour_spin);
  form->minute = gtk_spin_button_get_value_as_int (self->minute_spin);
  form->duration_minutes = gtk_spin_button_get_value_as_int (self->duration_spin);
  form->repeat = (ClosenessRepeat) adw_combo_row_get_selected (self->repeat_row);
  form->interval = gtk_spin_button_get_value_as_int (self->interval_spin);
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->weekday_buttons[i])))
      form->weekdays |= 1u << i;
  form->reminder = reminder < G_N_ELEMENTS (reminder_choices)
                   ? reminder_choices[reminder]
                   : gtk_spin_button_get_value_as_int (self->reminder_spin);
  form->end = (ClosenessRepeatEnd) adw_combo_row_get_selected (self->end_row);
  form->until_year = g_date_time_get_year (until);
  form->until_month = g_date_time_get_month (until);
  form->until_day = g_date_time_get_day_of_month (until);
  form->count = gtk_spin_button_get_value_as_int (self->count_spin);
}

static void
update_form (ClosenessEventEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) until = gtk_calendar_get_date (self->until_calendar);
  /* Translators: a date on a button of the evening's editor, written out
   * so that it cannot be misread: "Tue 8 Dec 2026" (see strftime(3)) */
  g_autofree char *label = g_date_time_format (date, _("%a %-d %b %Y"));
  g_autofree char *until_label = g_date_time_format (until, _("%a %-d %b %Y"));
  g_autofree char *time_label =
    g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (self->hour_spin),
                     gtk_spin_button_get_value_as_int (self->minute_spin));
  g_autoptr(GError) error = NULL;
  ClosenessEventForm form;
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  guint end = adw_combo_row_get_selected (self->end_row);
  gboolean repeats = repeat != CLOSENESS_REPEAT_NONE && repeat != CLOSENESS_REPEAT_CUSTOM;

  gtk_menu_button_set_label (self->date_button, label);
  gtk_menu_button_set_label (self->time_button, time_label);
  gtk_menu_button_set_label (self->until_button, until_label);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), repeats);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row),
                          repeats && end == CLOSENESS_REPEAT_END_DATE);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row),
                          repeats && end == CLOSENESS_REPEAT_END_COUNT);
  gtk_widget_set_visible (self->weekdays_row, repeat == CLOSENESS_REPEAT_WEEKDAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row),
                          repeat == CLOSENESS_REPEAT_DAYS || repeat == CLOSENESS_REPEAT_WEEKS);
  adw_action_row_set_subtitle (self->interval_row,
                               repeat == CLOSENESS_REPEAT_WEEKS ? _("Weeks") : _("Days"));
  gtk_widget_set_visible (GTK_WIDGET (self->custom_reminder_row),
                          adw_combo_row_get_selected (self->reminder_row) == REMINDER_CUSTOM);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_deck_button),
                            adw_combo_row_get_selected (self->deck_row) > 0);

  read_form (self, &form);
  if (closeness_event_form_validate (&form, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
    }
  else
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }
}

static char *
local_zone_name (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *name = g_time_zone_get_identifier (local);
  g_autoptr(GTimeZone) check = NULL;

  if (name != NULL && name[0] != '\0' && name[0] != ':' && name[0] != '/' &&
      (check = g_time_zone_new_identifier (name)) != NULL)
    return g_strdup (name);

  return g_strdup ("");
}

static ClosenessEvent *
find_series (ClosenessEventEditor *self)
{
  GListModel *events = closeness_store_get_events (self->store);
  const char *uid = closeness_event_get_uid (self->event);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);
      const char *rid = closeness_event_get_recurrence_id (event);

      if (g_strcmp0 (closeness_event_get_uid (event), uid) == 0 && (rid == NULL || rid[0] == '\0'))
        return g_steal_pointer (&event);
    }

  return NULL;
}

static gboolean
replace_reminders (ClosenessStore  *store,
                   gint64           event_id,
                   int              offset,
                   GError         **error)
{
  GListModel *reminders = closeness_store_get_reminders (store);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);

      if (closeness_reminder_get_event_id (reminder) == event_id)
        {
          gint64 id = closeness_record_get_id (CLOSENESS_RECORD (reminder));

          g_array_append_val (ids, id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    if (!closeness_store_delete_reminder (store, g_array_index (ids, gint64, i), error))
      return FALSE;

  return offset < 0 || closeness_store_add_event_reminder (store, event_id, offset, error) > 0;
}

static int
current_reminder (ClosenessStore *store,
                  gint64          event_id)
{
  GListModel *reminders = closeness_store_get_reminders (store);

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);

      if (closeness_reminder_get_event_id (reminder) == event_id)
        return closeness_reminder_get_offset_minutes (reminder);
    }

  return -1;
}

/* Partner and deck names can be long: the row shows them shortened, the
 * list wraps them. */
/* The button shows a short choice; the list under it shows it whole. */
static void
set_label_factories (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory =
    closeness_label_factory_new (CLOSENESS_LABEL_ELLIPSIZE, 18);
  g_autoptr(GtkListItemFactory) list_factory =
    closeness_label_factory_new (CLOSENESS_LABEL_WRAP, 36);

  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}

/* "Planned by" shows each partner's colour dot beside their name; "Both of
 * you" has none. */
static void
setup_planned_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  wrap)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (wrap))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
    }
  gtk_box_append (GTK_BOX (box), closeness_partner_dot_new ());
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_planned_item_cb (ClosenessEventEditor *self,
                      GtkListItem          *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  ClosenessPartnerDot *dot = CLOSENESS_PARTNER_DOT (gtk_widget_get_first_child (box));
  GtkStringObject *string = gtk_list_item_get_item (item);
  GListModel *model = adw_combo_row_get_model (self->planned_row);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      string != NULL ? gtk_string_object_get_string (string) : "");

  /* The item, not its position: the row shows the selected one on its own. */
  closeness_partner_dot_unbind (dot);
  closeness_partner_dot_set_color (dot, NULL);
  for (guint slot = 0; slot < 2 && model != NULL && self->partner_names != NULL; slot++)
    {
      g_autoptr(GObject) partner_item = g_list_model_get_item (model, slot);

      if (partner_item != NULL && partner_item == (GObject *) string)
        closeness_partner_dot_bind (dot, self->partner_names, slot);
    }
}

static GtkListItemFactory *
create_planned_factory (ClosenessEventEditor *self,
                        gboolean              wrap)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_planned_item_cb), GINT_TO_POINTER (wrap));
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_planned_item_cb), self,
                           G_CONNECT_SWAPPED);

  return factory;
}

static void
fill_models (ClosenessEventEditor *self)
{
  g_autoptr(GtkStringList) planned = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) decks = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) planned_factory = create_planned_factory (self, FALSE);
  g_autoptr(GtkListItemFactory) planned_list_factory = create_planned_factory (self, TRUE);
  GListModel *deck_model = closeness_store_get_decks (self->store);
  gint64 none = 0;

  g_clear_object (&self->partner_names);
  self->partner_names = closeness_partner_names_new (closeness_store_get_partners (self->store));
  gtk_string_list_splice (planned, 0, 0, closeness_partner_names_get_names (self->partner_names));
  gtk_string_list_append (planned, _("Both of you"));
  adw_combo_row_set_factory (self->planned_row, planned_factory);
  adw_combo_row_set_list_factory (self->planned_row, planned_list_factory);
  adw_combo_row_set_model (self->planned_row, G_LIST_MODEL (planned));

  self->deck_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (decks, _("None"));
  g_ptr_array_add (self->deck_ids, g_memdup2 (&none, sizeof none));
  for (guint i = 0; i < g_list_model_get_n_items (deck_model); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (deck_model, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (deck));

      if (closeness_deck_get_retired (deck))
        continue;
      gtk_string_list_append (decks, closeness_deck_get_name (deck));
      g_ptr_array_add (self->deck_ids, g_memdup2 (&id, sizeof id));
    }
  set_label_factories (self->deck_row);
  adw_combo_row_set_model (self->deck_row, G_LIST_MODEL (decks));
}

/* "As imported" is offered only for a rule Closeness cannot show. */
static void
show_imported_choice (ClosenessEventEditor *self,
                      gboolean              show)
{
  GtkStringList *choices = GTK_STRING_LIST (adw_combo_row_get_model (self->repeat_row));

  if (!show && g_list_model_get_n_items (G_LIST_MODEL (choices)) > CLOSENESS_REPEAT_CUSTOM)
    gtk_string_list_remove (choices, CLOSENESS_REPEAT_CUSTOM);
}

static void
load (ClosenessEventEditor *self,
      gint64                occurrence_start,
      const GDate          *day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, dom, hour = 21, minute = 0;

  if (self->event == NULL)
    {
      GDate today;

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), _("Time together"));
      if (day != NULL && g_date_valid (day))
        today = *day;
      else
        {
          g_date_clear (&today, 1);
          g_date_set_time_t (&today, time (NULL));
        }
      year = g_date_get_year (&today);
      month = g_date_get_month (&today);
      dom = g_date_get_day (&today);
      adw_combo_row_set_selected (self->planned_row, CLOSENESS_PLANNED_BY_BOTH);
      adw_combo_row_set_selected (self->reminder_row, 3);   /* 15 minutes before */
      self->loaded_reminder = -2;
      show_imported_choice (self, FALSE);
      gtk_widget_set_visible (self->actions_group, FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("New Evening"));
    }
  else
    {
      const char *tzid = closeness_event_get_tzid (self->event);
      const char *rrule = closeness_event_get_rrule (self->event);
      g_autofree char *local = NULL;
      int reminder = current_reminder (self->store,
                                       closeness_record_get_id (CLOSENESS_RECORD (self->event)));
      gint64 deck_id = closeness_event_get_deck_id (self->event);
      g_autoptr(ClosenessEvent) series = NULL;
      g_autoptr(GDateTime) until = NULL;
      ClosenessRepeat repeat;
      ClosenessRepeatEnd end;
      guint weekdays;
      int interval, until_year, until_month, until_day, count;

      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             closeness_event_get_summary (self->event));
      self->loaded_reminder = reminder;

      /* The occurrence's own date and time, in the event's zone. */
      if (occurrence_start != 0)
        local = closeness_recurrence_utc_to_local (occurrence_start, tzid, FALSE);
      else
        local = g_strdup (closeness_event_get_dtstart (self->event));
      if (sscanf (local, "%4d-%2d-%2dT%2d:%2d", &year, &month, &dom, &hour, &minute) < 3)
        {
          year = 2026;
          month = dom = 1;
        }

      gtk_spin_button_set_value (self->duration_spin,
                                 closeness_event_get_duration_minutes (self->event));

      /* An edited occurrence shows the repeat of its series. */
      if (closeness_event_get_recurrence_id (self->event) != NULL &&
          closeness_event_get_recurrence_id (self->event)[0] != '\0' &&
          (series = find_series (self)) != NULL)
        rrule = closeness_event_get_rrule (series);

      repeat = closeness_repeat_from_rrule (rrule, &weekdays, &interval);
      if (repeat == CLOSENESS_REPEAT_CUSTOM)
        self->custom_rrule = g_strdup (rrule);
      else
        show_imported_choice (self, FALSE);
      adw_combo_row_set_selected (self->repeat_row, repeat);
      end = closeness_repeat_end_from_rrule (rrule, tzid, &until_year, &until_month, &until_day,
                                             &count);
      adw_combo_row_set_selected (self->end_row, end);
      if (count > 0)
        gtk_spin_button_set_value (self->count_spin, count);
      if (end == CLOSENESS_REPEAT_END_DATE &&
          (until = g_date_time_new_local (until_year, until_month, until_day, 12, 0, 0)) != NULL)
        gtk_calendar_select_day (self->until_calendar, until);
      gtk_spin_button_set_value (self->interval_spin, interval);
      for (guint i = 0; i < 7; i++)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->weekday_buttons[i]),
                                      (weekdays & (1u << i)) != 0);

      if (closeness_event_get_planned_by (self->event) >= 0)
        adw_combo_row_set_selected (self->planned_row,
                                    closeness_event_get_planned_by (self->event));
      else
        adw_combo_row_set_selected (self->planned_row, CLOSENESS_PLANNED_BY_BOTH);

      for (guint i = 0; i < self->deck_ids->len; i++)
        if (*(gint64 *) g_ptr_array_index (self->deck_ids, i) == deck_id)
          adw_combo_row_set_selected (self->deck_row, i);

      adw_combo_row_set_selected (self->reminder_row, REMINDER_CUSTOM);
      for (guint i = 0; i < G_N_ELEMENTS (reminder_choices); i++)
        if (reminder_choices[i] == reminder)
          adw_combo_row_set_selected (self->reminder_row, i);
      if (reminder >= 0)
        gtk_spin_button_set_value (self->reminder_spin, reminder);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                closeness_event_get_notes (self->event), -1);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Evening"));
    }

  /* An edited occurrence has no repeat of its own: it shows its series'. */
  if (self->event != NULL && closeness_event_get_recurrence_id (self->event) != NULL &&
      closeness_event_get_recurrence_id (self->event)[0] != '\0')
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->repeat_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->until_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->count_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->repeat_row),
                                   _("This evening is part of a series"));
    }

  date = g_date_time_new_local (year, month, dom, 12, 0, 0);
  if (date != NULL)
    gtk_calendar_select_day (self->calendar, date);
  if (self->event == NULL
      || adw_combo_row_get_selected (self->end_row) != CLOSENESS_REPEAT_END_DATE)
    {
      /* A series of a few months, if the person wants an end. */
      g_autoptr(GDateTime) until = date != NULL ? g_date_time_add_months (date, 3) : NULL;

      if (until != NULL)
        gtk_calendar_select_day (self->until_calendar, until);
    }
  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);

  /* Saved unchanged, the event keeps its rule as written. */
  {
    ClosenessEventForm form;

    read_form (self, &form);
    form.tzid = self->event != NULL ? closeness_event_get_tzid (self->event) : NULL;
    self->loaded_rrule = closeness_event_form_dup_rrule (&form);
  }
}

/* Callbacks */

static void
form_changed_cb (ClosenessEventEditor *self)
{
  if (self->deck_ids != NULL)
    update_form (self);
}

/* Minutes read "21:05", not "21:5". */
static gboolean
minute_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
date_selected_cb (ClosenessEventEditor *self)
{
  gtk_popover_popdown (GTK_POPOVER (gtk_menu_button_get_popover (self->date_button)));
  form_changed_cb (self);
}

static void
cancel_clicked_cb (ClosenessEventEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
finish_save (ClosenessEventEditor *self,
             ClosenessEditScope    scope)
{
  g_autoptr(GError) error = NULL;

  if (!closeness_event_editor_save (self, scope, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_warning ("An evening could not be saved (error %d)", error->code);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

typedef struct
{
  ClosenessEventEditor *editor;
  ClosenessEditScope    scope;
  gboolean              deleting;
} ScopeChoice;

static gboolean
apply_scope_choice_cb (gpointer user_data)
{
  ScopeChoice *choice = user_data;
  ClosenessEventEditor *self = choice->editor;

  if (choice->deleting)
    {
      g_signal_emit (self, signals[DELETE_REQUESTED], 0, (int) choice->scope);
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    finish_save (self, choice->scope);

  g_object_unref (self);
  g_free (choice);

  return G_SOURCE_REMOVE;
}

static void
scope_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   ClosenessEventEditor *self)
{
  ScopeChoice *choice;

  if (g_strcmp0 (response, "this") != 0 && g_strcmp0 (response, "series") != 0)
    return;

  /* The editor is the dialog's parent: closing it destroys the dialog,
   * which must first finish emitting its response. */
  choice = g_new0 (ScopeChoice, 1);
  choice->editor = g_object_ref (self);
  choice->scope = g_strcmp0 (response, "this") == 0 ? CLOSENESS_EDIT_SCOPE_THIS
                                                     : CLOSENESS_EDIT_SCOPE_SERIES;
  choice->deleting = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "deleting"));
  g_idle_add (apply_scope_choice_cb, choice);
}

static void
ask_scope (ClosenessEventEditor *self,
           gboolean              deleting)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self),
                            deleting ? _("Delete a Repeating Evening?")
                                     : _("Change a Repeating Evening?"),
                            deleting ? _("This evening is part of a series.")
                                     : _("This evening is part of a series. "
                                         "The date of the series stays as it is.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "series", _("_All Evenings"),
                                    "this", _("_Only This Evening"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "this");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (deleting)
    {
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "series", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "deleting", GINT_TO_POINTER (deleting));
  g_signal_connect_object (dialog, "response", G_CALLBACK (scope_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_clicked_cb (ClosenessEventEditor *self)
{
  if (closeness_event_editor_is_recurring (self))
    ask_scope (self, FALSE);
  else
    finish_save (self, CLOSENESS_EDIT_SCOPE_SERIES);
}

static void
delete_clicked_cb (ClosenessEventEditor *self)
{
  if (closeness_event_editor_is_recurring (self))
    ask_scope (self, TRUE);
  else
    {
      g_signal_emit (self, signals[DELETE_REQUESTED], 0, (int) CLOSENESS_EDIT_SCOPE_SERIES);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
open_deck_clicked_cb (ClosenessEventEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->deck_row);
  gint64 deck_id;

  if (selected == 0 || selected >= self->deck_ids->len)
    return;

  deck_id = *(gint64 *) g_ptr_array_index (self->deck_ids, selected);

  /* The editor is not an application window, so "app." actions are not in
   * its muxer: ask the application directly. */
  if (g_application_get_default () != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "open-deck",
                                    g_variant_new_int64 (deck_id));
}

static void
export_response_cb (GtkNativeDialog      *chooser,
                    int                   response,
                    ClosenessEventEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->event != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (!closeness_ics_export_to_file (self->store,
                                         closeness_record_get_id (CLOSENESS_RECORD (self->event)),
                                         path, NULL, &error))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
    }

  g_object_unref (chooser);
}

static void
export_clicked_cb (ClosenessEventEditor *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export This Evening"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("evening.ics"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
closeness_event_editor_dispose (GObject *object)
{
  ClosenessEventEditor *self = CLOSENESS_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_EVENT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->partner_names);
  g_clear_object (&self->event);
  g_clear_pointer (&self->deck_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (closeness_event_editor_parent_class)->dispose (object);
}

static void
closeness_event_editor_finalize (GObject *object)
{
  ClosenessEventEditor *self = CLOSENESS_EVENT_EDITOR (object);

  g_free (self->recurrence_id);
  g_free (self->custom_rrule);
  g_free (self->loaded_rrule);

  G_OBJECT_CLASS (closeness_event_editor_parent_class)->finalize (object);
}

static void
closeness_event_editor_class_init (ClosenessEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_event_editor_dispose;
  object_class->finalize = closeness_event_editor_finalize;

  /**
   * ClosenessEventEditor::saved:
   * @event_id: the row that was created or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * ClosenessEventEditor::delete-requested:
   * @scope: a #ClosenessEditScope
   */
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-calendar-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, until_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, time_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, planned_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, deck_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, open_deck_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, reminder_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, custom_reminder_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, reminder_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, actions_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessEventEditor, export_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_deck_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
closeness_event_editor_init (ClosenessEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->minute_spin, "output", G_CALLBACK (minute_output_cb), NULL);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (minute_output_cb), NULL);

  /* The buttons are Monday … Sunday. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = closeness_calendar_weekday_name (G_DATE_MONDAY + i, TRUE);
      g_autofree char *full = closeness_calendar_weekday_name (G_DATE_MONDAY + i, FALSE);

      self->weekday_buttons[i] = gtk_toggle_button_new_with_label (name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->weekday_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      g_signal_connect_swapped (self->weekday_buttons[i], "toggled",
                                G_CALLBACK (form_changed_cb), self);
    }
  /* In the order the person's week has; the bits stay Monday … Sunday. */
  for (guint i = 0; i < 7; i++)
    gtk_box_append (self->weekdays_box,
                    self->weekday_buttons[(closeness_calendar_first_weekday () - 1 + i) % 7]);
}

/* Public API */

/**
 * closeness_event_editor_new:
 * @event: (nullable): the evening to edit, or %NULL for a new one
 * @occurrence_start: for an occurrence of a series, its start (else 0)
 * @recurrence_id: (nullable): that occurrence's recurrence id
 * @day: (nullable): the date of a new evening
 */
ClosenessEventEditor *
closeness_event_editor_new (GtkWindow      *parent,
                            ClosenessStore *store,
                            ClosenessEvent *event,
                            gint64          occurrence_start,
                            const char     *recurrence_id,
                            const GDate    *day)
{
  ClosenessEventEditor *self;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_new (CLOSENESS_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->event = event != NULL ? g_object_ref (event) : NULL;
  self->recurrence_id = g_strdup (recurrence_id);

  fill_models (self);
  load (self, occurrence_start, day);
  update_form (self);

  return self;
}

/**
 * closeness_event_editor_leave_out_deck:
 * @deck_id: a deck the couple has not opened (the desire deck while it is
 *   closed), or 0 for none
 *
 * Takes the deck off the list of topics. An evening that already has it as
 * its topic keeps it: the editor never changes a topic on its own.
 */
void
closeness_event_editor_leave_out_deck (ClosenessEventEditor *self,
                                       gint64                deck_id)
{
  guint selected;

  g_return_if_fail (CLOSENESS_IS_EVENT_EDITOR (self));

  if (deck_id <= 0)
    return;

  selected = adw_combo_row_get_selected (self->deck_row);
  for (guint i = 1; i < self->deck_ids->len; i++)
    {
      if (*(gint64 *) g_ptr_array_index (self->deck_ids, i) != deck_id)
        continue;
      if (i == selected)
        return;

      g_ptr_array_remove_index (self->deck_ids, i);
      gtk_string_list_remove (GTK_STRING_LIST (adw_combo_row_get_model (self->deck_row)), i);
      if (selected != GTK_INVALID_LIST_POSITION && selected > i)
        adw_combo_row_set_selected (self->deck_row, selected - 1);
      return;
    }
}

/* TRUE when Save and Delete have to ask "this evening or all". */
gboolean
closeness_event_editor_is_recurring (ClosenessEventEditor *self)
{
  const char *rid;

  if (self->event == NULL)
    return FALSE;

  rid = closeness_event_get_recurrence_id (self->event);
  if (rid != NULL && rid[0] != '\0')
    return TRUE;

  return self->recurrence_id != NULL && closeness_event_get_rrule (self->event) != NULL &&
         closeness_event_get_rrule (self->event)[0] != '\0';
}

/**
 * closeness_event_editor_save:
 *
 * Saves the form. Returns %FALSE with @error set, and nothing changed in
 * the store, when the form is not valid.
 */
gboolean
closeness_event_editor_save (ClosenessEventEditor  *self,
                             ClosenessEditScope     scope,
                             GError               **error)
{
  g_autoptr(ClosenessEvent) created = NULL;
  g_autoptr(ClosenessEvent) series = NULL;
  g_autofree char *dtstart = NULL;
  g_autofree char *rrule = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *tzid = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *ical = NULL;
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  ClosenessEventForm form;
  ClosenessEventInfo info = { 0, };
  ClosenessEvent *target = NULL;
  gboolean repeat_unchanged = FALSE;
  gboolean is_override;
  gint64 event_id;

  g_return_val_if_fail (CLOSENESS_IS_EVENT_EDITOR (self), FALSE);

  read_form (self, &form);
  if (!closeness_event_form_validate (&form, error))
    return FALSE;

  if (self->event != NULL)
    {
      uid = g_strdup (closeness_event_get_uid (self->event));
      tzid = g_strdup (closeness_event_get_tzid (self->event));
    }
  else
    {
      uid = closeness_calendar_new_uid ();
      tzid = local_zone_name ();
    }

  title = g_strstrip (g_strdup (form.title));
  dtstart = closeness_event_form_dup_dtstart (&form);
  form.tzid = tzid;
  if (form.repeat == CLOSENESS_REPEAT_CUSTOM)
    rrule = g_strdup (self->custom_rrule);
  else
    {
      g_autofree char *loaded_form = NULL;

      rrule = closeness_event_form_dup_rrule (&form);
      form.tzid = self->event != NULL ? closeness_event_get_tzid (self->event) : NULL;
      loaded_form = closeness_event_form_dup_rrule (&form);
      repeat_unchanged = self->event != NULL && g_strcmp0 (loaded_form, self->loaded_rrule) == 0;
      /* Repeat controls left as they were: the rule as written (an end
       * date another program wrote as a date stays a date). */
      if (repeat_unchanged && closeness_event_get_rrule (self->event) != NULL &&
          closeness_event_get_rrule (self->event)[0] != '\0')
        {
          g_free (rrule);
          rrule = g_strdup (closeness_event_get_rrule (self->event));
        }
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  info.uid = uid;
  info.summary = title;
  info.dtstart = dtstart;
  info.tzid = tzid;
  info.duration_minutes = form.duration_minutes;
  info.rrule = rrule;
  info.planned_by = (ClosenessPlannedBy) adw_combo_row_get_selected (self->planned_row);
  info.deck_id = *(gint64 *) g_ptr_array_index (self->deck_ids,
                                                MIN (adw_combo_row_get_selected (self->deck_row),
                                                     self->deck_ids->len - 1));
  info.notes = notes;

  is_override = self->event != NULL && closeness_event_get_recurrence_id (self->event) != NULL &&
                closeness_event_get_recurrence_id (self->event)[0] != '\0';

  if (self->event == NULL)
    target = NULL;
  else if (!closeness_event_editor_is_recurring (self))
    {
      target = self->event;
      info.exdates = closeness_event_get_exdates (self->event);
    }
  else if (scope == CLOSENESS_EDIT_SCOPE_THIS)
    {
      /* This evening only: an edited occurrence of the series. */
      info.rrule = NULL;
      info.recurrence_id = is_override ? closeness_event_get_recurrence_id (self->event)
                                       : self->recurrence_id;
      target = is_override ? self->event : NULL;
    }
  else
    {
      /* The whole series keeps its first date and takes the rest. */
      series = is_override ? find_series (self) : g_object_ref (self->event);
      if (series == NULL)
        {
          g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                               _("The series no longer exists."));
          return FALSE;
        }
      g_free (dtstart);
      dtstart = g_strdup_printf ("%.10sT%02d:%02d:00", closeness_event_get_dtstart (series),
                                 form.hour, form.minute);
      info.dtstart = dtstart;
      info.exdates = closeness_event_get_exdates (series);
      if (is_override
          && (form.repeat == CLOSENESS_REPEAT_NONE || form.repeat == CLOSENESS_REPEAT_CUSTOM
              || repeat_unchanged))
        info.rrule = closeness_event_get_rrule (series);
      target = series;
    }

  /* The stored component stays the source of truth for all Closeness
   * does not show (other programs' properties, further alarms): the export
   * writes it with what was changed here patched in. */
  if (target != NULL && closeness_event_get_ical_raw (target) != NULL &&
      closeness_event_get_ical_raw (target)[0] != '\0')
    info.ical_raw = closeness_event_get_ical_raw (target);
  else
    {
      ical = closeness_ics_event_to_string (&info, form.reminder >= 0 ? &form.reminder : NULL,
                                            form.reminder >= 0 ? 1 : 0);
      info.ical_raw = ical;
    }

  /* A later CalDAV sync needs to know which server copy this was. */
  if (target != NULL)
    {
      info.etag = closeness_event_get_etag (target);
      info.href = closeness_event_get_href (target);
    }

  if (target == NULL)
    {
      created = closeness_store_create_event (self->store, &info, error);
      if (created == NULL)
        return FALSE;
      event_id = closeness_record_get_id (CLOSENESS_RECORD (created));
    }
  else
    {
      event_id = closeness_record_get_id (CLOSENESS_RECORD (target));
      if (!closeness_store_update_event (self->store, event_id, &info, error))
        return FALSE;
    }

  /* An event can have several reminders (an imported one often has); the
   * editor shows the first. Left as it was, they all stay. */
  if ((target != self->event || form.reminder != self->loaded_reminder) &&
      !replace_reminders (self->store, event_id, form.reminder, error))
    return FALSE;

  g_signal_emit (self, signals[SAVED], 0, event_id);

  return TRUE;
}

/**
 * closeness_event_editor_set_start_time:
 *
 * For a new evening planned on a slot of the week view: its start time.
 */
void
closeness_event_editor_set_start_time (ClosenessEventEditor *self,
                                       int                   hour,
                                       int                   minute)
{
  g_return_if_fail (CLOSENESS_IS_EVENT_EDITOR (self));
  g_return_if_fail (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59);

  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);
}
