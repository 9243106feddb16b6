// The system SQLite3 library, imported into Swift as the CSQLite module.
#include <sqlite3.h>
