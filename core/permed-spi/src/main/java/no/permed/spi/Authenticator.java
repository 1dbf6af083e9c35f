package no.permed.spi;

import java.util.Optional;

/** Turns the {@code Authorization} header of a request into a verified {@link Principal}. */
public interface Authenticator {
    /**
     * @param authorizationHeader the header's value, if the request had one
     * @return the anonymous principal when there is no header; otherwise the verified principal
     * @throws no.permed.kernel.PermedException of kind UNAUTHENTICATED when a token is present but
     *     malformed, wrongly signed, expired, for another audience or issuer, or lacks a known role;
     *     the message names the problem without echoing the token
     */
    Principal authenticate(Optional<String> authorizationHeader);
}
