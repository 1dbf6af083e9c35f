package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import no.permed.db.Database;
import no.permed.db.Storage;
import no.permed.frequency.privacy.RiskCharges;
import no.permed.vcf.normalise.VariantKey;

/** The membership defence's charges in PostgreSQL (schema {@code frequency}, table {@code risk_charge}). */
public final class RiskChargeStore implements RiskCharges {
    private final Storage storage;
    private final Clock clock;

    private RiskChargeStore(Database database, Clock clock) {
        this.storage = new Storage(database.jdbi(), FrequencyErrorCode.STORAGE_FAILURE);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Migrates schema {@code frequency} (also the permits') and opens the store. */
    public static RiskChargeStore open(Database database, Clock clock) {
        requireNonNull(database, "database is null");
        database.migrate(PermitStore.SCHEMA);
        return new RiskChargeStore(database, clock);
    }

    @Override
    public List<Charge> load() {
        return storage.read("load the membership defence's charges", handle -> handle.createQuery(
                        "select variant, sample_id, cost from frequency.risk_charge order by charged_at, variant, sample_id")
                .map((row, context) -> new Charge(VariantKey.parse(row.getString("variant")), row.getLong("sample_id"),
                        row.getDouble("cost")))
                .list());
    }

    @Override
    public void record(List<Charge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        storage.inTransaction("record the membership defence's charges", handle -> {
            var batch = handle.prepareBatch("insert into frequency.risk_charge (variant, sample_id, cost, charged_at)"
                    + " values (:variant, :sample, :cost, :at) on conflict do nothing");
            for (Charge charge : charges) {
                batch.bind("variant", charge.variant().toString()).bind("sample", charge.sampleId()).bind("cost", charge.cost())
                        .bind("at", now).add();
            }
            return batch.execute();
        });
    }
}
