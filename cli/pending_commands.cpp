// TEMPORARY during parallel development; deleted before commit.
#include "commands.h"
namespace vpf::cli {
}
