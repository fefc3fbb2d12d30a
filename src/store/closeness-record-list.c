/* closeness-record-list.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-record-list-private.h"
#include "closeness-record-private.h"
#include "closeness-store.h"

#include <string.h>

/* A GListModel of ClosenessRecord rows produced by one SQL query. Reloading
 * re-runs the query and applies the difference by id: rows that stayed are
 * updated in place (notify), others are removed or inserted one by one, so
 * views see exactly the items-changed that happened. */
struct _ClosenessRecordList
{
  GObject                  parent_instance;

  GType                    item_type;
  ClosenessRecordLoadFunc  load_func;
  guint                    tables;
  char                    *sql;
  GVariant                *params;

  GPtrArray               *items;       /* Row, in model order (borrowed from by_id) */
  GHashTable              *by_id;       /* &Row.id → Row (owned) */
  guint                    generation;
};

/* One record of the list with what is needed to reload cheaply: a
 * fingerprint of the row it came from (an unchanged row costs no object)
 * and the generation of the last reload that saw it. */
typedef struct
{
  gint64           id;
  guint64          fingerprint;
  guint            generation;
  ClosenessRecord *record;
  ClosenessRecord *update;   /* during a reload: the changed row */
} Row;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClosenessRecordList, closeness_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->record);
  g_clear_object (&row->update);
  g_free (row);
}

static inline guint64
mix (guint64 hash,
     guint64 value)
{
  hash ^= value;
  hash *= 0x100000001b3ULL;
  hash ^= hash >> 29;

  return hash;
}

/* A 64-bit hash over every column's type, length and bytes. */
static guint64
row_fingerprint (sqlite3_stmt *stmt)
{
  guint64 hash = 0xcbf29ce484222325ULL;
  int n = sqlite3_column_count (stmt);

  for (int c = 0; c < n; c++)
    {
      int type = sqlite3_column_type (stmt, c);
      const guchar *bytes = NULL;
      guint64 word;
      int len = 0;

      if (type == SQLITE_INTEGER)
        {
          hash = mix (hash, (guint64) type);
          hash = mix (hash, (guint64) sqlite3_column_int64 (stmt, c));
          continue;
        }

      if (type == SQLITE_TEXT)
        bytes = sqlite3_column_text (stmt, c);
      else if (type != SQLITE_NULL)
        bytes = sqlite3_column_blob (stmt, c);

      if (bytes != NULL)
        len = sqlite3_column_bytes (stmt, c);

      hash = mix (hash, (guint64) type | ((guint64) len << 8));

      for (; len >= 8; len -= 8, bytes += 8)
        {
          memcpy (&word, bytes, 8);
          hash = mix (hash, word);
        }

      if (len > 0)
        {
          word = 0;
          memcpy (&word, bytes, len);
          hash = mix (hash, word);
        }
    }

  return hash;
}

static GType
closeness_record_list_get_item_type (GListModel *model)
{
  return CLOSENESS_RECORD_LIST (model)->item_type;
}

static guint
closeness_record_list_get_n_items (GListModel *model)
{
  return CLOSENESS_RECORD_LIST (model)->items->len;
}

static gpointer
closeness_record_list_get_item (GListModel *model,
                                guint       position)
{
  ClosenessRecordList *self = CLOSENESS_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (((Row *) g_ptr_array_index (self->items, position))->record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = closeness_record_list_get_item_type;
  iface->get_n_items = closeness_record_list_get_n_items;
  iface->get_item = closeness_record_list_get_item;
}

static void
closeness_record_list_finalize (GObject *object)
{
  ClosenessRecordList *self = (ClosenessRecordList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->sql, g_free);
  g_clear_pointer (&self->params, g_variant_unref);

  G_OBJECT_CLASS (closeness_record_list_parent_class)->finalize (object);
}

static void
closeness_record_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClosenessRecordList *self = CLOSENESS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_record_list_class_init (ClosenessRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = closeness_record_list_finalize;
  object_class->get_property = closeness_record_list_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        CLOSENESS_TYPE_RECORD,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_record_list_init (ClosenessRecordList *self)
{
  self->items = g_ptr_array_new ();
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, row_free);
}

ClosenessRecordList *
_closeness_record_list_new (GType                    item_type,
                            ClosenessRecordLoadFunc  load_func,
                            guint                    tables,
                            const char              *sql,
                            GVariant                *params)
{
  ClosenessRecordList *self;

  g_return_val_if_fail (g_type_is_a (item_type, CLOSENESS_TYPE_RECORD), NULL);
  g_return_val_if_fail (load_func != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  self = g_object_new (CLOSENESS_TYPE_RECORD_LIST, NULL);
  self->item_type = item_type;
  self->load_func = load_func;
  self->tables = tables;
  self->sql = g_strdup (sql);
  self->params = params != NULL ? g_variant_ref_sink (params) : NULL;

  return self;
}

guint
_closeness_record_list_get_tables (ClosenessRecordList *self)
{
  return self->tables;
}

gboolean
_closeness_bind_params (sqlite3_stmt *stmt,
                        GVariant     *params)
{
  GVariantIter iter;
  GVariant *child;
  int index = 1;

  if (params == NULL)
    return TRUE;

  g_variant_iter_init (&iter, params);

  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) value = child;
      g_autoptr(GVariant) inner = NULL;
      int rc = SQLITE_OK;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
        {
          inner = g_variant_get_maybe (value);
          if (inner == NULL)
            {
              rc = sqlite3_bind_null (stmt, index++);
              if (rc != SQLITE_OK)
                return FALSE;
              continue;
            }
          g_clear_pointer (&value, g_variant_unref);
          value = g_steal_pointer (&inner);
        }

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        rc = sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        rc = sqlite3_bind_int (stmt, index, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        rc = sqlite3_bind_int (stmt, index, g_variant_get_boolean (value) ? 1 : 0);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        rc = sqlite3_bind_double (stmt, index, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          gsize len = 0;
          const char *str = g_variant_get_string (value, &len);

          /* The variant stays alive until the statement is reset. */
          rc = sqlite3_bind_text (stmt, index, str, (int) len, SQLITE_TRANSIENT);
        }
      else
        g_return_val_if_reached (FALSE);

      if (rc != SQLITE_OK)
        return FALSE;

      index++;
    }

  return TRUE;
}

static guint
find_position (ClosenessRecordList *self,
               Row                 *row,
               guint                from)
{
  for (guint i = from; i < self->items->len; i++)
    {
      if (g_ptr_array_index (self->items, i) == row)
        return i;
    }

  return G_MAXUINT;
}

gboolean
_closeness_record_list_reload (ClosenessRecordList  *self,
                               sqlite3              *db,
                               GError              **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) created = NULL;
  sqlite3_stmt *stmt = NULL;
  guint old_len;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_RECORD_LIST (self), FALSE);

  rc = sqlite3_prepare_v3 (db, self->sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                   "%s (%s)", _("The data could not be read."), sqlite3_errstr (rc));
      return FALSE;
    }

  if (!_closeness_bind_params (stmt, self->params))
    {
      sqlite3_finalize (stmt);
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                   "%s", _("The data could not be read."));
      return FALSE;
    }

  self->generation++;
  fresh = g_ptr_array_new ();
  created = g_ptr_array_new_with_free_func (row_free);

  /* Read everything first: on a read error the model stays as it was. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint64 fingerprint = row_fingerprint (stmt);
      Row *row = g_hash_table_lookup (self->by_id, &id);

      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->id = id;
          row->record = self->load_func (stmt);
          g_ptr_array_add (created, row);
        }
      else if (row->fingerprint != fingerprint)
        {
          /* Changed: applied below, once the whole result is read. */
          g_clear_object (&row->update);
          row->update = self->load_func (stmt);
        }

      row->fingerprint = fingerprint;
      row->generation = self->generation;
      g_ptr_array_add (fresh, row);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      GHashTableIter iter;
      Row *row;

      /* Drop the half-read state: the next reload starts clean. */
      g_hash_table_iter_init (&iter, self->by_id);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        {
          g_clear_object (&row->update);
          row->fingerprint = 0;
        }

      g_set_error (error, CLOSENESS_STORE_ERROR,
                   rc == SQLITE_BUSY ? CLOSENESS_STORE_ERROR_BUSY : CLOSENESS_STORE_ERROR_FAILED,
                   "%s (%s)", _("The data could not be read."), sqlite3_errstr (rc));
      return FALSE;
    }

  /* From here on the created rows belong to by_id as they are inserted. */
  g_ptr_array_set_free_func (created, NULL);
  old_len = self->items->len;

  /* First load: no one can have seen the model yet but a signal is cheap. */
  if (old_len == 0)
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          Row *row = g_ptr_array_index (fresh, i);

          g_ptr_array_add (self->items, row);
          g_hash_table_insert (self->by_id, &row->id, row);
        }

      if (fresh->len > 0)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, fresh->len);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }

      return TRUE;
    }

  /* 1. Changed rows: update the objects in place (notify). */
  for (guint i = 0; i < fresh->len; i++)
    {
      Row *row = g_ptr_array_index (fresh, i);

      if (row->update != NULL)
        {
          _closeness_record_update_from (row->record, row->update);
          g_clear_object (&row->update);
        }
    }

  /* 2. Removals, from the end so positions stay valid. */
  for (guint i = self->items->len; i > 0; i--)
    {
      Row *row = g_ptr_array_index (self->items, i - 1);

      if (row->generation != self->generation)
        {
          g_ptr_array_remove_index (self->items, i - 1);
          g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
          g_hash_table_remove (self->by_id, &row->id);
        }
    }

  /* 3. Walk the new order: insert new rows, move rows that moved. */
  for (guint i = 0; i < fresh->len; i++)
    {
      Row *row = g_ptr_array_index (fresh, i);

      if (i < self->items->len && g_ptr_array_index (self->items, i) == row)
        continue;

      if (g_hash_table_lookup (self->by_id, &row->id) == row)
        {
          guint from = find_position (self, row, i);

          g_assert (from != G_MAXUINT);
          g_ptr_array_remove_index (self->items, from);
          g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);
        }
      else
        g_hash_table_insert (self->by_id, &row->id, row);

      g_ptr_array_insert (self->items, i, row);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
    }

  g_assert (self->items->len == fresh->len);

  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

/**
 * closeness_record_list_lookup:
 * @self: a #ClosenessRecordList
 * @id: a row id
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
gpointer
closeness_record_list_lookup (ClosenessRecordList *self,
                              gint64               id,
                              guint               *position)
{
  Row *row;

  g_return_val_if_fail (CLOSENESS_IS_RECORD_LIST (self), NULL);

  row = g_hash_table_lookup (self->by_id, &id);
  if (row == NULL)
    return NULL;

  if (position != NULL)
    *position = find_position (self, row, 0);

  return row->record;
}
