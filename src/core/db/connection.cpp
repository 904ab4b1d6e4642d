#include <stdexcept>

#include "core/db/backends.h"
#include "core/db/db.h"

namespace gh::db {

std::string_view backend_name(Backend b) { return b == Backend::sqlite ? "sqlite" : "postgresql"; }

void Connection::begin() {
    if (in_tx_) throw std::logic_error("db: nested transaction (a transaction is already open)");
    raw_begin();
    in_tx_ = true;
}

void Connection::commit() {
    if (!in_tx_) throw std::logic_error("db: commit without a transaction");
    in_tx_ = false;  // whatever happens, the transaction is over
    raw_commit();
}

void Connection::rollback() noexcept {
    if (!in_tx_) return;
    in_tx_ = false;
    raw_rollback();
}

std::unique_ptr<Connection> connect(const Url& url) {
    if (url.backend == Backend::sqlite) return connect_sqlite(url);
    return connect_postgres(url);
}

Url parse_url(std::string_view url) {
    auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
    if (starts("sqlite://")) {
        std::string path(url.substr(9));  // sqlite:///abs → "/abs"; sqlite://rel → "rel"
        if (path.empty()) {
            throw std::invalid_argument("数据库地址缺少文件路径 / database URL has no file path: " +
                                        std::string(url));
        }
        return Url{Backend::sqlite, path, std::string(url)};
    }
    if (starts("postgresql://") || starts("postgres://")) {
        std::string display(url);
        // Hide a password: postgresql://user:secret@host → postgresql://user:***@host
        auto scheme_end = display.find("://") + 3;
        auto at = display.find('@', scheme_end);
        if (at != std::string::npos) {
            auto colon = display.find(':', scheme_end);
            if (colon != std::string::npos && colon < at) {
                display.replace(colon + 1, at - colon - 1, "***");
            }
        }
        return Url{Backend::postgresql, std::string(url), display};
    }
    throw std::invalid_argument(
        "无法识别的数据库地址（应为 sqlite:///路径 或 postgresql://用户@主机:端口/库名）/ "
        "unrecognised database URL (expected sqlite:///path or postgresql://user@host:port/db): " +
        std::string(url));
}

}  // namespace gh::db
