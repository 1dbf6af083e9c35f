package no.permed.simulate.internal;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import no.permed.kernel.PermedException;
import no.permed.simulate.SimulateErrorCode;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.header.ContigDefinition;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.PloidyPolicy;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;

/**
 * The haplotypes of a reference panel, split into biallelic sites and held in memory (one byte per haplotype and
 * site).
 *
 * <p>A record with several ALT alleles becomes one site per ALT, as {@code bcftools norm -m-} splits it: calls of
 * that ALT become 1 and calls of the other ALTs 0, so AC per ALT and AN are kept. REF and ALT are kept as written
 * (not trimmed), so positions stay in order. Symbolic ALTs ({@code <CN0>}, {@code <DEL>}, breakends) and {@code *}
 * are left out, because their INFO (END, SVTYPE) is not written; records without ALT (reference blocks) too.
 */
public final class ReferencePanel {
    private final String fileName;
    private final List<String> samples;
    private final List<ContigDefinition> declaredContigs;
    private final List<ReferenceContig> contigs;
    private final List<ReferenceSite> sites;

    private ReferencePanel(String fileName, List<String> samples, List<ContigDefinition> declaredContigs, List<ReferenceContig> contigs,
            List<ReferenceSite> sites) {
        this.fileName = fileName;
        this.samples = samples;
        this.declaredContigs = declaredContigs;
        this.contigs = contigs;
        this.sites = sites;
    }

    /**
     * Reads at most {@code maximumSites} biallelic sites.
     *
     * @param maximumBytes the most haplotype bytes to hold; more gives {@code SIMULATE_REFERENCE_TOO_LARGE}
     */
    public static ReferencePanel load(Path path, int maximumSites, long maximumBytes) {
        requireNonNull(path, "path is null");
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        VcfReaderOptions options = VcfReaderOptions.defaults().withPloidyPolicy(PloidyPolicy.HAPLOID_OR_DIPLOID);
        try (VcfReader reader = VcfReader.open(path, options)) {
            return read(reader, name, maximumSites, maximumBytes);
        } catch (PermedException exception) {
            if (exception.errorCode() instanceof SimulateErrorCode) {
                throw exception;
            }
            throw wrap(name, exception);
        } catch (UncheckedIOException exception) {
            throw new PermedException(SimulateErrorCode.REFERENCE_NOT_READABLE,
                    "reference panel " + name + " cannot be read (" + exception.getCause().getClass().getSimpleName() + ")",
                    Map.of("file", name), exception);
        }
    }

    private static PermedException wrap(String name, PermedException exception) {
        SimulateErrorCode code = exception.errorCode() == VcfErrorCode.FILE_NOT_READABLE
                ? SimulateErrorCode.REFERENCE_NOT_READABLE
                : SimulateErrorCode.REFERENCE_INVALID;
        Map<String, Object> details = new LinkedHashMap<>(exception.details());
        details.put("file", name);
        details.put("cause", exception.errorCode().code());
        String advice = code == SimulateErrorCode.REFERENCE_NOT_READABLE
                ? "; check the path given as the reference panel"
                : "; the reference panel must be a VCF (plain, gzip or BGZF) with phased GT calls";
        return new PermedException(code, "reference panel " + exception.getMessage() + advice, details, exception);
    }

    private static ReferencePanel read(VcfReader reader, String name, int maximumSites, long maximumBytes) {
        List<String> samples = reader.header().samples();
        if (samples.isEmpty()) {
            throw new PermedException(SimulateErrorCode.REFERENCE_WITHOUT_SAMPLES,
                    "reference panel " + name + " has no samples, so there are no haplotypes to copy; give a VCF with GT calls",
                    Map.of("file", name));
        }
        int haplotypeCount = 2 * samples.size();
        List<ReferenceSite> sites = new ArrayList<>();
        List<ReferenceContig> contigs = new ArrayList<>();
        Map<String, ContigDefinition> declared = new LinkedHashMap<>();
        for (ContigDefinition definition : reader.header().contigs()) {
            declared.put(definition.name(), definition);
        }
        String currentContig = null;
        int contigFirstSite = 0;
        int contigFirstPosition = 0;
        int contigLastEnd = 0;
        long bytes = 0;
        while (sites.size() < maximumSites && reader.advance()) {
            VcfRecord record = reader.record();
            if (record.kind() != RecordKind.VARIANT) {
                continue;
            }
            String contig = record.contigAsWritten();
            List<String> alternates = record.alternateAlleles();
            Genotypes genotypes = record.genotypes();
            byte[] ploidies = ploidiesUnlessAllDiploid(genotypes.ploidiesView());
            int[] calls = genotypes.alleleIndicesView();
            for (int alternate = 1; alternate <= alternates.size() && sites.size() < maximumSites; alternate++) {
                String alternateAllele = alternates.get(alternate - 1);
                if (!isPlainSequence(alternateAllele)) {
                    continue;
                }
                if (!contig.equals(currentContig)) {
                    if (currentContig != null) {
                        contigs.add(contig(currentContig, declared, contigFirstSite, sites.size(), contigFirstPosition, contigLastEnd));
                    }
                    currentContig = contig;
                    contigFirstSite = sites.size();
                    contigFirstPosition = record.position();
                    contigLastEnd = 0;
                }
                bytes += haplotypeCount + (ploidies == null ? 0 : ploidies.length) + 64;
                if (bytes > maximumBytes) {
                    throw new PermedException(SimulateErrorCode.REFERENCE_TOO_LARGE,
                            "reference panel " + name + " needs more than " + (maximumBytes >> 20) + " MiB for its first " + sites.size()
                                    + " sites of " + samples.size() + " samples; give the JVM more memory (-Xmx), ask for fewer sites, or cut the panel",
                            Map.of("file", name, "line", record.lineNumber()));
                }
                byte[] alleles = new byte[haplotypeCount];
                for (int slot = 0; slot < haplotypeCount; slot++) {
                    int call = calls[slot];
                    alleles[slot] = (byte) (call < 0 ? call : (call == alternate ? 1 : 0));
                }
                String reference = record.referenceAllele();
                byte[] columns = ("\t.\t" + reference + "\t" + alternateAllele + "\t.\tPASS\t.\tGT").getBytes(StandardCharsets.US_ASCII);
                sites.add(new ReferenceSite(contigs.size(), record.position(), reference.length(), columns, alleles, ploidies));
                contigLastEnd = Math.max(contigLastEnd, record.position() + reference.length() - 1);
            }
        }
        if (currentContig != null) {
            contigs.add(contig(currentContig, declared, contigFirstSite, sites.size(), contigFirstPosition, contigLastEnd));
        }
        if (sites.isEmpty()) {
            throw new PermedException(SimulateErrorCode.REFERENCE_WITHOUT_SITES,
                    "reference panel " + name + " has no biallelic sites with sequence alleles (symbolic and * alleles are left out)",
                    Map.of("file", name));
        }
        return new ReferencePanel(name, List.copyOf(samples), List.copyOf(reader.header().contigs()), List.copyOf(contigs),
                List.copyOf(sites));
    }

    private static ReferenceContig contig(String name, Map<String, ContigDefinition> declared, int firstSite, int endSite, int firstPosition,
            int lastEnd) {
        ContigDefinition definition = declared.get(name);
        OptionalLong length = definition == null ? OptionalLong.empty() : definition.length();
        return new ReferenceContig(name, length, firstSite, endSite, firstPosition, lastEnd);
    }

    private static byte[] ploidiesUnlessAllDiploid(byte[] ploidies) {
        for (byte ploidy : ploidies) {
            if (ploidy != 2) {
                return ploidies.clone();
            }
        }
        return null;
    }

    private static boolean isPlainSequence(String allele) {
        if (allele.isEmpty()) {
            return false;
        }
        for (int index = 0; index < allele.length(); index++) {
            char base = allele.charAt(index);
            if (base != 'A' && base != 'C' && base != 'G' && base != 'T' && base != 'N') {
                return false;
            }
        }
        return true;
    }

    /** The file name (without directories). */
    public String fileName() {
        return fileName;
    }

    public List<String> samples() {
        return samples;
    }

    public int haplotypeCount() {
        return 2 * samples.size();
    }

    /** The {@code ##contig} lines of the header, in file order. */
    public List<ContigDefinition> declaredContigs() {
        return declaredContigs;
    }

    /** The contigs with sites, in file order. */
    public List<ReferenceContig> contigs() {
        return contigs;
    }

    public List<ReferenceSite> sites() {
        return sites;
    }
}
