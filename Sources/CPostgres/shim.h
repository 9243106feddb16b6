// The system PostgreSQL client library (libpq), imported into Swift as the CPostgres module.
#include <libpq-fe.h>
