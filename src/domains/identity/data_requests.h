// Workers' requests to correct or delete their personal information (PIPL arts. 46–47): filed on
// the phone page, answered by a security administrator, the answer sent to the worker's inbox.
// Owns worker_data_requests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/time.h"
#include "domains/notices/notices.h"

namespace gh::identity {

struct DataRequest {
    int64_t id = 0;
    int64_t worker_id = 0;
    std::string kind;  // correct | delete
    std::string detail, status, reply, created_at;
    std::optional<std::string> handled_at;
};

class DataRequests {
public:
    DataRequests(db::Pool& pool, audit::AuditLog& audit, notices::NoticeService& notices,
                 const TimeSource& clock)
        : pool_(pool), audit_(audit), notices_(notices), clock_(clock) {}

    // The signed-in worker's own request; at most 5 pending at a time (429 not needed: 409).
    DataRequest file(const auth::Actor& by, const auth::Principal& worker, std::string_view kind,
                     std::string_view detail);
    std::vector<DataRequest> mine(const auth::Principal& worker);
    // The administrators' queue: by status ("" every one), newest first, after `before_id`.
    std::vector<DataRequest> queue(std::string_view status, std::optional<int64_t> before_id,
                                   int limit);
    // done | refused, with a reply the worker reads in their inbox.
    DataRequest answer(const auth::Actor& by, int64_t id, std::string_view status,
                       std::string_view reply);

private:
    db::Pool& pool_;
    audit::AuditLog& audit_;
    notices::NoticeService& notices_;
    const TimeSource& clock_;
};

}  // namespace gh::identity
