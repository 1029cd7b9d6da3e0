/* cmd_store.c: nqx ingest, targets, tasks, compare, search, sql, export. */
#include "cli.h"

#define S_TODO(fn, name)                                                   \
    int fn(int argc, char **argv)                                          \
    {                                                                      \
        (void)argc;                                                        \
        (void)argv;                                                        \
        cli_errorf(name ": not built yet (see issue 6)");                  \
        return EXIT_INTERNAL;                                              \
    }

S_TODO(cmd_ingest, "ingest")
S_TODO(cmd_targets, "targets")
S_TODO(cmd_tasks, "tasks")
S_TODO(cmd_compare, "compare")
S_TODO(cmd_search, "search")
S_TODO(cmd_sql, "sql")
S_TODO(cmd_export, "export")
