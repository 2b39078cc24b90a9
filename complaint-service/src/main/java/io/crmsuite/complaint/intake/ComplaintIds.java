package io.crmsuite.complaint.intake;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of new complaints: UUIDs of version 7 (RFC 9562), the millisecond of creation in the first 48 bits and 74
 * random bits after it. Complaints taken in one after another get ids that follow each other, so each insert lands at
 * the end of the {@code _id} index (and of the waiting entries of a shared phone, {@code <key>|<complaint id>})
 * instead of on a random page of it: on MongoDB the pages written stay the few last ones in the cache, where random
 * ids touch a page anywhere in the index at every insert. 74 random bits from SecureRandom (a random UUID has 122)
 * still leave ids infeasible to guess; the time they show is the complaint's receivedAt, which it shows anyway.
 */
final class ComplaintIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ComplaintIds() {
    }

    static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randomA = (random[0] & 0x0fL) << 8 | random[1] & 0xffL; // 12 bits
        long randomB = 0;
        for (int i = 2; i < 10; i++) {
            randomB = randomB << 8 | random[i] & 0xffL;
        }
        long high = (epochMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | randomA;
        long low = 0x8000_0000_0000_0000L | randomB & 0x3fff_ffff_ffff_ffffL; // the RFC 4122 variant, then 62 bits
        return new UUID(high, low).toString();
    }
}
