/* closeness-window.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-window"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-undo.h"
#include "closeness-window.h"
#include "calendar/closeness-calendar-page.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-conversations-page.h"
#include "resources/closeness-resources-page.h"
#include "selfcare/closeness-selfcare-page.h"
#include "closeness-toast.h"

struct _ClosenessWindow
{
  AdwApplicationWindow  parent_instance;

  ClosenessStore       *store;
  GSettings            *settings;
  gboolean              leaving_confirmed;  /* "Quit Anyway" with changes waiting */

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwSqueezer          *title_squeezer;
  AdwViewSwitcher      *header_switcher;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  GtkToggleButton      *search_button;
  GMenuModel           *primary_menu;
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *status_revealer;
  GtkLabel             *status_label;
  GtkButton            *status_button;
  AdwBin               *calendar_bin;
  AdwBin               *conversations_bin;
  AdwBin               *resources_bin;
  AdwBin               *selfcare_bin;

  /* Made on first show, see ensure_page() */
  GtkWidget            *calendar_page;
  GtkWidget            *conversations_page;
  GtkWidget            *resources_page;
  GtkWidget            *selfcare_page;

  guint                 switcher_bar_idle_id;
};

G_DEFINE_FINAL_TYPE (ClosenessWindow, closeness_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_status_bar (ClosenessWindow *self)
{
  gboolean read_only = FALSE;
  guint pending = 0;
  g_autofree char *text = NULL;

  if (self->store != NULL)
    {
      read_only = closeness_store_get_read_only (self->store);
      pending = closeness_store_get_pending_writes (self->store);
    }

  if (read_only)
    {
      const char *reason = closeness_store_get_read_only_reason (self->store);

      text = g_strdup (reason != NULL && reason[0] != '\0'
                       ? reason
                       : _("Closeness can only read your data right now. Nothing you saved "
                           "before is lost."));
    }
  else if (pending > 0)
    {
      /* Translators: shown while changes wait for disk space or permission. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change could not be saved yet. Closeness keeps "
                                           "it and tries again.",
                                           "%u changes could not be saved yet. Closeness keeps "
                                           "them and tries again.",
                                           pending),
                              pending);
    }

  if (text != NULL)
    gtk_label_set_text (self->status_label, text);

  gtk_widget_set_visible (GTK_WIDGET (self->status_button), pending > 0);
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
}

static void
store_read_only_changed_cb (ClosenessWindow *self,
                            GParamSpec      *pspec,
                            ClosenessStore  *store)
{
  update_status_bar (self);
}

static void
status_button_clicked_cb (ClosenessWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !closeness_store_retry_pending (self->store, &error))
    closeness_window_add_toast (self, closeness_toast_new (error->message));

  update_status_bar (self);
}

static void
show_recovery_report (ClosenessWindow *self)
{
  const char *report = closeness_store_get_recovery_report (self->store);
  AdwMessageDialog *dialog;

  if (report == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Your Data Was Repaired"),
                                                       report));
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Pages are built when first shown, not at start-up: the window's first
 * frame then costs one page, and a page's data (all self-care entries, the
 * article library) is read only when someone opens it. */
static GtkWidget *
ensure_page (ClosenessWindow *self,
             ClosenessPage    page)
{
  switch (page)
    {
    case CLOSENESS_PAGE_CONVERSATIONS:
      if (self->conversations_page == NULL)
        {
          self->conversations_page = closeness_conversations_page_new (self->store);
          /* The header's search button opens and closes the page's search bar. */
          g_object_bind_property (self->conversations_page, "search-mode",
                                  self->search_button, "active",
                                  G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
          adw_bin_set_child (self->conversations_bin, self->conversations_page);
        }
      return self->conversations_page;

    case CLOSENESS_PAGE_SELFCARE:
      if (self->selfcare_page == NULL)
        {
          self->selfcare_page = closeness_selfcare_page_new (self->store);
          adw_bin_set_child (self->selfcare_bin, self->selfcare_page);
        }
      return self->selfcare_page;

    case CLOSENESS_PAGE_RESOURCES:
      if (self->resources_page == NULL)
        {
          self->resources_page = closeness_resources_page_new ();
          adw_bin_set_child (self->resources_bin, self->resources_page);
        }
      return self->resources_page;

    case CLOSENESS_PAGE_CALENDAR:
      if (self->calendar_page == NULL)
        {
          self->calendar_page = closeness_calendar_page_new (self->store);
          /* The calendar lists decks as tonight's topic: not the desire
           * deck while it is closed. */
          if (self->store != NULL)
            g_object_bind_property (closeness_conversation_settings_get_for_store (self->store),
                                    "closed-deck-id", self->calendar_page, "closed-deck-id",
                                    G_BINDING_SYNC_CREATE);
          adw_bin_set_child (self->calendar_bin, self->calendar_page);
        }
      return self->calendar_page;

    case CLOSENESS_N_PAGES:
    default:
      return NULL;
    }
}

static void
stack_visible_child_cb (ClosenessWindow *self,
                        GParamSpec      *pspec,
                        AdwViewStack    *stack)
{
  ClosenessPage page = closeness_window_get_page (self);

  ensure_page (self, page);
  /* The search button searches the questions: only there is it shown. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), page == CLOSENESS_PAGE_CONVERSATIONS);
}

static void
show_page_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (widget);
  ClosenessPage page;

  if (closeness_page_from_name (g_variant_get_string (parameter, NULL), &page))
    closeness_window_set_page (self, page);
}

/* Ctrl+F searches on the page that shows. */
/* Ctrl+Z takes back the newest deletion, archiving or "discussed" whose
 * Undo toast still shows, on any page. A text field with the focus keeps
 * Ctrl+Z for its own text (its shortcut comes first). */
static void
undo_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (!closeness_undo_last (widget))
    gtk_widget_error_bell (widget);
}

static void
search_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (widget);

  switch (closeness_window_get_page (self))
    {
    case CLOSENESS_PAGE_CONVERSATIONS:
      closeness_conversations_page_focus_search (
        CLOSENESS_CONVERSATIONS_PAGE (self->conversations_page));
      break;

    case CLOSENESS_PAGE_RESOURCES:
      closeness_resources_page_focus_search (CLOSENESS_RESOURCES_PAGE (self->resources_page));
      break;

    case CLOSENESS_PAGE_CALENDAR:
    case CLOSENESS_PAGE_SELFCARE:
    case CLOSENESS_N_PAGES:
    default:
      gtk_widget_error_bell (widget);
      break;
    }
}

static void
restore_window_state (ClosenessWindow *self)
{
  g_autofree char *last_page = NULL;
  int width, height;
  ClosenessPage page;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  closeness_clamp_window_size (&width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  closeness_page_from_name (last_page, &page);
  closeness_window_set_page (self, page);
}

static void
save_window_state (ClosenessWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A maximized window keeps the size it will return to. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-page",
                         closeness_page_to_name (closeness_window_get_page (self)));
  g_settings_apply (self->settings);
}

typedef struct
{
  ClosenessWindow *window;
  gboolean         quit_app;
} LeaveData;

static gboolean
leave_idle_cb (gpointer user_data)
{
  LeaveData *data = user_data;

  if (data->quit_app)
    g_action_group_activate_action (G_ACTION_GROUP (
                                      gtk_window_get_application (GTK_WINDOW (data->window))),
                                    "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (data->window));

  return G_SOURCE_REMOVE;
}

static void
leave_data_free (gpointer user_data)
{
  LeaveData *data = user_data;

  g_object_unref (data->window);
  g_free (data);
}

/* Once the dialog is gone: closing its parent while it still emits its
 * response would pull it down mid-signal. */
static void
leave_later (ClosenessWindow *self,
             gboolean         quit_app)
{
  LeaveData *data = g_new0 (LeaveData, 1);

  data->window = g_object_ref (self);
  data->quit_app = quit_app;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, leave_idle_cb, data, leave_data_free);
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (user_data);
  gboolean quit_app = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "quit-app"));

  if (g_str_equal (response, "retry"))
    {
      g_autoptr(GError) error = NULL;

      if (!closeness_store_retry_pending (self->store, &error))
        {
          closeness_window_add_toast (self, closeness_toast_new (error->message));
          update_status_bar (self);
          return;
        }
      leave_later (self, quit_app);
    }
  else if (g_str_equal (response, "quit"))
    {
      self->leaving_confirmed = TRUE;
      leave_later (self, quit_app);
    }
}

/**
 * closeness_window_ask_before_leaving:
 * @quit_app: whether the person asked to quit (Ctrl+Q) rather than close
 *
 * With changes still waiting to be saved, asks what to do, as any GNOME app
 * with unsaved work does: Try Again, Quit Anyway or Cancel.
 *
 * Returns: %TRUE if it asked (leaving waits for the answer)
 */
gboolean
closeness_window_ask_before_leaving (ClosenessWindow *self,
                                     gboolean         quit_app)
{
  AdwMessageDialog *dialog;
  guint pending;

  g_return_val_if_fail (CLOSENESS_IS_WINDOW (self), FALSE);

  if (self->store == NULL || self->leaving_confirmed ||
      (pending = closeness_store_get_pending_writes (self->store)) == 0)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Your Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u change could not be saved yet (the disk is full "
                                               "or the data folder cannot be written to). Closeness "
                                               "keeps it aside and saves it when it next starts, if "
                                               "it can; to be sure, make room and try again.",
                                               "%u changes could not be saved yet (the disk is full "
                                               "or the data folder cannot be written to). Closeness "
                                               "keeps them aside and saves them when it next starts, "
                                               "if it can; to be sure, make room and try again.",
                                               pending),
                                  pending);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "quit", _("_Quit Anyway"),
                                    "retry", _("_Try Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "quit-app", GINT_TO_POINTER (quit_app));
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/**
 * closeness_window_save_state:
 *
 * Remembers the size and page, on every way out (close button, Ctrl+Q).
 */
void
closeness_window_save_state (ClosenessWindow *self)
{
  g_return_if_fail (CLOSENESS_IS_WINDOW (self));

  save_window_state (self);
}

static gboolean
closeness_window_close_request (GtkWindow *window)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (window);

  if (closeness_window_ask_before_leaving (self, FALSE))
    return TRUE;

  save_window_state (self);

  return GTK_WINDOW_CLASS (closeness_window_parent_class)->close_request (window);
}

static void
closeness_window_constructed (GObject *object)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (object);

  G_OBJECT_CLASS (closeness_window_parent_class)->constructed (object);

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (stack_visible_child_cb), self,
                           G_CONNECT_SWAPPED);
  restore_window_state (self);
  /* The page shown first, when the stack did not change page for it */
  stack_visible_child_cb (self, NULL, self->stack);

  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "notify::read-only",
                               G_CALLBACK (store_read_only_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::pending-writes",
                               G_CALLBACK (store_read_only_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Nothing can be changed while an import or restore replaces the data. */
      g_object_bind_property (self->store, "replacing", self->stack, "sensitive",
                              G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      /* The check deferred at open can repair the file after the window shows. */
      g_signal_connect_object (self->store, "notify::recovery-report",
                               G_CALLBACK (show_recovery_report), self,
                               G_CONNECT_SWAPPED);
      update_status_bar (self);
      show_recovery_report (self);
    }
}

static void
closeness_window_dispose (GObject *object)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (object);

  /* Tearing the stack down changes its visible child: build no page then. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_func (self->stack, stack_visible_child_cb, self);

  g_clear_handle_id (&self->switcher_bar_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (closeness_window_parent_class)->dispose (object);
}

static void
closeness_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClosenessWindow *self = CLOSENESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_page_bindings (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      const char *name = closeness_page_to_name (i);

      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.show-page", "s", name);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "win.show-page", "s", name);
    }
}

static void
closeness_window_class_init (ClosenessWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = closeness_window_constructed;
  object_class->dispose = closeness_window_dispose;
  object_class->get_property = closeness_window_get_property;
  object_class->set_property = closeness_window_set_property;

  window_class->close_request = closeness_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* GtkBuilder finds a type it has not seen yet by guessing its get_type()
   * symbol and searching the loaded libraries: the types of the first
   * view's templates are registered here instead. */
  g_type_ensure (GTK_TYPE_ACTION_BAR);
  g_type_ensure (GTK_TYPE_BOX);
  g_type_ensure (GTK_TYPE_FLOW_BOX);
  g_type_ensure (GTK_TYPE_LABEL);
  g_type_ensure (GTK_TYPE_MENU_BUTTON);
  g_type_ensure (GTK_TYPE_REVEALER);
  g_type_ensure (GTK_TYPE_SCROLLED_WINDOW);
  g_type_ensure (GTK_TYPE_SEARCH_ENTRY);
  g_type_ensure (GTK_TYPE_STACK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, header_switcher);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, status_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, calendar_bin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, conversations_bin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, resources_bin);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWindow, selfcare_bin);
  gtk_widget_class_bind_template_callback (widget_class, status_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  add_page_bindings (widget_class);
}

/* The page switcher sits in the header bar while it fits; when the window is
 * too narrow the header shows the app's name and the switcher moves to the
 * bottom bar. The bottom bar's buttons are made the first time it shows, so
 * a window opened wide builds one set of page buttons. */
static gboolean
update_switcher_bar_cb (gpointer user_data)
{
  ClosenessWindow *self = user_data;
  gboolean narrow = adw_squeezer_get_visible_child (self->title_squeezer) ==
                    GTK_WIDGET (self->window_title);

  self->switcher_bar_idle_id = 0;

  if (narrow && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow);

  return G_SOURCE_REMOVE;
}

/* The squeezer picks its child while the window is being laid out. The bar
 * is revealed right after that layout, not in the middle of it: there, with
 * animations turned off, GTK gave the bar a height of -1 (and warned), and
 * a narrow window had no page buttons at all. */
static void
title_squeezer_child_cb (ClosenessWindow *self)
{
  if (self->switcher_bar_idle_id == 0)
    self->switcher_bar_idle_id = g_idle_add (update_switcher_bar_cb, self);
}

/* The main menu's popover (its items, labels and accelerators) is made when
 * the menu first opens, by click, F10 or the keyboard, not with the window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ClosenessWindow *self = user_data;

  /* GtkMenuButton calls this each time before it pops up. */
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
closeness_window_init (ClosenessWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);

  g_signal_connect_object (self->title_squeezer, "notify::visible-child",
                           G_CALLBACK (title_squeezer_child_cb), self, G_CONNECT_SWAPPED);
  title_squeezer_child_cb (self);

  self->settings = g_settings_new (APP_ID);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

ClosenessWindow *
closeness_window_new (ClosenessApplication *application,
                      ClosenessStore       *store)
{
  return g_object_new (CLOSENESS_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

ClosenessStore *
closeness_window_get_store (ClosenessWindow *self)
{
  g_return_val_if_fail (CLOSENESS_IS_WINDOW (self), NULL);

  return self->store;
}

ClosenessPage
closeness_window_get_page (ClosenessWindow *self)
{
  ClosenessPage page;

  g_return_val_if_fail (CLOSENESS_IS_WINDOW (self), CLOSENESS_PAGE_CONVERSATIONS);

  closeness_page_from_name (adw_view_stack_get_visible_child_name (self->stack), &page);

  return page;
}

void
closeness_window_set_page (ClosenessWindow *self,
                           ClosenessPage    page)
{
  g_return_if_fail (CLOSENESS_IS_WINDOW (self));
  g_return_if_fail (page < CLOSENESS_N_PAGES);

  adw_view_stack_set_visible_child_name (self->stack, closeness_page_to_name (page));
}

void
closeness_window_add_toast (ClosenessWindow *self,
                            AdwToast        *toast)
{
  g_return_if_fail (CLOSENESS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * closeness_window_open_item:
 * @page: the page the item lives on
 * @id: a deck (Conversations), event (Calendar) or activity (Self-care) id
 *
 * Shows @page with the item opened, e.g. from a notification or the
 * calendar's "tonight's topic".
 */
void
closeness_window_open_item (ClosenessWindow *self,
                            ClosenessPage    page,
                            gint64           id)
{
  g_return_if_fail (CLOSENESS_IS_WINDOW (self));

  closeness_window_set_page (self, page);

  switch (page)
    {
    case CLOSENESS_PAGE_CONVERSATIONS:
      closeness_conversations_page_open_deck (CLOSENESS_CONVERSATIONS_PAGE (
                                                ensure_page (self, page)),
                                              id);
      break;

    case CLOSENESS_PAGE_SELFCARE:
      closeness_selfcare_page_show_activity (CLOSENESS_SELFCARE_PAGE (ensure_page (self, page)),
                                             id);
      break;

    case CLOSENESS_PAGE_CALENDAR:
      /* The calendar opens on today, where a reminder's evening is. */
      ensure_page (self, page);
      break;

    case CLOSENESS_PAGE_RESOURCES:
    case CLOSENESS_N_PAGES:
    default:
      break;
    }
}

/**
 * closeness_window_open_article:
 * @id: an article id, such as "safety-note"
 *
 * Shows the Resources page with the article open, e.g. from Preferences.
 *
 * Returns: %FALSE if there is no article called @id.
 */
gboolean
closeness_window_open_article (ClosenessWindow *self,
                               const char      *id)
{
  GtkWidget *page;

  g_return_val_if_fail (CLOSENESS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  closeness_window_set_page (self, CLOSENESS_PAGE_RESOURCES);
  page = ensure_page (self, CLOSENESS_PAGE_RESOURCES);

  return closeness_resources_page_show_article (CLOSENESS_RESOURCES_PAGE (page), id);
}
