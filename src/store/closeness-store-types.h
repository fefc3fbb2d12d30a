/* closeness-store-types.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLOSENESS_STORE_ERROR (closeness_store_error_quark ())

typedef enum
{
  CLOSENESS_STORE_ERROR_CORRUPT,       /* the file is damaged and could not be recovered */
  CLOSENESS_STORE_ERROR_READ_ONLY,     /* the folder or file cannot be written */
  CLOSENESS_STORE_ERROR_DISK_FULL,     /* no space left */
  CLOSENESS_STORE_ERROR_TOO_NEW,       /* written by a newer Closeness; left untouched */
  CLOSENESS_STORE_ERROR_BUSY,          /* another process held the database too long */
  CLOSENESS_STORE_ERROR_INVALID_INPUT, /* the caller passed something the store refuses */
  CLOSENESS_STORE_ERROR_NOT_FOUND,     /* no such row */
  CLOSENESS_STORE_ERROR_FAILED,        /* anything else */
  CLOSENESS_STORE_ERROR_PENDING,       /* changes wait to be saved: replacing the data must wait */
  CLOSENESS_STORE_ERROR_REPLACING,     /* the data is being replaced: edits must wait */
} ClosenessStoreError;

GQuark closeness_store_error_quark (void);

/* Longest text the store accepts for answers, notes, prompts (in characters). */
#define CLOSENESS_STORE_MAX_TEXT 100000
/* Longest partner or activity name (in characters). */
#define CLOSENESS_STORE_MAX_NAME 60
/* Longest deck name or event title (in characters). */
#define CLOSENESS_STORE_MAX_TITLE 200

typedef enum
{
  CLOSENESS_INTENSITY_GENTLE = 0,
  CLOSENESS_INTENSITY_WARM   = 1,
  CLOSENESS_INTENSITY_SPICY  = 2,
} ClosenessIntensity;

typedef enum
{
  CLOSENESS_OWNER_PARTNER_1 = 0,
  CLOSENESS_OWNER_PARTNER_2 = 1,
  CLOSENESS_OWNER_BOTH      = 2,
} ClosenessOwner;

typedef enum
{
  CLOSENESS_PLANNED_BY_NOBODY    = -1,
  CLOSENESS_PLANNED_BY_PARTNER_1 = 0,
  CLOSENESS_PLANNED_BY_PARTNER_2 = 1,
  CLOSENESS_PLANNED_BY_BOTH      = 2,
} ClosenessPlannedBy;

typedef enum
{
  CLOSENESS_GOAL_DAILY   = 0,
  CLOSENESS_GOAL_WEEKLY  = 1,
  CLOSENESS_GOAL_MONTHLY = 2,
} ClosenessGoalKind;

typedef enum
{
  CLOSENESS_ENTRY_DONE = 0,
  CLOSENESS_ENTRY_REST = 1,
} ClosenessEntryKind;

/* Whether an activity is ticked (done or not) or measured: a day of a
 * measured activity counts once its amount reaches the daily target. */
typedef enum
{
  CLOSENESS_ACTIVITY_YES_NO     = 0,
  CLOSENESS_ACTIVITY_MEASURABLE = 1,
} ClosenessActivityKind;

/* Most days between two times of an "every N days" goal. */
#define CLOSENESS_STORE_MAX_INTERVAL_DAYS 365
/* Largest daily target or logged amount (of any unit). */
#define CLOSENESS_STORE_MAX_AMOUNT 1000000.0
/* Longest unit ("minutes", "km", "pages"), in characters. */
#define CLOSENESS_STORE_MAX_UNIT 20

/* A built-in deck or prompt as shipped in the library; matched by key so
 * a library upgrade never loses answers, favourites or history. Text is the
 * untranslated msgid; the UI translates it. */
typedef struct
{
  const char *key;
  const char *name;
  const char *description;
} ClosenessLibraryDeck;

typedef struct
{
  const char         *key;
  const char         *deck_key;
  const char         *text;
  const char         *follow_up;   /* NULL or "" for none */
  ClosenessIntensity  intensity;
} ClosenessLibraryPrompt;

/* What choosing among the prompts and counting a deck's progress need,
 * without their text: one per prompt of closeness_store_get_prompts() (see
 * closeness_store_get_prompt_keys()). */
typedef struct
{
  gint64              id;
  gint64              deck_id;
  ClosenessIntensity  intensity;
  gboolean            retired;
  gboolean            discussed;    /* on at least one day */
  char               *builtin_key;  /* NULL for a couple's own prompt */
} ClosenessPromptKey;

/* The longest event: a year's sabbatical or a long holiday fits, and every
 * window query and expansion stays bounded. */
#define CLOSENESS_STORE_MAX_DURATION_MINUTES (366 * 24 * 60)

/* What an event is made of. NULL strings mean "" except where noted. */
typedef struct
{
  const char         *uid;              /* NULL: the store makes one */
  const char         *recurrence_id;    /* NULL/"": a series or single event */
  const char         *summary;          /* required, 1–200 characters */
  const char         *dtstart;          /* 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD' */
  const char         *tzid;             /* IANA name or NULL/"" (floating) */
  int                 duration_minutes; /* 1 … CLOSENESS_STORE_MAX_DURATION_MINUTES */
  const char         *rrule;
  const char         *exdates;
  ClosenessPlannedBy  planned_by;
  gint64              deck_id;          /* 0: none */
  const char         *notes;
  const char         *ical_raw;         /* NULL: none */
  const char         *etag;             /* NULL: none */
  const char         *href;             /* NULL: none */
} ClosenessEventInfo;

/* Most reminders one event can have in closeness_store_add_events(). */
#define CLOSENESS_STORE_MAX_EVENT_REMINDERS 5

/* The reminders of one event in closeness_store_add_events(): each offset
 * is minutes before the start, 0 … 40320 (four weeks). */
typedef struct
{
  const int *offsets;
  guint      n_offsets;    /* 0 … CLOSENESS_STORE_MAX_EVENT_REMINDERS */
} ClosenessEventReminders;

typedef struct
{
  const char        *builtin_key;  /* NULL for custom activities */
  const char        *name;         /* required, 1–60 characters */
  const char        *icon;
  const char        *color;        /* "" or "#rrggbb" */
  ClosenessOwner     owner;
  gboolean           is_private;
  ClosenessGoalKind  goal_kind;
  int                goal_count;   /* daily: 1; weekly: 1–7; monthly: 1–31 */
  ClosenessActivityKind kind;      /* yes/no (zero) or measurable */
  const char        *unit;         /* measurable: "minutes", "km", …; NULL or "" otherwise */
  double             target;       /* measurable: the amount per day, > 0; otherwise 0 */
  int                interval_days; /* daily goal: every N days, 1 … 365 (0 means 1);
                                     * weekly and monthly goals: 0 */
} ClosenessActivityInfo;

typedef struct
{
  gint64              activity_id;
  guint               slot;        /* 0 or 1 */
  const char         *day;         /* 'YYYY-MM-DD', 1900-01-01 … tomorrow */
  ClosenessEntryKind  kind;
  const char         *note;        /* NULL or "" for none */
  gboolean            has_value;   /* FALSE (zero): no amount, as for yes/no activities */
  double              value;       /* the amount, 0 … CLOSENESS_STORE_MAX_AMOUNT */
} ClosenessEntryInfo;

/* One day of an activity as closeness_store_query_entry_days() gives it:
 * both partners' entries, no note, no object, the day already a number. */
typedef struct
{
  guint32  day;       /* Julian day (g_date_get_julian (): 1 is 0001-01-01) */
  gint8    kinds[2];  /* each partner's ClosenessEntryKind, or -1 for none */
  float    values[2]; /* each partner's amount, or -1 for none */
} ClosenessEntryDay;

G_END_DECLS

#include "store/closeness-store-enums.h"
