/* closeness-selfcare-page.c: activities, "done today", progress and charts.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <string.h>

#include "closeness-window-logic.h"
#include "closeness-activity-editor.h"
#include "closeness-activity-row.h"
#include "closeness-habit-logic.h"
#include "closeness-heat-map.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-csv.h"
#include "closeness-selfcare-page.h"
#include "closeness-week-bars.h"
#include "closeness-leaflet.h"
#include "closeness-toast.h"

#define HEAT_MAP_WEEKS 26
#define BAR_WEEKS 12
#define VIEW_KEY "selfcare-view"

struct _ClosenessSelfcarePage
{
  AdwBin                 parent_instance;

  ClosenessStore        *store;
  GtkFilterListModel    *visible;
  GtkCustomFilter       *filter;
  GHashTable            *entries;      /* activity id → GListModel of ClosenessEntry */
  GListModel            *reminders;
  ClosenessActivity     *activity;     /* shown in the detail pane */
  ClosenessSelfcareView  view;
  guint                  me;
  char                  *names[2];
  guint32                today;
  guint32                selected_day;
  AdwToast              *last_toast;
  GtkFileChooserNative  *chooser;
  gboolean               updating;

  /* Template widgets */
  AdwToastOverlay       *toast_overlay;
  AdwLeaflet            *leaflet;
  GtkDropDown           *me_dropdown;
  GtkToggleButton       *me_toggle;
  GtkToggleButton       *partner_toggle;
  GtkToggleButton       *together_toggle;
  GtkStack              *list_stack;
  GtkListBox            *list_box;
  AdwStatusPage         *empty_page;
  GtkButton             *back_button;
  GtkLabel              *detail_title;
  GtkButton             *edit_button;
  GtkStack              *detail_stack;
  GtkScrolledWindow     *detail_scroller;
  GtkImage              *detail_icon;
  GtkLabel              *detail_name;
  GtkLabel              *status_label;
  GtkLabel              *goal_label;
  AdwPreferencesGroup   *heat_map_group;
  ClosenessHeatMap      *heat_map;
  AdwPreferencesGroup   *bars_group;
  ClosenessWeekBars     *week_bars;
  AdwPreferencesGroup   *day_group;
  AdwActionRow          *day_row;
  GtkMenuButton         *day_button;
  GtkCalendar           *day_calendar;
  AdwEntryRow           *note_row;
  GtkLabel              *day_message;
  GtkListBox            *reminder_list;
  GtkSpinButton         *hour_spin;
  GtkSpinButton         *minute_spin;
  GtkBox                *weekday_box;
  GtkFlowBox            *day_buttons;
  GtkButton             *delete_button;
};

G_DEFINE_FINAL_TYPE (ClosenessSelfcarePage, closeness_selfcare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  PROP_ME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What Undo puts back: one partner's entry on one day, as it was. */
typedef struct
{
  ClosenessSelfcarePage *self;
  gint64                 activity_id;
  guint                  slot;
  char                   day[11];
  gboolean               existed;
  ClosenessEntryKind     kind;
  char                  *note;
} EntryUndo;

static void
entry_undo_free (gpointer data)
{
  EntryUndo *undo = data;

  g_free (undo->note);
  g_free (undo);
}

static void
entry_undo_closure_free (gpointer  data,
                         GClosure *closure)
{
  entry_undo_free (data);
}

static void refresh_all (ClosenessSelfcarePage *self);
static void update_detail (ClosenessSelfcarePage *self);

/* Helpers */

static void
show_toast (ClosenessSelfcarePage *self,
            AdwToast              *toast)
{
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (ClosenessSelfcarePage *self,
            const GError          *error)
{
  AdwToast *toast = closeness_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static char *
format_day (guint32 day)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 12, 0, 0);

  /* Translators: a day in the self-care page, see strftime: "Friday, 3 May 2024" */
  return g_date_time_format (date_time, _("%A, %e %B %Y"));
}

static GListModel *
get_entries (ClosenessSelfcarePage *self,
             gint64                 activity_id);

/* The first day of the week where the person lives: 0 Monday … 6 Sunday.
 * Only the reminder's weekday toggles follow it; the heat map, the weekly
 * bars and weekly goals keep Monday to Sunday, as the habit logic counts. */
static guint
first_weekday (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  guint week_origin_sunday;
  guint first;

  /* As GtkCalendar reads it: day 1 of _NL_TIME_FIRST_WEEKDAY is the
   * weekday of _NL_TIME_WEEK_1STDAY (a Sunday or a Monday). */
  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = (guchar) langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971130)
    week_origin_sunday = 1;
  else if (langinfo.word == 19971201)
    week_origin_sunday = 0;
  else
    return 0;

  if (first < 1 || first > 7)
    return 0;

  /* Sunday-based 0 … 6, then Monday-based. */
  return ((week_origin_sunday ? 0 : 1) + first - 1 + 6) % 7;
#else
  return 0;
#endif
}

/* The on/off look of the weekday toggles: on is the accent colour. The
 * rules are ours alone, so they live with the page. */
static void
ensure_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "closeness-selfcare-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   "button.closeness-weekday-toggle:checked {"
                                   "  background-color: @accent_bg_color;"
                                   "  color: @accent_fg_color; }"
                                   "button.closeness-weekday-toggle:checked:hover {"
                                   "  background-image: image(alpha(currentColor, 0.1)); }"
                                   "button.closeness-weekday-toggle:checked:active {"
                                   "  background-image: image(alpha(black, 0.2)); }",
                                   -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "closeness-selfcare-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static ClosenessEntry *
find_entry (GListModel *entries,
            const char *day,
            guint       slot)
{
  guint n = g_list_model_get_n_items (entries);

  /* Sorted by day: look from the end, where today is. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(ClosenessEntry) entry = g_list_model_get_item (entries, i - 1);
      int cmp = strcmp (closeness_entry_get_day (entry), day);

      if (cmp < 0)
        break;
      if (cmp == 0 && (guint) closeness_entry_get_slot (entry) == slot)
        return g_steal_pointer (&entry);
    }

  return NULL;
}

/* Whose day the "A Day" group shows: mine, or my partner's in their view. */
static guint
day_slot (ClosenessSelfcarePage *self)
{
  return self->view == CLOSENESS_SELFCARE_VIEW_PARTNER ? 1 - self->me : self->me;
}

static gboolean
filter_activity_cb (gpointer item,
                    gpointer user_data)
{
  ClosenessSelfcarePage *self = user_data;
  ClosenessActivity *activity = item;

  return !closeness_activity_get_archived (activity) &&
         closeness_selfcare_view_shows_activity (self->view, self->me,
                                                 closeness_activity_get_owner (activity),
                                                 closeness_activity_get_is_private (activity));
}

static void
compute_stats (ClosenessSelfcarePage *self,
               ClosenessActivity     *activity,
               GArray                *items,
               guint                 *n_partners,
               ClosenessHabitStats   *stats)
{
  GListModel *entries = get_entries (self, closeness_record_get_id (CLOSENESS_RECORD (activity)));
  guint counted;

  counted = closeness_selfcare_collect_entries (entries, self->view, self->me,
                                                closeness_activity_get_owner (activity),
                                                closeness_activity_get_is_private (activity),
                                                items);
  if (n_partners != NULL)
    *n_partners = counted;

  closeness_habit_compute (closeness_activity_get_goal_kind (activity),
                           closeness_activity_get_goal_count (activity),
                           (ClosenessHabitEntry *) (gpointer) items->data, items->len,
                           self->today, stats);
}

static void
refresh_row (ClosenessSelfcarePage *self,
             ClosenessActivityRow  *row)
{
  ClosenessActivity *activity = closeness_activity_row_get_activity (row);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  g_autofree char *today = closeness_habit_format_day (self->today);
  GListModel *entries = get_entries (self, closeness_record_get_id (CLOSENESS_RECORD (activity)));
  ClosenessOwner owner = closeness_activity_get_owner (activity);
  ClosenessHabitStats stats;
  gboolean can_log[2], done[2];

  compute_stats (self, activity, items, NULL, &stats);

  for (guint slot = 0; slot < 2; slot++)
    {
      g_autoptr(ClosenessEntry) entry = find_entry (entries, today, slot);

      can_log[slot] = closeness_selfcare_view_can_log (self->view, self->me, owner, slot) &&
                      !closeness_store_get_read_only (self->store);
      done[slot] = entry != NULL && closeness_entry_get_kind (entry) == CLOSENESS_ENTRY_DONE;
    }

  closeness_activity_row_update (row, &stats, can_log, done, (const char * const *) self->names,
                                 self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER);
}

static void
refresh_all (ClosenessSelfcarePage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CLOSENESS_IS_ACTIVITY_ROW (child))
        refresh_row (self, CLOSENESS_ACTIVITY_ROW (child));
    }

  update_detail (self);
}

static void
entries_changed_cb (ClosenessSelfcarePage *self)
{
  refresh_all (self);
}

static GListModel *
get_entries (ClosenessSelfcarePage *self,
             gint64                 activity_id)
{
  GListModel *entries = g_hash_table_lookup (self->entries, &activity_id);
  gint64 *key;

  if (entries != NULL)
    return entries;

  /* All of it: the best streak and the score look at the whole history.
   * The store keeps the list up to date. */
  entries = closeness_store_get_entries (self->store, activity_id, "1900-01-01", "2200-12-31");
  g_signal_connect_object (entries, "items-changed", G_CALLBACK (entries_changed_cb), self,
                           G_CONNECT_SWAPPED);
  key = g_new (gint64, 1);
  *key = activity_id;
  g_hash_table_insert (self->entries, key, entries);

  return entries;
}

static void
setup_name_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      /* In the toolbar a long name gives way to the other buttons. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  else
    {
      /* In the list it is shown whole, over several lines if need be. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_name_label_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static GtkListItemFactory *
new_name_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_label_cb), NULL);

  return factory;
}

static void
setup_me_dropdown (ClosenessSelfcarePage *self)
{
  g_autoptr(GtkListItemFactory) button = new_name_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = new_name_factory (FALSE);

  gtk_drop_down_set_factory (self->me_dropdown, button);
  gtk_drop_down_set_list_factory (self->me_dropdown, list);
}

static void update_names (ClosenessSelfcarePage *self);

static void
partner_name_changed_cb (ClosenessSelfcarePage *self)
{
  update_names (self);
  refresh_all (self);
}

/* A partner renamed in Preferences shows here at once. */
static void
watch_partner_names (ClosenessSelfcarePage *self)
{
  GListModel *partners = closeness_store_get_partners (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (partners, i);

      if (g_signal_handler_find (partner, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 partner_name_changed_cb, self) == 0)
        g_signal_connect_object (partner, "notify::name", G_CALLBACK (partner_name_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }
}

static void
update_names (ClosenessSelfcarePage *self)
{
  GListModel *partners = closeness_store_get_partners (self->store);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint slot = 0; slot < 2; slot++)
    {
      g_autoptr(ClosenessPartner) partner = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
        {
          g_autoptr(ClosenessPartner) candidate = g_list_model_get_item (partners, i);

          if ((guint) closeness_partner_get_slot (candidate) == slot)
            partner = g_steal_pointer (&candidate);
        }

      g_free (self->names[slot]);
      self->names[slot] = closeness_partner_display_name (partner ? closeness_partner_get_name (partner)
                                                                  : NULL, slot);
      gtk_string_list_append (list, self->names[slot]);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->me_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->me_dropdown, self->me);
  self->updating = FALSE;
}

static void
update_empty_state (ClosenessSelfcarePage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->visible)) == 0;

  switch (self->view)
    {
    case CLOSENESS_SELFCARE_VIEW_PARTNER:
      adw_status_page_set_description (self->empty_page,
                                       _("Activities your partner shares with you show up here."));
      break;
    case CLOSENESS_SELFCARE_VIEW_TOGETHER:
      adw_status_page_set_description (self->empty_page,
                                       _("Activities that are not private show up here, for both of you."));
      break;
    case CLOSENESS_SELFCARE_VIEW_ME:
    default:
      adw_status_page_set_description (self->empty_page,
                                       _("Add something you would like to make room for with the + button."));
      break;
    }

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
update_actions (ClosenessSelfcarePage *self)
{
  gboolean writable = self->store != NULL && !closeness_store_get_read_only (self->store);
  gboolean have = self->activity != NULL;
  gboolean can_log = have && writable &&
                     closeness_selfcare_view_can_log (self->view == CLOSENESS_SELFCARE_VIEW_PARTNER
                                                      ? CLOSENESS_SELFCARE_VIEW_PARTNER
                                                      : CLOSENESS_SELFCARE_VIEW_ME,
                                                      self->me,
                                                      closeness_activity_get_owner (self->activity),
                                                      self->me);
  gboolean has_entry = FALSE;

  if (can_log)
    {
      g_autofree char *day = closeness_habit_format_day (self->selected_day);
      g_autoptr(ClosenessEntry) entry = NULL;

      entry = find_entry (get_entries (self, closeness_record_get_id (CLOSENESS_RECORD (self->activity))),
                          day, day_slot (self));
      has_entry = entry != NULL;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.add-activity", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.edit-activity", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.delete-activity", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.add-reminder", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.log-done", can_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.log-rest", can_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.remove-day", can_log && has_entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.go-back",
                                 adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), can_log);
}

static char *
describe_weekdays (guint weekdays)
{
  const char *short_names[] = {
    /* Translators: short weekday names for reminders */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };
  g_autoptr(GString) text = g_string_new (NULL);

  if ((weekdays & 0x7f) == 0x7f)
    return g_strdup (_("Every day"));
  if ((weekdays & 0x7f) == 0x1f)
    return g_strdup (_("Monday to Friday"));

  for (guint i = 0; i < 7; i++)
    {
      if (!(weekdays & (1u << i)))
        continue;
      if (text->len > 0)
        /* Translators: separates weekdays in a list: "Mon, Wed, Fri" */
        g_string_append (text, _(", "));
      g_string_append (text, _(short_names[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
delete_reminder_cb (GtkButton             *button,
                    ClosenessSelfcarePage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "closeness-reminder-id"));
  g_autoptr(GError) error = NULL;

  if (!closeness_store_delete_reminder (self->store, id, &error))
    show_error (self, error);
  else
    show_toast (self, closeness_toast_new (_("Reminder removed")));
}

static void
update_reminders (ClosenessSelfcarePage *self)
{
  GtkWidget *child;
  guint n;
  gint64 activity_id;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reminder_list))) != NULL)
    gtk_list_box_remove (self->reminder_list, child);

  if (self->activity == NULL || self->reminders == NULL)
    return;

  activity_id = closeness_record_get_id (CLOSENESS_RECORD (self->activity));
  n = g_list_model_get_n_items (self->reminders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (self->reminders, i);
      g_autofree char *days = NULL;
      GtkWidget *row, *button;

      if (closeness_reminder_get_activity_id (reminder) != activity_id)
        continue;

      days = describe_weekdays (closeness_reminder_get_weekdays (reminder));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     closeness_reminder_get_time_of_day (reminder));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), days);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Reminder"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Reminder"), -1);
      g_object_set_data (G_OBJECT (button), "closeness-reminder-id",
                         GSIZE_TO_POINTER ((gsize) closeness_record_get_id (CLOSENESS_RECORD (reminder))));
      g_signal_connect_object (button, "clicked", G_CALLBACK (delete_reminder_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->reminder_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->reminder_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->reminder_list)) != NULL);
}

static void
update_day (ClosenessSelfcarePage *self)
{
  g_autofree char *label = format_day (self->selected_day);
  g_autofree char *day = closeness_habit_format_day (self->selected_day);
  g_autoptr(ClosenessEntry) entry = NULL;
  const char *state;

  entry = find_entry (get_entries (self, closeness_record_get_id (CLOSENESS_RECORD (self->activity))),
                      day, day_slot (self));

  if (entry == NULL)
    state = _("Nothing logged");
  else if (closeness_entry_get_kind (entry) == CLOSENESS_ENTRY_REST)
    state = _("Rest day");
  else
    state = _("Done");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_row), label);
  adw_action_row_set_subtitle (self->day_row, state);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         entry != NULL ? closeness_entry_get_note (entry) : "");
  closeness_heat_map_set_selected (self->heat_map, self->selected_day);
}

static void
update_detail (ClosenessSelfcarePage *self)
{
  g_autoptr(GArray) items = NULL;
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_markup = NULL;
  guint8 values[HEAT_MAP_WEEKS * 7];
  guint8 weeks[BAR_WEEKS];
  ClosenessHabitStats stats;
  ClosenessGoalKind kind;
  guint32 first_day, first_monday;
  guint n_partners;
  int count;
  GdkRGBA color;
  double weekly_goal;

  /* Nothing to edit without an activity: no greyed-out pencil either. */
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), self->activity != NULL);

  if (self->activity == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      gtk_label_set_text (self->detail_title, "");
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "activity");

  name = closeness_selfcare_activity_dup_name (self->activity);
  gtk_label_set_text (self->detail_title, name);
  gtk_label_set_text (self->detail_name, name);
  gtk_image_set_from_icon_name (self->detail_icon,
                                closeness_selfcare_activity_get_icon (self->activity));
  closeness_selfcare_apply_color (GTK_WIDGET (self->detail_icon),
                                  closeness_activity_get_color (self->activity));

  items = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  compute_stats (self, self->activity, items, &n_partners, &stats);
  kind = closeness_activity_get_goal_kind (self->activity);
  count = closeness_activity_get_goal_count (self->activity);

  status = closeness_habit_describe_status (kind, &stats);
  gtk_label_set_text (self->status_label, status);
  goal = closeness_habit_describe_goal (kind, count);
  gtk_label_set_text (self->goal_label, goal);

  switch (kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      weekly_goal = count;
      break;
    case CLOSENESS_GOAL_MONTHLY:
      weekly_goal = count * 7.0 / 30.44;
      break;
    case CLOSENESS_GOAL_DAILY:
    default:
      weekly_goal = 7;
      break;
    }

  if (!gdk_rgba_parse (&color, closeness_activity_get_color (self->activity)))
    gdk_rgba_parse (&color, "#6f8396");

  first_monday = closeness_habit_week_start (self->today) - (HEAT_MAP_WEEKS - 1) * 7;
  first_day = first_monday;
  closeness_habit_fill_days ((ClosenessHabitEntry *) (gpointer) items->data, items->len,
                             first_day, self->today - first_day + 1, values);
  closeness_heat_map_set_color (self->heat_map, &color);
  closeness_heat_map_set_days (self->heat_map, first_day, values, self->today - first_day + 1,
                               n_partners, self->today);

  summary = closeness_habit_describe_summary (kind, &stats);
  /* A group's description is markup in libadwaita 1.2. */
  summary_markup = g_markup_escape_text (items->len == 0
                                         ? _("Nothing logged yet. Tick “Done today” when you have done it.")
                                         : summary, -1);
  adw_preferences_group_set_description (self->heat_map_group, summary_markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heat_map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calendar of the last six months"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);

  first_monday = closeness_habit_week_start (self->today) - (BAR_WEEKS - 1) * 7;
  closeness_habit_fill_weeks ((ClosenessHabitEntry *) (gpointer) items->data, items->len,
                              first_monday, BAR_WEEKS, weeks);
  closeness_week_bars_set_color (self->week_bars, &color);
  closeness_week_bars_set_weeks (self->week_bars, weeks, BAR_WEEKS, weekly_goal);
  {
    g_autofree char *bars = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Days done each week; this week %u day",
                                                          "Days done each week; this week %u days",
                                                          weeks[BAR_WEEKS - 1]),
                                             weeks[BAR_WEEKS - 1]);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_bars),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weekly bars"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, bars,
                                    -1);
  }

  update_day (self);
  update_reminders (self);
  update_actions (self);
}

static void
set_activity (ClosenessSelfcarePage *self,
              ClosenessActivity     *activity)
{
  if (!g_set_object (&self->activity, activity))
    return;

  self->selected_day = self->today;
  gtk_widget_set_visible (GTK_WIDGET (self->day_message), FALSE);
  /* Another activity starts at its top, not where the last one was left. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  update_detail (self);
}

/* Undo */

static void
undo_entry_cb (AdwToast  *toast,
               EntryUndo *undo)
{
  ClosenessSelfcarePage *self = undo->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo->existed)
    {
      ClosenessEntryInfo info = { undo->activity_id, undo->slot, undo->day, undo->kind, undo->note };

      ok = closeness_store_log_entry (self->store, &info, &error) > 0;
    }
  else
    ok = closeness_store_remove_entry (self->store, undo->activity_id, undo->slot, undo->day, &error);

  if (!ok)
    show_error (self, error);
}

static EntryUndo *
remember_entry (ClosenessSelfcarePage *self,
                gint64                 activity_id,
                guint                  slot,
                const char            *day)
{
  EntryUndo *undo = g_new0 (EntryUndo, 1);
  g_autoptr(ClosenessEntry) entry = find_entry (get_entries (self, activity_id), day, slot);

  undo->self = self;
  undo->activity_id = activity_id;
  undo->slot = slot;
  g_strlcpy (undo->day, day, sizeof undo->day);
  undo->existed = entry != NULL;
  if (entry != NULL)
    {
      undo->kind = closeness_entry_get_kind (entry);
      undo->note = g_strdup (closeness_entry_get_note (entry));
    }

  return undo;
}

static void
show_undo_toast (ClosenessSelfcarePage *self,
                 const char            *title,
                 EntryUndo             *undo)
{
  AdwToast *toast = closeness_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_entry_cb), undo,
                         entry_undo_closure_free, 0);
  show_toast (self, toast);
}

/* Logging */

static gboolean
write_entry (ClosenessSelfcarePage *self,
             gint64                 activity_id,
             guint                  slot,
             const char            *day,
             gboolean               remove,
             ClosenessEntryKind     kind,
             const char            *note,
             const char            *title)
{
  EntryUndo *undo = remember_entry (self, activity_id, slot, day);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (remove)
    ok = closeness_store_remove_entry (self->store, activity_id, slot, day, &error);
  else
    {
      ClosenessEntryInfo info = { activity_id, slot, day, kind, note };

      ok = closeness_store_log_entry (self->store, &info, &error) > 0;
    }

  if (!ok)
    {
      entry_undo_free (undo);
      show_error (self, error);
      refresh_all (self);
      return FALSE;
    }

  show_undo_toast (self, title, undo);

  return TRUE;
}

static void
done_toggled_cb (ClosenessActivityRow  *row,
                 guint                  slot,
                 gboolean               done,
                 ClosenessSelfcarePage *self)
{
  ClosenessActivity *activity = closeness_activity_row_get_activity (row);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  g_autofree char *day = closeness_habit_format_day (self->today);
  g_autofree char *name = closeness_selfcare_activity_dup_name (activity);
  g_autofree char *title = NULL;
  g_autoptr(ClosenessEntry) entry = find_entry (get_entries (self, id), day, slot);

  /* Translators: toasts after ticking or unticking "Done today" for an activity */
  title = g_strdup_printf (done ? _("%s: done today") : _("%s: cleared for today"), name);
  write_entry (self, id, slot, day, !done, CLOSENESS_ENTRY_DONE,
               entry != NULL ? closeness_entry_get_note (entry) : NULL, title);
}

static gboolean
check_selected_day (ClosenessSelfcarePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!closeness_habit_check_log_day (self->selected_day, self->today, &error))
    {
      gtk_label_set_text (self->day_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->day_message), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->day_message), FALSE);

  return TRUE;
}

static void
log_day (ClosenessSelfcarePage *self,
         gboolean               remove,
         ClosenessEntryKind     kind)
{
  g_autofree char *day = NULL;
  const char *title;

  if (self->activity == NULL || !check_selected_day (self))
    return;

  day = closeness_habit_format_day (self->selected_day);
  if (remove)
    title = _("Day cleared");
  else if (kind == CLOSENESS_ENTRY_REST)
    title = _("Rest day saved");
  else
    title = _("Saved as done");

  write_entry (self, closeness_record_get_id (CLOSENESS_RECORD (self->activity)), self->me, day,
               remove, kind, gtk_editable_get_text (GTK_EDITABLE (self->note_row)), title);
}

static void
select_day (ClosenessSelfcarePage *self,
            guint32                day)
{
  self->selected_day = day;
  if (!check_selected_day (self))
    self->selected_day = MIN (day, self->today);

  update_day (self);
  update_actions (self);
}

/* Callbacks */

/* The name is the big title at the top of the detail; the toolbar only
 * repeats it once that has scrolled away. */
static void
detail_scrolled_cb (ClosenessSelfcarePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->detail_scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->detail_scroller);
  GtkWidget *content = viewport != NULL ? gtk_widget_get_first_child (viewport) : NULL;
  double x = 0, y = 0;
  gboolean name_shown = TRUE;

  /* Measured in the scrolled content, which is not moved yet when this runs. */
  if (content != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->detail_name)) &&
      gtk_widget_translate_coordinates (GTK_WIDGET (self->detail_name), content, 0,
                                        gtk_widget_get_height (GTK_WIDGET (self->detail_name)),
                                        &x, &y))
    name_shown = y > gtk_adjustment_get_value (adjustment);

  gtk_widget_set_visible (GTK_WIDGET (self->detail_title), !name_shown);
}

static void
leaflet_folded_cb (ClosenessSelfcarePage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  gtk_list_box_set_selection_mode (self->list_box,
                                   folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  update_actions (self);
}

static void
row_activated_cb (ClosenessSelfcarePage *self,
                  GtkListBoxRow         *row)
{
  if (!CLOSENESS_IS_ACTIVITY_ROW (row))
    return;

  set_activity (self, closeness_activity_row_get_activity (CLOSENESS_ACTIVITY_ROW (row)));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
me_changed_cb (ClosenessSelfcarePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->me_dropdown);

  if (!self->updating && selected <= 1)
    closeness_selfcare_page_set_me (self, selected);
}

static void
view_toggled_cb (ClosenessSelfcarePage *self,
                 GtkToggleButton       *button)
{
  if (!gtk_toggle_button_get_active (button) || self->updating)
    return;

  if (button == self->partner_toggle)
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_PARTNER);
  else if (button == self->together_toggle)
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  else
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_ME);
}

static void
heat_map_day_cb (ClosenessSelfcarePage *self,
                 guint                  day)
{
  select_day (self, day);
}

static void
calendar_day_cb (ClosenessSelfcarePage *self)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (self->day_calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (date_time),
                  g_date_time_get_month (date_time), g_date_time_get_year (date_time));
  gtk_menu_button_popdown (self->day_button);
  select_day (self, g_date_get_julian (&date));
}

static gboolean
time_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
visible_changed_cb (ClosenessSelfcarePage *self)
{
  update_empty_state (self);

  /* The shown activity left this view (deleted, archived, made private). */
  if (self->activity != NULL)
    {
      gboolean found = FALSE;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible));

      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(ClosenessActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->visible), i);

          found = activity == self->activity;
        }

      if (!found)
        {
          set_activity (self, NULL);
          adw_leaflet_set_visible_child_name (self->leaflet, "list");
        }
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ClosenessSelfcarePage *self = user_data;
  GtkWidget *row = closeness_activity_row_new (item);

  g_signal_connect_object (row, "done-toggled", G_CALLBACK (done_toggled_cb), self, 0);
  g_signal_connect_object (item, "notify", G_CALLBACK (refresh_all), self, G_CONNECT_SWAPPED);
  refresh_row (self, CLOSENESS_ACTIVITY_ROW (row));

  return row;
}

/* Actions */

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
log_done_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  log_day (CLOSENESS_SELFCARE_PAGE (widget), FALSE, CLOSENESS_ENTRY_DONE);
}

static void
log_rest_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  log_day (CLOSENESS_SELFCARE_PAGE (widget), FALSE, CLOSENESS_ENTRY_REST);
}

static void
remove_day_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  log_day (CLOSENESS_SELFCARE_PAGE (widget), TRUE, CLOSENESS_ENTRY_DONE);
}

static void
add_reminder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  g_autofree char *time = NULL;
  g_autoptr(GError) error = NULL;
  guint weekdays = 0;

  if (self->activity == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->weekday_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint weekday = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "closeness-weekday"));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
        weekdays |= 1u << weekday;
    }

  time = g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));

  if (closeness_store_add_activity_reminder (self->store,
                                             closeness_record_get_id (CLOSENESS_RECORD (self->activity)),
                                             time, weekdays, &error) == 0)
    show_error (self, error);
  else
    show_toast (self, closeness_toast_new (_("Reminder added")));
}

static void
undelete_activity_cb (AdwToast              *toast,
                      ClosenessSelfcarePage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "closeness-activity-id"));
  g_autoptr(GError) error = NULL;

  if (!closeness_store_undelete_activity (self->store, id, &error))
    show_error (self, error);
}

static void
delete_activity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 id;

  if (self->activity == NULL)
    return;

  activity = g_object_ref (self->activity);
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  name = closeness_selfcare_activity_dup_name (activity);

  if (!closeness_store_delete_activity (self->store, id, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast after deleting an activity, with Undo */
  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = closeness_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "closeness-activity-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undelete_activity_cb), self, 0);
  show_toast (self, toast);
}

static void
editor_response_cb (ClosenessActivityEditor *editor,
                    const char              *response,
                    ClosenessSelfcarePage   *self)
{
  ClosenessActivity *activity = closeness_activity_editor_get_activity (editor);
  ClosenessActivityInfo info;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;

  if (!closeness_activity_editor_get_info (editor, &info, &error))
    {
      show_error (self, error);
      return;
    }

  if (activity != NULL)
    {
      if (!closeness_store_update_activity (self->store,
                                            closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                            &info, &error))
        show_error (self, error);
    }
  else
    {
      g_autoptr(ClosenessActivity) created = closeness_store_create_activity (self->store, &info,
                                                                             &error);

      if (created == NULL)
        show_error (self, error);
      else if (closeness_selfcare_view_shows_activity (self->view, self->me, info.owner,
                                                       info.is_private))
        closeness_selfcare_page_show_activity (self, closeness_record_get_id (CLOSENESS_RECORD (created)));
    }
}

static ClosenessActivityEditor *
open_editor (ClosenessSelfcarePage *self,
             ClosenessActivity     *activity)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ClosenessActivityEditor *editor;

  editor = closeness_activity_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          closeness_store_get_activities (self->store), activity,
                                          (const char * const *) self->names, self->me);
  g_signal_connect_object (editor, "response", G_CALLBACK (editor_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
add_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (CLOSENESS_SELFCARE_PAGE (widget), NULL);
}

static void
edit_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);

  if (self->activity != NULL)
    open_editor (self, self->activity);
}

static void
show_result (ClosenessSelfcarePage *self,
             const char            *heading,
             const char            *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    ClosenessSelfcarePage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  guint n_rows = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (!closeness_selfcare_csv_export_file (self->store, self->view, self->me, file, &n_rows, &error))
    {
      g_warning ("Could not export self-care entries: %s", error->message);
      show_result (self, _("Export Failed"), error->message);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u entry saved. Only you can read the file on this computer.",
                                       "%u entries saved. Only you can read the file on this computer.",
                                       n_rows), n_rows);
  if (self->view != CLOSENESS_SELFCARE_VIEW_ME)
    {
      g_autofree char *longer = g_strconcat (body, " ", _("Private activities are not included."), NULL);

      g_free (body);
      body = g_steal_pointer (&longer);
    }

  show_result (self, _("Exported"), body);
}

static void
import_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    ClosenessSelfcarePage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autofree char *report = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  import = closeness_selfcare_csv_import_file (self->store, file, NULL, &error);
  if (import == NULL)
    {
      g_autofree char *body = g_strconcat (error->message, "\n\n",
                                           _("Nothing was changed."), NULL);

      show_result (self, _("Nothing Imported"), body);
      return;
    }

  report = closeness_csv_import_describe (import, 10);
  show_result (self, _("Imported"), report);
}

static GtkFileFilter *
new_csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  return filter;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Self-Care"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested file name of a self-care export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("self-care.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Self-Care"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
closeness_selfcare_page_dispose (GObject *object)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->activity);
  g_clear_object (&self->visible);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->store);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;

  G_OBJECT_CLASS (closeness_selfcare_page_parent_class)->dispose (object);
}

static void
closeness_selfcare_page_finalize (GObject *object)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  g_free (self->names[0]);
  g_free (self->names[1]);

  G_OBJECT_CLASS (closeness_selfcare_page_parent_class)->finalize (object);
}

static void
closeness_selfcare_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_uint (value, self->view);
      break;
    case PROP_ME:
      g_value_set_uint (value, self->me);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_selfcare_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_selfcare_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      closeness_selfcare_page_set_view (self, g_value_get_uint (value));
      break;
    case PROP_ME:
      closeness_selfcare_page_set_me (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_selfcare_page_class_init (ClosenessSelfcarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_selfcare_page_dispose;
  object_class->finalize = closeness_selfcare_page_finalize;
  object_class->get_property = closeness_selfcare_page_get_property;
  object_class->set_property = closeness_selfcare_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLOSENESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_uint ("view", NULL, NULL, 0, CLOSENESS_SELFCARE_VIEW_TOGETHER, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ME] =
    g_param_spec_uint ("me", NULL, NULL, 0, 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_HEAT_MAP);
  g_type_ensure (CLOSENESS_TYPE_WEEK_BARS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-selfcare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, me_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, me_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, partner_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, together_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, list_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail_icon);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail_name);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, goal_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, heat_map_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, bars_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, week_bars);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_calendar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, note_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_message);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, reminder_list);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, weekday_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, day_buttons);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, delete_button);
  /* Not used here; bound so tests can measure the two halves of the page. */
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "detail_pane", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "remove_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, me_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, heat_map_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_output_cb);

  gtk_widget_class_install_action (widget_class, "selfcare.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "selfcare.add-activity", NULL, add_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.edit-activity", NULL, edit_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.delete-activity", NULL, delete_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.log-done", NULL, log_done_action);
  gtk_widget_class_install_action (widget_class, "selfcare.log-rest", NULL, log_rest_action);
  gtk_widget_class_install_action (widget_class, "selfcare.remove-day", NULL, remove_day_action);
  gtk_widget_class_install_action (widget_class, "selfcare.add-reminder", NULL, add_reminder_action);
  gtk_widget_class_install_action (widget_class, "selfcare.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "selfcare.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "selfcare.add-activity", NULL);
}

static void
closeness_selfcare_page_init (ClosenessSelfcarePage *self)
{
  /* Each day has its own context: one letter is not enough to tell
   * Tuesday from Thursday in English, but other languages need different
   * letters for them. */
  const char *contexts[] = {
    "weekday Monday", "weekday Tuesday", "weekday Wednesday", "weekday Thursday",
    "weekday Friday", "weekday Saturday", "weekday Sunday",
  };
  const char *letters[] = {
    /* Translators: one-letter weekday names on the reminder toggles */
    NC_("weekday Monday", "M"), NC_("weekday Tuesday", "T"), NC_("weekday Wednesday", "W"),
    NC_("weekday Thursday", "T"), NC_("weekday Friday", "F"), NC_("weekday Saturday", "S"),
    NC_("weekday Sunday", "S"),
  };
  const char *full[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  closeness_leaflet_fold_at_once_when_shown (self->leaflet);

  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->today = closeness_habit_today ();
  self->selected_day = self->today;

  ensure_style (GTK_WIDGET (self));

  for (guint k = 0, first = first_weekday (); k < 7; k++)
    {
      guint i = (first + k) % 7;
      GtkWidget *toggle = gtk_toggle_button_new_with_label (g_dpgettext2 (GETTEXT_PACKAGE, contexts[i],
                                                                         letters[i]));

      /* Bit i of the reminder's weekdays, Monday first, whatever the order shown. */
      g_object_set_data (G_OBJECT (toggle), "closeness-weekday", GUINT_TO_POINTER (i));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      gtk_widget_set_tooltip_text (toggle, _(full[i]));
      gtk_widget_add_css_class (toggle, "circular");
      gtk_widget_add_css_class (toggle, "closeness-weekday-toggle");
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(full[i]), -1);
      gtk_box_append (self->weekday_box, toggle);
    }

  /* The day buttons wrap in a flow box, all one width; the buttons take
   * focus, not their slots. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->day_buttons));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  setup_me_dropdown (self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->detail_scroller),
                           "value-changed", G_CALLBACK (detail_scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_title), FALSE);

  self->filter = gtk_custom_filter_new (filter_activity_cb, self, NULL);
  leaflet_folded_cb (self);
  update_detail (self);
}

/* Public API */

GtkWidget *
closeness_selfcare_page_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_SELFCARE_PAGE, "store", store, NULL);
}

ClosenessStore *
closeness_selfcare_page_get_store (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return self->store;
}

static void
store_state_changed_cb (ClosenessSelfcarePage *self)
{
  watch_partner_names (self);
  update_names (self);
  refresh_all (self);
}

void
closeness_selfcare_page_set_store (ClosenessSelfcarePage *self,
                                   ClosenessStore        *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  g_autofree char *view = NULL;
  ClosenessSelfcareView remembered = CLOSENESS_SELFCARE_VIEW_ME;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);

  if (!closeness_selfcare_ensure_builtins (store, &error))
    g_warning ("Could not add the built-in activities: %s", error->message);

  me = closeness_store_dup_state (store, CLOSENESS_SELFCARE_ME_KEY);
  self->me = closeness_selfcare_parse_me (me);
  view = closeness_store_dup_state (store, VIEW_KEY);
  closeness_selfcare_view_from_string (view, &remembered);
  self->view = remembered;

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->view == CLOSENESS_SELFCARE_VIEW_PARTNER ? self->partner_toggle
                                : self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER ? self->together_toggle
                                : self->me_toggle, TRUE);
  self->updating = FALSE;

  watch_partner_names (self);
  update_names (self);
  g_signal_connect_object (closeness_store_get_partners (store), "items-changed",
                           G_CALLBACK (store_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::read-only",
                           G_CALLBACK (store_state_changed_cb), self, G_CONNECT_SWAPPED);

  self->visible = gtk_filter_list_model_new (g_object_ref (closeness_store_get_activities (store)),
                                             GTK_FILTER (self->filter));
  self->filter = NULL;
  g_signal_connect_object (self->visible, "items-changed", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->visible), create_row_cb, self, NULL);

  self->reminders = closeness_store_get_reminders (store);
  g_signal_connect_object (self->reminders, "items-changed", G_CALLBACK (update_reminders), self,
                           G_CONNECT_SWAPPED);

  update_empty_state (self);
  update_detail (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

ClosenessSelfcareView
closeness_selfcare_page_get_view (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->view;
}

static void
refilter (ClosenessSelfcarePage *self)
{
  GtkFilter *filter;

  if (self->visible == NULL)
    return;

  filter = gtk_filter_list_model_get_filter (self->visible);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  refresh_all (self);
  update_empty_state (self);
}

void
closeness_selfcare_page_set_view (ClosenessSelfcarePage *self,
                                  ClosenessSelfcareView  view)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (view <= CLOSENESS_SELFCARE_VIEW_TOGETHER);

  if (self->view == view)
    return;

  self->view = view;

  self->updating = TRUE;
  gtk_toggle_button_set_active (view == CLOSENESS_SELFCARE_VIEW_PARTNER ? self->partner_toggle
                                : view == CLOSENESS_SELFCARE_VIEW_TOGETHER ? self->together_toggle
                                : self->me_toggle, TRUE);
  self->updating = FALSE;

  if (self->store != NULL && !closeness_store_get_read_only (self->store) &&
      !closeness_store_set_state (self->store, VIEW_KEY, closeness_selfcare_view_to_string (view),
                                  &error))
    g_warning ("Could not remember the self-care view: %s", error->message);

  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

guint
closeness_selfcare_page_get_me (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->me;
}

void
closeness_selfcare_page_set_me (ClosenessSelfcarePage *self,
                                guint                  me)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (me <= 1);

  if (self->me == me)
    return;

  self->me = me;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->me_dropdown, me);
  self->updating = FALSE;

  if (self->store != NULL && !closeness_store_get_read_only (self->store) &&
      !closeness_store_set_state (self->store, CLOSENESS_SELFCARE_ME_KEY, me == 1 ? "1" : "0",
                                  &error))
    g_warning ("Could not remember who uses the computer: %s", error->message);

  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);
}

gboolean
closeness_selfcare_page_show_activity (ClosenessSelfcarePage *self,
                                       gint64                 activity_id)
{
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), FALSE);

  if (self->visible == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->visible));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->visible), i);

      if (closeness_record_get_id (CLOSENESS_RECORD (activity)) == activity_id)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

          if (row != NULL && !adw_leaflet_get_folded (self->leaflet))
            gtk_list_box_select_row (self->list_box, row);
          set_activity (self, activity);
          adw_leaflet_set_visible_child_name (self->leaflet, "detail");
          return TRUE;
        }
    }

  return FALSE;
}

ClosenessActivity *
closeness_selfcare_page_get_activity (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return self->activity;
}

/* Returns: (transfer none) (nullable): the list row of an activity */
GtkWidget *
closeness_selfcare_page_get_row (ClosenessSelfcarePage *self,
                                 gint64                 activity_id)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CLOSENESS_IS_ACTIVITY_ROW (child) &&
          closeness_record_get_id (CLOSENESS_RECORD (closeness_activity_row_get_activity (CLOSENESS_ACTIVITY_ROW (child)))) == activity_id)
        return child;
    }

  return NULL;
}

guint
closeness_selfcare_page_get_n_rows (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->visible != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->visible)) : 0;
}

/* Opens the editor for a new activity, as the + button does. */
GtkWidget *
closeness_selfcare_page_add_activity (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return GTK_WIDGET (open_editor (self, NULL));
}

void
closeness_selfcare_page_dismiss_toasts (ClosenessSelfcarePage *self)
{
  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));

  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
}

/* Presses Undo on the newest toast, as a person would. */
gboolean
closeness_selfcare_page_undo (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), FALSE);

  if (self->last_toast == NULL || adw_toast_get_button_label (self->last_toast) == NULL)
    return FALSE;

  g_signal_emit_by_name (self->last_toast, "button-clicked");
  adw_toast_dismiss (self->last_toast);

  return TRUE;
}
