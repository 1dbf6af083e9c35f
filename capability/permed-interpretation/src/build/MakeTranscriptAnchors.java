import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import no.permed.interpretation.variant.TranscriptAnchors;

/**
 * Builds the transcript-anchor table from the observation file (run by make-transcript-anchors.sh, Java source-file
 * mode, with permed-interpretation's classes on the class path): TranscriptAnchors.fromObservations, then write.
 */
public final class MakeTranscriptAnchors {
    public static void main(String[] args) throws Exception {
        Path observationsFile = Path.of(args[0]);
        Path tableFile = Path.of(args[1]);
        List<TranscriptAnchors.Observation> observations;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(observationsFile))) {
            observations = TranscriptAnchors.readObservations(in);
        }
        TranscriptAnchors table = TranscriptAnchors.fromObservations(observations);
        Files.createDirectories(tableFile.getParent());
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tableFile)), StandardCharsets.UTF_8)) {
            table.write(out, List.of(
                    "permed transcript-anchor table: c. positions of RefSeq transcripts known exactly on GRCh37/GRCh38",
                    "derived from ClinVar (2018 release as processed by macarthur-lab/clinvar; public domain, US federal"
                            + " government work) by capability/permed-interpretation/src/build/make-transcript-anchors.sh",
                    "columns: first/last are c. positions (c.-N, c.N, c.*N); genomic_first is the 1-based position of first;"
                            + " strand + means c. runs with the genome; bases are the transcript's, '.' unknown",
                    "built from " + observations.size() + " ClinVar rows with HGVS c. (see the observation file's digests)"));
        }
        System.out.println(table.size() + " -> " + tableFile + " (" + Files.size(tableFile) + " bytes)");
        table.notes().forEach(note -> System.out.println("  " + note));
    }
}
