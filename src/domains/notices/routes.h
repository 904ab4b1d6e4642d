// The notices domain's HTTP routes (the inboxes).
#pragma once

#include "core/http/cursor.h"
#include "core/http/router.h"
#include "domains/notices/notices.h"

namespace gh::notices {

void register_routes(http::Router& r, NoticeService& svc, const http::Cursors& cursors);

}  // namespace gh::notices
