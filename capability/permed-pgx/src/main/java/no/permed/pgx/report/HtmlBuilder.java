package no.permed.pgx.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes XHTML-compatible HTML (polyglot markup: every element closed, attributes quoted, only the five XML entities)
 * into memory. Every text and attribute value passes through {@link #escape(String)}; only fixed markup of this package
 * goes through {@link #raw(String)}. Open elements are tracked, so a wrong close fails at once instead of producing a
 * broken document.
 */
final class HtmlBuilder {
    private final Utf8Buffer out;
    private final Deque<String> open = new ArrayDeque<>();

    HtmlBuilder() {
        this(new Utf8Buffer(16 * 1024));
    }

    /** A builder writing into {@code out} (a buffer reused across documents by one thread). */
    HtmlBuilder(Utf8Buffer out) {
        this.out = out;
    }

    /** Opens an element; {@code attributes} are name/value pairs, values escaped. */
    HtmlBuilder open(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append('>');
        open.push(tag);
        return this;
    }

    /** Closes the innermost open element, which must be {@code tag}. */
    HtmlBuilder close(String tag) {
        String innermost = open.peek();
        if (!tag.equals(innermost)) {
            throw new IllegalStateException("closing <" + tag + "> but the innermost open element is <" + innermost + ">");
        }
        open.pop();
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    HtmlBuilder element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An element without content, written self-closed ({@code <br/>}, {@code <meta .../>}). */
    HtmlBuilder empty(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append("/>");
        return this;
    }

    /** Escaped text. */
    HtmlBuilder text(String text) {
        escapeInto(out, text);
        return this;
    }

    /** Text with its line breaks kept as {@code <br/>}. */
    HtmlBuilder textWithBreaks(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                empty("br");
            }
            text(lines[i]);
        }
        return this;
    }

    /** Fixed markup of this package (doctype, style sheet); never data. */
    HtmlBuilder raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Markup this package rendered earlier with {@link #finishBytes()} (UTF-8). */
    HtmlBuilder raw(byte[] markup) {
        out.append(markup);
        return this;
    }

    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements left open: " + open);
        }
        return out.toString();
    }

    /** Writes the document as UTF-8 to {@code target}, with the same check as {@link #finish()}, without copying it. */
    void finishTo(java.io.OutputStream target) throws java.io.IOException {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements left open: " + open);
        }
        out.writeTo(target);
    }

    /**
     * What was written so far as UTF-8, without the check of {@link #finish()}: for a fixed part of a document (its
     * start, say) whose elements the document closes elsewhere.
     */
    byte[] partBytes() {
        return out.toByteArray();
    }

    /** The document as UTF-8, with the same check as {@link #finish()}. */
    byte[] finishBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements left open: " + open);
        }
        return out.toByteArray();
    }

    private void startTag(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> are not name/value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escapeInto(out, attributes[i + 1]);
            out.append('"');
        }
    }

    /**
     * Escapes {@code & < > " '} and replaces characters that XML 1.0 does not allow (control characters, lone
     * surrogates) by U+FFFD, so that any input string gives well-formed output.
     */
    static String escape(String text) {
        Utf8Buffer s = new Utf8Buffer(text.length() + 16);
        escapeInto(s, text);
        return s.toString();
    }

    /** {@link #escape} straight into {@code s}; text that needs no escaping is appended as it is. */
    private static void escapeInto(Utf8Buffer s, String text) {
        if (plain(text)) {
            s.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        s.append(c, text.charAt(i + 1));
                        i++;
                    } else if (allowedInXml(c)) {
                        s.append(c);
                    } else {
                        s.append('\uFFFD');
                    }
                }
            }
        }
    }

    /** True when no character of {@code text} needs escaping or replacing. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c < 0x20 || c >= 0xD800) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowedInXml(char c) {
        if (Character.isSurrogate(c)) {
            return false;
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
