/* closeness-activity-history.c: one activity's days, read once and kept.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streaks and scores look at the whole history, ten years of it after ten
 * years. A history reads it once with closeness_store_query_entry_days()
 * (days as numbers, no object per entry) and keeps it; the list's rows and
 * the detail compute what they show from it. When the store says entries
 * changed, a loaded history reads its activity again and emits "changed".
 *
 * Nothing is read until closeness_activity_history_load(): the page loads
 * its rows' histories after its first frame, and the detail the one it
 * shows. GLib only, so the benchmark runs the same code.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include "closeness-activity-history.h"
#include "closeness-habit-logic.h"

struct _ClosenessActivityHistory
{
  GObject          parent_instance;

  ClosenessStore  *store;
  gint64           activity_id;
  GArray          *days;       /* ClosenessEntryDay, by day; NULL until loaded */
  guint32          since;      /* the first day read; 0: the whole history */
  gboolean         earlier;    /* there are entries before @since */
};

G_DEFINE_FINAL_TYPE (ClosenessActivityHistory, closeness_activity_history, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reads the days from @since on (0: all of them). */
static gboolean
read_days (ClosenessActivityHistory  *self,
           guint32                    since,
           GError                   **error)
{
  g_autofree char *first_day = since > 0 ? closeness_habit_format_day (since) : NULL;
  gboolean earlier = FALSE;
  GArray *days = closeness_store_query_entry_days_since (self->store, self->activity_id,
                                                         first_day, &earlier, error);

  if (days == NULL)
    return FALSE;

  g_clear_pointer (&self->days, g_array_unref);
  self->days = days;
  self->since = since;
  self->earlier = earlier;

  return TRUE;
}

/* Adds the days before the recent ones read so far: then all are read. */
static gboolean
read_earlier_days (ClosenessActivityHistory  *self,
                   GError                   **error)
{
  g_autofree char *before_day = closeness_habit_format_day (self->since);
  GArray *days = closeness_store_query_entry_days_between (self->store, self->activity_id, NULL,
                                                           before_day, NULL, error);

  if (days == NULL)
    return FALSE;

  g_array_append_vals (days, self->days->data, self->days->len);
  g_clear_pointer (&self->days, g_array_unref);
  self->days = days;
  self->since = 0;
  self->earlier = FALSE;

  return TRUE;
}

static void
entries_changed_cb (ClosenessActivityHistory *self)
{
  g_autoptr(GError) error = NULL;

  /* Nobody shows it yet: it is read when first needed. */
  if (self->days == NULL)
    return;

  if (!read_days (self, self->since, &error))
    g_warning ("Could not read an activity's days: %s", error->message);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
closeness_activity_history_dispose (GObject *object)
{
  ClosenessActivityHistory *self = CLOSENESS_ACTIVITY_HISTORY (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_activity_history_parent_class)->dispose (object);
}

static void
closeness_activity_history_finalize (GObject *object)
{
  ClosenessActivityHistory *self = CLOSENESS_ACTIVITY_HISTORY (object);

  g_clear_pointer (&self->days, g_array_unref);

  G_OBJECT_CLASS (closeness_activity_history_parent_class)->finalize (object);
}

static void
closeness_activity_history_class_init (ClosenessActivityHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_activity_history_dispose;
  object_class->finalize = closeness_activity_history_finalize;

  /**
   * ClosenessActivityHistory::changed:
   *
   * The days were read again after a change, or read for the first time.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
closeness_activity_history_init (ClosenessActivityHistory *self)
{
}

ClosenessActivityHistory *
closeness_activity_history_new (ClosenessStore *store,
                                gint64          activity_id)
{
  ClosenessActivityHistory *self;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_new (CLOSENESS_TYPE_ACTIVITY_HISTORY, NULL);
  self->store = g_object_ref (store);
  self->activity_id = activity_id;
  g_signal_connect_object (store, "entries-changed", G_CALLBACK (entries_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

ClosenessStore *
closeness_activity_history_get_store (ClosenessActivityHistory *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), NULL);

  return self->store;
}

gint64
closeness_activity_history_get_activity_id (ClosenessActivityHistory *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), 0);

  return self->activity_id;
}

gboolean
closeness_activity_history_get_loaded (ClosenessActivityHistory *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), FALSE);

  return self->days != NULL;
}

/**
 * closeness_activity_history_load:
 *
 * Reads the days if they were not read yet, and then emits "changed".
 * After that they are kept current.
 */
gboolean
closeness_activity_history_load (ClosenessActivityHistory  *self,
                                 GError                   **error)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), FALSE);

  if (self->days != NULL && self->since == 0)
    return TRUE;

  if (!read_days (self, 0, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * closeness_activity_history_load_recent:
 * @since: the first day a list row needs, closeness_habit_recent_start()
 *
 * Reads the days from @since on, if nothing was read yet: what a row needs
 * for its status in nearly every case, a fraction of ten years.
 * closeness_activity_history_compute() reads the rest when a streak
 * reaches back further; closeness_activity_history_load() reads it all.
 */
gboolean
closeness_activity_history_load_recent (ClosenessActivityHistory  *self,
                                        guint32                    since,
                                        GError                   **error)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), FALSE);

  if (self->days != NULL)
    return TRUE;

  if (!read_days (self, since, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/* Whether every day is read, not only the recent ones. */
gboolean
closeness_activity_history_get_complete (ClosenessActivityHistory *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), FALSE);

  return self->days != NULL && (self->since == 0 || !self->earlier);
}

/**
 * closeness_activity_history_compute:
 * @target: a measured activity's daily target, or 0
 * @items: (nullable): scratch space for the entries, or %NULL
 *
 * The streak, strength and period of one view, as the rows show them:
 * from the recent days when they tell the whole story
 * (closeness_habit_recent_is_enough()), else from every day, which are
 * then read and kept.
 */
void
closeness_activity_history_compute (ClosenessActivityHistory *self,
                                    ClosenessSelfcareView     view,
                                    guint                     me,
                                    ClosenessOwner            owner,
                                    gboolean                  is_private,
                                    const ClosenessHabitGoal *goal,
                                    double                    target,
                                    guint32                   today,
                                    GArray                   *items,
                                    ClosenessHabitStats      *stats)
{
  g_autoptr(GArray) own = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self));
  g_return_if_fail (goal != NULL && stats != NULL);

  if (items == NULL)
    items = own = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_array_set_size (items, 0);
      closeness_activity_history_collect (self, view, me, owner, is_private, target, items);
      closeness_habit_compute_goal (goal, (ClosenessHabitEntry *) (gpointer) items->data,
                                    items->len, today, stats, 0, 0, NULL);

      if (closeness_activity_history_get_complete (self) ||
          closeness_habit_recent_is_enough (goal, stats))
        return;

      /* The streak reaches back before the recent days: read the rest. */
      if (!read_earlier_days (self, &error))
        {
          g_warning ("Could not read an activity's days: %s", error->message);
          return;
        }
    }
}

/* Returns: (array length=n_days): every day with an entry, by day */
const ClosenessEntryDay *
closeness_activity_history_get_days (ClosenessActivityHistory *self,
                                     guint                    *n_days)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), NULL);

  *n_days = self->days != NULL ? self->days->len : 0;

  return self->days != NULL ? (const ClosenessEntryDay *) (gpointer) self->days->data : NULL;
}

/* The entries of @day, or %NULL: sorted by day, looked for from the end,
 * where today is. */
static const ClosenessEntryDay *
find_day (ClosenessActivityHistory *self,
          guint32                   day)
{
  guint n;
  const ClosenessEntryDay *days = closeness_activity_history_get_days (self, &n);

  for (guint i = n; i > 0; i--)
    {
      if (days[i - 1].day < day)
        break;
      if (days[i - 1].day == day)
        return &days[i - 1];
    }

  return NULL;
}

/* Returns: partner @slot's #ClosenessEntryKind on @day, or -1 for none */
int
closeness_activity_history_get_kind (ClosenessActivityHistory *self,
                                     guint32                   day,
                                     guint                     slot)
{
  const ClosenessEntryDay *entries;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), -1);
  g_return_val_if_fail (slot <= 1, -1);

  entries = find_day (self, day);

  return entries != NULL ? entries->kinds[slot] : -1;
}

/* Returns: partner @slot's amount on @day, or -1 for none */
double
closeness_activity_history_get_value (ClosenessActivityHistory *self,
                                      guint32                   day,
                                      guint                     slot)
{
  const ClosenessEntryDay *entries;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), -1);
  g_return_val_if_fail (slot <= 1, -1);

  entries = find_day (self, day);

  return entries != NULL ? entries->values[slot] : -1;
}

/**
 * closeness_activity_history_collect:
 * @target: a measured activity's daily target, or 0
 * @out: an array of #ClosenessHabitEntry to append to
 *
 * Appends the entries that count in @view, for the charts and streaks; a
 * measured day short of @target is %CLOSENESS_HABIT_PARTIAL.
 *
 * Returns: how many partners' entries count (1 or 2; 0 for none)
 */
guint
closeness_activity_history_collect (ClosenessActivityHistory *self,
                                    ClosenessSelfcareView     view,
                                    guint                     me,
                                    ClosenessOwner            owner,
                                    gboolean                  is_private,
                                    double                    target,
                                    GArray                   *out)
{
  const ClosenessEntryDay *days;
  gboolean counts[2];
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_HISTORY (self), 0);
  g_return_val_if_fail (out != NULL, 0);

  for (guint slot = 0; slot < 2; slot++)
    counts[slot] = closeness_selfcare_view_counts_slot (view, me, owner, is_private, slot);

  days = closeness_activity_history_get_days (self, &n);
  g_array_set_size (out, out->len + 2 * n);
  out->len -= 2 * n;

  /* Each counted partner's entry, as closeness_habit_compute() and the
   * heat map (which counts who did it) take them. */
  for (guint i = 0; i < n; i++)
    {
      for (guint slot = 0; slot < 2; slot++)
        {
          if (counts[slot] && days[i].kinds[slot] >= 0)
            {
              /* A yes/no activity's kind is what was logged. */
              ClosenessHabitEntry item = {
                days[i].day,
                target > 0
                  ? closeness_habit_classify (days[i].kinds[slot], days[i].values[slot], target)
                  : (guint8) days[i].kinds[slot],
              };

              g_array_append_val (out, item);
            }
        }
    }

  return counts[0] + counts[1];
}
