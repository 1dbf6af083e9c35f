package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;
import no.permed.server.internal.json.JsonBodyReader;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.MultipartBody;
import no.permed.server.route.RegisteredRoute;
import no.permed.spi.RequestContext;

/** {@link ApiRequest} over a Javalin context. One per request; not shared between threads. */
final class JavalinApiRequest implements ApiRequest {
    private final Context context;
    private final RegisteredRoute route;
    private final RequestContext requestContext;
    private final Set<String> pathParameters;
    private final JsonBodyReader bodyReader;
    private final long maxRequestBytes;
    private byte[] body;

    JavalinApiRequest(
            Context context,
            RegisteredRoute route,
            RequestContext requestContext,
            Set<String> pathParameters,
            JsonBodyReader bodyReader,
            long maxRequestBytes) {
        this.context = requireNonNull(context, "context is null");
        this.route = requireNonNull(route, "route is null");
        this.requestContext = requireNonNull(requestContext, "requestContext is null");
        this.pathParameters = Set.copyOf(pathParameters);
        this.bodyReader = requireNonNull(bodyReader, "bodyReader is null");
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public RequestContext requestContext() {
        return requestContext;
    }

    @Override
    public RegisteredRoute route() {
        return route;
    }

    @Override
    public MultipartBody multipart() {
        String contentType = context.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new PermedException(ServerErrorCode.UNSUPPORTED_MEDIA_TYPE, "This endpoint takes multipart/form-data (a form"
                    + " with files), not " + (contentType == null ? "a body without Content-Type" : contentType) + ".",
                    Map.of("expected", "multipart/form-data"));
        }
        List<MultipartBody.Upload> uploads = new java.util.ArrayList<>();
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> field : context.formParamMap().entrySet()) {
                if (field.getValue().isEmpty()) {
                    continue; // Javalin lists file parts here too, without values
                }
                if (field.getValue().size() > 1) {
                    throw new PermedException(ServerErrorCode.INVALID_FIELD, "Form field '" + field.getKey()
                            + "' is given " + field.getValue().size() + " times; give it once.", Map.of("field", field.getKey()));
                }
                fields.put(field.getKey(), field.getValue().get(0));
            }
            for (Map.Entry<String, List<UploadedFile>> entry : context.uploadedFileMap().entrySet()) {
                for (UploadedFile file : entry.getValue()) {
                    String name = file.filename() == null ? "upload" : Path.of(file.filename().replace('\\', '/')).getFileName().toString();
                    Path temporary = Files.createTempFile("permed-upload-", ".part");
                    uploads.add(new MultipartBody.Upload(entry.getKey(), name, temporary, 0));
                    long size;
                    try (InputStream input = file.content()) {
                        size = Files.copy(input, temporary, StandardCopyOption.REPLACE_EXISTING);
                    }
                    uploads.set(uploads.size() - 1, new MultipartBody.Upload(entry.getKey(), name, temporary, size));
                }
            }
            return new MultipartBody(fields, uploads);
        } catch (IOException | RuntimeException failure) {
            new MultipartBody(Map.of(), uploads).close();
            if (failure instanceof PermedException permed) {
                throw permed;
            }
            if (isTooLarge(failure)) {
                throw new PermedException(ServerErrorCode.BODY_TOO_LARGE, "The upload is larger than this server accepts.",
                        Map.of());
            }
            throw new PermedException(ServerErrorCode.BAD_REQUEST, "The multipart body cannot be read ("
                    + failure.getClass().getSimpleName() + "); send a well-formed multipart/form-data body.", Map.of(), failure);
        }
    }

    private static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause instanceof IllegalStateException && (message.contains("max") || message.contains("exceed"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        MediaTypes.requireJson(context.contentType());
        return bodyReader.read(bodyBytes(), type);
    }

    @Override
    public Optional<String> mediaType() {
        return MediaTypes.baseType(context.contentType());
    }

    @Override
    public String bodyText(String mediaType) {
        requireNonNull(mediaType, "mediaType is null");
        String contentType = context.contentType();
        if (!mediaType().orElse("").equals(mediaType) || !MediaTypes.charsetIsUtf8(contentType)) {
            throw new PermedException(ServerErrorCode.UNSUPPORTED_MEDIA_TYPE, "This body must be " + mediaType + " in UTF-8 (header"
                    + " Content-Type: " + mediaType + "; charset=utf-8), not " + (contentType == null ? "a body without Content-Type"
                    : contentType) + ".", Map.of("expected", mediaType));
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bodyBytes())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PermedException(ServerErrorCode.BAD_REQUEST, "The body is not UTF-8 text; send it encoded as UTF-8.",
                    Map.of("expected", mediaType));
        }
    }

    /** Reads the body once, refusing it as soon as it grows past the limit (also when it is streamed without a length). */
    private byte[] bodyBytes() {
        if (body == null) {
            int limit = (int) Math.min(maxRequestBytes, Integer.MAX_VALUE - 8L);
            try (InputStream input = context.bodyInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                long total = 0;
                for (int read = input.read(chunk); read >= 0; read = input.read(chunk)) {
                    total += read;
                    if (total > limit) {
                        throw new PermedException(ServerErrorCode.BODY_TOO_LARGE,
                                "The request body is larger than this server accepts (" + maxRequestBytes + " bytes). Send a smaller body.",
                                Map.of("maxBytes", maxRequestBytes));
                    }
                    buffer.write(chunk, 0, read);
                }
                body = buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the request body failed", e);
            }
        }
        return body;
    }

    @Override
    public String pathParameter(String name) {
        if (!pathParameters.contains(name)) {
            throw new IllegalArgumentException("route " + route.display() + " has no path parameter {" + name + "}");
        }
        return context.pathParam(name);
    }

    @Override
    public <T> T pathParameter(String name, Function<String, T> parser) {
        return parse("path parameter", name, pathParameter(name), parser);
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters(name);
        if (values.size() > 1) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                    "Query parameter '" + name + "' may be given once, but was given " + values.size() + " times.",
                    Map.of("parameter", name));
        }
        return values.stream().findFirst();
    }

    @Override
    public <T> Optional<T> queryParameter(String name, Function<String, T> parser) {
        return queryParameter(name).map(value -> parse("query parameter", name, value, parser));
    }

    @Override
    public List<String> queryParameters(String name) {
        requireNonNull(name, "name is null");
        return List.copyOf(context.queryParams(name));
    }

    @Override
    public String clientAddress() {
        String address = context.req().getRemoteAddr();
        return address == null || address.isBlank() ? "unknown" : address;
    }

    @Override
    public Optional<String> header(String name) {
        requireNonNull(name, "name is null");
        if (name.equalsIgnoreCase("Authorization")) {
            throw new IllegalArgumentException("handlers do not read the Authorization header; use principal()");
        }
        return Optional.ofNullable(context.header(name));
    }

    private static <T> T parse(String kind, String name, String value, Function<String, T> parser) {
        try {
            T parsed = parser.apply(value);
            if (parsed == null) {
                throw new IllegalArgumentException("it has no value");
            }
            return parsed;
        } catch (PermedException e) {
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("parameter", name);
            throw new PermedException(e.errorCode(), capitalised(kind) + " '" + name + "': " + e.getMessage(), details, e);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? "it is not valid" : e.getMessage();
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                    capitalised(kind) + " '" + name + "' is not valid: " + reason + ".",
                    Map.of("parameter", name), e);
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
