/* closeness-selfcare-builtins.c: the activities every couple starts with.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-selfcare-builtins.h"

typedef struct
{
  const char        *key;
  const char        *name;  /* msgid; stored in English, shown translated */
  const char        *icon;
  const char        *color;
  ClosenessGoalKind  goal_kind;
  int                goal_count;
} Builtin;

static const Builtin builtins[] = {
  { "exercise", N_("Exercise"), "emoji-activities-symbolic", "#3584e4", CLOSENESS_GOAL_WEEKLY, 3 },
  { "meditation", N_("Meditation"), "weather-clear-night-symbolic", "#9141ac",
    CLOSENESS_GOAL_DAILY, 1 },
  { "journaling", N_("Journaling"), "document-edit-symbolic", "#c88800", CLOSENESS_GOAL_WEEKLY, 3 },
  { "friends", N_("Time with Friends"), "emoji-people-symbolic", "#ed5b00", CLOSENESS_GOAL_WEEKLY,
    1 },
  { "rest", N_("Rest"), "night-light-symbolic", "#2190a4", CLOSENESS_GOAL_WEEKLY, 2 },
  { "therapy", N_("Therapy or Counseling Session"), "emblem-favorite-symbolic", "#d56199",
    CLOSENESS_GOAL_MONTHLY, 2 },
  { "outdoors", N_("Time Outdoors"), "emoji-nature-symbolic", "#3a944a", CLOSENESS_GOAL_WEEKLY, 3 },
};

/* Adwaita symbolic icons (not the "legacy" ones) for custom activities. */
static const char * const icons[] = {
  "emoji-activities-symbolic",
  "weather-clear-night-symbolic",
  "document-edit-symbolic",
  "emoji-people-symbolic",
  "night-light-symbolic",
  "emblem-favorite-symbolic",
  "emoji-nature-symbolic",
  "emoji-food-symbolic",
  "emoji-travel-symbolic",
  "audio-headphones-symbolic",
  "face-smile-symbolic",
  "starred-symbolic",
  NULL
};

/* What a screen reader says for each icon. */
static const char * const icon_labels[] = {
  N_("Sport"), N_("Moon"), N_("Writing"), N_("People"), N_("Night"), N_("Heart"),
  N_("Nature"), N_("Food"), N_("Travel"), N_("Music"), N_("Smile"), N_("Star"),
};

static const char * const color_labels[] = {
  N_("Blue"), N_("Teal"), N_("Green"), N_("Yellow"), N_("Orange"), N_("Red"), N_("Pink"),
  N_("Purple"), N_("Slate"),
};

/* The GNOME palette, as in style.css .closeness-swatch. */
static const char * const colors[] = {
  "#3584e4", "#2190a4", "#3a944a", "#c88800", "#ed5b00",
  "#e62d42", "#d56199", "#9141ac", "#6f8396",
  NULL
};

/* Their style classes in style.css (.closeness-activity-icon.blue, …). */
static const char * const color_classes[] = {
  "blue", "teal", "green", "yellow", "orange", "red", "pink", "purple", "slate",
};

/**
 * closeness_selfcare_ensure_builtins:
 *
 * Creates the built-in activities the first time; later calls change
 * nothing (the store matches them by key, and app_state remembers that
 * they were made, so deleted ones stay deleted).
 */
gboolean
closeness_selfcare_ensure_builtins (ClosenessStore  *store,
                                    GError         **error)
{
  g_autofree char *seeded = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  seeded = closeness_store_dup_state (store, CLOSENESS_SELFCARE_SEEDED_KEY);
  if (g_strcmp0 (seeded, "1") == 0)
    return TRUE;

  if (closeness_store_get_read_only (store))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(ClosenessActivity) activity = NULL;
      ClosenessActivityInfo info = {
        .builtin_key = builtins[i].key,
        .name = builtins[i].name,
        .icon = builtins[i].icon,
        .color = builtins[i].color,
        .owner = CLOSENESS_OWNER_BOTH,
        .is_private = FALSE,
        .goal_kind = builtins[i].goal_kind,
        .goal_count = builtins[i].goal_count,
      };

      activity = closeness_store_create_activity (store, &info, error);
      if (activity == NULL)
        return FALSE;
    }

  return closeness_store_set_state (store, CLOSENESS_SELFCARE_SEEDED_KEY, "1", error);
}

/* Built-ins keep their English name in the store and are shown translated. */
char *
closeness_selfcare_activity_dup_name (ClosenessActivity *activity)
{
  const char *name;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (activity), NULL);

  name = closeness_activity_get_name (activity);
  if (closeness_activity_get_builtin_key (activity) != NULL &&
      closeness_activity_get_builtin_key (activity)[0] != '\0')
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, name));

  return g_strdup (name);
}

const char *
closeness_selfcare_activity_get_icon (ClosenessActivity *activity)
{
  const char *icon = closeness_activity_get_icon (activity);

  return icon != NULL && icon[0] != '\0' ? icon : "emblem-favorite-symbolic";
}

static char *
fold (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* What the habit logic needs to know of an activity's goal. */
void
closeness_selfcare_activity_get_goal (ClosenessActivity  *activity,
                                      ClosenessHabitGoal *goal)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY (activity));
  g_return_if_fail (goal != NULL);

  goal->kind = closeness_activity_get_goal_kind (activity);
  goal->count = closeness_activity_get_goal_count (activity);
  goal->interval_days = MAX (closeness_activity_get_interval_days (activity), 0);
}

/* "Goal: every 3 days", "Goal: every day · 30 minutes a day". */
char *
closeness_selfcare_activity_describe_goal (ClosenessActivity *activity)
{
  ClosenessHabitGoal goal;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (activity), NULL);

  closeness_selfcare_activity_get_goal (activity, &goal);

  return closeness_habit_describe_goal_full (&goal,
                                             closeness_activity_get_kind (activity) ==
                                             CLOSENESS_ACTIVITY_MEASURABLE
                                             ? closeness_activity_get_target (activity) : 0,
                                             closeness_activity_get_unit (activity));
}

/**
 * closeness_selfcare_check_activity:
 * @activities: the store's activities
 * @own_id: the activity being edited, or 0 for a new one
 *
 * Checks what a person typed before anything is saved, with a message
 * that says how to fix it. Names are compared as shown (built-ins
 * translated), ignoring case and spaces around them.
 */
gboolean
closeness_selfcare_check_activity (GListModel                  *activities,
                                   gint64                       own_id,
                                   const ClosenessActivityInfo *info,
                                   GError                     **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (activities), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->name == NULL || !g_utf8_validate (info->name, -1, NULL))
    return refuse (error, _("Please give the activity a name."));

  stripped = g_strstrip (g_strdup (info->name));
  if (stripped[0] == '\0')
    return refuse (error, _("Please give the activity a name."));
  if (g_utf8_strlen (stripped, -1) > CLOSENESS_STORE_MAX_NAME)
    return refuse (error, _("Please choose a shorter name (at most 60 characters)."));

  switch (info->goal_kind)
    {
    case CLOSENESS_GOAL_DAILY:
      if (info->goal_count != 1)
        return refuse (error, _("A daily goal is once a day."));
      if (info->interval_days < 0 || info->interval_days > CLOSENESS_STORE_MAX_INTERVAL_DAYS)
        return refuse (error, _("Please choose every 2 to 365 days."));
      break;
    case CLOSENESS_GOAL_WEEKLY:
      if (info->goal_count < 1 || info->goal_count > 7)
        return refuse (error, _("A week has seven days: please choose from 1 to 7 times a week."));
      break;
    case CLOSENESS_GOAL_MONTHLY:
      if (info->goal_count < 1 || info->goal_count > 31)
        return refuse (error, _("Please choose from 1 to 31 times a month."));
      break;
    default:
      return refuse (error, _("Please choose how often you would like to do it."));
    }

  if (info->kind == CLOSENESS_ACTIVITY_MEASURABLE)
    {
      if (!(info->target > 0) || info->target > CLOSENESS_STORE_MAX_AMOUNT)
        return refuse (error, _("Please choose a daily target above zero (at most 1,000,000)."));
      if (info->unit != NULL &&
          (!g_utf8_validate (info->unit, -1, NULL) ||
           g_utf8_strlen (info->unit, -1) > CLOSENESS_STORE_MAX_UNIT))
        return refuse (error, _("Please choose a shorter unit (at most 20 characters)."));
    }
  else if ((guint) info->kind > CLOSENESS_ACTIVITY_MEASURABLE)
    return refuse (error, _("Please choose what you log."));

  if ((guint) info->owner > CLOSENESS_OWNER_BOTH)
    return refuse (error, _("Please choose whose activity this is."));

  if (info->is_private && info->owner == CLOSENESS_OWNER_BOTH)
    return refuse (error, _("An activity for both of you is always shared. To keep it private, "
                            "choose one of you."));

  folded = fold (stripped);
  n = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) other = g_list_model_get_item (activities, i);
      g_autofree char *shown = closeness_selfcare_activity_dup_name (other);
      g_autofree char *a = fold (closeness_activity_get_name (other));
      g_autofree char *b = fold (shown);

      if (closeness_record_get_id (CLOSENESS_RECORD (other)) == own_id)
        continue;

      if (g_str_equal (a, folded) || g_str_equal (b, folded))
        return refuse (error, _("There is already an activity with this name. Please choose "
                                "another one."));
    }

  return TRUE;
}

const char * const *
closeness_selfcare_get_icons (guint *n_icons)
{
  if (n_icons != NULL)
    *n_icons = G_N_ELEMENTS (icons) - 1;

  return icons;
}

const char * const *
closeness_selfcare_get_colors (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = G_N_ELEMENTS (colors) - 1;

  return colors;
}

const char *
closeness_selfcare_get_icon_label (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (icon_labels), NULL);

  return _(icon_labels[index]);
}

const char *
closeness_selfcare_get_color_label (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (color_labels), NULL);

  return _(color_labels[index]);
}

const char *
closeness_selfcare_color_for_index (guint index)
{
  return colors[index % (G_N_ELEMENTS (colors) - 1)];
}

/* Returns: (nullable): the style class of a palette colour, or %NULL for
 * any other colour. */
const char *
closeness_selfcare_color_class (const char *color)
{
  for (guint i = 0; color != NULL && colors[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (color, colors[i]) == 0)
        return color_classes[i];
    }

  return NULL;
}

const char * const *
closeness_selfcare_get_color_classes (guint *n_classes)
{
  if (n_classes != NULL)
    *n_classes = G_N_ELEMENTS (color_classes);

  return color_classes;
}

G_STATIC_ASSERT (G_N_ELEMENTS (color_classes) == G_N_ELEMENTS (colors) - 1);
G_STATIC_ASSERT (G_N_ELEMENTS (icon_labels) == G_N_ELEMENTS (icons) - 1);
G_STATIC_ASSERT (G_N_ELEMENTS (color_labels) == G_N_ELEMENTS (colors) - 1);
