/* store_priv.h — what store.c and store_calls.c share: the handle and its
 * cache of prepared statements. Not for use outside src/identity/store*.c. */
#pragma once

#include <sqlite3.h>

#include "identity/store.h"

typedef enum {
  STMT_ACCOUNT_SET,
  STMT_ACCOUNT_GET,
  STMT_ACCOUNT_REMOVE,
  STMT_ACCOUNT_LIST,
  STMT_SETTINGS_GET,
  STMT_SETTINGS_SET,
  STMT_CALL_ADD,
  STMT_CALL_LIST_USER,
  STMT_CALL_LIST_ALL,
  STMT_CALL_EXPORT_USER,
  STMT_CALL_EXPORT_ALL,
  STMT_COUNT
} JgwStoreStmt;

struct _JgwStore {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *stmts[STMT_COUNT];
};

/* The statement ID, prepared on first use and reset for reuse; NULL + ERROR. */
sqlite3_stmt *jgw_store_stmt (JgwStore *store, JgwStoreStmt id, GError **error);
/* Set ERROR from the database's last error, with WHAT as context. */
void jgw_store_set_error (JgwStore *store, const char *what, GError **error);
/* Bind a string, or NULL as SQL NULL. */
void jgw_store_bind_str (sqlite3_stmt *stmt, int index, const char *value);
/* Column as a new string, or NULL for SQL NULL. */
char *jgw_store_col_str (sqlite3_stmt *stmt, int index);
/* Run a statement that returns no rows. */
gboolean jgw_store_step_done (JgwStore *store, sqlite3_stmt *stmt, const char *what, GError **error);
