package no.permed.interpretation.variant;

import de.charite.compbio.jannovar.hgvs.HGVSVariant;
import de.charite.compbio.jannovar.hgvs.parser.Antlr4HGVSParser;
import de.charite.compbio.jannovar.hgvs.parser.HGVSLexer;
import de.charite.compbio.jannovar.hgvs.parser.HGVSParser;
import de.charite.compbio.jannovar.hgvs.nts.variant.SingleAlleleNucleotideVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * HGVS text to Jannovar's parse tree ({@code jannovar-hgvs}), with the errors a laboratory can act on.
 *
 * <p>Jannovar's own {@link HGVSParser} prints ANTLR's syntax errors to standard error, stops at the first rule it can
 * complete (so {@code c.100A>G;junk} would pass as {@code c.100A>G}) and meets some bad input with a
 * {@link NullPointerException}. So the text is first run through the same generated lexer and parser with a listener
 * that collects the errors and a check that all input was read; only text that passes that is handed to
 * {@link HGVSParser} to build the variant.
 */
final class HgvsSyntax {
    private static final Pattern TYPE = Pattern.compile("[^:\\s]+(?:\\([^)]*\\))?:([A-Za-z])\\..*");

    private HgvsSyntax() {
    }

    /**
     * Parses one nucleotide variant on one allele ({@code g.}, {@code m.}, {@code c.}, {@code n.}).
     *
     * @throws PermedException with {@link InterpretationErrorCode#HGVS_NOT_SUPPORTED} naming the expression and what is
     *     wrong with it
     */
    static SingleAlleleNucleotideVariant parse(String text) {
        Matcher type = TYPE.matcher(text);
        if (!type.matches()) {
            throw unsupported(text, "HGVS expression '" + text + "' is not of the form SEQUENCE:TYPE.POSITION EDIT"
                    + " (e.g. NC_000017.11:g.43045712G>A or NM_000277.2:c.1222C>T)");
        }
        switch (type.group(1)) {
            case "p" -> throw unsupported(text, "HGVS p. expression '" + text + "' describes a protein change, which several DNA"
                    + " variants can cause; the register keys DNA variants: give the c. or g. expression or CHROM-POS-REF-ALT");
            case "r" -> throw unsupported(text, "HGVS r. expression '" + text + "' describes an RNA change; the register keys DNA"
                    + " variants: give the c. or g. expression or CHROM-POS-REF-ALT");
            case "g", "m", "c", "n" -> {
                // parsed below
            }
            default -> throw unsupported(text, "HGVS expression '" + text + "' has the unknown type '" + type.group(1)
                    + ".'; use g. (genomic) or c. (coding)");
        }
        checkSyntax(text);
        HGVSVariant variant;
        try {
            variant = new HGVSParser().parseHGVSString(text);
        } catch (RuntimeException e) {
            throw unsupported(text, "HGVS expression '" + text + "' could not be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (!(variant instanceof SingleAlleleNucleotideVariant single)) {
            throw unsupported(text, "HGVS expression '" + text + "' names more than one allele; submit each allele on its own");
        }
        return single;
    }

    private static void checkSyntax(String text) {
        List<String> errors = new ArrayList<>();
        BaseErrorListener collector = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String message,
                    RecognitionException e) {
                errors.add("at character " + (column + 1) + ": " + message);
            }
        };
        HGVSLexer lexer = new HGVSLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(collector);
        Antlr4HGVSParser parser = new Antlr4HGVSParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(collector);
        try {
            parser.hgvs_variant();
        } catch (RuntimeException e) {
            if (errors.isEmpty()) {
                errors.add("the grammar has no rule for it (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (errors.isEmpty() && parser.getCurrentToken().getType() != Token.EOF) {
            Token rest = parser.getCurrentToken();
            errors.add("at character " + (rest.getCharPositionInLine() + 1) + ": '" + text.substring(rest.getStartIndex())
                    + "' follows a complete expression");
        }
        if (!errors.isEmpty()) {
            throw unsupported(text, "HGVS expression '" + text + "' is not valid HGVS " + errors.get(0)
                    + " (bases are upper case A, C, G, T; positions whole numbers; e.g. NM_000277.2:c.1222C>T)");
        }
    }

    static PermedException unsupported(String text, String message) {
        return new PermedException(InterpretationErrorCode.HGVS_NOT_SUPPORTED, message, Map.of("field", "hgvs", "value", text));
    }
}
