#include "core/pii/key_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "temp_dir.h"

namespace gh::pii {
namespace {

using testing::TempDir;

const std::string kHexA(64, 'a');
const std::string kHexB(64, 'b');
const std::string kHexC(64, 'c');

unsigned mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

void write_file(const std::string& path, const std::string& text, mode_t mode = 0600) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The message of the std::runtime_error fn throws, or "" when it throws nothing.
std::string error_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

TEST(KeyFile, CreatesMissingFileWithMode0600InA0700DirectoryAndReloadsIt) {
    TempDir dir;
    const std::string path = dir.file("secrets/pii/keys.txt");
    const mode_t old_umask = ::umask(0);  // the modes must not depend on the umask
    const KeyRing created = load_or_create(path);
    ::umask(old_umask);

    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(dir.file("secrets/pii")), 0700u);
    EXPECT_EQ(mode_of(dir.file("secrets")), 0700u);
    ASSERT_EQ(created.keys.size(), 1u);
    EXPECT_EQ(created.current().id, 1u);
    EXPECT_NE(created.current().encryption_key, created.current().index_key);
    EXPECT_NE(created.current().encryption_key, (std::array<unsigned char, kKeyBytes>{}));

    EXPECT_EQ(load_or_create(path), created);  // exists now: loaded, not replaced
    EXPECT_EQ(load_key_file(path), created);
}

TEST(KeyFile, ModesAreExactlyOwnerReadWriteWhateverTheUmask) {
    TempDir dir;
    const std::string path = dir.file("d/keys.txt");
    const mode_t old_umask = ::umask(0377);  // would leave the file 0400 and the directory 0400
    const KeyRing created = load_or_create(path);
    ::umask(old_umask);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(dir.file("d")), 0700u);
    EXPECT_EQ(load_key_file(path), created);
}

TEST(KeyFile, EachInstallationGetsItsOwnRandomKeys) {
    TempDir dir;
    const KeyRing a = load_or_create(dir.file("a.keys"));
    const KeyRing b = load_or_create(dir.file("b.keys"));
    EXPECT_NE(a.current().encryption_key, b.current().encryption_key);
    EXPECT_NE(a.current().index_key, b.current().index_key);
}

TEST(KeyFile, RefusesAFileThatGroupOrOthersCanAccess) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    load_or_create(path);
    for (const mode_t mode : {0644, 0640, 0604, 0660, 0602}) {
        ASSERT_EQ(::chmod(path.c_str(), mode), 0);
        const std::string err = error_of([&] { load_or_create(path); });
        EXPECT_NE(err.find("chmod 600"), std::string::npos) << std::oct << mode << ": " << err;
        EXPECT_NE(err.find("权限"), std::string::npos) << err;
        EXPECT_NE(error_of([&] { add_key(path); }), "") << std::oct << mode;
    }
    ASSERT_EQ(::chmod(path.c_str(), 0400), 0);  // owner-only read is fine
    EXPECT_NO_THROW(load_or_create(path));
}

TEST(KeyFile, RefusesSomethingThatIsNotARegularFile) {
    TempDir dir;
    const std::string path = dir.file("keys.d");
    ASSERT_EQ(::mkdir(path.c_str(), 0700), 0);
    EXPECT_NE(error_of([&] { load_or_create(path); }).find("not a regular file"),
              std::string::npos);
}

TEST(KeyFile, AcceptsCommentsAndBlankLinesAndTheLastLineIsCurrent) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    write_file(path, "# comment\n\n  # indented comment\n1 " + kHexA + " " + kHexB + "\r\n\n7\t" +
                         kHexC + "  " + kHexB);  // CRLF, tabs, no final newline
    const KeyRing ring = load_key_file(path);
    ASSERT_EQ(ring.keys.size(), 2u);
    EXPECT_EQ(ring.current().id, 7u);
    EXPECT_EQ(ring.current().encryption_key[0], 0xcc);
    EXPECT_EQ(ring.keys[0].encryption_key[31], 0xaa);
    EXPECT_EQ(ring.current().index_key[5], 0xbb);
    EXPECT_NE(ring.find(1), nullptr);
    EXPECT_EQ(ring.find(2), nullptr);
}

TEST(KeyFile, RefusesAMalformedLineAndNamesIt) {
    const std::string good = "1 " + kHexA + " " + kHexB + "\n";
    const struct {
        std::string line;
        std::string why;
    } cases[] = {
        {"2 " + kHexA, "3 fields"},
        {"2 " + kHexA + " " + kHexB + " extra", "3 fields"},
        {"two " + kHexA + " " + kHexB, "positive integer"},
        {"0 " + kHexA + " " + kHexB, "positive integer"},
        {"-2 " + kHexA + " " + kHexB, "positive integer"},
        {"99999999999 " + kHexA + " " + kHexB, "positive integer"},
        {"1 " + kHexA + " " + kHexB, "increase"},
        {"2 " + kHexA.substr(2) + " " + kHexB, "encryption key"},
        {"2 " + kHexA.substr(1) + "g " + kHexB, "encryption key"},
        {"2 " + kHexA + " " + kHexB + "00", "index key"},
        {"2 " + kHexA + " " + kHexC, "differs from the first"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        const std::string path = dir.file("keys.txt");
        write_file(path, "# keys\n" + good + c.line + "\n");
        const std::string err = error_of([&] { load_key_file(path); });
        EXPECT_NE(err.find("line 3"), std::string::npos) << c.line << " -> " << err;
        EXPECT_NE(err.find("第 3 行"), std::string::npos) << err;
        EXPECT_NE(err.find(c.why), std::string::npos) << c.line << " -> " << err;
        EXPECT_EQ(err.find(kHexB), std::string::npos) << "key material leaked: " << err;
    }
}

TEST(KeyFile, RefusesAFileWithoutKeys) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    write_file(path, "# only a comment\n");
    EXPECT_NE(error_of([&] { load_or_create(path); }).find("no key"), std::string::npos);
}

TEST(KeyFile, AddKeyAppendsTheNextIdWithANewEncryptionKeyAndTheSameIndexKey) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    const KeyRing first = load_or_create(path);
    const std::string before = read_file(path);

    const KeyRing second = add_key(path);
    ASSERT_EQ(second.keys.size(), 2u);
    EXPECT_EQ(second.current().id, 2u);
    EXPECT_NE(second.current().encryption_key, first.current().encryption_key);
    EXPECT_EQ(second.current().index_key, first.current().index_key);
    EXPECT_EQ(second.keys[0].encryption_key, first.current().encryption_key);
    EXPECT_EQ(read_file(path).substr(0, before.size()), before);  // appended, not rewritten
    EXPECT_EQ(load_key_file(path), second);
    EXPECT_EQ(mode_of(path), 0600u);

    EXPECT_EQ(add_key(path).current().id, 3u);
    EXPECT_EQ(load_or_create(path).current().id, 3u);
}

TEST(KeyFile, AddKeyHandlesAFileWithoutAFinalNewline) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    write_file(path, "5 " + kHexA + " " + kHexB);
    const KeyRing ring = add_key(path);
    EXPECT_EQ(ring.current().id, 6u);
    EXPECT_EQ(load_key_file(path), ring);
}

TEST(KeyFile, AddKeyRefusesAMissingFile) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    EXPECT_NE(error_of([&] { add_key(path); }), "");
    EXPECT_NE(::access(path.c_str(), F_OK), 0);  // and does not create one
}

TEST(KeyFile, RetireKeysLeavesTheCurrentKeyAndTheFileAround) {
    TempDir dir;
    const std::string path = dir.file("keys.txt");
    write_file(path,
               "# operator's note\n3 " + kHexA + " " + kHexC + "\n# key 5 added then\n5 " + kHexB +
                   " " + kHexC + "\n# key 7 added now\n7 " + kHexA + " " + kHexC,
               0600);
    EXPECT_NE(error_of([&] { retire_keys(path, 5); }), "");  // 5 is no longer current
    EXPECT_EQ(load_key_file(path).keys.size(), 3u);

    const KeyRing ring = retire_keys(path, 7);
    ASSERT_EQ(ring.keys.size(), 1u);
    EXPECT_EQ(ring.current().id, 7u);
    const std::string text = read_file(path);
    EXPECT_EQ(text.find(kHexB), std::string::npos);  // key 5's material is gone
    EXPECT_EQ(text.find("# key 5 added"), std::string::npos);
    EXPECT_NE(text.find("# operator's note\n"), std::string::npos);
    EXPECT_NE(text.find("# key 7 added now\n7 "), std::string::npos);
    EXPECT_NE(text.find("# key(s) 3, 5 retired "), std::string::npos) << text;
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(load_key_file(path), ring);
    EXPECT_EQ(retire_keys(path, 7), ring);  // nothing more to retire
    // A key added after the retirement goes into the new file, with the same index key.
    const KeyRing next = add_key(path);
    EXPECT_EQ(next.current().id, 8u);
    EXPECT_EQ(next.current().index_key, ring.current().index_key);
    EXPECT_EQ(load_key_file(path), next);
}

}  // namespace
}  // namespace gh::pii
