/* cmd_outline.c: nqx outline, nqx meta. */
#include "cli.h"

int cmd_outline(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("outline: not built yet (see issue 4)");
    return EXIT_INTERNAL;
}

int cmd_meta(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("meta: not built yet (see issue 4)");
    return EXIT_INTERNAL;
}
