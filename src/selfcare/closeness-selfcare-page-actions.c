/* closeness-selfcare-page-actions.c: what the Self-Care page does when asked.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logging a day (with Undo), editing and deleting activities, reminders,
 * and the CSV import and export, which read and write off the main thread.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-activity-editor.h"
#include "closeness-habit-logic.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-csv.h"
#include "closeness-selfcare-page-private.h"
#include "closeness-toast.h"
#include "closeness-undo.h"

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
  double                 value;    /* -1: none */
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

/* Toasts and messages */

void
_closeness_selfcare_page_show_toast (ClosenessSelfcarePage *self,
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
  _closeness_selfcare_page_show_toast (self, toast);
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

/* Logging and Undo */

static void
undo_entry_cb (AdwToast  *toast,
               EntryUndo *undo)
{
  ClosenessSelfcarePage *self = undo->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo->existed)
    {
      ClosenessEntryInfo info = { undo->activity_id, undo->slot, undo->day, undo->kind, undo->note,
                                  undo->value >= 0, MAX (undo->value, 0) };

      ok = closeness_store_log_entry (self->store, &info, &error) > 0;
    }
  else
    ok =
      closeness_store_remove_entry (self->store, undo->activity_id, undo->slot, undo->day, &error);

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
  g_autoptr(ClosenessEntry) entry = NULL;

  entry = closeness_store_dup_entry (self->store, activity_id, slot, day);
  undo->self = self;
  undo->activity_id = activity_id;
  undo->slot = slot;
  g_strlcpy (undo->day, day, sizeof undo->day);
  undo->existed = entry != NULL;
  if (entry != NULL)
    {
      undo->kind = closeness_entry_get_kind (entry);
      undo->note = g_strdup (closeness_entry_get_note (entry));
      undo->value = closeness_entry_get_value (entry);
    }

  return undo;
}

static void
show_undo_toast (ClosenessSelfcarePage *self,
                 const char            *title,
                 EntryUndo             *undo)
{
  AdwToast *toast = closeness_undo_toast_new (GTK_WIDGET (self), title);

  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_entry_cb), undo,
                         entry_undo_closure_free, 0);
  _closeness_selfcare_page_show_toast (self, toast);
}

static gboolean
write_entry (ClosenessSelfcarePage *self,
             gint64                 activity_id,
             guint                  slot,
             const char            *day,
             gboolean               remove,
             ClosenessEntryKind     kind,
             const char            *note,
             double                 value,
             const char            *title)
{
  EntryUndo *undo = remember_entry (self, activity_id, slot, day);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (remove)
    ok = closeness_store_remove_entry (self->store, activity_id, slot, day, &error);
  else
    {
      ClosenessEntryInfo info = { activity_id, slot, day, kind, note, value >= 0, MAX (value, 0) };

      ok = closeness_store_log_entry (self->store, &info, &error) > 0;
    }

  if (!ok)
    {
      entry_undo_free (undo);
      show_error (self, error);
      return FALSE;
    }

  show_undo_toast (self, title, undo);

  return TRUE;
}

/* Today's entry from a row's box or amount; the day's note is kept. */
static void
log_today_from_row (ClosenessSelfcarePage *self,
                    ClosenessActivityRow  *row,
                    guint                  slot,
                    gboolean               remove,
                    double                 value,
                    const char            *title)
{
  gint64 id =
    closeness_record_get_id (CLOSENESS_RECORD (closeness_activity_row_get_activity (row)));
  g_autofree char *day = closeness_habit_format_day (self->today);
  g_autoptr(ClosenessEntry) entry = closeness_store_dup_entry (self->store, id, slot, day);

  if (!write_entry (self, id, slot, day, remove, CLOSENESS_ENTRY_DONE,
                    entry != NULL ? closeness_entry_get_note (entry) : NULL, value, title))
    /* The row shows what is saved, not what was clicked. */
    closeness_activity_row_reload (row);
}

void
_closeness_selfcare_page_done_toggled (ClosenessActivityRow  *row,
                                       guint                  slot,
                                       gboolean               done,
                                       ClosenessSelfcarePage *self)
{
  g_autofree char *name =
    closeness_selfcare_activity_dup_name (closeness_activity_row_get_activity (row));
  g_autofree char *title = NULL;

  /* Translators: toasts after ticking or unticking "Done today" for an activity */
  title = g_strdup_printf (done ? _("%s: done today") : _("%s: cleared for today"), name);
  log_today_from_row (self, row, slot, !done, -1, title);
}

/* Today's amount of a measured activity, from its row. */
void
_closeness_selfcare_page_amount_logged (ClosenessActivityRow  *row,
                                        guint                  slot,
                                        double                 amount,
                                        ClosenessSelfcarePage *self)
{
  ClosenessActivity *activity = closeness_activity_row_get_activity (row);
  g_autofree char *name = closeness_selfcare_activity_dup_name (activity);
  g_autofree char *progress = NULL;
  g_autofree char *title = NULL;

  progress = closeness_habit_describe_amount (amount, closeness_activity_get_target (activity),
                                              closeness_activity_get_unit (activity));
  /* Translators: a toast after logging a measured activity: "Reading: 20 of 30 pages today" */
  title = g_strdup_printf (_("%s: %s today"), name, progress);
  log_today_from_row (self, row, slot, FALSE, amount, title);
}

static void
log_day (ClosenessSelfcarePage *self,
         gboolean               remove,
         ClosenessEntryKind     kind)
{
  ClosenessActivity *activity = closeness_activity_detail_get_activity (self->detail);
  g_autofree char *day = NULL;
  const char *title;

  if (activity == NULL || !closeness_activity_detail_check_selected_day (self->detail))
    return;

  day = closeness_habit_format_day (closeness_activity_detail_get_selected_day (self->detail));
  if (remove)
    title = _("Day cleared");
  else if (kind == CLOSENESS_ENTRY_REST)
    title = _("Rest day saved");
  else
    title = _("Saved as done");

  write_entry (self, closeness_record_get_id (CLOSENESS_RECORD (activity)), self->me, day, remove,
               kind, closeness_activity_detail_get_note (self->detail),
               kind == CLOSENESS_ENTRY_DONE ? closeness_activity_detail_get_amount (self->detail)
                                            : -1,
               title);
}

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

/* Reminders */

static void
add_reminder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  ClosenessActivity *activity = closeness_activity_detail_get_activity (self->detail);
  g_autofree char *time = NULL;
  g_autoptr(GError) error = NULL;

  if (activity == NULL)
    return;

  time = closeness_activity_detail_dup_reminder_time (self->detail);
  if (closeness_store_add_activity_reminder (self->store,
                                             closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                             time,
                                             closeness_activity_detail_get_reminder_weekdays (
                                               self->detail),
                                             &error)
      == 0)
    show_error (self, error);
  else
    _closeness_selfcare_page_show_toast (self, closeness_toast_new (_("Reminder added")));
}

static void
remove_reminder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!closeness_store_delete_reminder (self->store, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
  else
    _closeness_selfcare_page_show_toast (self, closeness_toast_new (_("Reminder removed")));
}

/* Activities */

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

  if (closeness_activity_detail_get_activity (self->detail) == NULL)
    return;

  activity = g_object_ref (closeness_activity_detail_get_activity (self->detail));
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  name = closeness_selfcare_activity_dup_name (activity);

  if (!closeness_store_delete_activity (self->store, id, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast after deleting an activity, with Undo */
  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = closeness_undo_toast_new (GTK_WIDGET (self), title);
  g_object_set_data (G_OBJECT (toast), "closeness-activity-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undelete_activity_cb), self, 0);
  _closeness_selfcare_page_show_toast (self, toast);
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
        closeness_selfcare_page_show_activity (self, closeness_record_get_id (
                                                       CLOSENESS_RECORD (created)));
    }
}

GtkWidget *
_closeness_selfcare_page_open_editor (ClosenessSelfcarePage *self,
                                      ClosenessActivity     *activity)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ClosenessActivityEditor *editor;

  editor = closeness_activity_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          closeness_store_get_activities (self->store), activity,
                                          (const char * const *) self->partner_names, self->me);
  g_signal_connect_object (editor, "response", G_CALLBACK (editor_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WIDGET (editor);
}

static void
add_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _closeness_selfcare_page_open_editor (CLOSENESS_SELFCARE_PAGE (widget), NULL);
}

static void
edit_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  ClosenessActivity *activity = closeness_activity_detail_get_activity (self->detail);

  if (activity != NULL)
    _closeness_selfcare_page_open_editor (self, activity);
}

/* Order and archive */

/* Frames to wait for a moved row to settle before giving up (it may be in
 * a view that is no longer shown). */
#define ROW_IN_VIEW_FRAMES 30

typedef struct
{
  GtkScrolledWindow *scrolled;
  guint              frames;
  double             last_y;
} RowInView;

/* Once the row has kept its place for a frame (the rows made anew take
 * their sizes over two or three frames), scrolls the list as little as
 * shows it whole. */
static gboolean
row_in_view_tick_cb (GtkWidget     *row,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  RowInView *data = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data->scrolled);
  double page = gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  graphene_rect_t bounds;
  double y;

  if (gtk_widget_get_height (row) == 0 ||
      !gtk_widget_compute_bounds (row, GTK_WIDGET (data->scrolled), &bounds))
    return ++data->frames < ROW_IN_VIEW_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;

  /* Where the row is in the list, whatever the scrolling. */
  y = bounds.origin.y + value;
  if (data->frames++ == 0 || y != data->last_y)
    {
      data->last_y = y;
      return data->frames < ROW_IN_VIEW_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }

  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment, value
                                            + MIN (bounds.origin.y,
                                                   bounds.origin.y + bounds.size.height - page));

  return G_SOURCE_REMOVE;
}

/* Gives the keyboard to a row the list has just made anew, where the
 * activity moved to. GTK's viewport scrolls to a widget that takes the
 * focus, but the new row has no place yet and it would scroll to the top:
 * keep the list where it is and show the row once it is laid out. */
static void
focus_moved_row (ClosenessSelfcarePage *self,
                 GtkWidget             *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scrolled_window);
  double value = gtk_adjustment_get_value (adjustment);
  RowInView *data = g_new0 (RowInView, 1);

  gtk_widget_grab_focus (row);
  gtk_adjustment_set_value (adjustment, value);

  data->scrolled = self->list_scrolled_window;
  gtk_widget_add_tick_callback (row, row_in_view_tick_cb, data, g_free);
}

/* Puts an activity right before @neighbour (or after it, @after), as the
 * person asked with Move Up, Move Down or a drop. Every activity gets its
 * place again, so those this view hides keep theirs among the others. */
static void
place_activity (ClosenessSelfcarePage *self,
                gint64                 id,
                gint64                 neighbour,
                gboolean               after)
{
  GListModel *all = closeness_store_get_activities (self->store);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean found = FALSE;
  GtkWidget *row;

  if (id == neighbour)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (all, i);
      gint64 other = closeness_record_get_id (CLOSENESS_RECORD (activity));

      if (other == id)
        continue;
      if (other == neighbour && !after)
        g_array_append_val (order, id);
      g_array_append_val (order, other);
      if (other == neighbour && after)
        g_array_append_val (order, id);
      found |= other == neighbour;
    }

  /* Nothing to write when the activity is already there. */
  for (guint i = 0; found && i < order->len && !changed; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (all, i);
      gint64 placed = g_array_index (order, gint64, i);

      changed = activity == NULL || closeness_record_get_id (CLOSENESS_RECORD (activity)) != placed;
    }
  if (!changed)
    return;

  if (!closeness_store_set_activity_order (self->store, (const gint64 *) (gpointer) order->data,
                                           order->len, &error))
    {
      show_error (self, error);
      return;
    }

  /* The row is made anew in its place: the keyboard stays with it. */
  row = closeness_selfcare_page_get_row (self, id);
  if (row != NULL)
    focus_moved_row (self, row);
}

/* Moves an activity before the one above it in this view (@step −1) or
 * after the one below it (+1). */
static void
move_activity (ClosenessSelfcarePage *self,
               gint64                 id,
               int                    step)
{
  GListModel *shown = G_LIST_MODEL (self->visible);
  gint64 neighbour = 0;
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (shown, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (activity)) != id)
        continue;
      if ((step < 0 && i > 0) || (step > 0 && i + 1 < n))
        {
          g_autoptr(ClosenessActivity) other = g_list_model_get_item (shown, i + step);

          neighbour = closeness_record_get_id (CLOSENESS_RECORD (other));
        }
      break;
    }

  if (neighbour != 0)
    place_activity (self, id, neighbour, step > 0);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_activity (CLOSENESS_SELFCARE_PAGE (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_activity (CLOSENESS_SELFCARE_PAGE (widget), g_variant_get_int64 (parameter), 1);
}

/* A row dropped on another: (the dropped activity, the row's, whether
 * after it). */
static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 id, neighbour;
  gboolean after;

  g_variant_get (parameter, "(xxb)", &id, &neighbour, &after);
  place_activity (CLOSENESS_SELFCARE_PAGE (widget), id, neighbour, after);
}

static void set_archived (ClosenessSelfcarePage *self,
                          gint64                 id,
                          gboolean               archived,
                          gboolean               with_undo);

static void
undo_archive_cb (AdwToast              *toast,
                 ClosenessSelfcarePage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "closeness-activity-id"));
  gboolean archived = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "closeness-archived"));

  set_archived (self, id, !archived, FALSE);
}

/* Archived: out of today's list and its reminders, history kept. */
static void
set_archived (ClosenessSelfcarePage *self,
              gint64                 id,
              gboolean               archived,
              gboolean               with_undo)
{
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  activity = closeness_record_list_lookup (CLOSENESS_RECORD_LIST (
                                             closeness_store_get_activities (self->store)),
                                           id, NULL);
  if (activity == NULL)
    return;
  g_object_ref (activity);

  if (!closeness_store_set_activity_archived (self->store, id, archived, &error))
    {
      show_error (self, error);
      return;
    }

  if (!with_undo)
    return;

  name = closeness_selfcare_activity_dup_name (activity);
  title = archived
          /* Translators: a toast after archiving an activity, with Undo */
          ? g_strdup_printf (_("“%s” archived"), name)
          /* Translators: a toast after taking an activity out of the archive, with Undo */
          : g_strdup_printf (_("“%s” back in the list"), name);
  toast = closeness_undo_toast_new (GTK_WIDGET (self), title);
  g_object_set_data (G_OBJECT (toast), "closeness-activity-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (toast), "closeness-archived", GINT_TO_POINTER (archived));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_archive_cb), self, 0);
  _closeness_selfcare_page_show_toast (self, toast);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (CLOSENESS_SELFCARE_PAGE (widget), g_variant_get_int64 (parameter), TRUE, TRUE);
}

static void
unarchive_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_archived (CLOSENESS_SELFCARE_PAGE (widget), g_variant_get_int64 (parameter), FALSE, TRUE);
}

/* CSV export and import */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessSelfcarePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_rows = 0;

  if (!closeness_selfcare_csv_export_file_finish (result, &n_rows, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not export self-care entries: %s", error->message);
      show_result (self, _("Export Failed"), error->message);
      return;
    }

  /* What the file holds was chosen in the file chooser, which said it in
   * words; the toast is short enough for a phone-sized window. */
  /* Translators: a toast after a self-care export */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u entry exported",
                                        "%u entries exported",
                                        n_rows), n_rows);
  _closeness_selfcare_page_show_toast (self, closeness_toast_new (title));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessSelfcarePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autofree char *report = NULL;

  import = closeness_selfcare_csv_import_file_finish (result, &error);
  if (import == NULL)
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      body = g_strconcat (error->message, "\n\n", _("Nothing was changed."), NULL);
      show_result (self, _("Nothing Imported"), body);
      return;
    }

  report = closeness_csv_import_describe (import, 10);
  show_result (self, _("Imported"), report);
}

/**
 * closeness_selfcare_page_export_file:
 *
 * Writes to @file off the main thread everything the couple shares and
 * the private activities of the partner using the computer (or, when the
 * export dialog's choice says so, only what the view shows), then says in
 * a toast how many entries were saved, as the menu's Export does.
 */
void
closeness_selfcare_page_export_file (ClosenessSelfcarePage *self,
                                     GFile                 *file)
{
  ClosenessSelfcareView view;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  view = self->export_view_only ? self->view : CLOSENESS_SELFCARE_VIEW_EVERYTHING;
  closeness_selfcare_csv_export_file_async (self->store, view, self->me, file,
                                            self->cancellable, export_done_cb, g_object_ref (self));
}

/**
 * closeness_selfcare_page_import_file:
 *
 * Reads and checks @file off the main thread, saves its entries in one
 * transaction and says what was imported, as the menu's Import does.
 */
void
closeness_selfcare_page_import_file (ClosenessSelfcarePage *self,
                                     GFile                 *file)
{
  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  closeness_selfcare_csv_import_file_async (self->store, file, self->cancellable,
                                            import_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     ClosenessSelfcarePage *self)
{
  ClosenessSelfcareFileFunc chosen = self->chosen;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  self->export_view_only =
    g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "what"), "view") == 0;
  g_clear_object (&self->chooser);

  if (file != NULL)
    chosen (self, file);
}

/* The file chooser of both Export and Import: CSV files, modal. */
/* @what: (nullable): for an export, the choice of everything or this view */
static void
choose_csv_file (ClosenessSelfcarePage *self,
                 const char            *title,
                 GtkFileChooserAction   action,
                 const char            *accept_label,
                 const char            *suggested_name,
                 const char * const    *what,
                 ClosenessSelfcareFileFunc chosen)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  g_clear_object (&self->chooser);
  self->chooser =
    gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                 accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested_name);
  if (what != NULL)
    {
      const char *ids[] = { "everything", "view", NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "what", _("Export"), ids,
                                   (const char **) what);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "what", "everything");
    }
  self->chosen = chosen;
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (widget);
  const char *me = self->partner_names != NULL && self->me <= 1 ? self->partner_names[self->me]
                                                                : "";
  /* Translators: the export dialog's choice; %s is the partner using the computer */
  g_autofree char *everything =
    g_strdup_printf (_("Everything you share, and %s’s private activities"), me);
  const char *what[] = { everything, _("Only what this view shows"), NULL };

  choose_csv_file (self, _("Export Self-Care"),
                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                   /* Translators: the suggested file name of a self-care export */
                   _("self-care.csv"), what,
                   closeness_selfcare_page_export_file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_csv_file (CLOSENESS_SELFCARE_PAGE (widget), _("Import Self-Care"),
                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL, NULL,
                   closeness_selfcare_page_import_file);
}

void
_closeness_selfcare_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "selfcare.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "selfcare.add-activity", NULL,
                                   add_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.edit-activity", NULL,
                                   edit_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.delete-activity", NULL,
                                   delete_activity_action);
  gtk_widget_class_install_action (widget_class, "selfcare.log-done", NULL, log_done_action);
  gtk_widget_class_install_action (widget_class, "selfcare.log-rest", NULL, log_rest_action);
  gtk_widget_class_install_action (widget_class, "selfcare.remove-day", NULL, remove_day_action);
  gtk_widget_class_install_action (widget_class, "selfcare.add-reminder", NULL,
                                   add_reminder_action);
  gtk_widget_class_install_action (widget_class, "selfcare.remove-reminder", "x",
                                   remove_reminder_action);
  gtk_widget_class_install_action (widget_class, "selfcare.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "selfcare.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "selfcare.move-to", "(xxb)", move_to_action);
  gtk_widget_class_install_action (widget_class, "selfcare.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "selfcare.unarchive", "x", unarchive_action);
  gtk_widget_class_install_action (widget_class, "selfcare.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "selfcare.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "selfcare.add-activity", NULL);
}
