#include "core/app/domain.h"

#include "core/app/worker_data.h"

namespace gh::app {

Catalogues catalogues_of(const DomainList& domains) {
    Catalogues all;
    all.add("core", core_catalogue());
    for (const auto& d : domains) all.add(d->name(), d->catalogue());
    return all;
}

void start_all(const DomainList& domains, const Platform& p, Services& s) {
    s.make<WorkerData>();
    s.make<Catalogues>(catalogues_of(domains));
    for (const auto& d : domains) d->start(p, s);
    for (const auto& d : domains) d->connect(p, s);
}

}  // namespace gh::app
