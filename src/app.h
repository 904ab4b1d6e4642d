// The one place that lists every domain and wires it into the server.
#pragma once

#include "core/config/config.h"

namespace gh {

// Serves until SIGINT/SIGTERM; answers the process exit code. Throws ConfigError for bad
// settings and std::runtime_error (database unreachable, port taken …) for runtime failures.
int serve(const Config& cfg);

// Applies pending migrations; prints what it did.
int migrate(const Config& cfg);

}  // namespace gh
