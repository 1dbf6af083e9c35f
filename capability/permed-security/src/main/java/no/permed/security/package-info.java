/**
 * The security kernel of permed: bearer-token authentication ({@code token}), the development token
 * issuer, keyed pseudonyms of national identity numbers ({@code pseudonym}), the hash-chained audit
 * log ({@code audit}), care relationships and laboratory links ({@code care}) and the deny-by-default
 * authoriser ({@code authz}), wired by {@link no.permed.security.SecurityModule}. See
 * docs/security.md.
 */
package no.permed.security;
