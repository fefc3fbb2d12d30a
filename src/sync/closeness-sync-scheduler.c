/* closeness-sync-scheduler.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the app syncs the calendar: a little after the first frame, shortly
 * after an evening changed here, every quarter of an hour, and when the
 * network comes back. Each sync runs as `closeness --sync` in a process of
 * its own: the network never blocks the window, the store's change monitor
 * shows what it received, and a sync cut short (the app quits, the
 * computer sleeps) loses nothing, as the kill loop test shows.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <gio/gio.h>

#include "closeness-sync-scheduler.h"

#define PERIOD_SECONDS       (15 * 60)
#define AFTER_CHANGE_SECONDS 10
#define NETWORK_SECONDS      3

struct _ClosenessSyncScheduler
{
  GObject         parent_instance;

  ClosenessStore *store;
  GSubprocess    *child;
  GCancellable   *cancellable;
  guint           timeout_id;
  gint64          due;          /* monotonic µs of timeout_id */
  guint           period_id;
  gboolean        again;        /* asked for while one ran */
  char           *last_line;
  gboolean        network_available;
};

G_DEFINE_FINAL_TYPE (ClosenessSyncScheduler, closeness_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
configured (ClosenessSyncScheduler *self)
{
  g_autofree char *calendar = closeness_store_dup_sync_state (self->store, "calendar");

  return calendar != NULL;
}

/**
 * closeness_sync_program_path:
 *
 * Returns: (transfer full) (nullable): the `closeness` program the sync
 *   commands run as (a test names its build with CLOSENESS_PROGRAM)
 */
char *
closeness_sync_program_path (void)
{
  const char *program = g_getenv ("CLOSENESS_PROGRAM");

  if (program != NULL && program[0] != '\0')
    return g_strdup (program);

  return g_file_read_link ("/proc/self/exe", NULL);
}

/**
 * closeness_sync_command_finish:
 *
 * Collects what a `closeness` command run with both pipes printed.
 *
 * Returns: whether it ran and exited with 0; %FALSE with @error set only
 *   when it could not be read (G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
closeness_sync_command_finish (GSubprocess   *child,
                               GAsyncResult  *result,
                               char         **out,
                               char         **err,
                               GError       **error)
{
  return g_subprocess_communicate_utf8_finish (child, result, out, err, error) &&
         g_subprocess_get_if_exited (child) && g_subprocess_get_exit_status (child) == 0;
}

static void start (ClosenessSyncScheduler *self);

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClosenessSyncScheduler) self = user_data;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = closeness_sync_command_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->child);
  g_free (self->last_line);
  /* One line, the report or the reason: no evening's title is in it. */
  self->last_line = g_strdup (g_strstrip (ok ? (out != NULL ? out : (char *) "")
                                             : (err != NULL ? err : (char *) "")));
  g_debug ("Calendar sync finished (%s)", ok ? "ok" : "failed");

  /* What the child wrote, shown now rather than at the next poll. */
  closeness_store_check_for_changes (self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0, ok);

  if (self->again)
    {
      self->again = FALSE;
      start (self);
    }
}

static void
start (ClosenessSyncScheduler *self)
{
  g_autofree char *program = NULL;
  g_autoptr(GError) error = NULL;

  if (self->child != NULL)
    {
      self->again = TRUE;
      return;
    }
  if (!configured (self) || (program = closeness_sync_program_path ()) == NULL)
    return;

  self->child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, program, "--sync", NULL);
  if (self->child == NULL)
    {
      g_warning ("Calendar sync could not start: %s", error->message);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_subprocess_communicate_utf8_async (self->child, NULL, self->cancellable, communicated_cb,
                                       g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  ClosenessSyncScheduler *self = user_data;

  self->timeout_id = 0;
  start (self);

  return G_SOURCE_REMOVE;
}

static gboolean
period_cb (gpointer user_data)
{
  closeness_sync_scheduler_request (user_data, 0);

  return G_SOURCE_CONTINUE;
}

/**
 * closeness_sync_scheduler_request:
 *
 * Syncs in @delay_seconds (an earlier request wins); nothing when no
 * calendar is set up.
 */
void
closeness_sync_scheduler_request (ClosenessSyncScheduler *self,
                                  guint                   delay_seconds)
{
  g_return_if_fail (CLOSENESS_IS_SYNC_SCHEDULER (self));

  if (!configured (self))
    return;
  if (delay_seconds == 0)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      start (self);
      return;
    }
  /* The earliest request wins. */
  if (self->timeout_id != 0 &&
      self->due <= g_get_monotonic_time () + (gint64) delay_seconds * G_USEC_PER_SEC)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->due = g_get_monotonic_time () + (gint64) delay_seconds * G_USEC_PER_SEC;
  self->timeout_id = g_timeout_add_seconds (delay_seconds, timeout_cb, self);
}

static void
calendar_changed_cb (ClosenessStore         *store,
                     ClosenessSyncScheduler *self)
{
  g_autoptr(GPtrArray) outbox = closeness_store_list_sync_outbox (self->store);

  /* A change the sync itself brought needs no sync back: only a change
   * made here is queued. */
  if (outbox->len > 0)
    closeness_sync_scheduler_request (self, AFTER_CHANGE_SECONDS);
}

static void
network_changed_cb (GNetworkMonitor        *monitor,
                    gboolean                available,
                    ClosenessSyncScheduler *self)
{
  if (available && !self->network_available)
    closeness_sync_scheduler_request (self, NETWORK_SECONDS);
  self->network_available = available;
}

gboolean
closeness_sync_scheduler_get_running (ClosenessSyncScheduler *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SYNC_SCHEDULER (self), FALSE);

  return self->child != NULL;
}

/**
 * closeness_sync_scheduler_get_last_line:
 *
 * Returns: (nullable): what the last sync said
 */
const char *
closeness_sync_scheduler_get_last_line (ClosenessSyncScheduler *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SYNC_SCHEDULER (self), NULL);

  return self->last_line;
}

static void
closeness_sync_scheduler_dispose (GObject *object)
{
  ClosenessSyncScheduler *self = CLOSENESS_SYNC_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_signal_handlers_disconnect_by_data (g_network_monitor_get_default (), self);
  g_clear_object (&self->child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->last_line, g_free);

  G_OBJECT_CLASS (closeness_sync_scheduler_parent_class)->dispose (object);
}

static void
closeness_sync_scheduler_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ClosenessSyncScheduler *self = CLOSENESS_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->child != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_sync_scheduler_class_init (ClosenessSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_sync_scheduler_dispose;
  object_class->get_property = closeness_sync_scheduler_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClosenessSyncScheduler::finished:
   * @ok: whether the sync went through
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
closeness_sync_scheduler_init (ClosenessSyncScheduler *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * closeness_sync_scheduler_new:
 *
 * Returns: (transfer full): a scheduler that syncs after changes to
 *   @store's evenings, every quarter of an hour and when the network
 *   comes back
 */
ClosenessSyncScheduler *
closeness_sync_scheduler_new (ClosenessStore *store)
{
  ClosenessSyncScheduler *self;
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_new (CLOSENESS_TYPE_SYNC_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->network_available = g_network_monitor_get_network_available (monitor);
  /* The store says when events or reminders were written: the scheduler
   * needs none of them in memory, and the window's first frame does not
   * wait for every evening to be loaded. */
  g_signal_connect (store, "calendar-changed", G_CALLBACK (calendar_changed_cb), self);
  g_signal_connect (monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->period_id = g_timeout_add_seconds (PERIOD_SECONDS, period_cb, self);

  return self;
}
