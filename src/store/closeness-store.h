/* closeness-store.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "closeness-store-types.h"
#include "closeness-activity.h"
#include "closeness-answer.h"
#include "closeness-backup.h"
#include "closeness-deck.h"
#include "closeness-entry.h"
#include "closeness-event.h"
#include "closeness-partner.h"
#include "closeness-partner-names.h"
#include "closeness-prompt.h"
#include "closeness-record-list.h"
#include "closeness-reminder.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_STORE (closeness_store_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessStore, closeness_store, CLOSENESS, STORE, GObject)

/**
 * ClosenessStoreOpenFlags:
 * @CLOSENESS_STORE_OPEN_DEFAULT: check the whole file before opening it
 * @CLOSENESS_STORE_OPEN_DEFER_CHECK: when the file needs no migration, open
 *   it at once and leave the quick check of every page to
 *   closeness_store_check_async(), which repairs a damaged file late
 */
typedef enum
{
  CLOSENESS_STORE_OPEN_DEFAULT     = 0,
  CLOSENESS_STORE_OPEN_DEFER_CHECK = 1 << 0,
} ClosenessStoreOpenFlags;

/* Opening */
ClosenessStore *closeness_store_new                   (const char      *db_path,
                                                       GError         **error);
ClosenessStore *closeness_store_new_full              (const char              *db_path,
                                                       ClosenessStoreOpenFlags  flags,
                                                       GError                 **error);
gboolean        closeness_store_get_check_pending     (ClosenessStore       *self);
void            closeness_store_check_async           (ClosenessStore       *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        closeness_store_check_finish          (ClosenessStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
const char     *closeness_store_get_path              (ClosenessStore  *self);
gboolean        closeness_store_get_read_only         (ClosenessStore  *self);
const char     *closeness_store_get_read_only_reason  (ClosenessStore  *self);
const char     *closeness_store_get_recovery_report   (ClosenessStore  *self);
int             closeness_store_get_schema_version    (ClosenessStore  *self);
guint           closeness_store_get_pending_writes    (ClosenessStore  *self);
gboolean        closeness_store_get_replacing         (ClosenessStore  *self);
gboolean        closeness_store_retry_pending         (ClosenessStore  *self,
                                                       GError         **error);
void            closeness_store_check_for_changes     (ClosenessStore  *self);
void            closeness_store_schedule_maintenance  (ClosenessStore  *self);

/* Partners and app state */
GListModel     *closeness_store_get_partners          (ClosenessStore  *self);
gboolean        closeness_store_update_partner        (ClosenessStore  *self,
                                                       guint            slot,
                                                       const char      *name,
                                                       const char      *color,
                                                       GError         **error);
char           *closeness_store_dup_state             (ClosenessStore  *self,
                                                       const char      *key);
gboolean        closeness_store_set_state             (ClosenessStore  *self,
                                                       const char      *key,
                                                       const char      *value,
                                                       GError         **error);

/* Decks and prompts */
gboolean        closeness_store_sync_library (ClosenessStore               *self,
                                              const char                   *library_version,
                                              const ClosenessLibraryDeck   *decks,
                                              guint                         n_decks,
                                              const ClosenessLibraryPrompt *prompts,
                                              guint                         n_prompts,
                                              GError                      **error);
GListModel     *closeness_store_get_decks             (ClosenessStore  *self);
ClosenessDeck  *closeness_store_create_deck           (ClosenessStore  *self,
                                                       const char      *name,
                                                       const char      *description,
                                                       GError         **error);
gboolean        closeness_store_update_deck           (ClosenessStore  *self,
                                                       gint64           deck_id,
                                                       const char      *name,
                                                       const char      *description,
                                                       GError         **error);
gboolean        closeness_store_delete_deck           (ClosenessStore  *self,
                                                       gint64           deck_id,
                                                       GError         **error);
gboolean        closeness_store_undelete_deck         (ClosenessStore  *self,
                                                       gint64           deck_id,
                                                       GError         **error);
GListModel     *closeness_store_get_prompts           (ClosenessStore  *self);
GListModel     *closeness_store_get_deck_prompts      (ClosenessStore  *self,
                                                       gint64           deck_id);
GArray         *closeness_store_get_prompt_keys       (ClosenessStore  *self,
                                                       GError         **error);
ClosenessPrompt *closeness_store_get_prompt           (ClosenessStore  *self,
                                                       gint64           prompt_id);
ClosenessPrompt *closeness_store_create_prompt        (ClosenessStore  *self,
                                                       gint64           deck_id,
                                                       const char      *text,
                                                       const char      *follow_up,
                                                       ClosenessIntensity intensity,
                                                       GError         **error);
gboolean        closeness_store_update_prompt         (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *text,
                                                       const char      *follow_up,
                                                       ClosenessIntensity intensity,
                                                       GError         **error);
gboolean        closeness_store_delete_prompt         (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       GError         **error);
gboolean        closeness_store_undelete_prompt       (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       GError         **error);
gboolean        closeness_store_set_favourite         (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       gboolean         favourite,
                                                       GError         **error);
gboolean        closeness_store_mark_discussed        (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *day,
                                                       GError         **error);
gboolean        closeness_store_unmark_discussed      (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *day,
                                                       GError         **error);
char          **closeness_store_dup_discussed_days    (ClosenessStore  *self,
                                                       gint64           prompt_id);
gboolean        closeness_store_skip_prompt           (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *day,
                                                       GError         **error);
gboolean        closeness_store_mark_seen             (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *day,
                                                       GError         **error);
GArray         *closeness_store_dup_seen_since        (ClosenessStore  *self,
                                                       const char      *since_day);

/* Answers and notes */
GListModel     *closeness_store_get_answers           (ClosenessStore  *self,
                                                       gint64           prompt_id);
gboolean        closeness_store_set_answer            (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       guint            slot,
                                                       const char      *text,
                                                       GError         **error);
char           *closeness_store_dup_note              (ClosenessStore  *self,
                                                       gint64           prompt_id);
gboolean        closeness_store_set_note              (ClosenessStore  *self,
                                                       gint64           prompt_id,
                                                       const char      *text,
                                                       GError         **error);

/* Events and reminders */
GListModel     *closeness_store_get_events            (ClosenessStore            *self);
GListModel     *closeness_store_get_reminded_events   (ClosenessStore            *self);
ClosenessEvent *closeness_store_create_event          (ClosenessStore            *self,
                                                       const ClosenessEventInfo  *info,
                                                       GError                   **error);
gboolean        closeness_store_update_event          (ClosenessStore            *self,
                                                       gint64                     event_id,
                                                       const ClosenessEventInfo  *info,
                                                       GError                   **error);
gboolean        closeness_store_delete_event          (ClosenessStore            *self,
                                                       gint64                     event_id,
                                                       GError                   **error);
gboolean        closeness_store_undelete_event        (ClosenessStore            *self,
                                                       gint64                     event_id,
                                                       GError                   **error);
gboolean        closeness_store_check_event           (const ClosenessEventInfo       *info,
                                                       const ClosenessEventReminders  *reminders,
                                                       GError                        **error);
gboolean        closeness_store_add_events            (ClosenessStore                 *self,
                                                       const ClosenessEventInfo       *events,
                                                       guint                           n_events,
                                                       const ClosenessEventReminders  *reminders,
                                                       guint                          *n_added,
                                                       guint                          *n_updated,
                                                       GError                        **error);
GPtrArray      *closeness_store_query_events          (ClosenessStore                 *self,
                                                       gint64                          from_utc,
                                                       gint64                          to_utc,
                                                       GError                        **error);
GListModel     *closeness_store_get_reminders         (ClosenessStore            *self);
gint64          closeness_store_add_event_reminder    (ClosenessStore            *self,
                                                       gint64                     event_id,
                                                       int                        offset_minutes,
                                                       GError                   **error);
gint64          closeness_store_add_activity_reminder (ClosenessStore            *self,
                                                       gint64                     activity_id,
                                                       const char                *time_of_day,
                                                       guint                      weekdays,
                                                       GError                   **error);
gboolean        closeness_store_delete_reminder       (ClosenessStore            *self,
                                                       gint64                     reminder_id,
                                                       GError                   **error);
gboolean        closeness_store_set_reminder_state    (ClosenessStore            *self,
                                                       gint64                     reminder_id,
                                                       gint64                     snoozed_until,
                                                       gint64                     last_fired_at,
                                                       gboolean                   enabled,
                                                       GError                   **error);

/* Self-care */
GListModel     *closeness_store_get_activities        (ClosenessStore              *self);
ClosenessActivity *closeness_store_create_activity    (ClosenessStore              *self,
                                                       const ClosenessActivityInfo *info,
                                                       GError                     **error);
gboolean        closeness_store_update_activity       (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       const ClosenessActivityInfo *info,
                                                       GError                     **error);
gboolean        closeness_store_set_activity_archived (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       gboolean                     archived,
                                                       GError                     **error);
gboolean        closeness_store_set_activity_order    (ClosenessStore              *self,
                                                       const gint64                *ids,
                                                       guint                        n_ids,
                                                       GError                     **error);
gboolean        closeness_store_delete_activity       (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       GError                     **error);
gboolean        closeness_store_undelete_activity     (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       GError                     **error);
GListModel     *closeness_store_get_entries           (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       const char                  *first_day,
                                                       const char                  *last_day);
GArray         *closeness_store_query_entry_days      (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       GError                     **error);
GArray         *closeness_store_query_entry_days_since (ClosenessStore             *self,
                                                        gint64                      activity_id,
                                                        const char                 *first_day,
                                                        gboolean                   *earlier,
                                                        GError                    **error);
GArray         *closeness_store_query_entry_days_between (ClosenessStore           *self,
                                                          gint64                    activity_id,
                                                          const char               *first_day,
                                                          const char               *before_day,
                                                          gboolean                 *earlier,
                                                          GError                  **error);
ClosenessEntry *closeness_store_dup_entry             (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       guint                        slot,
                                                       const char                  *day);
gint64          closeness_store_log_entry             (ClosenessStore              *self,
                                                       const ClosenessEntryInfo    *info,
                                                       GError                     **error);
gboolean        closeness_store_remove_entry          (ClosenessStore              *self,
                                                       gint64                       activity_id,
                                                       guint                        slot,
                                                       const char                  *day,
                                                       GError                     **error);
gboolean        closeness_store_add_entries           (ClosenessStore              *self,
                                                       const ClosenessEntryInfo    *entries,
                                                       guint                        n_entries,
                                                       guint                       *n_added,
                                                       guint                       *n_updated,
                                                       GError                     **error);

/* Backups, export and import */
void            closeness_store_backup_now_async      (ClosenessStore       *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
ClosenessBackup *closeness_store_backup_now_finish    (ClosenessStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
GListModel     *closeness_store_list_backups          (ClosenessStore       *self);
void            closeness_store_restore_backup_async  (ClosenessStore       *self,
                                                       ClosenessBackup      *backup,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        closeness_store_restore_backup_finish (ClosenessStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            closeness_store_export_async          (ClosenessStore       *self,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        closeness_store_export_finish         (ClosenessStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            closeness_store_import_async          (ClosenessStore       *self,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        closeness_store_import_finish         (ClosenessStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Calendar sync (closeness-store-sync.c) */
typedef struct
{
  char   *uid;
  gint64  seq;
} ClosenessSyncChange;

void        closeness_sync_change_free                (ClosenessSyncChange  *change);
char       *closeness_store_dup_sync_state            (ClosenessStore       *self,
                                                       const char           *key);
gboolean    closeness_store_set_sync_state            (ClosenessStore       *self,
                                                       const char           *key,
                                                       const char           *value,
                                                       GError              **error);
gboolean    closeness_store_start_sync                (ClosenessStore       *self,
                                                       const char           *calendar,
                                                       GError              **error);
gboolean    closeness_store_stop_sync                 (ClosenessStore       *self,
                                                       GError              **error);
void        closeness_store_set_applying_sync         (ClosenessStore       *self,
                                                       gboolean              applying);
GPtrArray  *closeness_store_list_sync_outbox          (ClosenessStore       *self);
gboolean    closeness_store_finish_sync_change        (ClosenessStore       *self,
                                                       const char           *uid,
                                                       gint64                seq,
                                                       GError              **error);
gboolean    closeness_store_get_sync_resource         (ClosenessStore       *self,
                                                       const char           *uid,
                                                       char                **href,
                                                       char                **etag,
                                                       char                **base);
GStrv       closeness_store_list_sync_sent            (ClosenessStore       *self,
                                                       const char           *uid);
gboolean    closeness_store_note_sync_sending         (ClosenessStore       *self,
                                                       const char           *uid,
                                                       const char           *href,
                                                       const char           *data,
                                                       GError              **error);
GHashTable *closeness_store_list_sync_resources       (ClosenessStore       *self);
char       *closeness_store_find_sync_uid             (ClosenessStore       *self,
                                                       const char           *href);
gboolean    closeness_store_set_sync_resource         (ClosenessStore       *self,
                                                       const char           *uid,
                                                       const char           *href,
                                                       const char           *etag,
                                                       const char           *base,
                                                       GError              **error);
gboolean    closeness_store_remove_events_for_sync    (ClosenessStore       *self,
                                                       const char           *uid,
                                                       const char * const   *keep,
                                                       GError              **error);

/* Couple sync (closeness-store-couple*.c): the couple's shared records
 * under stable keys, versioned by the devices' hybrid logical clocks. */
typedef struct
{
  char     *key;      /* "answer:GID:SLOT", … (closeness-store-couple.c) */
  char     *version;  /* a hybrid logical clock's timestamp; NULL: never synced */
  GVariant *value;    /* a{sv}; NULL: the record is gone */
} ClosenessCoupleRecord;

typedef struct
{
  char   *key;
  gint64  changed_at;  /* ms since 1970, when it changed here */
} ClosenessCoupleChange;

typedef struct
{
  guint applied;
  guint stale;     /* not newer than what is here */
  guint waiting;   /* all records here still waiting for their deck, prompt or activity */
  guint refused;   /* not a record Closeness writes: never applied */
} ClosenessCoupleApplyCounts;

ClosenessCoupleRecord *closeness_couple_record_new   (const char                   *key,
                                                      const char                   *version,
                                                      GVariant                     *value);
void        closeness_couple_record_free              (ClosenessCoupleRecord        *record);
void        closeness_couple_change_free              (ClosenessCoupleChange        *change);
gboolean    closeness_couple_key_is_valid             (const char                   *key);
int         closeness_couple_key_get_owner            (const char                   *key);

gboolean    closeness_store_couple_set_enabled        (ClosenessStore               *self,
                                                       gboolean                      enabled,
                                                       GError                      **error);
gboolean    closeness_store_couple_get_enabled        (ClosenessStore               *self);
GPtrArray  *closeness_store_couple_list_changes       (ClosenessStore               *self);
ClosenessCoupleRecord *closeness_store_couple_read    (ClosenessStore               *self,
                                                       const char                   *key,
                                                       GError                      **error);
void        closeness_store_couple_stamp              (ClosenessStore               *self,
                                                       ClosenessCoupleRecord        *record,
                                                       const char                   *version);
gboolean    closeness_store_couple_mark_sent          (ClosenessStore               *self,
                                                       GPtrArray                    *records,
                                                       const gint64                 *changed_at,
                                                       GError                      **error);
GStrv       closeness_store_couple_list_keys          (ClosenessStore               *self);
gboolean    closeness_store_couple_note_change        (ClosenessStore               *self,
                                                       const char                   *key,
                                                       GError                      **error);
char       *closeness_store_couple_dup_state          (ClosenessStore               *self,
                                                       const char                   *key);
gboolean    closeness_store_couple_set_states         (ClosenessStore               *self,
                                                       GHashTable                   *states,
                                                       GError                      **error);
gboolean    closeness_store_couple_has_sealed_answer  (ClosenessStore               *self,
                                                       gint64                        prompt_id,
                                                       guint                         slot);
gboolean    closeness_store_couple_apply              (ClosenessStore               *self,
                                                       GPtrArray                    *records,
                                                       ClosenessCoupleApplyCounts   *counts,
                                                       GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCoupleRecord, closeness_couple_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCoupleApplyCounts, g_rc_box_release)

G_END_DECLS
