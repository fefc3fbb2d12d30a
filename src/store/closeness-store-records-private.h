/* closeness-store-records-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-store-private.h"

G_BEGIN_DECLS

/* What the record files of ClosenessStore share: the checks of what people
 * type and the steps every write takes (closeness-store-records.c). The
 * records themselves live by domain:
 *
 *   closeness-store-conversations.c  decks, prompts, answers, notes, history
 *   closeness-store-calendar.c       events, reminders, the month query
 *   closeness-store-selfcare.c       activities and their entries
 *   closeness-store-records.c        partners, app_state and the shared helpers below */

gint64               _store_now_unix           (void);
gboolean             _store_invalid            (GError     **error,
                                                const char  *message);
gboolean             _store_check_text         (const char  *text,
                                                glong        min_chars,
                                                glong        max_chars,
                                                const char  *message,
                                                GError     **error);
char                *_store_dup_trimmed        (const char  *text);
gboolean             _store_check_name         (const char  *name,
                                                glong        max_chars,
                                                char       **trimmed,
                                                GError     **error);
gboolean             _store_parse_digits       (const char  *s,
                                                guint        n,
                                                int         *out);
char                *_store_tomorrow_string    (void);
gboolean             _store_check_day_before   (const char  *day,
                                                const char  *latest,
                                                GError     **error);
gboolean             _store_check_calendar_day (const char  *day,
                                                GError     **error);
gboolean             _store_check_id           (gint64       id,
                                                GError     **error);
gboolean             _store_check_slot         (guint        slot,
                                                GError     **error);
ClosenessRecordList *_store_new_list           (ClosenessStore          *self,
                                                GType                    type,
                                                ClosenessRecordLoadFunc  load,
                                                guint                    tables,
                                                const char              *sql,
                                                GVariant                *params);
gpointer             _store_ref_from_list      (ClosenessRecordList *list,
                                                gint64               id);
gint64               _store_run_for_id         (ClosenessStore  *self,
                                                StoreWrite      *write,
                                                GError         **error);
gboolean             _store_finish_batch       (sqlite3         *db,
                                                int              rc,
                                                guint           *counts,
                                                guint            n_added,
                                                guint            n_updated,
                                                const char      *message,
                                                GError         **error);
gboolean             _store_run_batch          (ClosenessStore  *self,
                                                StoreWrite      *write,
                                                const guint     *counts,
                                                guint           *n_added,
                                                guint           *n_updated,
                                                GError         **error);
gboolean             _store_set_deleted        (ClosenessStore  *self,
                                                const char      *table,
                                                guint            tables,
                                                gint64           id,
                                                gboolean         deleted,
                                                const char      *what,
                                                GError         **error);
GVariant            *_store_maybe_string       (const char *value);
char                *_store_dup_text           (ClosenessStore *self,
                                                const char     *sql,
                                                const char     *param);

/* closeness-store-sync.c: queue an evening to be sent to the synced calendar,
 * in the same write as its change (nothing when sync is off or the change
 * comes from the server). */
#define _STORE_QUEUE_SYNC_UID_SQL \
  "INSERT INTO sync_outbox (uid, seq) " \
  "SELECT ?1, (SELECT value FROM store_meta WHERE key = 'txn_seq') " \
  "WHERE EXISTS (SELECT 1 FROM sync_state WHERE key = 'calendar') " \
  "ON CONFLICT (uid) DO UPDATE SET seq = excluded.seq"

void                 _store_queue_sync_uid      (ClosenessStore *self,
                                                 StoreWrite     *write,
                                                 const char     *uid);
void                 _store_queue_sync_event    (ClosenessStore *self,
                                                 StoreWrite     *write,
                                                 gint64          event_id);
void                 _store_queue_sync_reminder (ClosenessStore *self,
                                                 StoreWrite     *write,
                                                 gint64          reminder_id);

G_END_DECLS
