/**
 * What a capability needs to offer HTTP routes: a {@link no.permed.server.route.RouteModule}
 * registers each route through {@link no.permed.server.route.Routes} with a
 * {@link no.permed.server.route.RoutePolicy} and a {@link no.permed.server.route.RouteDoc}; its
 * {@link no.permed.server.route.RouteHandler} reads an {@link no.permed.server.route.ApiRequest} and
 * returns an {@link no.permed.server.route.ApiResponse}.
 */
package no.permed.server.route;
