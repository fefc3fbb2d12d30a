/* test-user-text.c: what the couple types shows as they typed it, and is
 * never printed, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 reads row titles and subtitles, toast titles, status page
 * descriptions and group descriptions as Pango markup. A name such as
 * "Massage & kisses <3" then shows as nothing, and GTK prints it in a
 * warning: on the journal, for anyone who reads it. Here every kind of text
 * a couple writes contains & < > and ", goes through each page, and must
 * show verbatim, with no warning or critical logged along the way.
 */

#include "config.h"

#include "closeness-partner-group.h"
#include "closeness-preferences-window.h"
#include "closeness-test-utils.h"
#include "calendar/closeness-calendar-page.h"
#include "calendar/closeness-event-editor.h"
#include "conversations/closeness-conversations-page.h"
#include "conversations/closeness-prompt-library.h"
#include "selfcare/closeness-activity-detail.h"
#include "selfcare/closeness-activity-row.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-page.h"

#define PARTNER_1  "Ana & Jo <3"
#define PARTNER_2  "\"Sam\" > all"
#define ACTIVITY   "Massage & kisses <3"
#define DECK       "Us & \"them\" <3>"
#define QUESTION   "What would you do for <3 & \"us\"?"
#define EVENING    "Dinner & \"dance\" <3"
#define EVENT_NOTE "Bring <wine> & \"cake\""
#define DAY_NOTE   "Felt <b>great</b> & \"calm\""

/* Messages at warning level or worse, while a test runs. */
static GPtrArray *logged;

static void
assert_nothing_logged (void)
{
  /* Each message was printed as it came. */
  g_assert_cmpuint (logged->len, ==, 0);
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  /* The deck cards' names and descriptions. */
  if (GTK_IS_INSCRIPTION (root)
      && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShowsWait;

static gboolean
shows_label_cond (gpointer user_data)
{
  ShowsWait *wait = user_data;

  return shows_label (wait->root, wait->text);
}

/* Waits until a label (or inscription) below @root reads @text, exactly. */
static void
assert_shows (GtkWidget  *root,
              const char *text)
{
  ShowsWait wait = { root, text };
  g_autofree char *what = g_strdup_printf ("a label to read “%s”", text);

  closeness_test_wait_until (shows_label_cond, &wait, what);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWindow *
new_window (GtkWidget *content)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, 1280, 900);
  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_window_present (window);
  closeness_test_resize (window, 1280, 900);

  return window;
}

typedef struct
{
  ClosenessStore *store;
  gint64          activity_id;
  gint64          deck_id;
  gint64          prompt_id;
  ClosenessEvent *event;
} Couple;

static void
couple_init (Couple *couple)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *start = g_date_time_format (now, "%Y-%m-%dT21:00:00");
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  ClosenessActivityInfo activity_info = {
    .name = ACTIVITY, .icon = "starred-symbolic", .color = "#3584e4",
    .owner = CLOSENESS_OWNER_BOTH, .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
  };
  ClosenessEventInfo event_info = { 0, };

  couple->store = closeness_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_library_sync (couple->store, &error));
  g_assert_true (closeness_store_update_partner (couple->store, 0, PARTNER_1, "", &error));
  g_assert_true (closeness_store_update_partner (couple->store, 1, PARTNER_2, "", &error));

  activity = closeness_store_create_activity (couple->store, &activity_info, &error);
  g_assert_no_error (error);
  couple->activity_id = closeness_record_get_id (CLOSENESS_RECORD (activity));

  deck = closeness_store_create_deck (couple->store, DECK, "", &error);
  g_assert_no_error (error);
  couple->deck_id = closeness_record_get_id (CLOSENESS_RECORD (deck));
  prompt = closeness_store_create_prompt (couple->store, couple->deck_id, QUESTION, NULL,
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  couple->prompt_id = closeness_record_get_id (CLOSENESS_RECORD (prompt));

  event_info.summary = EVENING;
  event_info.dtstart = start;
  event_info.tzid = "Europe/Berlin";
  event_info.duration_minutes = 90;
  event_info.planned_by = CLOSENESS_PLANNED_BY_PARTNER_1;
  event_info.deck_id = couple->deck_id;
  event_info.notes = EVENT_NOTE;
  couple->event = closeness_store_create_event (couple->store, &event_info, &error);
  g_assert_no_error (error);
}

static void
couple_clear (Couple *couple)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  closeness_test_settle ();

  g_clear_object (&couple->event);
  g_clear_object (&couple->store);
}

static void
check_selfcare (Couple *couple)
{
  ClosenessSelfcarePage *page;
  GtkWindow *window;
  GtkWidget *row;
  GtkWidget *detail;
  GtkWidget *note_row;
  g_autofree char *today = closeness_habit_format_day (closeness_habit_today ());
  ClosenessEntryInfo entry = { couple->activity_id, 0, today, CLOSENESS_ENTRY_DONE, DAY_NOTE };

  page = CLOSENESS_SELFCARE_PAGE (closeness_selfcare_page_new (couple->store));
  window = new_window (GTK_WIDGET (page));

  /* The activity's row, and the toast after ticking it. */
  row = closeness_selfcare_page_get_row (page, couple->activity_id);
  g_assert_nonnull (row);
  assert_shows (row, ACTIVITY);
  gtk_check_button_set_active (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0),
                               TRUE);
  assert_shows (GTK_WIDGET (window), ACTIVITY ": done today");

  /* Both names on the boxes of "Both of You". */
  closeness_selfcare_page_set_view (page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  row = closeness_selfcare_page_get_row (page, couple->activity_id);
  assert_shows (row, ACTIVITY);
  assert_shows (row, PARTNER_1);
  assert_shows (row, PARTNER_2);
  closeness_selfcare_page_set_view (page, CLOSENESS_SELFCARE_VIEW_ME);

  /* The detail, with today's note. */
  g_assert_cmpint (closeness_store_log_entry (couple->store, &entry, NULL), >, 0);
  g_assert_true (closeness_selfcare_page_show_activity (page, couple->activity_id));
  detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                      CLOSENESS_TYPE_SELFCARE_PAGE, "detail"));
  assert_shows (GTK_WIDGET (gtk_widget_get_template_child (detail, CLOSENESS_TYPE_ACTIVITY_DETAIL,
                                                           "detail_name")),
                ACTIVITY);
  note_row = GTK_WIDGET (gtk_widget_get_template_child (detail, CLOSENESS_TYPE_ACTIVITY_DETAIL,
                                                        "note_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note_row)), ==, DAY_NOTE);

  /* The toast after deleting it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "selfcare.delete-activity", NULL));
  assert_shows (GTK_WIDGET (window), "“" ACTIVITY "” deleted");
  g_assert_true (closeness_selfcare_page_undo (page));

  gtk_window_destroy (window);
  closeness_test_settle ();
}

static void
check_conversations (Couple *couple)
{
  ClosenessConversationsPage *page;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  GtkWindow *window;

  page = CLOSENESS_CONVERSATIONS_PAGE (closeness_conversations_page_new (couple->store));
  window = new_window (GTK_WIDGET (page));

  /* The deck's card, its list and the question in it. */
  assert_shows (GTK_WIDGET (window), DECK);
  closeness_conversations_page_open_deck (page, couple->deck_id);
  assert_shows (GTK_WIDGET (window), QUESTION);

  /* The question open, with each partner's answer row. */
  prompt = closeness_store_get_prompt (couple->store, couple->prompt_id);
  g_assert_nonnull (prompt);
  closeness_conversations_page_open_prompt (page, prompt);
  assert_shows (GTK_WIDGET (closeness_conversations_page_get_prompt_view (page)), QUESTION);
  assert_shows (GTK_WIDGET (closeness_conversations_page_get_prompt_view (page)), PARTNER_1);
  assert_shows (GTK_WIDGET (closeness_conversations_page_get_prompt_view (page)), PARTNER_2);

  gtk_window_destroy (window);
  closeness_test_settle ();
}

static void
check_calendar (Couple *couple)
{
  ClosenessCalendarPage *page;
  ClosenessEventEditor *editor;
  GtkWindow *window;
  GtkWidget *title_row;
  g_autofree char *notes = NULL;

  page = CLOSENESS_CALENDAR_PAGE (closeness_calendar_page_new (couple->store));
  window = new_window (GTK_WIDGET (page));

  /* The evening in the agenda. */
  assert_shows (GTK_WIDGET (window), EVENING);

  /* Opened: its title, its notes, who planned it and its deck. */
  editor = closeness_event_editor_new (window, couple->store, couple->event, 0, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  title_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                         CLOSENESS_TYPE_EVENT_EDITOR, "title_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, EVENING);
  notes = text_view_text (GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                       CLOSENESS_TYPE_EVENT_EDITOR,
                                                                       "notes_view")));
  g_assert_cmpstr (notes, ==, EVENT_NOTE);
  assert_shows (GTK_WIDGET (editor), PARTNER_1);
  assert_shows (GTK_WIDGET (editor), DECK);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (window);
  closeness_test_settle ();
}

static void
check_preferences (Couple *couple)
{
  ClosenessPreferencesWindow *prefs = closeness_preferences_window_new (couple->store);
  GtkWidget *group;
  GtkWidget *first, *second;

  gtk_window_present (GTK_WINDOW (prefs));
  closeness_test_wait_for_drawn (GTK_WIDGET (prefs));

  group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                     CLOSENESS_TYPE_PREFERENCES_WINDOW,
                                                     "partner_group"));
  first = GTK_WIDGET (gtk_widget_get_template_child (group, CLOSENESS_TYPE_PARTNER_GROUP,
                                                     "first_name_row"));
  second = GTK_WIDGET (gtk_widget_get_template_child (group, CLOSENESS_TYPE_PARTNER_GROUP,
                                                      "second_name_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, PARTNER_1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (second)), ==, PARTNER_2);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_user_text_verbatim (void)
{
  Couple couple;

  /* A warning is a failed assertion at the end of the test, with the
   * messages listed, not an abort at the first one. */
  logged = g_ptr_array_new_with_free_func (g_free);
  closeness_test_collect_log (logged);
  couple_init (&couple);

  check_selfcare (&couple);
  check_conversations (&couple);
  check_calendar (&couple);
  check_preferences (&couple);
  closeness_test_settle ();

  couple_clear (&couple);
  closeness_test_collect_log (NULL);
  assert_nothing_logged ();
  g_clear_pointer (&logged, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/user-text/verbatim", test_user_text_verbatim);

  return g_test_run ();
}
