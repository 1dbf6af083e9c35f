package no.permed.server.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * Writes and reads the kernel's typed identifiers as plain JSON strings ({@code "p1_..."} rather
 * than {@code {"value": "p1_..."}}), validating them on the way in. A {@link NationalId} can be read
 * (a laboratory submits one) but never written: it must not leave the server.
 */
final class KernelTypesModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    KernelTypesModule() {
        super("permed-kernel-types");
        addIdentifier(UserId.class, UserId::of, UserId::value);
        addIdentifier(OrganisationId.class, OrganisationId::of, OrganisationId::value);
        addIdentifier(Pseudonym.class, Pseudonym::of, Pseudonym::value);
        addDeserializer(NationalId.class, new StringDeserializer<>(NationalId.class, NationalId::parse));
        addSerializer(NationalId.class, new NationalIdRefusingSerializer());
    }

    private <T> void addIdentifier(Class<T> type, Function<String, T> parser, Function<T, String> writer) {
        addDeserializer(type, new StringDeserializer<>(type, parser));
        addSerializer(type, new StringSerializer<>(type, writer));
    }

    private static final class StringDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parser;

        StringDeserializer(Class<T> type, Function<String, T> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            return this.parser.apply(parser.getText());
        }
    }

    private static final class StringSerializer<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<T, String> writer;

        StringSerializer(Class<T> type, Function<T, String> writer) {
            super(type);
            this.writer = writer;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(writer.apply(value));
        }
    }

    private static final class NationalIdRefusingSerializer extends StdSerializer<NationalId> {
        private static final long serialVersionUID = 1L;

        NationalIdRefusingSerializer() {
            super(NationalId.class);
        }

        @Override
        public void serialize(NationalId value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            throw new IllegalStateException(
                    "a national identity number must never be written to a response; return its pseudonym instead");
        }
    }
}
