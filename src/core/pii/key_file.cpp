#include "core/pii/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace gh::pii {

namespace detail {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium 初始化失败 / sodium_init() failed");
}
}  // namespace detail

Key::~Key() {
    sodium_memzero(encryption_key.data(), encryption_key.size());
    sodium_memzero(index_key.data(), index_key.size());
}

const Key& KeyRing::current() const {
    if (keys.empty()) throw std::logic_error("KeyRing::current() on an empty key ring");
    return keys.back();
}

const Key* KeyRing::find(uint32_t id) const {
    for (const Key& k : keys) {
        if (k.id == id) return &k;
    }
    return nullptr;
}

namespace {

[[noreturn]] void fail(const std::string& zh, const std::string& en) {
    throw std::runtime_error(zh + " / " + en);
}

[[noreturn]] void fail_errno(const std::string& path, const char* what_zh, const char* what_en) {
    const std::string reason = std::strerror(errno);
    fail(std::string(what_zh) + "：" + path + "（" + reason + "）",
         std::string(what_en) + " " + path + ": " + reason);
}

// Closes the descriptor on scope exit.
struct Fd {
    int fd;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

// Wipes a string holding key material on scope exit.
struct Wipe {
    std::string& s;
    ~Wipe() { sodium_memzero(s.data(), s.size()); }
};

// Refuses anything but a regular file that only its owner can access.
void check_file(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail_errno(path, "无法读取密钥文件状态", "cannot stat key file");
    if (!S_ISREG(st.st_mode)) {
        fail("密钥文件不是普通文件：" + path, "key file is not a regular file: " + path);
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        fail("密钥文件 " + path + " 的权限过宽（" + mode +
                 "），组用户或其他用户可以访问；请执行 chmod 600 " + path,
             "key file " + path + " is accessible by group or others (mode " + mode +
                 "); run chmod 600 " + path);
    }
}

std::string read_all(int fd, const std::string& path) {
    std::string text;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_errno(path, "无法读取密钥文件", "cannot read key file");
        if (n == 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    sodium_memzero(buf, sizeof buf);
    return text;
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_errno(path, "无法写入密钥文件", "cannot write key file");
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fsync(fd) != 0) fail_errno(path, "无法写入密钥文件", "cannot sync key file");
}

[[noreturn]] void malformed(const std::string& path, int line, const std::string& zh,
                            const std::string& en) {
    fail("密钥文件 " + path + " 第 " + std::to_string(line) + " 行格式错误：" + zh,
         "malformed key file " + path + ", line " + std::to_string(line) + ": " + en);
}

bool parse_hex_key(std::string_view hex, std::array<unsigned char, kKeyBytes>& out) {
    std::size_t len = 0;
    const char* end = nullptr;
    return hex.size() == 2 * kKeyBytes &&
           sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) ==
               0 &&
           len == kKeyBytes && end == hex.data() + hex.size();
}

KeyRing parse(const std::string& text, const std::string& path) {
    KeyRing ring;
    std::size_t pos = 0;
    for (int line_no = 1; pos < text.size(); ++line_no) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;

        std::string_view fields[4];
        std::size_t n = 0;
        constexpr std::string_view kBlank = " \t\r";
        for (std::size_t i = line.find_first_not_of(kBlank); i != std::string_view::npos;
             i = line.find_first_not_of(kBlank, i)) {
            const std::size_t end = std::min(line.find_first_of(kBlank, i), line.size());
            if (n < 4) fields[n] = line.substr(i, end - i);
            ++n;
            i = end;
        }
        if (n == 0 || fields[0].front() == '#') continue;
        if (n != 3) {
            malformed(
                path, line_no,
                "应为三项 <密钥编号> <64 位十六进制加密密钥> <64 位十六进制索引密钥>，实际为 " +
                    std::to_string(n) + " 项",
                "expected 3 fields `<key_id> <64 hex encryption key> <64 hex index key>`, "
                "found " +
                    std::to_string(n));
        }
        Key key;
        const auto [p, ec] =
            std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), key.id);
        if (ec != std::errc() || p != fields[0].data() + fields[0].size() || key.id == 0) {
            malformed(path, line_no, "密钥编号必须是正整数", "key id must be a positive integer");
        }
        if (!ring.keys.empty() && key.id <= ring.keys.back().id) {
            malformed(path, line_no, "密钥编号必须递增", "key ids must increase from line to line");
        }
        if (!parse_hex_key(fields[1], key.encryption_key)) {
            malformed(path, line_no, "加密密钥必须是 64 位十六进制（32 字节）",
                      "the encryption key must be 64 hex characters (32 bytes)");
        }
        if (!parse_hex_key(fields[2], key.index_key)) {
            malformed(path, line_no, "索引密钥必须是 64 位十六进制（32 字节）",
                      "the index key must be 64 hex characters (32 bytes)");
        }
        if (!ring.keys.empty() && key.index_key != ring.keys.front().index_key) {
            malformed(path, line_no, "索引密钥与第一个密钥不同（索引密钥永远不能更换）",
                      "the index key differs from the first key's (it must never change)");
        }
        ring.keys.push_back(key);
    }
    if (ring.keys.empty()) {
        fail("密钥文件 " + path + " 中没有密钥", "key file " + path + " contains no key");
    }
    return ring;
}

std::string hex(const std::array<unsigned char, kKeyBytes>& bin) {
    std::string out(2 * kKeyBytes + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bin.data(), bin.size());
    out.pop_back();
    return out;
}

// For the comment lines that date a key's addition or retirement.
std::string now_utc() {
    char when[32] = "?";
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    if (::gmtime_r(&now, &tm) != nullptr)
        std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return when;
}

std::string key_lines(const Key& key) {
    const std::string when = now_utc();
    std::string enc = hex(key.encryption_key);
    std::string idx = hex(key.index_key);
    const Wipe wipe_enc{enc};
    const Wipe wipe_idx{idx};
    return "# key " + std::to_string(key.id) + " added " + when + "\n" + std::to_string(key.id) +
           " " + enc + " " + idx + "\n";
}

// Creates the missing directories of `dir`, each with mode 0700.
void make_dirs(const std::filesystem::path& dir) {
    std::filesystem::path prefix;
    for (const auto& part : dir) {
        prefix /= part;
        if (::mkdir(prefix.c_str(), 0700) == 0) {
            ::chmod(prefix.c_str(), 0700);  // in case the umask removed owner bits
        } else if (errno != EEXIST) {
            fail_errno(prefix.string(), "无法创建密钥目录", "cannot create key directory");
        }
    }
}

void sync_dir(const std::filesystem::path& file) {
    std::filesystem::path dir = file.parent_path();
    if (dir.empty()) dir = ".";
    const Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.fd >= 0) ::fsync(d.fd);  // best effort: makes the new file's name durable
}

}  // namespace

KeyRing load_key_file(const std::string& path) {
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.fd < 0) fail_errno(path, "无法打开密钥文件", "cannot open key file");
    check_file(fd.fd, path);
    std::string text = read_all(fd.fd, path);
    const Wipe wipe{text};
    return parse(text, path);
}

KeyRing load_or_create(const std::string& path) {
    detail::ensure_sodium();
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
    int raw = ::open(path.c_str(), flags, 0600);
    if (raw < 0 && errno == ENOENT) {
        make_dirs(std::filesystem::path(path).parent_path());
        raw = ::open(path.c_str(), flags, 0600);
    }
    if (raw < 0 && errno == EEXIST) return load_key_file(path);
    if (raw < 0) fail_errno(path, "无法创建密钥文件", "cannot create key file");
    const Fd fd(raw);

    KeyRing ring;
    ring.keys.emplace_back();
    Key& key = ring.keys.back();
    key.id = 1;
    randombytes_buf(key.encryption_key.data(), key.encryption_key.size());
    randombytes_buf(key.index_key.data(), key.index_key.size());
    std::string text =
        "# Gonghui PII keys: <key_id> <encryption key> <index key>; the last line is current.\n"
        "# Keep this file secret (mode 0600) and back it up apart from the database: without it\n"
        "# encrypted ID and phone numbers are lost. Never change an index key.\n" +
        key_lines(key);
    const Wipe wipe{text};
    try {
        if (::fchmod(fd.fd, 0600) != 0) fail_errno(path, "无法设置密钥文件权限", "cannot chmod");
        write_all(fd.fd, text, path);
    } catch (...) {
        ::unlink(path.c_str());  // never leave an empty or partial key file behind
        throw;
    }
    sync_dir(path);
    return ring;
}

namespace {

// Opens the key file and takes its exclusive lock. retire_keys replaces the file by a rename,
// so a caller that opened the old file before the rename and was waiting for the lock would
// write into a file no one reads any more: after the lock, the path must still name the file
// that was locked, or it is opened again.
int open_locked(const std::string& path, int flags) {
    for (;;) {
        const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0) fail_errno(path, "无法打开密钥文件", "cannot open key file");
        if (::flock(fd, LOCK_EX) != 0) {
            ::close(fd);
            fail_errno(path, "无法锁定密钥文件", "cannot lock key file");
        }
        struct stat locked {
        }, named{};
        if (::fstat(fd, &locked) == 0 && ::stat(path.c_str(), &named) == 0 &&
            locked.st_dev == named.st_dev && locked.st_ino == named.st_ino) {
            return fd;
        }
        ::close(fd);
    }
}

}  // namespace

KeyRing add_key(const std::string& path) {
    detail::ensure_sodium();
    const Fd fd(open_locked(path, O_RDWR | O_APPEND));
    check_file(fd.fd, path);
    std::string text = read_all(fd.fd, path);
    const Wipe wipe{text};
    KeyRing ring = parse(text, path);

    const Key& last = ring.current();
    if (last.id == UINT32_MAX) fail("密钥编号已用尽：" + path, "key ids exhausted in " + path);
    Key key;
    key.id = last.id + 1;
    randombytes_buf(key.encryption_key.data(), key.encryption_key.size());
    key.index_key = ring.keys.front().index_key;  // the pepper: see key_file.h
    std::string line = (!text.empty() && text.back() != '\n' ? "\n" : "") + key_lines(key);
    const Wipe wipe_line{line};
    write_all(fd.fd, line, path);
    ring.keys.push_back(key);
    return ring;
}

namespace {

// The key id a line starts with (after `prefix`), 0 when it starts with none.
uint32_t leading_id(std::string_view line, std::string_view prefix) {
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    if (line.substr(0, prefix.size()) != prefix) return 0;
    line.remove_prefix(prefix.size());
    uint32_t id = 0;
    std::from_chars(line.data(), line.data() + line.size(), id);
    return id;
}

}  // namespace

KeyRing retire_keys(const std::string& path, uint32_t keep) {
    detail::ensure_sodium();
    const Fd fd(open_locked(path, O_RDONLY));
    check_file(fd.fd, path);
    std::string text = read_all(fd.fd, path);
    const Wipe wipe{text};
    const KeyRing ring = parse(text, path);
    if (ring.current().id != keep) {
        fail("密钥文件已变更：当前密钥是 " + std::to_string(ring.current().id) + "，不是 " +
                 std::to_string(keep),
             "the key file changed: its current key is " + std::to_string(ring.current().id) +
                 ", not " + std::to_string(keep));
    }
    if (ring.keys.size() == 1) return ring;

    // Every line stays but the retired keys' own and the comments that dated their addition.
    std::string kept, retired;
    const Wipe wipe_kept{kept};
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        const std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;
        const uint32_t noted = leading_id(line, "# key ");
        const uint32_t id = leading_id(line, "");
        if (noted != 0 && noted != keep && ring.find(noted)) continue;
        if (id != 0 && id != keep) {
            retired += (retired.empty() ? "" : ", ") + std::to_string(id);
            continue;
        }
        kept.append(line).push_back('\n');
    }
    kept += "# key(s) " + retired + " retired " + now_utc() + "\n";
    KeyRing out = parse(kept, path);

    // Written beside the file (the real one, when the path is a link) and renamed over it: a
    // reader sees the old file or the new one, never a part of either.
    const std::string real = std::filesystem::canonical(path).string();
    std::string tmp = real + ".retire-XXXXXX";
    const Fd out_fd(::mkostemp(tmp.data(), O_CLOEXEC));
    if (out_fd.fd < 0) fail_errno(tmp, "无法创建临时密钥文件", "cannot create temporary key file");
    try {
        if (::fchmod(out_fd.fd, 0600) != 0) fail_errno(tmp, "无法设置密钥文件权限", "cannot chmod");
        write_all(out_fd.fd, kept, tmp);
        if (::rename(tmp.c_str(), real.c_str()) != 0)
            fail_errno(real, "无法替换密钥文件", "cannot replace key file");
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    sync_dir(real);
    return out;
}

}  // namespace gh::pii
