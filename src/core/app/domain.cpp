#include "core/app/domain.h"

#include "core/app/worker_data.h"

namespace gh::app {

void start_all(const DomainList& domains, const Platform& p, Services& s) {
    s.make<WorkerData>();
    auto& catalogues = s.make<Catalogues>();
    catalogues.add("core", core_catalogue());
    for (const auto& d : domains) catalogues.add(d->name(), d->catalogue());
    for (const auto& d : domains) d->start(p, s);
    for (const auto& d : domains) d->connect(p, s);
}

}  // namespace gh::app
