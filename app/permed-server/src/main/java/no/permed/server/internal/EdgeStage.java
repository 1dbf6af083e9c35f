package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.RoutePolicy;
import no.permed.spi.AuditSink;
import no.permed.spi.Authenticator;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The before-stage that every request passes first, in this order:
 * <ol>
 *   <li>request id (header and logging context) and security headers;
 *   <li>HEAD refused (405), a Content-Length over the limit refused (413);
 *   <li>if a route matches: the Authorization header turned into a {@link Principal} (401 on a bad
 *       token, audited), then the route's policy enforced: no policy at all, or a wrong role, is 403
 *       (audited), no token where one is needed is 401;
 *   <li>for routes that document a JSON request body, the Content-Type checked (415).
 * </ol>
 * When no route matches, Javalin answers 404 or 405 afterwards.
 */
public final class EdgeStage implements Handler {
    private static final Logger log = LoggerFactory.getLogger(EdgeStage.class);

    private final Authenticator authenticator;
    private final DenialAudit audit;
    private final ErrorResponder errors;
    private final long maxRequestBytes;
    private final long maxUploadBytes;
    private final EndpointLookup endpoints;

    public EdgeStage(
            Authenticator authenticator,
            AuditSink auditSink,
            ErrorResponder errors,
            long maxRequestBytes,
            long maxUploadBytes,
            EndpointLookup endpoints) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.audit = new DenialAudit(auditSink);
        this.errors = requireNonNull(errors, "errors is null");
        this.maxRequestBytes = maxRequestBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
    }

    @Override
    public void handle(Context context) {
        String requestId = assignRequestId(context);
        SecurityHeaders.apply(context);
        refuseUnservableRequests(context);
        Optional<Endpoint> matched = endpoints.match(context);
        if (matched.isPresent()) {
            enforcePolicy(context, requestId, matched.get());
        }
    }

    private static String assignRequestId(Context context) {
        String requestId = RequestIds.acceptOrGenerate(context.header(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        RequestAttributes.setRequestId(context, requestId);
        context.header(RequestIds.HEADER, requestId);
        return requestId;
    }

    /** HEAD, and bodies announced larger than the limit, are refused before anything else happens. */
    private void refuseUnservableRequests(Context context) {
        if (context.method().equals(HandlerType.HEAD)) {
            throw new PermedException(ServerErrorCode.METHOD_NOT_ALLOWED,
                    "HEAD requests are not served; use GET.", Map.of("allowedMethods", endpoints.allowedMethods(context)));
        }
        String contentType = context.contentType();
        boolean upload = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
        if (context.req().getContentLengthLong() > (upload ? maxUploadBytes : maxRequestBytes)) {
            ErrorBody tooLarge = errors.tooLarge();
            throw new PermedException(ServerErrorCode.BODY_TOO_LARGE, tooLarge.message(), tooLarge.details());
        }
    }

    private void enforcePolicy(Context context, String requestId, Endpoint matched) {
        String method = matched.method.name();
        String template = matched.path;
        RequestAttributes.setRouteTemplate(context, template);
        Principal principal = authenticate(context, requestId, method, template);
        RequestContext requestContext = new RequestContext(principal, requestId);
        RequestAttributes.setRequestContext(context, requestContext);

        PolicedRoute policed = matched.metadata(PolicedRoute.class);
        if (policed == null) {
            log.error("Refused {} {}: the route was registered without a policy (not through Routes); register it with a RoutePolicy",
                    method, template);
            audit.denied(requestContext, method, template, ServerErrorCode.ROUTE_WITHOUT_POLICY.code());
            throw new PermedException(ServerErrorCode.ROUTE_WITHOUT_POLICY,
                    "This route has no access policy, so nobody may call it. This is a fault of the server's configuration; report it to the operator.");
        }
        RoutePolicy policy = policed.route().policy();
        Optional<PermedException> refusal = switch (policy.decide(principal)) {
            case ALLOW -> Optional.empty();
            case AUTHENTICATION_REQUIRED -> Optional.of(new PermedException(ServerErrorCode.AUTHENTICATION_REQUIRED,
                    "This route needs a bearer token: send the header Authorization: Bearer <token>. " + policy.describe()));
            case FORBIDDEN -> {
                audit.denied(requestContext, method, template, ServerErrorCode.FORBIDDEN.code());
                yield Optional.of(new PermedException(ServerErrorCode.FORBIDDEN,
                        "Your roles do not allow this. " + policy.describe(),
                        Map.of("requiredRoles", policy.roleWireNames())));
            }
        };
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (policed.route().doc().requestBody().isPresent()) {
            MediaTypes.requireJson(context.contentType());
        }
        RequestAttributes.setAuthorisedEndpoint(context, matched);
    }

    private Principal authenticate(Context context, String requestId, String method, String template) {
        Optional<String> authorization = Optional.ofNullable(context.header("Authorization"));
        try {
            Principal principal = authenticator.authenticate(authorization);
            if (principal == null) {
                throw new IllegalStateException("the authenticator returned null");
            }
            return principal;
        } catch (PermedException e) {
            if (e.errorCode().kind() == ErrorKind.UNAUTHENTICATED) {
                audit.unauthenticated(requestId, method, template, e.errorCode().code());
            }
            throw e;
        }
    }
}
