/* cmd_eval.c: nqx eval. */
#include "cli.h"

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("eval: not built yet (see issue 2)");
    return EXIT_INTERNAL;
}
