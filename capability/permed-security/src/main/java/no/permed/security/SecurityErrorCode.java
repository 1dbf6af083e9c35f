package no.permed.security;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * The errors of the security module. The stable code sent to clients is {@code SECURITY_} followed
 * by the constant's name (for example {@code SECURITY_TOKEN_EXPIRED}); the kind decides the HTTP
 * status and CLI exit code. No message of these errors carries a token, a claim value that may be
 * personal, a national identity number or key material.
 */
public enum SecurityErrorCode implements ErrorCode {
    /** A security setting is missing or out of range. */
    INVALID_CONFIGURATION(ErrorKind.BAD_INPUT),

    /** The Authorization header does not use the Bearer scheme. */
    TOKEN_NOT_BEARER(ErrorKind.UNAUTHENTICATED),
    /** The bearer token is not a well-formed signed JWT, or a claim has the wrong type. */
    TOKEN_MALFORMED(ErrorKind.UNAUTHENTICATED),
    /** The token is unsigned ({@code none}), MAC-signed (HS*) or encrypted; only RS256, PS256 and ES256 are accepted. */
    TOKEN_UNSUPPORTED_ALGORITHM(ErrorKind.UNAUTHENTICATED),
    /** No trusted key matches the token, or its signature does not verify. */
    TOKEN_INVALID_SIGNATURE(ErrorKind.UNAUTHENTICATED),
    /** The token's expiry time ({@code exp}) has passed, beyond the allowed clock skew. */
    TOKEN_EXPIRED(ErrorKind.UNAUTHENTICATED),
    /** The token's not-before time ({@code nbf}) is still in the future, beyond the allowed clock skew. */
    TOKEN_NOT_YET_VALID(ErrorKind.UNAUTHENTICATED),
    /** The token's audience ({@code aud}) does not include this server. */
    TOKEN_WRONG_AUDIENCE(ErrorKind.UNAUTHENTICATED),
    /** The token's issuer ({@code iss}) is not trusted by this server. */
    TOKEN_WRONG_ISSUER(ErrorKind.UNAUTHENTICATED),
    /** A patient's token lacks a valid national identity number claim, or carries one this server does not accept. */
    TOKEN_INVALID_NATIONAL_ID(ErrorKind.UNAUTHENTICATED),
    /** The token grants none of the permed roles. */
    NO_KNOWN_ROLE(ErrorKind.UNAUTHENTICATED),
    /** The action needs an authenticated caller, and the request carried no token. */
    AUTHENTICATION_REQUIRED(ErrorKind.UNAUTHENTICATED),
    /** The identity provider's signing keys (JWKS) cannot be fetched right now. */
    KEYS_UNAVAILABLE(ErrorKind.UNAVAILABLE),

    /** The caller may not do this; the denial has been written to the audit log. */
    ACCESS_DENIED(ErrorKind.FORBIDDEN),

    /** The development token issuer was asked for where it must not run (a non-loopback address). */
    DEV_ISSUER_NOT_ALLOWED(ErrorKind.BAD_INPUT),
    /** A development token was asked for with invalid parameters. */
    INVALID_TOKEN_REQUEST(ErrorKind.BAD_INPUT),

    /** A key file can be read or written by users other than its owner. */
    KEY_FILE_UNSAFE(ErrorKind.UNAVAILABLE),
    /** A key file cannot be read, written or parsed. */
    KEY_FILE_INVALID(ErrorKind.UNAVAILABLE),
    /** A pseudonym names a key version that the key file does not hold. */
    UNKNOWN_KEY_VERSION(ErrorKind.BAD_INPUT),
    /** A synthetic test national identity number was given to a server that does not accept them. */
    SYNTHETIC_ID_NOT_ALLOWED(ErrorKind.BAD_INPUT),
    /** A research project id is missing or has characters outside the allowed set. */
    INVALID_PROJECT_ID(ErrorKind.BAD_INPUT),
    /** A pseudonym of the wrong kind was given (a per-project pseudonym where the store's own is needed). */
    INVALID_PSEUDONYM_KIND(ErrorKind.BAD_INPUT),

    /** A stated reason (break-the-glass) is too short, too long or looks like it holds personal data. */
    INVALID_REASON(ErrorKind.BAD_INPUT),
    /** A care relationship or laboratory link request is invalid (for example, it ends in the past). */
    INVALID_CARE_RELATIONSHIP(ErrorKind.BAD_INPUT),
    /** No care relationship has the given id. */
    CARE_RELATIONSHIP_NOT_FOUND(ErrorKind.NOT_FOUND),

    /** The audit log cannot be written or read right now; the audited action did not happen. */
    AUDIT_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** Care relationships or laboratory links cannot be read or written right now; nothing was changed. */
    STORE_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** An access-log query is out of range (for example, a page size above the maximum). */
    INVALID_AUDIT_QUERY(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    SecurityErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "SECURITY_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
