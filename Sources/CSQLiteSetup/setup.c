#include "CSQLiteSetup.h"
#include <sqlite3.h>

static int memory_statistics_result = -1;

// Runs as the program (or test bundle) loads, before main: SQLite takes this setting only before
// its first initialization, which any connection opened earlier would have done. sqlite3_config is
// variadic, which Swift cannot call, hence C.
__attribute__((constructor)) static void townsync_sqlite_setup(void) {
    memory_statistics_result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int townsync_sqlite_memory_statistics_result(void) {
    return memory_statistics_result;
}
