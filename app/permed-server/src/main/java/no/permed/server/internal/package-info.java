/**
 * The server's machinery: the before-stage that authenticates and enforces route policies, error
 * rendering, the access log, the route registry and the built-in routes. Not an API: other modules
 * use {@link no.permed.server.PermedServer} and {@link no.permed.server.route}.
 */
package no.permed.server.internal;
