// The PII key file: the keys that encrypt ID numbers and phone numbers, kept outside the database
// so that a stolen database dump (or backup) reveals nothing without it.
//
// Format: a small text file, one key per line
//     <key_id> <64 hex chars: encryption key> <64 hex chars: index key>
// Lines starting with '#' and blank lines are ignored. Key ids are positive and strictly
// increasing; the LAST key line is the current key, used for every new encryption. Older lines
// stay so that values encrypted under them can still be read (and re-encrypted, see Vault).
//
// The index key is NOT rotated. It keys the blind index (a keyed hash used for exact lookup and
// uniqueness), and every stored index would become unfindable if it changed. It is effectively
// the installation's pepper: add_key() copies the first key's index key onto the new line, and
// loading refuses a file whose lines disagree about it. Losing the file loses every encrypted
// value, so back it up separately from the database (and never next to it).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gh::pii {

inline constexpr std::size_t kKeyBytes = 32;

struct Key {
    uint32_t id = 0;
    std::array<unsigned char, kKeyBytes> encryption_key{};
    std::array<unsigned char, kKeyBytes> index_key{};
    ~Key();  // wipes the key material
    bool operator==(const Key&) const = default;
};

// The keys of one installation, in file order (ascending ids); never empty once loaded.
struct KeyRing {
    std::vector<Key> keys;

    const Key& current() const;          // the last key; throws std::logic_error when empty
    const Key* find(uint32_t id) const;  // nullptr when no key has this id
    bool operator==(const KeyRing&) const = default;
};

// Loads the key file at `path`, creating it (mode 0600, parent directories 0700) with one fresh
// random key (id 1) when it does not exist. Throws std::runtime_error with a bilingual message
// when the file is readable or writable by group/others, is not a regular file, is malformed
// (naming the line), or cannot be read or written.
KeyRing load_or_create(const std::string& path);

// Loads an existing key file with the same checks; throws when it does not exist.
KeyRing load_key_file(const std::string& path);

// Key rotation: appends a key with the next id (a fresh encryption key, the same index key) to
// the existing file at `path` and returns the new ring, whose current key is the new one.
// Concurrent callers are serialized with an exclusive flock on the file.
KeyRing add_key(const std::string& path);

// The end of a rotation: removes every key but `keep` from the file at `path` (their lines and
// the comments that dated them; a comment records the retirement) and returns the new ring. The
// caller must first have made sure that no stored value is under a removed key (see
// core/pii/rotation.h): whatever still is becomes unreadable. Refuses when `keep` is not the
// file's current key (a key was added meanwhile). The file is replaced atomically (a new 0600
// file renamed over it), under the same exclusive flock as add_key. Answers the ring unchanged
// when `keep` is already the only key.
KeyRing retire_keys(const std::string& path, uint32_t keep);

namespace detail {
// Calls sodium_init() exactly once per process (thread-safe); throws when it fails.
void ensure_sodium();
}  // namespace detail

}  // namespace gh::pii
