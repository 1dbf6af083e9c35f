package no.permed.interpretation.register;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Today in UTC, as the register's system clock sees it. */
final class LocalDates {
    private LocalDates() {
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
