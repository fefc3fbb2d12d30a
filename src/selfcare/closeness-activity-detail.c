/* closeness-activity-detail.c: one activity's progress, a day and reminders.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail follows its inputs: the activity and its entries (given
 * together by closeness_activity_detail_show()), the store's reminders, and
 * the page's view, "me" and whether the store is writable, which the page
 * binds to its properties. Writing is the page's: its actions
 * (selfcare.log-done, …) read the chosen day, the note and the reminder
 * time from here.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>

#include "closeness-activity-detail.h"
#include "closeness-activity-history.h"
#include "closeness-activity-row.h"
#include "closeness-button-row.h"
#include "closeness-habit-logic.h"
#include "closeness-heat-map.h"
#include "closeness-score-chart.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-week-bars.h"

#define HEAT_MAP_WEEKS 26
#define BAR_WEEKS 12
/* The strength chart: six months of days, today last. */
#define SCORE_DAYS (26 * 7)

struct _ClosenessActivityDetail
{
  AdwBin                 parent_instance;

  ClosenessActivity     *activity;
  ClosenessActivityHistory *history;
  GtkFilterListModel    *reminders;
  ClosenessSelfcareView  view;
  guint                  me;
  gboolean               writable;
  gboolean               can_log;
  gboolean               day_logged;
  gboolean               name_hidden;
  char                  *title;
  guint32                today;
  guint32                selected_day;
  GtkToggleButton       *weekday_toggles[7];  /* Monday first */

  /* Template widgets */
  GtkScrolledWindow     *detail_scroller;
  GtkImage              *detail_icon;
  GtkLabel              *detail_name;
  GtkLabel              *status_label;
  GtkLabel              *goal_label;
  AdwPreferencesGroup   *heat_map_group;
  ClosenessHeatMap      *heat_map;
  ClosenessWeekBars     *week_bars;
  AdwPreferencesGroup   *bars_group;
  AdwPreferencesGroup   *score_group;
  ClosenessScoreChart   *score_chart;
  AdwActionRow          *day_row;
  GtkMenuButton         *day_button;
  GtkCalendar           *day_calendar;
  AdwEntryRow           *note_row;
  AdwActionRow          *amount_row;
  GtkSpinButton         *amount_spin;
  GtkLabel              *day_message;
  GtkListBox            *reminder_list;
  GtkSpinButton         *hour_spin;
  GtkSpinButton         *minute_spin;
  GtkBox                *weekday_box;
};

G_DEFINE_FINAL_TYPE (ClosenessActivityDetail, closeness_activity_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACTIVITY,
  PROP_TITLE,
  PROP_VIEW,
  PROP_ME,
  PROP_WRITABLE,
  PROP_REMINDERS,
  PROP_CAN_LOG,
  PROP_DAY_LOGGED,
  PROP_NAME_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

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
  return g_date_time_format (date_time, _("%A, %-d %B %Y"));
}

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
set_boolean (ClosenessActivityDetail *self,
             gboolean                *field,
             gboolean                 value,
             guint                    prop_id)
{
  if (*field == !!value)
    return;

  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Whose day the "A Day" group shows: mine, or my partner's in their view. */
static guint
day_slot (ClosenessActivityDetail *self)
{
  return self->view == CLOSENESS_SELFCARE_VIEW_PARTNER ? 1 - self->me : self->me;
}

static ClosenessEntry *
find_selected_entry (ClosenessActivityDetail *self)
{
  g_autofree char *day = closeness_habit_format_day (self->selected_day);

  /* The note is not part of the history: ask for the one entry shown. */
  return closeness_store_dup_entry (closeness_activity_history_get_store (self->history),
                                    closeness_record_get_id (CLOSENESS_RECORD (self->activity)),
                                    day_slot (self), day);
}

static void
update_can_log (ClosenessActivityDetail *self)
{
  gboolean can_log = self->activity != NULL && self->writable &&
                     closeness_selfcare_view_can_log (self->view == CLOSENESS_SELFCARE_VIEW_PARTNER
                                                      ? CLOSENESS_SELFCARE_VIEW_PARTNER
                                                      : CLOSENESS_SELFCARE_VIEW_ME,
                                                      self->me,
                                                      closeness_activity_get_owner (self->activity),
                                                      self->me);

  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), can_log);
  set_boolean (self, &self->can_log, can_log, PROP_CAN_LOG);
}

/* A measured activity's daily target; 0 for a yes/no one. */
static double
get_target (ClosenessActivityDetail *self)
{
  return closeness_activity_get_kind (self->activity) == CLOSENESS_ACTIVITY_MEASURABLE
         ? closeness_activity_get_target (self->activity) : 0;
}

static void
update_day (ClosenessActivityDetail *self)
{
  g_autofree char *label = NULL;
  g_autofree char *amount = NULL;
  g_autoptr(ClosenessEntry) entry = NULL;
  const char *state;

  if (self->activity == NULL)
    {
      set_boolean (self, &self->day_logged, FALSE, PROP_DAY_LOGGED);
      return;
    }

  label = format_day (self->selected_day);
  entry = find_selected_entry (self);

  if (entry == NULL)
    state = _("Nothing logged");
  else if (closeness_entry_get_kind (entry) == CLOSENESS_ENTRY_REST)
    state = _("Rest day");
  else if (get_target (self) > 0)
    state = amount = closeness_habit_describe_amount (closeness_entry_get_value (entry),
                                                      get_target (self),
                                                      closeness_activity_get_unit (self->activity));
  else
    state = _("Done");

  /* A measured day is logged with its amount: the one saved, or the target. */
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), get_target (self) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), self->can_log);
  if (get_target (self) > 0)
    gtk_spin_button_set_value (self->amount_spin,
                               entry != NULL && closeness_entry_get_value (entry) >= 0
                               ? closeness_entry_get_value (entry) : get_target (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_row), label);
  adw_action_row_set_subtitle (self->day_row, state);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         entry != NULL ? closeness_entry_get_note (entry) : "");
  closeness_heat_map_set_selected (self->heat_map, self->selected_day);
  set_boolean (self, &self->day_logged, entry != NULL, PROP_DAY_LOGGED);
}

static void
update_charts (ClosenessActivityDetail *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  g_autofree char *status = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_markup = NULL;
  g_autofree char *bars = NULL;
  guint8 values[HEAT_MAP_WEEKS * 7];
  guint8 weeks[BAR_WEEKS];
  double scores[SCORE_DAYS];
  g_autofree char *scores_text = NULL;
  g_autofree char *scores_markup = NULL;
  ClosenessHabitStats stats;
  ClosenessHabitGoal habit_goal;
  ClosenessGoalKind kind;
  int count;
  guint32 first_day, first_monday;
  guint n_partners;
  GdkRGBA color;
  double weekly_goal;

  closeness_selfcare_activity_get_goal (self->activity, &habit_goal);
  kind = habit_goal.kind;
  count = habit_goal.count;
  n_partners =
    closeness_activity_history_collect (self->history, self->view, self->me,
                                        closeness_activity_get_owner (self->activity),
                                        closeness_activity_get_is_private (self->activity),
                                        get_target (self), items);
  closeness_habit_compute_goal (&habit_goal, (ClosenessHabitEntry *) (gpointer) items->data,
                                items->len, self->today, &stats, self->today - SCORE_DAYS + 1,
                                SCORE_DAYS, scores);

  status = closeness_habit_describe_status (kind, &stats);
  gtk_label_set_text (self->status_label, status);
  goal = closeness_selfcare_activity_describe_goal (self->activity);
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
      weekly_goal = 7.0 / MAX (habit_goal.interval_days, 1);
      break;
    }

  if (!gdk_rgba_parse (&color, closeness_activity_get_color (self->activity)))
    gdk_rgba_parse (&color, "#6f8396");

  first_day = closeness_habit_week_start (self->today) - (HEAT_MAP_WEEKS - 1) * 7;
  closeness_habit_fill_days ((ClosenessHabitEntry *) (gpointer) items->data, items->len,
                             first_day, self->today - first_day + 1, values);
  closeness_heat_map_set_color (self->heat_map, &color);
  closeness_heat_map_set_days (self->heat_map, first_day, values, self->today - first_day + 1,
                               n_partners, self->today);

  summary = closeness_habit_describe_summary (kind, &stats);
  /* A group's description is markup in libadwaita 1.2. */
  summary_markup =
    g_markup_escape_text (items->len == 0
                            ? _("Nothing logged yet. Tick “Done today” when you have done it.")
                            : summary,
                          -1);
  adw_preferences_group_set_description (self->heat_map_group, summary_markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heat_map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Calendar of the last six months"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);

  /* Loop's score chart: the strength, said in words as well. */
  closeness_score_chart_set_color (self->score_chart, &color);
  closeness_score_chart_set_scores (self->score_chart, self->today - SCORE_DAYS + 1, scores,
                                    SCORE_DAYS);
  scores_text = closeness_habit_describe_scores (scores, SCORE_DAYS);
  scores_markup = g_markup_escape_text (scores_text, -1);
  adw_preferences_group_set_description (self->score_group, scores_markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_chart),
                                  /* Translators: the accessible name of the strength chart */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Habit strength, last six months"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, scores_text, -1);

  first_monday = closeness_habit_week_start (self->today) - (BAR_WEEKS - 1) * 7;
  closeness_habit_fill_weeks ((ClosenessHabitEntry *) (gpointer) items->data, items->len,
                              first_monday, BAR_WEEKS, weeks);
  closeness_week_bars_set_color (self->week_bars, &color);
  closeness_week_bars_set_weeks (self->week_bars, first_monday, weeks, BAR_WEEKS, weekly_goal);
  /* What the dashed line is: the chart does not say it in its own words. */
  adw_preferences_group_set_description (self->bars_group,
                                         _("Days done each week; the dashed line is the goal"));
  bars = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Days done each week; this week %u day",
                                       "Days done each week; this week %u days",
                                       weeks[BAR_WEEKS - 1]),
                          weeks[BAR_WEEKS - 1]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_bars),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weekly bars"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, bars,
                                  -1);
}

/* Everything the detail shows comes from here: the activity (name, icon,
 * goal), its entries and the view. */
static void
update (ClosenessActivityDetail *self)
{
  g_autofree char *name = NULL;

  update_can_log (self);

  if (self->activity == NULL || self->history == NULL)
    {
      update_day (self);
      return;
    }

  name = closeness_selfcare_activity_dup_name (self->activity);
  if (g_strcmp0 (name, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  gtk_label_set_text (self->detail_name, self->title);
  gtk_image_set_from_icon_name (self->detail_icon,
                                closeness_selfcare_activity_get_icon (self->activity));
  closeness_selfcare_apply_color (GTK_WIDGET (self->detail_icon),
                                  closeness_activity_get_color (self->activity));

  update_charts (self);
  update_day (self);
}

static void
select_day (ClosenessActivityDetail *self,
            guint32                  day)
{
  self->selected_day = day;
  if (!closeness_activity_detail_check_selected_day (self))
    self->selected_day = MIN (day, self->today);

  update_day (self);
}

static gboolean
filter_reminder_cb (gpointer item,
                    gpointer user_data)
{
  ClosenessActivityDetail *self = user_data;

  return self->activity != NULL &&
         closeness_reminder_get_activity_id (item) ==
         closeness_record_get_id (CLOSENESS_RECORD (self->activity));
}

static GtkWidget *
create_reminder_row_cb (gpointer item,
                        gpointer user_data)
{
  ClosenessReminder *reminder = item;
  g_autofree char *days = describe_weekdays (closeness_reminder_get_weekdays (reminder));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 closeness_reminder_get_time_of_day (reminder));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), days);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Reminder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Reminder"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "selfcare.remove-reminder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    closeness_record_get_id (CLOSENESS_RECORD (reminder)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
reminders_changed_cb (ClosenessActivityDetail *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->reminder_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->reminders)) > 0);
}

/* Template callbacks */

/* The name is the big title at the top of the detail; the page's toolbar
 * only repeats it once that has scrolled away. */
static void
detail_scrolled_cb (ClosenessActivityDetail *self)
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

  set_boolean (self, &self->name_hidden, !name_shown, PROP_NAME_HIDDEN);
}

static void
heat_map_day_cb (ClosenessActivityDetail *self,
                 guint                    day)
{
  select_day (self, day);
}

static void
calendar_day_cb (ClosenessActivityDetail *self)
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

/* GObject */

static void
closeness_activity_detail_dispose (GObject *object)
{
  ClosenessActivityDetail *self = CLOSENESS_ACTIVITY_DETAIL (object);

  /* The filter calls back into us: no more of that once we are going. */
  if (self->reminders != NULL)
    gtk_filter_list_model_set_model (self->reminders, NULL);
  g_clear_object (&self->activity);
  g_clear_object (&self->history);
  g_clear_object (&self->reminders);

  G_OBJECT_CLASS (closeness_activity_detail_parent_class)->dispose (object);
}

static void
closeness_activity_detail_finalize (GObject *object)
{
  ClosenessActivityDetail *self = CLOSENESS_ACTIVITY_DETAIL (object);

  g_free (self->title);

  G_OBJECT_CLASS (closeness_activity_detail_parent_class)->finalize (object);
}

static void
closeness_activity_detail_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ClosenessActivityDetail *self = CLOSENESS_ACTIVITY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_object (value, self->activity);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_VIEW:
      g_value_set_uint (value, self->view);
      break;
    case PROP_ME:
      g_value_set_uint (value, self->me);
      break;
    case PROP_WRITABLE:
      g_value_set_boolean (value, self->writable);
      break;
    case PROP_REMINDERS:
      g_value_set_object (value, gtk_filter_list_model_get_model (self->reminders));
      break;
    case PROP_CAN_LOG:
      g_value_set_boolean (value, self->can_log);
      break;
    case PROP_DAY_LOGGED:
      g_value_set_boolean (value, self->day_logged);
      break;
    case PROP_NAME_HIDDEN:
      g_value_set_boolean (value, self->name_hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_activity_detail_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ClosenessActivityDetail *self = CLOSENESS_ACTIVITY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      if (self->view == g_value_get_uint (value))
        return;
      self->view = g_value_get_uint (value);
      break;
    case PROP_ME:
      if (self->me == g_value_get_uint (value))
        return;
      self->me = g_value_get_uint (value);
      break;
    case PROP_WRITABLE:
      if (self->writable == g_value_get_boolean (value))
        return;
      self->writable = g_value_get_boolean (value);
      break;
    case PROP_REMINDERS:
      if (gtk_filter_list_model_get_model (self->reminders) == g_value_get_object (value))
        return;
      gtk_filter_list_model_set_model (self->reminders, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  update (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
closeness_activity_detail_class_init (ClosenessActivityDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_activity_detail_dispose;
  object_class->finalize = closeness_activity_detail_finalize;
  object_class->get_property = closeness_activity_detail_get_property;
  object_class->set_property = closeness_activity_detail_set_property;

  properties[PROP_ACTIVITY] =
    g_param_spec_object ("activity", NULL, NULL, CLOSENESS_TYPE_ACTIVITY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The activity's name as shown, or NULL. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] = closeness_selfcare_view_param_spec ();
  properties[PROP_ME] = closeness_selfcare_me_param_spec ();
  properties[PROP_WRITABLE] =
    g_param_spec_boolean ("writable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* All reminders (closeness_store_get_reminders()); the activity's are shown. */
  properties[PROP_REMINDERS] =
    g_param_spec_object ("reminders", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the shown day may be logged, cleared or given a note. */
  properties[PROP_CAN_LOG] =
    g_param_spec_boolean ("can-log", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the shown day has an entry (so it can be cleared). */
  properties[PROP_DAY_LOGGED] =
    g_param_spec_boolean ("day-logged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the big name at the top has scrolled out of sight. */
  properties[PROP_NAME_HIDDEN] =
    g_param_spec_boolean ("name-hidden", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_BUTTON_ROW);
  g_type_ensure (CLOSENESS_TYPE_HEAT_MAP);
  g_type_ensure (CLOSENESS_TYPE_WEEK_BARS);
  g_type_ensure (CLOSENESS_TYPE_SCORE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-activity-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, detail_icon);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, detail_name);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, goal_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, heat_map_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, heat_map);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, week_bars);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, bars_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, score_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, score_chart);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, day_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, day_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, day_calendar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, note_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, amount_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, day_message);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, reminder_list);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityDetail, weekday_box);
  /* Bound so tests can find it. */
  gtk_widget_class_bind_template_child_full (widget_class, "day_buttons", FALSE, 0);
  /* Not used here; bound so tests can find them. */
  gtk_widget_class_bind_template_child_full (widget_class, "day_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "remove_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, heat_map_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_output_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "amount_output_cb",
                                                G_CALLBACK (closeness_selfcare_show_amount_cb));
}

static void
closeness_activity_detail_init (ClosenessActivityDetail *self)
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

  self->today = closeness_habit_today ();
  self->selected_day = self->today;

  for (guint k = 0, first = first_weekday (); k < 7; k++)
    {
      guint i = (first + k) % 7;
      GtkWidget *toggle =
        gtk_toggle_button_new_with_label (g_dpgettext2 (GETTEXT_PACKAGE, contexts[i], letters[i]));

      /* Bit i of the reminder's weekdays, Monday first, whatever the order shown. */
      self->weekday_toggles[i] = GTK_TOGGLE_BUTTON (toggle);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      gtk_widget_set_tooltip_text (toggle, _(full[i]));
      gtk_widget_add_css_class (toggle, "circular");
      gtk_widget_add_css_class (toggle, "closeness-weekday-toggle");
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(full[i]), -1);
      gtk_box_append (self->weekday_box, toggle);
    }

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->detail_scroller),
                           "value-changed", G_CALLBACK (detail_scrolled_cb), self,
                           G_CONNECT_SWAPPED);

  self->reminders =
    gtk_filter_list_model_new (NULL,
                               GTK_FILTER (gtk_custom_filter_new (filter_reminder_cb, self, NULL)));
  g_signal_connect_object (self->reminders, "items-changed", G_CALLBACK (reminders_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->reminder_list, G_LIST_MODEL (self->reminders),
                           create_reminder_row_cb, NULL, NULL);
  reminders_changed_cb (self);
}

/* Public API */

/**
 * closeness_activity_detail_show:
 * @activity: (nullable): the activity to show
 * @history: (nullable): its days; read now if they were not yet
 *
 * Shows @activity from its top, with today chosen.
 */
void
closeness_activity_detail_show (ClosenessActivityDetail  *self,
                                ClosenessActivity        *activity,
                                ClosenessActivityHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self));
  g_return_if_fail (activity == NULL || CLOSENESS_IS_ACTIVITY (activity));
  g_return_if_fail (history == NULL || CLOSENESS_IS_ACTIVITY_HISTORY (history));

  if (self->activity == activity)
    return;

  if (self->activity != NULL)
    g_signal_handlers_disconnect_by_data (self->activity, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  g_set_object (&self->activity, activity);
  if (activity == NULL)
    history = NULL;
  g_set_object (&self->history, history);

  /* A renamed activity, a new goal, a day logged elsewhere: all show at once. */
  if (self->activity != NULL)
    g_signal_connect_object (self->activity, "notify", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  if (self->history != NULL)
    {
      if (!closeness_activity_history_load (self->history, &error))
        g_warning ("Could not read the activity's days: %s", error->message);
      g_signal_connect_object (self->history, "changed", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }

  if (self->activity == NULL && self->title != NULL)
    {
      g_clear_pointer (&self->title, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  self->selected_day = self->today;
  gtk_widget_set_visible (GTK_WIDGET (self->day_message), FALSE);
  /* Another activity starts at its top, not where the last one was left. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->reminders),
                      GTK_FILTER_CHANGE_DIFFERENT);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

ClosenessActivity *
closeness_activity_detail_get_activity (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), NULL);

  return self->activity;
}

const char *
closeness_activity_detail_get_title (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), NULL);

  return self->title;
}

gboolean
closeness_activity_detail_get_can_log (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), FALSE);

  return self->can_log;
}

gboolean
closeness_activity_detail_get_day_logged (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), FALSE);

  return self->day_logged;
}

guint32
closeness_activity_detail_get_selected_day (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), 0);

  return self->selected_day;
}

/* Says why the chosen day cannot be logged, under the day's buttons. */
gboolean
closeness_activity_detail_check_selected_day (ClosenessActivityDetail *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), FALSE);

  if (!closeness_habit_check_log_day (self->selected_day, self->today, &error))
    {
      gtk_label_set_text (self->day_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->day_message), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->day_message), FALSE);

  return TRUE;
}

const char *
closeness_activity_detail_get_note (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->note_row));
}

/* Returns: (transfer full): the new reminder's time, "HH:MM" */
char *
closeness_activity_detail_dup_reminder_time (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), NULL);

  return g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));
}

/* Returns: the new reminder's days, bit 0 Monday … bit 6 Sunday */
guint
closeness_activity_detail_get_reminder_weekdays (ClosenessActivityDetail *self)
{
  guint weekdays = 0;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), 0);

  for (guint i = 0; i < 7; i++)
    {
      if (gtk_toggle_button_get_active (self->weekday_toggles[i]))
        weekdays |= 1u << i;
    }

  return weekdays;
}

/* Returns: the amount to log for the chosen day of a measured activity,
 *   or -1 for a yes/no one */
double
closeness_activity_detail_get_amount (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), -1);

  if (self->activity == NULL || get_target (self) <= 0)
    return -1;

  gtk_spin_button_update (self->amount_spin);

  return gtk_spin_button_get_value (self->amount_spin);
}

GtkSpinButton *
closeness_activity_detail_get_amount_spin (ClosenessActivityDetail *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_DETAIL (self), NULL);

  return self->amount_spin;
}
