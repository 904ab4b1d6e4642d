#include "core/pii/vault.h"

#include <gtest/gtest.h>

#include <string>

#include "core/pii/key_file.h"
#include "temp_dir.h"

namespace gh::pii {
namespace {

using testing::TempDir;

constexpr std::string_view kIdCtx = "member.id_number";
constexpr std::string_view kPhoneCtx = "member.phone";
const std::string kId = "11010519491231002X";

class VaultTest : public ::testing::Test {
protected:
    TempDir dir_;
    std::string path_ = dir_.file("pii.keys");
    Vault vault_{load_or_create(path_)};
};

TEST_F(VaultTest, RoundTripsAsciiChineseAndEmptyValues) {
    for (const std::string& value :
         {kId, std::string("13812345678"), std::string("北京市朝阳区建国路 88 号，张三"),
          std::string()}) {
        const std::string blob = vault_.encrypt(value, kIdCtx);
        EXPECT_EQ(blob.size(), kBlobHeaderBytes + kNonceBytes + value.size() + kTagBytes);
        if (!value.empty()) {
            EXPECT_EQ(blob.find(value), std::string::npos);  // not in clear
        }
        EXPECT_EQ(vault_.decrypt(blob, kIdCtx), value);
    }
}

TEST_F(VaultTest, BlobHeaderIsVersionThenBigEndianKeyId) {
    const std::string blob = vault_.encrypt(kId, kIdCtx);
    EXPECT_EQ(blob[0], '\x01');
    EXPECT_EQ(blob.substr(1, 4), std::string("\0\0\0\x01", 4));
    EXPECT_EQ(vault_.key_id_of(blob), 1u);
    EXPECT_FALSE(vault_.needs_rotation(blob));
}

TEST_F(VaultTest, AnotherContextCannotDecrypt) {
    const std::string blob = vault_.encrypt("13812345678", kPhoneCtx);
    EXPECT_THROW(vault_.decrypt(blob, kIdCtx), PiiError);
    EXPECT_THROW(vault_.decrypt(blob, "member.phon"), PiiError);
    EXPECT_THROW(vault_.decrypt(blob, ""), PiiError);
}

TEST_F(VaultTest, AFlippedBitAnywhereIsDetected) {
    const std::string blob = vault_.encrypt("张三 13812345678", kPhoneCtx);
    for (std::size_t i = 0; i < blob.size(); ++i) {
        for (const unsigned char bit : {0x01, 0x80}) {
            std::string bad = blob;
            bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ bit);
            EXPECT_THROW(vault_.decrypt(bad, kPhoneCtx), PiiError) << "byte " << i;
        }
    }
}

TEST_F(VaultTest, TruncatedOrExtendedBlobsAreRejected) {
    const std::string blob = vault_.encrypt(kId, kIdCtx);
    for (std::size_t n = 0; n < blob.size(); ++n) {
        EXPECT_THROW(vault_.decrypt(blob.substr(0, n), kIdCtx), PiiError) << n;
    }
    EXPECT_THROW(vault_.decrypt(blob + '\0', kIdCtx), PiiError);
    EXPECT_THROW(vault_.key_id_of(blob.substr(0, 10)), PiiError);
}

TEST_F(VaultTest, UnknownKeyIdIsRejectedEvenIfTheHeaderIsConsistent) {
    std::string blob = vault_.encrypt(kId, kIdCtx);
    blob[4] = '\x09';
    EXPECT_EQ(vault_.key_id_of(blob), 9u);
    try {
        vault_.decrypt(blob, kIdCtx);
        FAIL() << "decrypted under an unknown key id";
    } catch (const PiiError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown key id 9"), std::string::npos) << e.what();
    }
}

TEST_F(VaultTest, EqualValuesEncryptDifferentlyButHaveTheSameBlindIndex) {
    const std::string a = vault_.encrypt(kId, kIdCtx);
    const std::string b = vault_.encrypt(kId, kIdCtx);
    EXPECT_NE(a, b);
    EXPECT_NE(a.substr(kBlobHeaderBytes, kNonceBytes), b.substr(kBlobHeaderBytes, kNonceBytes));
    const std::string index = vault_.blind_index("id_number", kId);
    EXPECT_EQ(index.size(), kBlindIndexBytes);
    EXPECT_EQ(vault_.blind_index("id_number", kId), index);
    EXPECT_NE(vault_.blind_index("id_number", "110105194912310029"), index);
}

TEST_F(VaultTest, BlindIndexDependsOnTheKindAndTheKey) {
    EXPECT_NE(vault_.blind_index("id_number", "13812345678"),
              vault_.blind_index("phone", "13812345678"));
    // The kind is length-prefixed, so moving bytes between kind and value changes the index.
    EXPECT_NE(vault_.blind_index("phone", "1"), vault_.blind_index("phone1", ""));
    EXPECT_NE(vault_.blind_index("aaaa", "1"), vault_.blind_index("bbbb", "1"));  // same length
    EXPECT_THROW(vault_.blind_index("", "1"), std::invalid_argument);

    const Vault other(load_or_create(dir_.file("other.keys")));
    EXPECT_NE(other.blind_index("phone", "13812345678"),
              vault_.blind_index("phone", "13812345678"));
}

TEST_F(VaultTest, AnotherInstallationCannotDecrypt) {
    const Vault other(load_or_create(dir_.file("other.keys")));
    EXPECT_THROW(other.decrypt(vault_.encrypt(kId, kIdCtx), kIdCtx), PiiError);
}

TEST_F(VaultTest, RotationKeepsOldBlobsReadableAndTheBlindIndexStable) {
    const std::string old_blob = vault_.encrypt(kId, kIdCtx);
    const std::string old_index = vault_.blind_index("id_number", kId);

    const Vault rotated(add_key(path_));
    EXPECT_EQ(rotated.current_key_id(), 2u);
    EXPECT_EQ(rotated.decrypt(old_blob, kIdCtx), kId);
    EXPECT_TRUE(rotated.needs_rotation(old_blob));
    EXPECT_EQ(rotated.blind_index("id_number", kId), old_index);

    const std::string new_blob = rotated.encrypt(kId, kIdCtx);
    EXPECT_EQ(rotated.key_id_of(new_blob), 2u);
    EXPECT_FALSE(rotated.needs_rotation(new_blob));
    EXPECT_THROW(vault_.decrypt(new_blob, kIdCtx), PiiError);  // the old ring lacks key 2

    const std::string re = rotated.reencrypt(old_blob, kIdCtx);
    EXPECT_EQ(rotated.key_id_of(re), 2u);
    EXPECT_FALSE(rotated.needs_rotation(re));
    EXPECT_EQ(rotated.decrypt(re, kIdCtx), kId);
    EXPECT_THROW(rotated.reencrypt(old_blob, kPhoneCtx), PiiError);  // still authenticated

    // A restarted process sees the same ring.
    const Vault reloaded(load_or_create(path_));
    EXPECT_EQ(reloaded.decrypt(old_blob, kIdCtx), kId);
    EXPECT_EQ(reloaded.decrypt(re, kIdCtx), kId);
    EXPECT_EQ(reloaded.key_id_of(reloaded.encrypt(kId, kIdCtx)), 2u);
}

TEST(Vault, TheHeaderIsAuthenticated) {
    // Two ids with the same key material: only the associated data can tell them apart.
    KeyRing ring;
    ring.keys.resize(2);
    ring.keys[0].id = 1;
    ring.keys[1].id = 2;
    const Vault vault(std::move(ring));
    std::string blob = vault.encrypt(kId, kIdCtx);
    ASSERT_EQ(vault.decrypt(blob, kIdCtx), kId);
    blob[4] = '\x01';
    EXPECT_THROW(vault.decrypt(blob, kIdCtx), PiiError);
}

TEST(Vault, RefusesAnEmptyRingOrDisagreeingIndexKeys) {
    EXPECT_THROW(Vault(KeyRing{}), std::invalid_argument);
    KeyRing ring;
    ring.keys.resize(2);
    ring.keys[0].id = 1;
    ring.keys[1].id = 2;
    ring.keys[1].index_key[0] = 1;
    EXPECT_THROW(Vault(std::move(ring)), std::invalid_argument);
}

// The cursor key: the same for the life of the installation (rotation keeps it), another per
// context and per installation, and not any blind index.
TEST_F(VaultTest, DerivedKeysAreStablePerContextAndInstallation) {
    const auto key = vault_.derive_key("ghcursor");
    EXPECT_EQ(Vault(load_or_create(path_)).derive_key("ghcursor"), key);
    EXPECT_EQ(Vault(add_key(path_)).derive_key("ghcursor"), key);
    EXPECT_NE(vault_.derive_key("ghother_"), key);
    EXPECT_NE(Vault(load_or_create(dir_.file("other.keys"))).derive_key("ghcursor"), key);
    const std::string as_text(key.begin(), key.end());
    EXPECT_NE(vault_.blind_index("ghcursor", ""), as_text);
    EXPECT_THROW(vault_.derive_key("cursor"), std::invalid_argument);
    EXPECT_THROW(vault_.derive_key("ghcursor1"), std::invalid_argument);
}

}  // namespace
}  // namespace gh::pii
