package dev.inlet.rtmp.amf;

import java.time.Instant;

/**
 * An AMF date. AMF3 has no time zone field, so dates read from AMF3 carry 0 and the zone is
 * dropped when writing AMF3. The AMF0 specification reserves the zone field and asks for 0;
 * it is kept as read so that a round trip is byte-exact.
 *
 * @param millisSinceEpoch milliseconds since 1970-01-01T00:00:00Z (UTC)
 * @param timeZoneMinutes  the AMF0 time zone field, normally 0
 */
public record AmfDate(double millisSinceEpoch, short timeZoneMinutes) {

    public static AmfDate of(Instant instant) {
        return new AmfDate(instant.toEpochMilli(), (short) 0);
    }

    /** @throws ArithmeticException if the date is not a finite number of milliseconds */
    public Instant toInstant() {
        if (!Double.isFinite(millisSinceEpoch)) {
            throw new ArithmeticException("not a finite date: " + millisSinceEpoch);
        }
        return Instant.ofEpochMilli((long) millisSinceEpoch);
    }
}
