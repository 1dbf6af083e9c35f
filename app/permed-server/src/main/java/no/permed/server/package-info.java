/**
 * The HTTP edge of permed: {@link no.permed.server.PermedServer} runs Javalin with the routes of
 * every capability's {@link no.permed.server.route.RouteModule}. Every route has an explicit
 * policy (deny by default), every error has one JSON format, every request has an id, and the
 * OpenAPI document is generated from the routes. docs/api.md describes the conventions for callers.
 */
package no.permed.server;
