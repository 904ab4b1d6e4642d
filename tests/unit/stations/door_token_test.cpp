// Door tokens and worker passes (domains/stations/door_token.h): round trip, and every change to
// a signed token or to the key refused.
#include <gtest/gtest.h>
#include <sodium.h>

#include "domains/stations/door_token.h"

using namespace gh::stations;

namespace {

const std::string kKey(32, 'k');
const std::string kOther(32, 'o');

}  // namespace

TEST(DoorToken, RoundTripsAndNamesItsFields) {
    ASSERT_GE(sodium_init(), 0);
    const std::string t = sign_door_token(kKey, {"YZ610424-0001", 3, 1800000000});
    EXPECT_TRUE(t.starts_with("D1.YZ610424-0001.3.1800000000.")) << t;
    EXPECT_EQ(t.size(), std::string("D1.YZ610424-0001.3.1800000000.").size() + 43);
    auto f = read_door_token(t);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->code, "YZ610424-0001");
    EXPECT_EQ(f->generation, 3);
    EXPECT_EQ(f->expires, 1800000000);
    EXPECT_TRUE(door_token_signed_by(kKey, t));
    EXPECT_FALSE(door_token_signed_by(kOther, t));
}

TEST(DoorToken, AnyChangeBreaksTheSignature) {
    const std::string t = sign_door_token(kKey, {"YZ610424-0001", 1, 1800000000});
    for (const std::string& bad :
         {sign_door_token(kKey, {"YZ610424-0002", 1, 1800000000}).substr(0, 30) + t.substr(30),
          std::string("D1.YZ610424-0001.2.1800000000.") + t.substr(t.rfind('.') + 1),
          std::string("D1.YZ610424-0001.1.1900000000.") + t.substr(t.rfind('.') + 1),
          t.substr(0, t.size() - 1), t + "A"}) {
        EXPECT_FALSE(door_token_signed_by(kKey, bad)) << bad;
    }
    for (const char* junk : {"", "D1", "D1.a.b.c.d", "D2.YZ1.1.1.AAAA", "D1.YZ 1.1.1.AAAA",
                             "D1.YZ1.-1.1.AAAA", "D1.YZ1.1.1.", "D1.YZ.1.1.1.AAAA"}) {
        EXPECT_FALSE(read_door_token(junk)) << junk;
    }
}

TEST(WorkerPass, RoundTripsAndRefusesAnotherKeyOrAChange) {
    const std::string p = sign_worker_pass(kKey, {42, 1800000060});
    EXPECT_TRUE(p.starts_with("P1.42.1800000060.")) << p;
    auto v = verify_worker_pass(kKey, p);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->worker_id, 42);
    EXPECT_EQ(v->expires, 1800000060);
    EXPECT_FALSE(verify_worker_pass(kOther, p));
    EXPECT_FALSE(verify_worker_pass(kKey, "P1.43.1800000060." + p.substr(p.rfind('.') + 1)));
    EXPECT_FALSE(verify_worker_pass(kKey, "P1.42.1900000060." + p.substr(p.rfind('.') + 1)));
    EXPECT_FALSE(verify_worker_pass(kKey, "junk"));
}
