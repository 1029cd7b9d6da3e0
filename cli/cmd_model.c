/* cmd_model.c: nqx model. */
#include "cli.h"

int cmd_model(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("model: not built yet (see issue 3)");
    return EXIT_INTERNAL;
}
